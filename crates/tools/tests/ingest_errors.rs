//! Bad input gets a clear error in Chinese that names the line and column and says what was
//! expected, from the library and from the `ingest` binary (non-zero exit, message on stderr),
//! and never a panic. What is only unusual is a warning, and the report is still made.

use fazhi_core::ingest::{convert, parse, Converted, IngestError, Limits, Source};
use std::path::PathBuf;
use std::process::{Command, Output};

fn error(line: usize, column: usize, message: &str) -> IngestError {
    IngestError {
        line,
        column,
        message: message.to_string(),
        part: None,
        paragraph: None,
    }
}

fn convert_bytes(bytes: &[u8]) -> Result<Converted, IngestError> {
    let src = Source {
        bytes,
        ..Source::default()
    };
    convert(&src, &Limits::default())
}

const EMPTY: &str = "文件是空的：应为一份有标题和章节（一、……）的报告原文";
const CONTROL: &str = "出现控制字符 U+0000：这看起来是二进制数据，不是报告的文本";
const SAVE_AS: &str = "能读取的格式：纯文本 .txt（UTF-8、GBK/GB18030 或 UTF-16 编码均可）、Word 2007 及以后的 .docx、从政府网站另存的网页 .html/.htm。请在 Word 或 WPS 中用“另存为”保存为 .docx 或“纯文本(.txt)”后再打开";

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
    let should_be = error(1, 1, CONTROL);
    assert_eq!(convert_bytes(src).unwrap_err(), should_be);
}

#[test]
fn nul_bytes_later_in_a_text() {
    let src = "某县报告\n一、工作\n收到\u{0}申请";
    let should_be = error(3, 3, CONTROL);
    assert_eq!(parse(src).unwrap_err(), should_be);
}

#[test]
fn legacy_formats_say_what_is_read_and_how_to_save_as_it() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let cases: &[(&[u8], Option<&str>, &str)] = &[
        (&ole, Some("报告.doc"), "Word 97-2003 的 .doc 文件"),
        (&ole, None, "Word 97-2003 的 .doc 文件"),
        (&ole, Some("报告.wps"), "WPS 文字的 .wps 文件"),
        (b"%PDF-1.7\n%\xE2\xE3", Some("报告.pdf"), "PDF 文件"),
        (b"%PDF-1.4\n", Some("report.txt"), "PDF 文件"),
    ];
    for (bytes, name, what) in cases {
        let src = Source {
            bytes,
            file_name: *name,
            title: None,
        };
        let should_be = error(1, 1, &format!("这是{what}，无法直接读取。{SAVE_AS}"));
        assert_eq!(
            convert(&src, &Limits::default()).unwrap_err(),
            should_be,
            "{name:?}"
        );
    }
}

#[test]
fn no_numbered_line_at_all() {
    let src = "某县人民政府关于2022年法治政府建设情况的报告\n\n我县坚持依法行政。\n继续努力。\n";
    let should_be = error(
        3,
        1,
        "没有找到以“一、”“二、”……编号的章节；正文开头是“我县坚持依法行政。”",
    );
    assert_eq!(parse(src).unwrap_err(), should_be);
}

#[test]
fn errors_display_with_their_place_in_chinese() {
    let e = parse("").unwrap_err();
    assert_eq!(e.to_string(), format!("第 1 行第 1 列：{EMPTY}"));
    let in_docx = IngestError {
        part: Some("word/document.xml".into()),
        paragraph: Some(3),
        ..error(3, 5, "某事")
    };
    assert_eq!(
        in_docx.to_string(),
        "word/document.xml 第 3 段第 5 字：某事"
    );
}

#[test]
fn every_limit_is_enforced_with_a_message_that_names_it() {
    let text = "某县人民政府关于2022年法治政府建设情况的报告\n一、工作\n收到申请3件，办结2件。\n二、打算\n继续努力。\n";
    let limited = |l: Limits| {
        let src = Source {
            bytes: text.as_bytes(),
            ..Source::default()
        };
        convert(&src, &l)
    };
    assert!(limited(Limits::default()).is_ok());
    let cases = [
        (
            Limits {
                max_bytes: 100,
                ..Limits::default()
            },
            (1, "超过了 100 字节（1 KB）的上限"),
        ),
        (
            Limits {
                max_lines: 3,
                ..Limits::default()
            },
            (4, "文本超过 3 行的上限"),
        ),
        (
            Limits {
                max_blocks: 3,
                ..Limits::default()
            },
            (5, "正文超过 3 个段落和条目的上限"),
        ),
        (
            Limits {
                max_facts: 1,
                ..Limits::default()
            },
            (3, "数字超过 1 个的上限"),
        ),
    ];
    for (limits, (line, says)) in cases {
        let e = limited(limits).unwrap_err();
        assert_eq!(e.line, line, "{e}");
        assert!(e.message.contains(says), "{e}");
    }
}

