//! The search box and its results: substring search over the report (see [`fazhi_core::search`]),
//! results with their snippet and place (chapter, section, item), arrow keys and Enter to move
//! between them, and the hits highlighted in the text (see [`paint`]).
//!
//! The results are a panel over the page. It gets out of the way of the paragraph a reader
//! jumped to: it closes when a result is chosen, on a tap or click outside it, when the reader
//! scrolls the page on, with its close button and with Escape, and keeps the query (and the
//! hits painted in the text); focusing the box or typing opens it again.

mod paint;

use super::route::href;
use super::shared::{after_frame, idle, target_closest};
use fazhi_core::model::Report;
use fazhi_core::search::{Detail, Hit, Index};
use fazhi_core::typeset::display;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The query and its hits, painted over the body's text.
#[derive(Clone, Copy)]
pub struct SearchState {
    pub query: RwSignal<String>,
    /// Every hit of the query, in document order (none until the index is built).
    pub hits: Memo<Arc<Vec<Hit>>>,
    /// The result selected with the arrow keys.
    pub selected: RwSignal<usize>,
    /// Whether the results panel is open (it shows while this holds and there is a query).
    pub open: RwSignal<bool>,
    /// The index, once built (see [`SearchState::provide`] for when).
    index: RwSignal<Option<Arc<Index>>>,
    report: StoredValue<Arc<Report>>,
    /// A paint is scheduled ([`SearchState::repaint`]).
    painting: StoredValue<bool>,
}

impl SearchState {
    pub fn provide(report: &Arc<Report>) -> SearchState {
        let index = RwSignal::new(None::<Arc<Index>>);
        let query = RwSignal::new(String::new());
        let hits = Memo::new(move |_| {
            let hits = index.with(|i| i.as_ref().map(|i| query.with(|q| i.search(q))));
            Arc::new(hits.unwrap_or_default())
        });
        let state = SearchState {
            query,
            hits,
            selected: RwSignal::new(0),
            open: RwSignal::new(false),
            index,
            report: StoredValue::new(report.clone()),
            painting: StoredValue::new(false),
        };
        provide_context(state);
        // The index is built in the first idle time after the first frame with the text, or
        // when the reader first reaches for the box, whichever comes first. Not at start: it
        // reads the whole report (a hundred times the bundled one takes a long task of its
        // own), which the first chapter must not wait for. Not only on first use: then the
        // first keystroke would wait for it.
        request_animation_frame(move || idle(move || _ = state.index()));
        Effect::new(move |_| {
            state.hits.track();
            state.repaint();
        });
        state
    }

    /// The index, built now if it is not yet (`None` once the page is gone).
    fn index(self) -> Option<Arc<Index>> {
        if let Some(built) = self.index.try_get_untracked()? {
            return Some(built);
        }
        let built = Arc::new(self.report.try_with_value(|r| Index::new(r))?);
        self.index.try_set(Some(built.clone()));
        Some(built)
    }

    /// Paints the current hits over the text in the page, in a task of its own after the next
    /// frame: as the hits change, and whenever text is added to the page (a part rendered when
    /// it comes near). Not in the keystroke's task or before its frame, so the results show
    /// without waiting for it (a range per hit in the text, thousands for a one-character
    /// query in a long report), and typing or parts rendering in quick succession paint once.
    pub fn repaint(self) {
        let start = self
            .painting
            .try_update_value(|p| !std::mem::replace(p, true));
        if start == Some(true) {
            // After the next frame, which shows the results.
            after_frame(move || {
                if self.painting.try_set_value(false).is_none() {
                    self.paint();
                }
            });
        }
    }

    fn paint(self) {
        let (Some(index), Some(hits)) = (
            self.index.try_get_untracked().flatten(),
            self.hits.try_get_untracked(),
        ) else {
            return;
        };
        self.report
            .try_with_value(|report| paint::paint(report, &index, &hits));
    }
}

/// How many results the list shows; the count says how many there are in all.
const SHOWN: usize = 50;

