//! `ingest FILE [-o OUT]`: converts an official report text into the report JSON.
//! Thin on purpose: argument parsing and I/O here, everything else in the library.

use std::process::ExitCode;

const USAGE: &str = "usage: ingest FILE.txt [-o OUT.json] [--charts CHARTS.json]\n\
    Converts a 法治政府建设年度报告 text (UTF-8) into the reader's JSON (stdout unless -o).\n\
    The key figures and charts come from CHARTS.json, or from FILE.charts.json beside the text.";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("ingest: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut input = None;
    let mut output = None;
    let mut charts = None;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" | "--output" => {
                output = Some(it.next().ok_or("-o needs a file name")?);
            }
            "--charts" => {
                charts = Some(it.next().ok_or("--charts needs a file name")?);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ if a.starts_with('-') => return Err(format!("unknown option {a}\n{USAGE}")),
            _ if input.is_none() => input = Some(a),
            _ => return Err(format!("unexpected argument {a}\n{USAGE}")),
        }
    }
    let input = input.ok_or(USAGE)?;
    let bytes = std::fs::read(&input).map_err(|e| format!("{input}: {e}"))?;
    let mut report =
        fazhi_core::ingest::parse_bytes(&bytes).map_err(|e| format!("{input}: {e}"))?;
    let beside = std::path::Path::new(&input).with_extension("charts.json");
    let charts = charts.or_else(|| beside.exists().then(|| beside.display().to_string()));
    if let Some(path) = charts {
        let side = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        fazhi_core::ingest::attach_indicators(&mut report, &side)
            .map_err(|e| format!("{path}: {e}"))?;
    }
    let mut json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    json.push('\n');
    match output {
        Some(path) => std::fs::write(&path, json).map_err(|e| format!("{path}: {e}")),
        None => {
            print!("{json}");
            Ok(())
        }
    }
}