#[test]
fn a_text_without_a_title_line_is_read_with_a_warning() {
    let text = "现将有关情况报告如下：\n2021年，我区坚持依法行政。\n一、主要工作\n收到申请3件。\n";
    let with = |file_name: Option<&str>, title: Option<&str>| {
        let src = Source {
            bytes: text.as_bytes(),
            file_name,
            title,
        };
        convert(&src, &Limits::default()).unwrap()
    };
    let c = with(
        Some("/tmp/深圳市某区人民政府关于2021年度法治政府建设情况的报告_2022.txt"),
        None,
    );
    assert_eq!(
        c.report.meta.title,
        "深圳市某区人民政府关于2021年度法治政府建设情况的报告"
    );
    assert_eq!(c.report.meta.issuer.as_deref(), Some("深圳市某区人民政府"));
    assert_eq!(c.report.meta.year, Some(2021));
    assert_eq!(c.warnings.len(), 1);
    assert_eq!(
        c.warnings[0].to_string(),
        "第 1 行第 1 列：正文前没有标题行（正文以“现将有关情况报告如下：”开头），标题取自文件名：“深圳市某区人民政府关于2021年度法治政府建设情况的报告”"
    );
    let c = with(Some("report.txt"), Some("某区2021年法治政府建设年度报告"));
    assert_eq!(c.report.meta.title, "某区2021年法治政府建设年度报告");
    assert!(c.warnings.is_empty());
    let c = with(Some("report (1).txt"), None);
    assert_eq!(c.report.meta.title, "");
    assert!(c.warnings[0].message.contains("标题留空"));
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
fn fails_with(name: &str, bytes: &[u8], extra: &[&str]) -> String {
    let file = Scratch::new(name, bytes);
    let mut args = vec![file.0.as_os_str()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    let out = ingest(&args);
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
    let many = "某县报告\n一、工作\n".repeat(100);
    let cases: &[(&str, &[u8], &[&str], &str)] = &[
        ("empty.txt", b"", &[], "第 1 行第 1 列：文件是空的"),
        (
            "nul.txt",
            b"\x00\x01\x02abc",
            &[],
            "第 1 行第 1 列：出现控制字符 U+0000",
        ),
        (
            "no-chapters.txt",
            "某县人民政府关于2022年法治政府建设情况的报告\n我县坚持依法行政。".as_bytes(),
            &[],
            "第 2 行第 1 列：没有找到以“一、”“二、”……编号的章节",
        ),
        (
            "big.txt",
            many.as_bytes(),
            &["--max-bytes", "1000"],
            "超过了 1000 字节（1 KB）的上限",
        ),
        (
            "long.txt",
            many.as_bytes(),
            &["--max-lines", "50"],
            "第 51 行第 1 列：文本超过 50 行的上限",
        ),
        (
            "old.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            &[],
            "这是Word 97-2003 的 .doc 文件",
        ),
    ];
    for (name, bytes, extra, should_contain) in cases {
        let stderr = fails_with(name, bytes, extra);
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
    let out = ingest(&["x.txt".as_ref(), "--max-lines".as_ref(), "many".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-lines needs a whole number"));
    let out = ingest(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: ingest"));
}

#[test]
fn binary_documents_its_limits() {
    let out = ingest(&["--help".as_ref()]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for l in [
        "--max-bytes N",
        "(default 8388608 = 8 MiB)",
        "--max-lines N",
        "--max-blocks N",
        "--max-facts N",
        "--title TITLE",
        "--warnings N",
    ] {
        assert!(help.contains(l), "{l} missing from --help:\n{help}");
    }
}

#[test]
fn binary_prints_warnings_and_takes_a_title() {
    let text = "各位代表：\n现在，我代表区人民政府向大会报告工作。\n一、主要工作\n收到申请3件。\n";
    let file = Scratch::new("untitled.txt", text.as_bytes());
    let out = ingest(&[file.0.as_os_str()]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("untitled.txt: 警告：第 1 行第 1 列：正文前没有标题行"),
        "{stderr}"
    );
    let report: fazhi_core::model::Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.meta.title, "");
    let out = ingest(&[
        file.0.as_os_str(),
        "--title".as_ref(),
        "某区2023年政府工作报告".as_ref(),
    ]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: fazhi_core::model::Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.meta.title, "某区2023年政府工作报告");
    assert_eq!(report.meta.year, Some(2023));
}

/// A wrong or odd file can give hundreds of warnings (516 for an 8 MB text): the first 20 are
/// listed, the rest counted, and `--warnings N` lists more.
#[test]
fn binary_lists_the_first_warnings_and_counts_the_rest() {
    // Every chapter after the first repeats "一、": one warning each.
    let text = format!(
        "某县人民政府关于2022年法治政府建设情况的报告\n{}",
        "一、工作\n收到申请3件。\n".repeat(101)
    );
    let file = Scratch::new("repeats.txt", text.as_bytes());
    let out = ingest(&[file.0.as_os_str()]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 21, "{stderr}");
    assert!(lines[..20]
        .iter()
        .all(|l| l.contains("警告：第 ") && l.contains("编号重复")));
    assert!(
        lines[20].ends_with("repeats.txt: 另有 80 条警告"),
        "{}",
        lines[20]
    );
    let out = ingest(&[file.0.as_os_str(), "--warnings".as_ref(), "1000".as_ref()]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 100, "{stderr}");
    assert!(!stderr.contains("另有"));
    let out = ingest(&[file.0.as_os_str(), "--warnings".as_ref(), "0".as_ref()]);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("ingest: {}: 另有 100 条警告\n", file.0.display())
    );
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
    assert!(out.stderr.is_empty(), "the seed gives no warning");
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