/// The search box, and under it while there is a query and it is open, the results.
#[component]
pub fn SearchBox(
    /// The query, its hits and the selected result, shared with the body.
    state: SearchState,
) -> impl IntoView {
    let SearchState {
        query,
        selected,
        open,
        ..
    } = state;
    let active = move || open.get() && query.with(|q| !q.trim().is_empty());
    let set_query = move |ev: &web_sys::Event| {
        state.index();
        selected.set(0);
        query.set(event_target_value(ev));
        open.set(true);
    };
    close_when_away(open);
    view! {
        <div class="search" role="search">
            <label for="search-input" class="visually-hidden">"搜索报告"</label>
            <input
                id="search-input"
                type="search"
                placeholder="搜索报告，如“行政复议”“82.14%”"
                autocomplete="off"
                role="combobox"
                aria-controls="search-list"
                aria-expanded=move || active().to_string()
                aria-activedescendant=move || {
                    (active() && !state.hits.with(|h| h.is_empty()))
                        .then(|| format!("hit-{}", selected.get()))
                }
                prop:value=move || query.get()
                on:focus=move |_| {
                    state.index();
                    open.set(true);
                }
                on:click=move |_| open.set(true)
                on:input=move |ev| {
                    // While a pinyin input method composes, the box holds letters ("xingzheng"),
                    // not the words: search once the composition is committed.
                    let composing = ev
                        .dyn_ref::<web_sys::InputEvent>()
                        .is_some_and(|e| e.is_composing());
                    if !composing {
                        set_query(&ev);
                    }
                }
                on:compositionend=move |ev| set_query(&ev)
                on:keydown=move |ev| on_key(state, ev)
            />
            <Show when=active>
                {panel(state)}
            </Show>
        </div>
    }
}

/// The results over the page, with their close button. Focusable so the scrolling list can be
/// scrolled from the keyboard too.
fn panel(state: SearchState) -> impl IntoView {
    let open = state.open;
    view! {
        <div class="results" tabindex="0">
            <button
                type="button"
                class="results-close"
                aria-label="关闭搜索结果"
                on:click=move |_| open.set(false)
            >
                "关闭"
            </button>
            {results(state)}
        </div>
    }
}

