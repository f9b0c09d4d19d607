//! `ingest FILE [-o OUT]`: converts an official report (text, .docx or saved web page) into the
//! report JSON. Thin on purpose: argument parsing and I/O here, everything else in the library.

use fazhi_core::ingest::{
    attach_indicators, convert, to_json, warning_lines, Limits, Source, SHOWN_WARNINGS,
};
use std::io::Read;
use std::process::ExitCode;

fn usage() -> String {
    let d = Limits::default();
    format!(
        "usage: ingest FILE [-o OUT.json] [--charts CHARTS.json] [--title TITLE] [--max-bytes N]
              [--max-lines N] [--max-blocks N] [--max-facts N] [--warnings N]
Converts a 法治政府建设年度报告 (or a 政府工作报告 of the same build) into the reader's JSON
(stdout unless -o). FILE is a .txt (UTF-8, GBK/GB18030 or UTF-16 with a byte-order mark), a
Word .docx or a web page saved from a portal (.html/.htm); `-` reads standard input.
The key figures and charts come from CHARTS.json, or from FILE.charts.json beside the file.
A text without a title line takes its title from --title, else from the file's name.
Warnings (what the converter had to guess) go to stderr, the first {} of them and then how
many more (--warnings N lists N); the JSON is still written.

Limits (a wrong file is refused before it costs memory; raise them for an unusual report):
  --max-bytes N   size of the file as given        (default {} = {} MiB)
  --max-lines N   lines (paragraphs) of the text    (default {})
  --max-blocks N  chapters, sections, items, paragraphs and points (default {})
  --max-facts N   figures found in the body         (default {})",
        SHOWN_WARNINGS,
        d.max_bytes,
        d.max_bytes / (1024 * 1024),
        d.max_lines,
        d.max_blocks,
        d.max_facts
    )
}

fn main() -> ExitCode {
    fazhi_tools::main_of("ingest", run)
}

/// What the command line asked for.
#[derive(Default)]
struct Args {
    input: Option<String>,
    output: Option<String>,
    charts: Option<String>,
    title: Option<String>,
    limits: Limits,
    /// How many warnings to list.
    warnings: usize,
}

fn parse_args(args: Vec<String>) -> Result<Option<Args>, String> {
    let mut a = Args {
        warnings: SHOWN_WARNINGS,
        ..Args::default()
    };
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        let mut number = |name: &str| -> Result<usize, String> {
            let v = value(name)?;
            v.parse()
                .map_err(|_| format!("{name} needs a whole number, not {v:?}"))
        };
        match arg.as_str() {
            "-o" | "--output" => a.output = Some(value("-o")?),
            "--charts" => a.charts = Some(value("--charts")?),
            "--title" => a.title = Some(value("--title")?),
            "--max-bytes" => a.limits.max_bytes = number("--max-bytes")?,
            "--max-lines" => a.limits.max_lines = number("--max-lines")?,
            "--max-blocks" => a.limits.max_blocks = number("--max-blocks")?,
            "--max-facts" => a.limits.max_facts = number("--max-facts")?,
            "--warnings" => a.warnings = number("--warnings")?,
            "-h" | "--help" => return Ok(None),
            "-" if a.input.is_none() => a.input = Some(arg),
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}\n{}", usage())),
            _ if a.input.is_none() => a.input = Some(arg),
            _ => return Err(format!("unexpected argument {arg}\n{}", usage())),
        }
    }
    Ok(Some(a))
}

/// The file's bytes, or standard input's for `-`; no more than the limit plus one byte, so that
/// a huge input is refused by the converter's size check without being read whole.
fn read_input(input: &str, max_bytes: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let cap = max_bytes.saturating_add(1) as u64;
    let read = if input == "-" {
        std::io::stdin().take(cap).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(input).and_then(|f| f.take(cap).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("{input}: {e}"))?;
    Ok(bytes)
}

fn run(args: Vec<String>) -> Result<(), String> {
    let Some(args) = parse_args(args)? else {
        println!("{}", usage());
        return Ok(());
    };
    let input = args.input.ok_or_else(usage)?;
    let bytes = read_input(&input, args.limits.max_bytes)?;
    let src = Source {
        bytes: &bytes,
        file_name: (input != "-").then_some(input.as_str()),
        title: args.title.as_deref(),
    };
    let converted = convert(&src, &args.limits).map_err(|e| format!("{input}: {e}"))?;
    let listed = converted.warnings.len().min(args.warnings);
    for (i, line) in warning_lines(&converted.warnings, args.warnings)
        .iter()
        .enumerate()
    {
        // The last line may be the count of the rest, which is not itself a warning.
        let tag = if i < listed { "警告：" } else { "" };
        eprintln!("ingest: {input}: {tag}{line}");
    }
    let mut report = converted.report;
    let beside = std::path::Path::new(&input).with_extension("charts.json");
    let charts = args
        .charts
        .or_else(|| (input != "-" && beside.exists()).then(|| beside.display().to_string()));
    if let Some(path) = charts {
        let side = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        attach_indicators(&mut report, &side).map_err(|e| format!("{path}: {e}"))?;
    }
    let json = to_json(&report);
    match args.output {
        Some(path) => std::fs::write(&path, json).map_err(|e| format!("{path}: {e}")),
        None => {
            print!("{json}");
            Ok(())
        }
    }
}
