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
pub mod offline;
pub mod prerender;
pub mod tree;

pub use offline::{offline_page, Assets, Content};
use serde::{Deserialize, Serialize};

/// The id of the inline report data in the offline file; `src/app/load.rs` reads it.
pub const REPORT_DATA_ID: &str = "report-data";
/// `<meta name="fazhi-worker" content="worker-<hash>.js worker-<hash>_bg.wasm">` in the hosted
/// page: where the reader's worker is (`src/app/worker.rs`).
pub const WORKER_META: &str = "fazhi-worker";
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
