//! Packaging what `trunk build` wrote (a Trunk post-build hook), so the reader ships
//! everywhere:
//!
//! * **Any static host under a strict CSP, with a first paint:** the hosted `index.html`
//!   ([`hosted`]): Trunk's inline start-up moved to a file, the report pre-rendered in it.
//! * **A worker that caches safely:** Trunk names worker files by their bin, not their content;
//!   they get content-hashed names and the page names them ([`trunk::worker`]).
//! * **One file that opens offline** per report in the folder, `<report>.html`, written by
//!   `fazhi_core::page::offline_page` from the built assets.
//! * **`assets.json`**, the [`Manifest`] of those assets, so a writer in the browser can fetch
//!   them and make the same offline file.
//! * **The editor's desk**, when the build has one: its files under content-hashed names,
//!   started by the start-up script under `?edit` only ([`trunk::desk`]).
//! * **`reports.json`**, the [`Listing`] of every report in the folder, for the reader's report
//!   switcher. Run again on a folder packaged already, `package` writes it and the offline
//!   files again ([`refresh`]): how a deployed site takes next year's report.
//!
//! The transformations are pure functions over strings; [`run`] does the I/O.

pub mod hosted;
pub mod html;
pub mod trunk;

use fazhi_core::model::{Report, FORMAT};
use fazhi_core::page::codec::{base64, hex, sha256};
use fazhi_core::page::REPORTS_FILE;
use fazhi_core::page::{offline_page, Content, Listed, Listing, Manifest, MANIFEST_FILE};
use std::path::{Path, PathBuf};

/// Why packaging failed. Every message names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: {source}")]
    Html {
        file: String,
        source: html::HtmlError,
    },
    #[error("{file}: {message}")]
    Page { file: String, message: String },
    #[error("{file}: not a valid {FORMAT} report: {detail}")]
    Report { file: String, detail: String },
    #[error("{0}")]
    Usage(String),
}

pub fn page_err(file: &str, message: impl Into<String>) -> PackageError {
    PackageError::Page {
        file: file.to_string(),
        message: message.into(),
    }
}

/// Reads a file of the built folder by its name relative to the page.
pub type Read<'a> = dyn Fn(&str) -> Result<Vec<u8>, PackageError> + 'a;

/// Content-hashed name and SRI value of a file the packager writes, e.g. `start-1a2b….js`.
pub fn hashed(stem: &str, ext: &str, body: &[u8]) -> (String, String) {
    let digest = sha256(body);
    (
        format!("{stem}-{}.{ext}", &hex(&digest)[..16]),
        format!("sha256-{}", base64(&digest)),
    )
}

/// A report found in the built folder.
#[derive(Debug, Clone)]
pub struct Bundled {
    /// Its file name, e.g. `shangcheng-2022.json`.
    pub file: String,
    /// The JSON as shipped.
    pub json: String,
    pub report: Report,
    /// The official text beside it (`<stem>.txt`), if shipped.
    pub text_file: Option<String>,
    /// SHA-256 (hex) of that text, recorded in the pages as `<meta name="source-sha256">`.
    pub text_sha256: Option<String>,
}

