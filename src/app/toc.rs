//! The table of contents: chapters and sections, with the one being read highlighted
//! (scroll-spy). A sidebar on wide screens, a menu behind the "目录" button on phones, which
//! takes the focus when it opens and gives it back to the button when closed with its close
//! button or Escape.
//!
//! Every chapter's entry is in the page at once; its sections' entries too in a report of
//! ordinary length, and in a very long one (a thousand sections) in steps after the first
//! screen ([`SECTIONS_AT_ONCE`]), so that neither the first task nor a later one builds them all.

use super::route::href;
use super::shared::{idle, Doc};
use fazhi_core::model::{Block, Kind, Report};
use fazhi_core::typeset::display;
use leptos::prelude::*;

/// The table of contents.
#[component]
pub fn Toc(
    /// Whether the phone menu is open; choosing an entry closes it.
    open: RwSignal<bool>,
    /// The chapter or section being read ([`scroll_spy`]).
    active: ReadSignal<Option<String>>,
) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let chapters = chapter_entries(doc.report.clone(), active, open);
    let extra = |shown: bool, id: &'static str, name: &'static str| {
        shown.then(|| {
            view! {
                <li>
                    <a href=href(id) on:click=move |_| open.set(false)>
                        {name}
                    </a>
                </li>
            }
        })
    };
    let close_button = menu_focus(open);
    let close = move || {
        open.set(false);
        focus_toggle();
    };
    view! {
        <nav id="toc" class="toc" class:open=move || open.get() aria-label="目录">
            <div class="toc-head">
                <h2 class="toc-title">"目录"</h2>
                <button
                    type="button"
                    class="toc-close"
                    node_ref=close_button
                    on:click=move |_| close()
                >
                    "关闭目录"
                </button>
            </div>
            <ol>
                {extra(!doc.report.charts.is_empty() || !doc.report.cards.is_empty(), "indicators", "主要数据")}
                {chapters}
                {extra(!doc.report.checks.is_empty(), "checks", "数据核对")}
            </ol>
        </nav>
    }
}

/// How many section entries are put in the page at once, and then per idle task: all of them
/// for the bundled report (12), about a screen's worth of steps for a very long one.
const SECTIONS_AT_ONCE: usize = 120;

/// Each chapter's entry with its sections'. Each entry compares its id with the active one;
/// only the two that change re-render.
fn chapter_entries(
    report: std::sync::Arc<Report>,
    active: ReadSignal<Option<String>>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let chapters: Vec<usize> = (0..report.blocks.len())
        .filter(|&i| report.blocks[i].kind == Kind::Chapter)
        .collect();
    let counts: Vec<usize> = chapters
        .iter()
        .map(|&i| sections(&report.blocks[i]).count())
        .collect();
    // Whether each chapter's sections are in the page: the first chapters' at once, as many as
    // fit in SECTIONS_AT_ONCE; the others from the first idle task after the first frame.
    let mut room = SECTIONS_AT_ONCE;
    let shown: Vec<RwSignal<bool>> = counts
        .iter()
        .map(|&n| {
            let now = n <= room;
            room = if now { room - n } else { 0 };
            RwSignal::new(now)
        })
        .collect();
    if shown.iter().any(|s| !s.get_untracked()) {
        let (shown, counts) = (shown.clone(), counts.clone());
        request_animation_frame(move || more_sections(shown.into(), counts.into()));
    }
    chapters
        .into_iter()
        .zip(shown)
        .map(|(i, shown)| {
            let r = report.clone();
            let sections = move || {
                shown.get().then(|| {
                    untrack(|| {
                        sections(&r.blocks[i])
                            .map(|s| view! { <li>{entry(s, active, open)}</li> })
                            .collect_view()
                            .into_any()
                    })
                })
            };
            // Type-erased, as the sections' list above: as concrete view types the two cost the
            // reader's wasm 2.3 KB gzip of rendering code (measured with bench/budgets.mjs).
            view! {
                <li>
                    {entry(&report.blocks[i], active, open)}
                    <ol>{sections}</ol>
                </li>
            }
            .into_any()
        })
        .collect_view()
}

