//! Packaging what `trunk build` wrote: finds the reports in the folder and writes the hosted
//! `index.html`, its start-up script and one offline file per report. The page transformations
//! themselves are pure functions in `fazhi_core::page`; this module does the I/O.

use fazhi_core::model::{Report, FORMAT};
use fazhi_core::page::codec::{hex, sha256};
use fazhi_core::page::{hosted_page, offline_page, page_err, Bundled, PackageError};
use std::path::{Path, PathBuf};

/// Reads the reports in `dist`: every `*.json` whose `format` is [`FORMAT`], with its `.txt`.
pub fn find_reports(dist: &Path) -> Result<Vec<Bundled>, PackageError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PackageError::Io { path, source }
    };
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .map_err(io(dist))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for file in names {
        let path = dist.join(&file);
        let json = std::fs::read_to_string(&path).map_err(io(&path))?;
        let is_report = serde_json::from_str::<serde_json::Value>(&json)
            .ok()
            .and_then(|v| v.get("format").and_then(|f| f.as_str()).map(str::to_string))
            .is_some_and(|f| f == FORMAT);
        if !is_report {
            continue;
        }
        let report: Report = serde_json::from_str(&json).map_err(|e| PackageError::Report {
            file: file.clone(),
            detail: e.to_string(),
        })?;
        let mut b = Bundled {
            file,
            json,
            report,
            text_file: None,
            text_sha256: None,
        };
        let txt = format!("{}.txt", b.stem());
        if let Ok(bytes) = std::fs::read(dist.join(&txt)) {
            b.text_sha256 = Some(hex(&sha256(&bytes)));
            b.text_file = Some(txt);
        }
        out.push(b);
    }
    Ok(out)
}

/// What [`run`] wrote.
#[derive(Debug, Default)]
pub struct Written {
    /// Files written, with their sizes in bytes.
    pub files: Vec<(PathBuf, usize)>,
}

/// Packages the folder Trunk built: rewrites `index.html` (pre-rendering `default_report`, or
/// the only report there is) and writes `start-<hash>.js` and one offline `<report>.html` per
/// report.
pub fn run(dist: &Path, default_report: Option<&str>) -> Result<Written, PackageError> {
    let index_path = dist.join("index.html");
    let page = std::fs::read_to_string(&index_path).map_err(|source| PackageError::Io {
        path: index_path.clone(),
        source,
    })?;
    let reports = find_reports(dist)?;
    let default = match default_report {
        Some(name) => reports
            .iter()
            .find(|r| r.file == name || r.stem() == name)
            .ok_or_else(|| {
                PackageError::Usage(format!("no report {name} in {}", dist.display()))
            })?,
        None => match reports.as_slice() {
            [one] => one,
            [] => {
                return Err(PackageError::Usage(format!(
                    "no {FORMAT} report JSON in {}",
                    dist.display()
                )))
            }
            _ => {
                return Err(PackageError::Usage(format!(
                    "several reports in {}: name the one index.html shows with --report",
                    dist.display()
                )))
            }
        },
    };
    let read = |name: &str| -> Result<Vec<u8>, PackageError> {
        let clean = name.trim_start_matches("./");
        if clean.contains("..") || clean.starts_with('/') || clean.contains("://") {
            return Err(page_err(name, "not a file beside index.html"));
        }
        let path = dist.join(clean);
        std::fs::read(&path).map_err(|source| PackageError::Io { path, source })
    };
    // Everything is computed before anything is written, so a failure leaves the folder as
    // Trunk wrote it.
    let hosted = hosted_page(&page, default)?;
    let mut outputs: Vec<(PathBuf, String)> = Vec::new();
    for r in &reports {
        outputs.push((
            dist.join(format!("{}.html", r.stem())),
            offline_page(&page, &read, r)?,
        ));
    }
    for (name, body) in hosted.files {
        outputs.push((dist.join(name), body));
    }
    outputs.push((index_path, hosted.html));
    let mut written = Written::default();
    for (path, body) in outputs {
        std::fs::write(&path, &body).map_err(|source| PackageError::Io {
            path: path.clone(),
            source,
        })?;
        written.files.push((path, body.len()));
    }
    Ok(written)
}