impl Bundled {
    /// `shangcheng-2022.json` -> `shangcheng-2022`.
    pub fn stem(&self) -> &str {
        self.file.strip_suffix(".json").unwrap_or(&self.file)
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PackageError {
    let path = path.to_path_buf();
    move |source| PackageError::Io { path, source }
}

/// Reads the reports in `dist`: every `*.json` whose `format` is [`FORMAT`], with its `.txt`.
pub fn find_reports(dist: &Path) -> Result<Vec<Bundled>, PackageError> {
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
            .is_some_and(|v| v.get("format").and_then(|f| f.as_str()) == Some(FORMAT));
        if !is_report {
            continue;
        }
        // The same check as the reader's: an invalid report is refused here, not shipped.
        let report = Report::from_json(&json).map_err(|e| PackageError::Report {
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
/// the only report there is), gives the worker and the desk hashed names, and writes
/// `start-<hash>.js`, one offline `<report>.html` per report, the manifest and `reports.json`.
/// Everything is computed before anything is written, so a failure leaves the folder as Trunk
/// wrote it. A folder packaged already (no Trunk start-up left, a manifest beside it) is
/// refreshed instead: see [`refresh`].
pub fn run(dist: &Path, default_report: Option<&str>) -> Result<Written, PackageError> {
    let index_path = dist.join("index.html");
    let page = std::fs::read_to_string(&index_path).map_err(io(&index_path))?;
    let all = html::tags(&page).map_err(|source| PackageError::Html {
        file: "index.html".into(),
        source,
    })?;
    if trunk::find_start_up(&page, &all).is_none() && dist.join(MANIFEST_FILE).exists() {
        return refresh(dist);
    }
    let reports = find_reports(dist)?;
    let default = pick_default(&reports, default_report, dist)?;
    let read = reader(dist);
    let built = trunk::read_page(&page, &all)?;
    let worker = trunk::worker(&read)?;
    let [desk_js, ..] = trunk::trunk_desk_files();
    let desk = match dist.join(desk_js).exists() {
        true => Some(trunk::desk(&read)?),
        false => None,
    };
    let manifest = built.manifest(&worker);
    let parts = hosted::Parts {
        worker: &worker,
        desk: desk.as_ref(),
    };
    let hosted = hosted::hosted_page(&page, &all, &built, default, parts)?;
    // What the page and the manifest name is settled: the files can move into the outputs.
    let has_desk = desk.is_some();
    let mut outputs: Vec<(String, Vec<u8>)> = vec![
        (worker.js_name, worker.js.into_bytes()),
        (worker.wasm_name, worker.wasm),
    ];
    if let Some(d) = desk {
        outputs.extend([
            (d.js_name, d.js),
            (d.wasm_name, d.wasm),
            (d.css_name, d.css),
        ]);
    }
    let pending = |name: &str| {
        let found = outputs.iter().find(|(n, _)| n == name);
        found.map_or_else(|| read(name), |(_, b)| Ok(b.clone()))
    };
    let mut more = listing_and_offline_pages(&reports, &manifest, &pending)?;
    let manifest_json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    more.push((MANIFEST_FILE.to_string(), manifest_json.into_bytes()));
    more.extend(hosted.files.into_iter().map(|(n, b)| (n, b.into_bytes())));
    more.push(("index.html".to_string(), hosted.html.into_bytes()));
    outputs.extend(more);
    let written = write_all(dist, outputs)?;
    // Only the hashed copies ship: an unhashed worker.js would be served stale from caches.
    let trunk_files = trunk::trunk_worker_files().into_iter();
    let desk_files = trunk::trunk_desk_files().into_iter().filter(|_| has_desk);
    for old in trunk_files.chain(desk_files) {
        let path = dist.join(old);
        std::fs::remove_file(&path).map_err(io(&path))?;
    }
    Ok(written)
}

/// A folder packaged already, with report JSONs added or changed since (an editor dropped next
/// year's report from the desk into it): writes `reports.json` and every report's offline file
/// again, from the assets its manifest names. `index.html` stays as it is.
pub fn refresh(dist: &Path) -> Result<Written, PackageError> {
    let read = reader(dist);
    let text = String::from_utf8(read(MANIFEST_FILE)?)
        .map_err(|_| page_err(MANIFEST_FILE, "not UTF-8"))?;
    let manifest: Manifest =
        serde_json::from_str(&text).map_err(|e| page_err(MANIFEST_FILE, e.to_string()))?;
    let reports = find_reports(dist)?;
    if reports.is_empty() {
        return Err(PackageError::Usage(format!(
            "no {FORMAT} report JSON in {}",
            dist.display()
        )));
    }
    let outputs = listing_and_offline_pages(&reports, &manifest, &read)?;
    write_all(dist, outputs)
}

/// Reads a file beside `index.html` by its name relative to the page.
fn reader(dist: &Path) -> impl Fn(&str) -> Result<Vec<u8>, PackageError> + '_ {
    move |name: &str| {
        let clean = name.trim_start_matches("./");
        if clean.contains("..") || clean.starts_with('/') || clean.contains("://") {
            return Err(page_err(name, "not a file beside index.html"));
        }
        let path = dist.join(clean);
        std::fs::read(&path).map_err(io(&path))
    }
}

fn write_all(dist: &Path, outputs: Vec<(String, Vec<u8>)>) -> Result<Written, PackageError> {
    let mut written = Written::default();
    for (name, body) in outputs {
        let path = dist.join(name);
        std::fs::write(&path, &body).map_err(io(&path))?;
        written.files.push((path, body.len()));
    }
    Ok(written)
}

fn pick_default<'a>(
    reports: &'a [Bundled],
    name: Option<&str>,
    dist: &Path,
) -> Result<&'a Bundled, PackageError> {
    let usage = |m: String| Err(PackageError::Usage(m));
    match (name, reports) {
        (Some(name), _) => reports
            .iter()
            .find(|r| r.file == name || r.stem() == name)
            .ok_or_else(|| PackageError::Usage(format!("no report {name} in {}", dist.display()))),
        (None, [one]) => Ok(one),
        (None, []) => usage(format!("no {FORMAT} report JSON in {}", dist.display())),
        (None, _) => usage(format!(
            "several reports in {}: name the one index.html shows with --report",
            dist.display()
        )),
    }
}

/// `reports.json` and one offline file per report, made from the assets the manifest names.
fn listing_and_offline_pages(
    reports: &[Bundled],
    manifest: &Manifest,
    read: &Read,
) -> Result<Vec<(String, Vec<u8>)>, PackageError> {
    let files = manifest
        .read(|name| read(name).map_err(|e| e.to_string()))
        .map_err(|message| page_err(MANIFEST_FILE, message))?;
    let assets = files.assets();
    let listing = Listing::new(
        reports
            .iter()
            .map(|r| Listed::new(&r.file, &r.report, r.text_sha256.as_deref()))
            .collect(),
    );
    let mut out = vec![(REPORTS_FILE.to_string(), listing.to_json().into_bytes())];
    out.extend(reports.iter().map(|r| {
        let content = Content {
            report: &r.report,
            json: &r.json,
            source_sha256: r.text_sha256.as_deref(),
        };
        (
            format!("{}.html", r.stem()),
            offline_page(&assets, &content).into_bytes(),
        )
    }));
    Ok(out)
}
