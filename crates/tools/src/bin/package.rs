//! `package [DIR] [--report NAME]`: packages what `trunk build` wrote (see
//! `fazhi_tools::package`). Trunk runs it as a post-build hook (Trunk.toml) on its staging
//! folder, named by `TRUNK_STAGING_DIR`; by hand it defaults to `dist`.
//! Thin on purpose: argument parsing and messages here, everything else in the library.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: package [DIR] [--report NAME.json]\n\
    Rewrites DIR/index.html (from `trunk build`) for a strict Content-Security-Policy with the\n\
    report pre-rendered in it, gives the worker and the editor's desk content-hashed names, and\n\
    writes one offline NAME.html per report JSON in DIR, the asset manifest assets.json and\n\
    reports.json, the listing of DIR's reports. Run again on a DIR it has packaged, it writes\n\
    reports.json and the offline files again (a report JSON added) and leaves index.html.\n\
    DIR defaults to $TRUNK_STAGING_DIR, then to dist. --report picks the report index.html\n\
    shows when DIR holds several.";

fn main() -> ExitCode {
    fazhi_tools::main_of("package", run)
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut dir = None;
    let mut report = None;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--report" => report = Some(it.next().ok_or("--report needs a file name")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ if a.starts_with('-') => return Err(format!("unknown option {a}\n{USAGE}")),
            _ if dir.is_none() => dir = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a}\n{USAGE}")),
        }
    }
    let dir = dir
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("dist"));
    let written = fazhi_tools::package::run(&dir, report.as_deref()).map_err(|e| e.to_string())?;
    for (path, size) in written.files {
        println!("package: wrote {} ({size} bytes)", path.display());
    }
    Ok(())
}
