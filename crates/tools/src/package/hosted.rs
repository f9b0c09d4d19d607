//! The hosted `index.html`: Trunk's page rewritten for any static host under a strict CSP.
//! Trunk writes its start-up script inline with no option to write it to a file (trunk issue
//! 288), which `script-src 'self'` blocks: it becomes a content-hashed `start-<hash>.js`, and
//! any other inline script becomes a file too (except the live-reload script only `trunk serve`
//! adds). The page is refused if anything else inline remains ([`html::inline_code`]). The
//! report is pre-rendered into it, its title becomes the report's, and it names the worker.

use super::html::{self, splice, Tag};
use super::trunk::{Desk, Page, Worker};
use super::{hashed, page_err, Bundled, PackageError};
use fazhi_core::page::codec::{html_attr, html_text};
use fazhi_core::page::prerender::{prerender, Target};
use fazhi_core::page::{fill, DESK_META, REPORTS_FILE, REPORTS_META, WORKER_META};
use std::ops::Range;

/// Where `index.html` asks for the pre-rendered report.
pub const MARKER: &str = "<!-- prerender -->";

/// The hosted `index.html` and the files it now needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Hosted {
    pub html: String,
    /// New files (name relative to the page, content).
    pub files: Vec<(String, String)>,
}

/// What the hosted page starts besides the reader: its worker, and the editor's desk if built.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    pub worker: &'a Worker,
    pub desk: Option<&'a Desk>,
}

/// Rewrites Trunk's `index.html` (`page`, whose tags are `all`) with `report` pre-rendered in it.
pub fn hosted_page(
    page: &str,
    all: &[Tag],
    built: &Page,
    report: &Bundled,
    parts: Parts,
) -> Result<Hosted, PackageError> {
    let file = "index.html";
    let mut files = Vec::new();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // Trunk's dev reload script, which `trunk serve` fills in when it serves the page: left
    // inline (in a file its placeholders would never be filled in), and nobody deploys it.
    let mut dev_only = Vec::new();
    for (i, t) in all.iter().enumerate() {
        if is_trunk_autoreload(page, t) {
            dev_only.push(t.span.clone());
        } else if let Some((edit, new_file)) = edit(page, i, t, built, report, parts.desk) {
            edits.push((t.span.clone(), edit));
            files.extend(new_file);
        }
    }
    edits.push(head_meta(all, report, parts)?);
    let marker =
        marker(page, file)?.ok_or_else(|| page_err(file, format!("no {MARKER} in <body>")))?;
    let text_file = report.text_file.as_deref();
    edits.push((
        marker,
        prerender(&report.report, Target::Hosted { text_file }),
    ));
    let mut checked = edits.clone();
    checked.extend(dev_only.into_iter().map(|r| (r, String::new())));
    let blocked =
        html::inline_code(&splice(page, checked)).map_err(|source| PackageError::Html {
            file: file.into(),
            source,
        })?;
    if !blocked.is_empty() {
        let blocked = blocked.join("; ");
        return Err(page_err(
            file,
            format!(
                "a strict Content-Security-Policy would block: {blocked}. Move it into a file."
            ),
        ));
    }
    Ok(Hosted {
        html: splice(page, edits),
        files,
    })
}

/// What tag `t` (the `i`th) becomes, and the file it moves into, if it changes.
fn edit(
    page: &str,
    i: usize,
    t: &Tag,
    built: &Page,
    report: &Bundled,
    desk: Option<&Desk>,
) -> Option<(String, Option<(String, String)>)> {
    let inline_js = t.is_executable_script() && t.attr("src").is_none();
    if i == built.start.tag {
        let js = start_script(&built.start.glue, &built.start.wasm, desk);
        let (name, integrity) = hashed("start", "js", js.as_bytes());
        let tag =
            format!("<script type=\"module\" src=\"./{name}\" integrity=\"{integrity}\"></script>");
        Some((tag, Some((name, js))))
    } else if inline_js {
        // Anything else inline moves out as is.
        let js = page[t.text.clone().unwrap_or(0..0)].to_string();
        let (name, integrity) = hashed("inline", "js", js.as_bytes());
        let ty = t
            .attr("type")
            .map(|ty| format!(" type=\"{}\"", html_attr(ty)))
            .unwrap_or_default();
        let tag = format!("<script{ty} src=\"./{name}\" integrity=\"{integrity}\"></script>");
        Some((tag, Some((name, js))))
    } else if t.name == "title" {
        Some((title(&report.report.meta.title), None))
    } else {
        None
    }
}

/// The external start-up script for the hosted page (`start.js`): the reader, or under
/// `?edit` the desk, if there is one.
pub fn start_script(glue: &str, wasm: &str, desk: Option<&Desk>) -> String {
    let js_string = |s: &str| serde_json::to_string(&format!("./{s}")).unwrap_or_default();
    let desk = desk.map_or("null".to_string(), |d| {
        format!(
            "{{ glue: {}, wasm: {}, style: {} }}",
            js_string(&d.js_name),
            js_string(&d.wasm_name),
            js_string(&d.css_name)
        )
    });
    fill(
        include_str!("start.js"),
        &[
            ("glue", &js_string(glue)),
            ("wasm", &js_string(wasm)),
            ("desk", &desk),
        ],
    )
}

/// Whether `t` is the live-reload script `trunk serve` injects (its address is a placeholder
/// that the dev server substitutes in the HTML it serves).
fn is_trunk_autoreload(page: &str, t: &Tag) -> bool {
    t.is_executable_script()
        && t.text
            .clone()
            .is_some_and(|r| page[r].contains("{{__TRUNK_ADDRESS__}}"))
}

fn title(text: &str) -> String {
    format!("<title>{}</title>", html_text(text))
}

/// After `<meta charset>`: which official text the page shows (`source-sha256`), where the
/// worker is (see `src/app/worker.rs`), the desk (the reader's "编辑" entry) and the listing of
/// the folder's reports (its switcher).
fn head_meta(
    all: &[Tag],
    report: &Bundled,
    parts: Parts,
) -> Result<(Range<usize>, String), PackageError> {
    let worker = parts.worker;
    let charset = all
        .iter()
        .find(|t| t.name == "meta" && t.attr("charset").is_some())
        .ok_or_else(|| page_err("index.html", "no <meta charset>"))?;
    let end = charset.span.end;
    let mut meta = String::new();
    if let Some(sha) = &report.text_sha256 {
        meta.push_str(&format!(
            "\n    <meta name=\"source-sha256\" content=\"{sha}\">"
        ));
    }
    meta.push_str(&format!(
        "\n    <meta name=\"{WORKER_META}\" content=\"./{} ./{}\">",
        html_attr(&worker.js_name),
        html_attr(&worker.wasm_name)
    ));
    if let Some(d) = parts.desk {
        meta.push_str(&format!(
            "\n    <meta name=\"{DESK_META}\" content=\"./{} ./{} ./{}\">",
            html_attr(&d.js_name),
            html_attr(&d.wasm_name),
            html_attr(&d.css_name)
        ));
    }
    meta.push_str(&format!(
        "\n    <meta name=\"{REPORTS_META}\" content=\"./{REPORTS_FILE}\">"
    ));
    Ok((end..end, meta))
}

fn marker(page: &str, file: &str) -> Result<Option<Range<usize>>, PackageError> {
    let mut found = page.match_indices(MARKER);
    let first = found.next().map(|(i, m)| i..i + m.len());
    if found.next().is_some() {
        return Err(page_err(file, format!("{MARKER} appears more than once")));
    }
    Ok(first)
}
