//! The one tooltip every stated figure shares, in the text and on the charts: label, value as
//! the text writes it, what its hedge means, the checks that use it and its chart. A term the
//! closing glossary explains shows its explanation in the same tooltip.
//!
//! One set of page-wide listeners finds the mark under the pointer or the focus by its
//! `data-fact` (or `data-term`) index, so a mark stays plain and cheap to re-render (search
//! highlighting re-renders paragraphs on every keystroke).

use super::shared::{target_closest, Doc};
use fazhi_core::format;
use fazhi_core::model::{Fact, Term};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the tooltip describes: a fact or a glossary term, by index into the report's.
#[derive(Clone, Copy, PartialEq)]
enum Subject {
    Fact(usize),
    Term(usize),
}

/// Which tooltip is shown, and where: the left and bottom of its mark in the viewport. A
/// tooltip a tap opened is pinned: it stays until the next tap elsewhere or a scroll, and
/// offers the mark's link (`href`) inside it.
#[derive(Clone, PartialEq)]
struct Shown {
    what: Subject,
    left: f64,
    bottom: f64,
    pinned: bool,
    href: Option<String>,
}

/// The tooltip. Always in the DOM, so `aria-describedby="fact-tip"` resolves; hidden while no
/// figure is pointed at or focused.
#[component]
pub fn FactTip() -> impl IntoView {
    let doc = expect_context::<Doc>();
    let shown = RwSignal::new(None::<Shown>);
    listen(shown);
    let content = move || match shown.get()?.what {
        Subject::Fact(i) => doc
            .report
            .facts
            .get(i)
            .map(|f| tip_content(&doc, f).into_any()),
        Subject::Term(i) => doc
            .report
            .terms
            .get(i)
            .map(|t| term_content(&doc, t).into_any()),
    };
    // Positioned through the CSSOM (`style:`), which a strict CSP allows, unlike a style
    // attribute.
    // Never past the right edge: at most the viewport less the tooltip's widest (its CSS
    // max-width) and a margin.
    let left = move || {
        shown.get().map(|s| {
            format!(
                "min({:.0}px, calc(100vw - min(22em, 90vw) - 8px))",
                s.left.max(4.0)
            )
        })
    };
    let top = move || shown.get().map(|s| format!("{:.0}px", s.bottom + 6.0));
    let link = move || {
        let s = shown.get().filter(|s| s.pinned)?;
        let words = match s.what {
            Subject::Fact(_) => "查看图表或核对",
            Subject::Term(_) => "查看名词解释",
        };
        s.href.map(|h| view! { <a href=h>{words}</a> })
    };
    view! {
        <div
            id="fact-tip"
            role="tooltip"
            class="fact-tip"
            class:shown=move || shown.get().is_some()
            class:pinned=move || shown.with(|s| s.as_ref().is_some_and(|s| s.pinned))
            style:left=left
            style:top=top
        >
            {content}
            {link}
        </div>
    }
}

/// Shows the tooltip for the `[data-fact]` or `[data-term]` mark the pointer enters or the
/// focus reaches, and hides it when they leave. On a touch screen a tap on a mark shows its
/// tooltip first (pinned) instead of following the mark's link; a second tap follows it.
fn listen(shown: RwSignal<Option<Shown>>) {
    let pinned = move || shown.with_untracked(|s| s.as_ref().is_some_and(|s| s.pinned));
    let show = move |ev: web_sys::Event| {
        if let Some(s) = mark_of(&ev).filter(|_| !pinned()) {
            shown.set(Some(s));
        }
    };
    let hide = move |ev: web_sys::Event| {
        if mark_of(&ev).is_some() && !pinned() {
            shown.set(None);
        }
    };
    let touch = StoredValue::new(false);
    let press = move |ev: web_sys::Event| {
        let pointer = ev.dyn_ref::<web_sys::PointerEvent>();
        touch.set_value(pointer.is_some_and(|p| p.pointer_type() == "touch"));
        let on_tip = target_closest(&ev, "#fact-tip,[data-fact],[data-term]").is_some();
        if pinned() && !on_tip {
            shown.set(None);
        }
    };
    let tap = move |ev: web_sys::Event| {
        let Some(s) = mark_of(&ev).filter(|_| touch.get_value()) else {
            return;
        };
        let again =
            shown.with_untracked(|c| c.as_ref().is_some_and(|c| c.pinned && c.what == s.what));
        if !again {
            ev.prevent_default();
            shown.set(Some(Shown { pinned: true, ..s }));
        }
    };
    let scrolled = move |_: web_sys::Event| {
        if pinned() {
            shown.set(None);
        }
    };
    let handles = [
        window_event_listener_untyped("mouseover", show),
        window_event_listener_untyped("focusin", show),
        window_event_listener_untyped("mouseout", hide),
        window_event_listener_untyped("focusout", hide),
        window_event_listener_untyped("pointerdown", press),
        window_event_listener_untyped("click", tap),
        window_event_listener_untyped("scroll", scrolled),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
}

/// The mark an event happened on, as an (unpinned) tooltip for it.
fn mark_of(ev: &web_sys::Event) -> Option<Shown> {
    let el = target_closest(ev, "[data-fact],[data-term]")?;
    let what = match el.get_attribute("data-fact") {
        Some(i) => Subject::Fact(i.parse().ok()?),
        None => Subject::Term(el.get_attribute("data-term")?.parse().ok()?),
    };
    let r = el.get_bounding_client_rect();
    Some(Shown {
        what,
        left: r.left(),
        bottom: r.bottom(),
        pinned: false,
        href: el.get_attribute("href"),
    })
}

fn tip_content(doc: &Doc, f: &Fact) -> impl IntoView {
    let checks = doc
        .checks_of
        .get(&f.id)
        .into_iter()
        .flatten()
        .filter_map(|&k| doc.report.checks.get(k))
        .map(|c| {
            let line = format!("{} {}", format::outcome_mark(c.outcome), c.detail);
            view! { <span>"核对：" {line}</span> }
        })
        .collect_view();
    let chart = doc
        .chart_of
        .get(&f.id)
        .and_then(|&c| doc.report.charts.get(c))
        .map(|c| view! { <span>"图表：" {c.title.clone()} "（按回车查看）"</span> });
    view! {
        <strong>{f.label.clone()}</strong>
        <span>
            {format::fact(f)}
            {f.qualifier.map(|q| format!("（{}）", format::hedge_meaning(q)))}
        </span>
        {checks}
        {chart}
    }
}

/// A glossary term: the term and the explanation its entry gives.
fn term_content(doc: &Doc, t: &Term) -> impl IntoView {
    let explained = doc.report.block(&t.block).map(|b| b.text.clone());
    view! {
        <strong>{t.term.clone()}</strong>
        <span>{explained}</span>
        <span>"名词解释（按回车查看）"</span>
    }
}
