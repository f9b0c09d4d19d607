//! What the page's components share through context: the loaded report with the lookups
//! derived from it once, and the page-wide messages. Its own module, so components import it
//! without reaching back into `app`, which wires them.

use fazhi_core::charts::resolve::anchor;
use fazhi_core::model::{Field, Report};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Marked ranges per (block id, field): (start, end, index into `report.facts` or
/// `report.terms`).
pub type SpansAt = HashMap<(String, Field), Vec<(usize, usize, usize)>>;

/// The loaded report and lookups derived from it once, shared by context. Read-only: the
/// reader never changes the government's text.
#[derive(Clone)]
pub struct Doc {
    pub report: Arc<Report>,
    /// Where the report JSON came from, if it was loaded from the site (not from a file).
    pub url: Option<String>,
    /// The local file the report was opened from, if it was (the footer names it, and no
    /// address reopens it).
    pub file: Option<Arc<LocalFile>>,
    /// Where each block's figures are.
    pub facts_at: Arc<SpansAt>,
    /// Where each block writes a term the closing glossary explains.
    pub terms_at: Arc<SpansAt>,
    /// For each fact id, the checks (indices into `report.checks`) that use it.
    pub checks_of: Arc<HashMap<String, Vec<usize>>>,
    /// For each block id, the charts (indices into `report.charts`) shown right after it.
    pub charts_at: Arc<HashMap<String, Vec<usize>>>,
    /// For each fact id, the first chart that draws it.
    pub chart_of: Arc<HashMap<String, usize>>,
}

impl Doc {
    pub fn new(report: Arc<Report>, url: Option<String>, file: Option<Arc<LocalFile>>) -> Doc {
        let mut facts_at = SpansAt::new();
        for (i, f) in report.facts.iter().enumerate() {
            facts_at
                .entry((f.block.clone(), f.field))
                .or_default()
                .push((f.start, f.end, i));
        }
        let mut terms_at = SpansAt::new();
        for (i, t) in report.terms.iter().enumerate() {
            for u in &t.uses {
                terms_at
                    .entry((u.block.clone(), u.field))
                    .or_default()
                    .push((u.start, u.end, i));
            }
        }
        let mut checks_of: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in report.checks.iter().enumerate() {
            for f in std::iter::once(&c.total).chain(&c.parts) {
                checks_of.entry(f.clone()).or_default().push(i);
            }
        }
        let mut charts_at: HashMap<String, Vec<usize>> = HashMap::new();
        let mut chart_of = HashMap::new();
        for (i, c) in report.charts.iter().enumerate() {
            if let Some(at) = anchor(&report, c) {
                charts_at.entry(at).or_default().push(i);
            }
            for f in c.facts.iter().chain(c.total.iter()) {
                chart_of.entry(f.clone()).or_insert(i);
            }
        }
        Doc {
            charts_at: Arc::new(charts_at),
            chart_of: Arc::new(chart_of),
            report,
            url,
            file,
            facts_at: Arc::new(facts_at),
            terms_at: Arc::new(terms_at),
            checks_of: Arc::new(checks_of),
        }
    }
}

/// A report file the reader opened from the reader's own disk: what the footer says it was
/// made from, since it is not the official publication.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalFile {
    /// The file's name as the browser gives it.
    pub name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// SHA-256 (hex) of its bytes; none where the browser could not compute it.
    pub sha256: Option<String>,
    /// Whether the converter made the report from it (a .txt, .docx or .html), rather than
    /// reading it as report JSON.
    pub converted: bool,
}

impl LocalFile {
    /// Whether the report open is one from a local file (whose links reopen nothing).
    pub fn is_open() -> bool {
        use_context::<Doc>().is_some_and(|d| d.file.is_some())
    }
}

/// A message about something the reader tried and could not do (e.g. open a dropped file),
/// shown above the report, which stays usable.
#[derive(Clone, Copy)]
pub struct Notice(pub RwSignal<Option<String>>);

/// The page's polite live region, for short confirmations such as "链接已复制".
#[derive(Clone, Copy)]
pub struct Status(pub RwSignal<String>);

/// The element an event happened in or inside, matching `selector`.
pub fn target_closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

/// Runs `f` in a task of its own after the next frame: for work that must not delay what the
/// frame shows (the results of a keystroke, the first text).
pub fn after_frame(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// Runs `f` when the browser is next idle, in a task of its own (soon, where there is no
/// `requestIdleCallback`, as in Safari): for work the page does not need yet.
pub fn idle(f: impl Fn() + 'static) {
    let f = std::rc::Rc::new(f);
    let g = f.clone();
    if request_idle_callback_with_handle(move || g()).is_err() {
        set_timeout(move || f(), std::time::Duration::ZERO);
    }
}
