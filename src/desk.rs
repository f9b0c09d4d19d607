//! The editor's desk (编辑台): where a portal editor chooses a report's charts and key figures
//! and publishes it, in the browser, with nothing installed. It is its own wasm (`src/bin/desk.rs`),
//! which the start-up script loads instead of the reader under `?edit`, so readers never
//! download it; the choice itself — the draft, its edits and undo, the sidecar and the report it
//! publishes — is `fazhi_core::desk`, tested natively. This module is the UI around it:
//!
//! * [`source`]: which report is edited (the site's, one the reader opened, or a file opened here);
//! * [`charts`], [`cards`]: the lists, with switches, order, names, form and a live preview;
//! * [`picker`]: the report's figures marked in its text, to make a new chart or card;
//! * [`publish`]: the downloads (report JSON, sidecar, offline file, `reports.json`).

mod cards;
mod charts;
mod picker;
mod publish;
mod source;

use fazhi_core::desk::{Desk as Draft, Edit};
use fazhi_core::model::Report;
use leptos::prelude::*;
use source::Source;
use std::sync::Arc;

/// Starts the desk in the page (the entry point of the desk's wasm).
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(DeskApp);
}

/// One editing session: the report being edited, the draft with its history, and the last
/// thing said to screen readers.
#[derive(Clone, Copy)]
pub struct Session {
    pub source: StoredValue<Source>,
    pub desk: RwSignal<Draft>,
    pub said: RwSignal<String>,
}

impl Session {
    fn new(source: Source) -> Session {
        let desk = RwSignal::new(Draft::new(&source.report));
        Session {
            source: StoredValue::new(source),
            desk,
            said: RwSignal::new(String::new()),
        }
    }

    /// The report as it was loaded (what the draft's choice is applied to).
    pub fn report(&self) -> Arc<Report> {
        self.source.with_value(|s| s.report.clone())
    }

    /// Applies an edit; says what was done, or returns why it was refused.
    pub fn edit(&self, edit: Edit) -> Result<(), String> {
        let report = self.report();
        let mut result = Ok(String::new());
        self.desk.update(|d| result = d.edit(&report, &edit));
        match result {
            Ok(what) => {
                // Typing is heard as it is typed: only other edits are announced.
                let typing = matches!(
                    edit,
                    Edit::Title(..) | Edit::Label(..) | Edit::CardLabel(..)
                );
                if !typing {
                    self.said.set(what);
                }
                Ok(())
            }
            Err(e) => Err(e.to_string()),
        }
    }

    /// Where the chart `id` (or the card for fact `id`) is in its list, and the list's length.
    pub fn place(&self, list: List, id: String) -> Signal<(usize, usize)> {
        let desk = self.desk;
        Signal::derive(move || {
            desk.with(|d| {
                let d = &d.draft;
                let (at, n) = match list {
                    List::Charts => (d.charts.iter().position(|c| c.def.id == id), d.charts.len()),
                    List::Cards => (d.cards.iter().position(|c| c.fact == id), d.cards.len()),
                };
                (at.unwrap_or(0), n)
            })
        })
    }

    pub fn undo(&self) {
        let mut what = None;
        self.desk.update(|d| what = d.undo());
        self.said
            .set(what.unwrap_or_else(|| "没有可以撤销的操作".into()));
    }

    pub fn redo(&self) {
        let mut what = None;
        self.desk.update(|d| what = d.redo());
        self.said
            .set(what.unwrap_or_else(|| "没有可以重做的操作".into()));
    }
}

/// The desk's two lists.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum List {
    Charts,
    Cards,
}