/// Closes the results on a press outside the search box, and when the reader scrolls the page
/// on (a wheel or a swipe outside them). Not on every `scroll` event: the page also scrolls by
/// itself (scroll anchoring as charts above are drawn, a phone's keyboard opening), which must
/// not close what the reader is reading.
fn close_when_away(open: RwSignal<bool>) {
    let away = move |ev: web_sys::Event| {
        if target_closest(&ev, ".search").is_none() && open.get_untracked() {
            open.set(false);
        }
    };
    let handles = [
        window_event_listener_untyped("pointerdown", away),
        window_event_listener_untyped("wheel", away),
        window_event_listener_untyped("touchmove", away),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
}

/// Goes to the block of the `i`th result and closes the results, which would cover it.
fn go(state: SearchState, i: usize) {
    let (Some(h), Some(index)) = (state.hits.get_untracked().get(i).copied(), state.index()) else {
        return;
    };
    state.open.set(false);
    let _ = window().location().set_hash(&href(index.id(h.block)));
}

/// Arrow keys move through the results, Enter goes to the selected one, Escape closes them
/// (and, once they are closed, clears the query).
fn on_key(state: SearchState, ev: web_sys::KeyboardEvent) {
    let SearchState {
        query,
        hits,
        selected,
        open,
        ..
    } = state;
    let n = hits.with_untracked(|h| h.len().min(SHOWN));
    match ev.key().as_str() {
        "ArrowDown" if n > 0 => {
            ev.prevent_default();
            open.set(true);
            selected.update(|s| *s = (*s + 1) % n);
        }
        "ArrowUp" if n > 0 => {
            ev.prevent_default();
            open.set(true);
            selected.update(|s| *s = (*s + n - 1) % n);
        }
        "Enter" if n > 0 => {
            ev.prevent_default();
            go(state, selected.get_untracked());
        }
        // A search field clears itself on Escape: only the second Escape may.
        "Escape" if open.get_untracked() => {
            ev.prevent_default();
            open.set(false);
        }
        "Escape" => query.set(String::new()),
        _ => {}
    }
}

/// How many results the keystroke's own task puts in the list: about what the panel shows
/// (60% of the window's height). The rest of the [`SHOWN`] follow in a task after the frame
/// that shows these: at a hundred times the bundled report, laying out and painting fifty
/// results was most of a keystroke's time.
const FIRST: usize = 12;

/// How many results there are, and the first [`SHOWN`] of them, each with its place and
/// snippet ([`FIRST`] at once, the others after the next frame); each option compares its
/// position with the selected one, so moving the selection changes two options, not the list.
fn results(state: SearchState) -> impl IntoView {
    // The rest are dropped as the hits change, and put in after the next frame: only if the
    // hits are still those, since typing on before that frame would otherwise have the last
    // keystroke's call put the next query's 38 in with its first dozen.
    let more = RwSignal::new(false);
    Effect::new(move |_| {
        let hits = state.hits.get();
        more.set(false);
        after_frame(move || {
            if state
                .hits
                .try_with_untracked(|now| Arc::ptr_eq(now, &hits))
                .unwrap_or(false)
            {
                _ = more.try_set(true);
            }
        });
    });
    let first = move || {
        state.hits.track();
        items(state, 0, FIRST)
    };
    let rest = move || more.get().then(|| items(state, FIRST, SHOWN));
    let count = move || {
        let total = state.hits.with(|h| h.len());
        if total == 0 {
            "没有找到匹配的内容。可尝试更短的词，或只输入数字。".to_string()
        } else if total > SHOWN {
            format!("找到 {total} 处，显示前 {SHOWN} 处。按 ↑↓ 选择，回车跳转。")
        } else {
            format!("找到 {total} 处。按 ↑↓ 选择，回车跳转。")
        }
    };
    view! {
        <p class="count" role="status">{count}</p>
        <ul id="search-list" role="listbox" aria-label="搜索结果">{first}{rest}</ul>
    }
}

/// Results `from..to` of the current hits, each with its place and snippet; an option compares
/// its position with the selected one.
fn items(state: SearchState, from: usize, to: usize) -> impl IntoView {
    let selected = state.selected;
    let hits = state.hits.get_untracked();
    let shown = &hits[from.min(hits.len())..to.min(hits.len())];
    let Some(index) = state.index() else {
        return Vec::new();
    };
    // Described here, for the few shown: not for every hit of a one-character query.
    let details = state.report.with_value(|r| index.describe(r, shown));
    shown
        .iter()
        .zip(details)
        .zip(from..)
        .map(|((h, d), i)| {
            let (before, m, after) = shown_snippet(&d.snippet);

            // An option is not a link (no nested interactive content): a click or Enter
            // navigates.
            view! {
                <li
                    id=format!("hit-{i}")
                    role="option"
                    data-block=index.id(h.block).to_string()
                    aria-selected=move || (selected.get() == i).to_string()
                    class:selected=move || selected.get() == i
                    on:click=move |_| {
                        selected.set(i);
                        go(state, i);
                    }
                >
                    <span class="where">{place(&d)}</span>
                    <span>{before} <mark>{m}</mark> {after}</span>
                </li>
            }
        })
        .collect_view()
}

/// Where a result is, as the headings are shown: its chapter, section and item
/// ("一、… › （三）… › 2.…").
fn place(h: &Detail) -> String {
    let path: Vec<&str> = h
        .chapter
        .iter()
        .chain(&h.place)
        .map(String::as_str)
        .collect();
    display(&path.join(" › "))
}

/// A result's snippet as the text is shown (see [`fazhi_core::typeset`]): typeset whole, so a
/// mark at a cut still sees its neighbours, then cut again at the same char offsets.
fn shown_snippet((before, m, after): &(String, String, String)) -> (String, String, String) {
    let all: Vec<char> = display(&format!("{before}{m}{after}")).chars().collect();
    let a = before.chars().count();
    let b = a + m.chars().count();
    (
        all[..a].iter().collect(),
        all[a..b].iter().collect(),
        all[b..].iter().collect(),
    )
}
