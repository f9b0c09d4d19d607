//! The HTML the reader ships as, written from the report: the one renderer of the report tree
//! ([`tree`]) used by the pre-rendered first paint ([`prerender`]), the offline single file
//! ([`offline`]) and the benchmark's floor page; the encodings they need ([`codec`]); and the
//! names the page, the packager and the reader agree on.
//!
//! Pure functions over strings and bytes: `package` (crates/tools) calls them natively after
//! `trunk build`, and the reader can call the same code in the browser to publish a report.
//! What is specific to Trunk's output (finding its files, rewriting its `index.html`) lives in
//! the packager, not here.

pub mod codec;
pub mod listing;
pub mod offline;
pub mod prerender;
pub mod tree;

pub use listing::{Listed, Listing, REPORTS_FILE};
pub use offline::{offline_page, Assets, Content};
use serde::{Deserialize, Serialize};

/// The id of the inline report data in the offline file; `src/app/load.rs` reads it.
pub const REPORT_DATA_ID: &str = "report-data";
/// `<meta name="fazhi-worker" content="worker-<hash>.js worker-<hash>_bg.wasm">` in the hosted
/// page: where the reader's worker is (`src/app/worker.rs`).
pub const WORKER_META: &str = "fazhi-worker";
/// `<meta name="fazhi-desk" content="desk-<hash>.js desk-<hash>_bg.wasm desk-<hash>.css">` in
/// the hosted page: the editor's desk, which the start-up script loads instead of the reader
/// under `?edit`; the reader offers its "编辑" entry only where the page names one (not in the
/// offline file).
pub const DESK_META: &str = "fazhi-desk";
/// `<meta name="fazhi-reports" content="reports.json">` in the hosted page: where the
/// [`Listing`] of the folder's reports is, for the reader's report switcher.
pub const REPORTS_META: &str = "fazhi-reports";
/// The id of the worker's script (its glue and start-up) in the offline file.
pub const WORKER_SCRIPT_ID: &str = "worker-js";
/// The id of the worker's wasm (base64) in the offline file.
pub const WORKER_WASM_ID: &str = "worker-wasm";
/// The name of the [`Manifest`] beside `index.html`.
pub const MANIFEST_FILE: &str = "assets.json";
/// The `format` of a [`Manifest`].
pub const MANIFEST_FORMAT: &str = "fazhi-assets/1";

/// The files the reader is made of, by name relative to `index.html`: what `package` writes
/// to [`MANIFEST_FILE`] so a writer in the browser can fetch the [`Assets`] of an offline file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`].
    pub format: String,
    /// The style sheet, e.g. `style-<hash>.css`.
    pub style: String,
    /// Classic scripts run in `<head>`, in order, e.g. `boot.js`.
    pub head_scripts: Vec<String>,
    /// The reader's wasm-bindgen glue (ES module), e.g. `reader-<hash>.js`.
    pub glue: String,
    /// The reader's wasm, e.g. `reader-<hash>_bg.wasm`.
    pub wasm: String,
    /// The worker's script (glue and start-up), e.g. `worker-<hash>.js`.
    pub worker: String,
    /// The worker's wasm, e.g. `worker-<hash>_bg.wasm`.
    pub worker_wasm: String,
    /// The favicon and its MIME type, if the page has one.
    pub icon: Option<(String, String)>,
}

impl Manifest {
    /// Every file it names, once each.
    pub fn files(&self) -> Vec<&str> {
        let mut out: Vec<&str> = vec![&self.style];
        out.extend(self.head_scripts.iter().map(String::as_str));
        out.extend([
            self.glue.as_str(),
            &self.wasm,
            &self.worker,
            &self.worker_wasm,
        ]);
        out.extend(self.icon.as_ref().map(|(f, _)| f.as_str()));
        out
    }

    /// Reads the files it names with `read` (by name relative to `index.html`): how `package`
    /// and the editor's desk in the browser both get the [`Assets`] of an offline file.
    pub fn read(
        &self,
        read: impl Fn(&str) -> Result<Vec<u8>, String>,
    ) -> Result<AssetFiles, String> {
        let text = |name: &str| {
            String::from_utf8(read(name)?).map_err(|_| format!("{name}: 不是 UTF-8 文本"))
        };
        Ok(AssetFiles {
            style: text(&self.style)?,
            head_scripts: self
                .head_scripts
                .iter()
                .map(|s| text(s))
                .collect::<Result<_, _>>()?,
            glue: text(&self.glue)?,
            wasm: read(&self.wasm)?,
            worker: text(&self.worker)?,
            worker_wasm: read(&self.worker_wasm)?,
            icon: match &self.icon {
                Some((file, mime)) => Some((mime.clone(), read(file)?)),
                None => None,
            },
        })
    }
}

/// The files a [`Manifest`] names, read: what [`Assets`] borrows.
#[derive(Debug, Clone, PartialEq)]
pub struct AssetFiles {
    pub style: String,
    pub head_scripts: Vec<String>,
    pub glue: String,
    pub wasm: Vec<u8>,
    pub worker: String,
    pub worker_wasm: Vec<u8>,
    /// MIME type and bytes.
    pub icon: Option<(String, Vec<u8>)>,
}

impl AssetFiles {
    /// The offline file's [`Assets`], borrowed from these files.
    pub fn assets(&self) -> Assets<'_> {
        Assets {
            style: &self.style,
            head_scripts: &self.head_scripts,
            glue: &self.glue,
            wasm: &self.wasm,
            worker: &self.worker,
            worker_wasm: &self.worker_wasm,
            icon: self.icon.as_ref().map(|(m, b)| (m.as_str(), b.as_slice())),
        }
    }
}

/// `template` with each `{{name}}` replaced by its value, in one pass: a value that contains
/// `{{…}}` (a report can say anything) is never read as a placeholder. An unknown name is left
/// as it is, so a test can find it.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let value = after
            .find("}}")
            .and_then(|end| Some((end, values.iter().find(|(k, _)| *k == &after[..end])?.1)));
        match value {
            Some((end, v)) => {
                out.push_str(v);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_each_placeholder_once() {
        let out = fill(
            "<t>{{a}}</t>{{b}}{{a}} {{unknown}} {{",
            &[("a", "{{b}}"), ("b", "x")],
        );
        assert_eq!(out, "<t>{{b}}</t>x{{b}} {{unknown}} {{");
    }
}