/// The desk: the report to edit, once loaded, or what went wrong; a file opened here replaces
/// it.
#[component]
fn DeskApp() -> impl IntoView {
    let opened = RwSignal::new(None::<Source>);
    let problem = RwSignal::new(None::<String>);
    let loaded = LocalResource::new(source::load);
    let page = move |s: Source| {
        crate::app::boot::handover();
        document().set_title(&format!("编辑：{}", s.report.meta.title));
        view! { <DeskPage source=s opened=opened problem=problem /> }.into_any()
    };
    view! {
        {move || {
            problem
                .get()
                .map(|p| {
                    view! {
                        <div class="notice" role="alert">
                            <p>{p}</p>
                            <button type="button" on:click=move |_| problem.set(None)>
                                "关闭提示"
                            </button>
                        </div>
                    }
                })
        }}
        {move || match opened.get() {
            Some(s) => page(s),
            None => {
                view! {
                    <Suspense fallback=|| {
                        view! { <p class="status" role="status">"正在打开编辑台…"</p> }
                    }>
                        {move || Suspend::new(async move {
                            match loaded.await {
                                Ok(s) => page(s),
                                Err(e) => {
                                    crate::app::boot::handover();
                                    view! { <Unloaded why=e opened=opened problem=problem /> }
                                        .into_any()
                                }
                            }
                        })}
                    </Suspense>
                }
                    .into_any()
            }
        }}
    }
}

/// No report to edit: why, and a way to open one.
#[component]
fn Unloaded(
    /// Why no report could be loaded.
    why: String,
    /// Set to a report the editor opens here.
    opened: RwSignal<Option<Source>>,
    /// Set to why a file could not be opened.
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <main id="main" class="load-error">
            <h1>"编辑台无法打开报告"</h1>
            <p class="what" role="alert">{why}</p>
            <p>"可以打开报告原文（.txt、.docx、网页）或报告数据（.json）进行编辑。"</p>
            <source::OpenButton opened=opened problem=problem />
        </main>
    }
}

/// The desk for one report.
#[component]
fn DeskPage(
    /// The report to edit and where it came from.
    source: Source,
    /// Set to a report the editor opens here instead.
    opened: RwSignal<Option<Source>>,
    /// Set to why a file could not be opened.
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let back = source.reader_href();
    let title = source.report.meta.title.clone();
    let from = source.describe();
    let session = Session::new(source);
    provide_context(session);
    let keys = window_event_listener(leptos::ev::keydown, move |e| shortcut(session, &e));
    on_cleanup(move || keys.remove());
    let desk = session.desk;
    view! {
        <a class="skip-link" href="#main">"跳到正文"</a>
        <header class="masthead desk-head">
            <p class="issuer">"编辑台"</p>
            <h1 id="top">{title}</h1>
            <p class="dates">{from}</p>
        </header>
        <div class="bar" role="region" aria-label="编辑工具">
            <a class="button" href=back>"返回阅读"</a>
            <button type="button" disabled=move || !desk.with(Draft::can_undo) on:click=move |_| session.undo()>
                "撤销"
            </button>
            <button type="button" disabled=move || !desk.with(Draft::can_redo) on:click=move |_| session.redo()>
                "重做"
            </button>
            <source::OpenButton opened=opened problem=problem />
        </div>
        <main id="main" class="desk" tabindex="-1">
            <p class="desk-intro">
                "在这里选定报告的图表和关键数字，然后发布。图表只能画原文中的数字：可以显示或隐藏、调整顺序、改标题和类别名称（不能含数字）、换图形，或在原文中点选数字新建图表。"
            </p>
            <charts::ChartList />
            <cards::CardList />
            <picker::Picker />
            <publish::Publish />
        </main>
        <p class="visually-hidden" role="status" aria-live="polite">
            {move || session.said.get()}
        </p>
    }
}

/// Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (⌘ on a Mac) undo and redo, except in a text field, where
/// they undo typing as usual.
fn shortcut(session: Session, e: &web_sys::KeyboardEvent) {
    if !(e.ctrl_key() || e.meta_key()) {
        return;
    }
    let in_field = document()
        .active_element()
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    if in_field {
        return;
    }
    match (e.key().to_lowercase().as_str(), e.shift_key()) {
        ("z", false) => session.undo(),
        ("z", true) | ("y", false) => session.redo(),
        _ => return,
    }
    e.prevent_default();
}

/// Whether charts are drawn for a dark page: the reader's fixed theme, else the system's.
pub fn dark() -> bool {
    let fixed = document()
        .document_element()
        .and_then(|r| r.get_attribute("data-theme"));
    match fixed.as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|q| q.matches()),
    }
}
