//! Bad input gets a clear error that names the line and column and says what was expected,
//! from the library and from the `ingest` binary (non-zero exit, message on stderr), and never
//! a panic.

use fazhi_core::ingest::{parse, parse_bytes, IngestError};
use std::path::PathBuf;
use std::process::{Command, Output};

fn error(line: usize, column: usize, message: &str) -> IngestError {
    IngestError {
        line,
        column,
        message: message.to_string(),
    }
}

const EMPTY: &str = "the file is empty: expected a report text with a title and chapters (一、…)";
const GBK_HINT: &str =
    "the file may be in GBK/GB18030: convert it to UTF-8 (e.g. `iconv -f GB18030 -t UTF-8`)";

#[test]
fn empty_file() {
    let src = "";
    let should_be = error(1, 1, EMPTY);
    assert_eq!(parse(src).unwrap_err(), should_be);
}

#[test]
fn only_blank_lines() {
    let src = "  \r\n\u{3000}\u{a0}\n\t\n\u{feff}";
    let should_be = error(1, 1, EMPTY);
    assert_eq!(parse(src).unwrap_err(), should_be);
}

#[test]
fn nul_bytes_in_valid_utf8() {
    let src = b"\x00\x01\x02abc";
    let should_be = error(
        1,
        1,
        "expected text, found control character U+0000: this looks like binary data",
    );
    assert_eq!(parse_bytes(src).unwrap_err(), should_be);
}

#[test]
fn nul_bytes_later_in_a_text() {
    let src = "某县报告\n一、工作\n收到\u{0}申请";
    let should_be = error(
        3,
        3,
        "expected text, found control character U+0000: this looks like binary data",
    );
    assert_eq!(parse(src).unwrap_err(), should_be);
}

#[test]
fn binary_data() {
    let src = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    let should_be = error(
        1,
        1,
        "expected UTF-8 text, found byte 0x89; this looks like binary data, not a report text",
    );
    assert_eq!(parse_bytes(src).unwrap_err(), should_be);
}

#[test]
fn gbk_bytes() {
    // "商城县" in GBK.
    let src = [0xC9, 0xCC, 0xB3, 0xC7, 0xCF, 0xD8];
    let should_be = error(
        1,
        1,
        &format!("expected UTF-8 text, found byte 0xC9; {GBK_HINT}"),
    );
    assert_eq!(parse_bytes(&src).unwrap_err(), should_be);
}

#[test]
fn gbk_bytes_after_some_utf8() {
    let mut src = "标题\nab".as_bytes().to_vec();
    src.extend([0xC9, 0xCC, 0xB3, 0xC7, 0xCF, 0xD8]);
    let should_be = error(
        2,
        3,
        &format!("expected UTF-8 text, found byte 0xC9; {GBK_HINT}"),
    );
    assert_eq!(parse_bytes(&src).unwrap_err(), should_be);
}

#[test]
fn utf16_is_not_taken_for_gbk() {
    // "商城" in UTF-16LE with its byte-order mark.
    let src = [0xFF, 0xFE, 0x46, 0x55, 0xCE, 0x57];
    let should_be = error(
        1,
        1,
        "expected UTF-8 text, found byte 0xFF; the file is UTF-16: convert it to UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`)",
    );
    assert_eq!(parse_bytes(&src).unwrap_err(), should_be);
}

#[test]
fn no_chapters() {
    let src = "某县人民政府关于2022年法治政府建设情况的报告\n\n我县坚持依法行政。\n继续努力。\n";
    let should_be = error(
        3,
        1,
        "expected chapters numbered \"一、\", \"二、\" … but found none; the body starts with \"我县坚持依法行政。\"",
    );
    assert_eq!(parse(src).unwrap_err(), should_be);
}

#[test]
fn no_title() {
    let src = "一、工作\n收到申请3件。";
    let should_be = error(
        1,
        1,
        "expected the report's title (a short line such as \"…关于2022年法治政府建设情况的报告\") before the body, found \"一、工作\"",
    );
    assert_eq!(parse(src).unwrap_err(), should_be);
}

#[test]
fn errors_display_with_their_place() {
    let e = parse("").unwrap_err();
    assert_eq!(e.to_string(), format!("line 1, column 1: {EMPTY}"));
}

// The binary.

/// A scratch file with `bytes`, unique to this test process and removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, bytes: &[u8]) -> Scratch {
        let path =
            std::env::temp_dir().join(format!("fazhi-ingest-errors-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn ingest(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ingest"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs the binary on `bytes` and returns its stderr, asserting a clean failure.
fn fails_with(name: &str, bytes: &[u8]) -> String {
    let file = Scratch::new(name, bytes);
    let out = ingest(&[file.0.as_os_str()]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success(), "{name}: exit code 0");
    assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
    assert!(out.stdout.is_empty(), "{name}: wrote to stdout");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert!(stderr.starts_with("ingest: "), "{name}: {stderr}");
    stderr
}

#[test]
fn binary_refuses_bad_files_with_the_place_on_stderr() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty.txt", b"", "line 1, column 1: the file is empty"),
        (
            "nul.txt",
            b"\x00\x01\x02abc",
            "line 1, column 1: expected text, found control character U+0000",
        ),
        (
            "png.txt",
            b"\x89PNG\r\n\x1a\n\x00",
            "line 1, column 1: expected UTF-8 text, found byte 0x89",
        ),
        (
            "gbk.txt",
            &[0xC9, 0xCC, 0xB3, 0xC7, 0xCF, 0xD8],
            "line 1, column 1: expected UTF-8 text, found byte 0xC9; the file may be in GBK",
        ),
        (
            "no-chapters.txt",
            "某县人民政府关于2022年法治政府建设情况的报告\n我县坚持依法行政。".as_bytes(),
            "line 2, column 1: expected chapters numbered",
        ),
    ];
    for (name, bytes, should_contain) in cases {
        let stderr = fails_with(name, bytes);
        assert!(stderr.contains(name), "{name}: {stderr}");
        assert!(stderr.contains(should_contain), "{name}: {stderr}");
    }
}

#[test]
fn binary_refuses_a_missing_file_and_bad_arguments() {
    let out = ingest(&["/nonexistent/report.txt".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/report.txt"));
    let out = ingest(&["--bogus".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown option --bogus"));
    let out = ingest(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: ingest"));
}

#[test]
fn binary_converts_the_seed() {
    let seed = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("seeds/shangcheng-2022.txt");
    let out = ingest(&[seed.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: fazhi_core::model::Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.format, fazhi_core::model::FORMAT);
    assert!(!report.facts.is_empty());

    let json = Scratch::new("seed.json", b"");
    let out = ingest(&[seed.as_os_str(), "-o".as_ref(), json.0.as_os_str()]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read(&json.0).unwrap(),
        ingest(&[seed.as_os_str()]).stdout
    );
}