/// The sections directly inside chapter `c`.
fn sections(c: &Block) -> impl Iterator<Item = &Block> {
    c.children.iter().filter(|s| s.kind == Kind::Section)
}

/// Puts the next chapters' section entries in the page, about [`SECTIONS_AT_ONCE`] of them, in
/// an idle task, then comes back for the rest.
fn more_sections(shown: std::rc::Rc<[RwSignal<bool>]>, counts: std::rc::Rc<[usize]>) {
    idle(move || {
        let mut added = 0;
        for (s, &n) in shown.iter().zip(counts.iter()) {
            match s.try_get_untracked() {
                // The page has gone.
                None => return,
                Some(true) => continue,
                Some(false) if added > 0 && added + n > SECTIONS_AT_ONCE => {
                    more_sections(shown.clone(), counts.clone());
                    return;
                }
                Some(false) => {
                    s.set(true);
                    added += n;
                }
            }
        }
    });
}

/// The last of `items` whose element (by `id`) is in the page with its top above `line`, in
/// document order. The sections of a chapter whose content is not rendered yet are not in the
/// page: skipped, as the chapter's own heading stands for them.
fn last_passed<T>(items: &[T], id: impl Fn(&T) -> &String, line: f64) -> Option<&T> {
    let doc = document();
    items
        .iter()
        .filter_map(|item| Some((item, doc.get_element_by_id(id(item))?)))
        .take_while(|(_, e)| e.get_bounding_client_rect().top() <= line)
        .last()
        .map(|(item, _)| item)
}

/// Moves the focus into the phone menu when it opens (to its close button), and closes it on
/// Escape, giving the focus back to the "目录" button.
fn menu_focus(open: RwSignal<bool>) -> NodeRef<leptos::html::Button> {
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(b) = close_button.get_untracked() {
                let _ = b.focus();
            }
        }
    });
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            focus_toggle();
        }
    });
    on_cleanup(move || handle.remove());
    close_button
}

/// Gives the focus back to the button that opens the phone menu.
fn focus_toggle() {
    let button = document()
        .query_selector(".toc-toggle")
        .ok()
        .flatten()
        .and_then(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok());
    if let Some(b) = button {
        let _ = b.focus();
    }
}

/// A chapter's or section's entry: a link that closes the phone menu, marked while it is the
/// part being read.
fn entry(b: &Block, active: ReadSignal<Option<String>>, open: RwSignal<bool>) -> impl IntoView {
    let id = b.id.clone();
    let is_active = move || active.with(|a| a.as_deref() == Some(id.as_str()));
    view! {
        <a
            href=href(&b.id)
            class:active=is_active.clone()
            aria-current=move || is_active().then_some("location")
            on:click=move |_| open.set(false)
        >
            // Shown as the headings are (see fazhi_core::typeset).
            {b.number.as_deref().map(display)}
            {b.title.as_deref().map(display)}
        </a>
    }
}

/// The id of the chapter or section whose heading was passed last while scrolling down.
/// Measured on scroll, once per animation frame at most: the chapters' headings, then the
/// sections' of the chapter reached only. A chapter away from the screen is not laid out
/// (see `skip_when_away` in chapters.rs), and measuring a heading inside it would lay it out.
pub fn scroll_spy(blocks: &[Block]) -> ReadSignal<Option<String>> {
    let chapters: Vec<(String, Vec<String>)> = blocks
        .iter()
        .filter(|b| b.kind == Kind::Chapter)
        .map(|c| (c.id.clone(), sections(c).map(|s| s.id.clone()).collect()))
        .collect();
    let (active, set_active) = signal(None::<String>);
    let pending = StoredValue::new(false);
    let measure = move || {
        pending.set_value(false);
        // A heading counts as reached once it is in the top third of the window.
        let line = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0)
            / 3.0;
        let current = last_passed(&chapters, |(id, _)| id, line)
            .map(|(chapter, sections)| last_passed(sections, |id| id, line).unwrap_or(chapter))
            .cloned();
        if active.get_untracked() != current {
            set_active.set(current);
        }
    };
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        if !pending.get_value() {
            pending.set_value(true);
            request_animation_frame(measure.clone());
        }
    });
    on_cleanup(move || handle.remove());
    active
}
