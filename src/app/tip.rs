//! The one tooltip every stated figure shares, in the text and on the charts: label, value as
//! the text writes it, what its hedge means, the checks that use it and its chart. A term the
//! closing glossary explains shows its explanation in the same tooltip.
//!
//! One set of page-wide listeners finds the mark under the pointer or the focus by its
//! `data-fact` (or `data-term`) index, so a mark stays plain and cheap to re-render (search
//! highlighting re-renders paragraphs on every keystroke).

use super::shared::Doc;
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

/// Which tooltip is shown, and where: the left and bottom of its mark in the viewport.
#[derive(Clone, Copy, PartialEq)]
struct Shown {
    what: Subject,
    left: f64,
    bottom: f64,
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
    view! {
        <div
            id="fact-tip"
            role="tooltip"
            class="fact-tip"
            class:shown=move || shown.get().is_some()
            style:left=left
            style:top=top
        >
            {content}
        </div>
    }
}

/// Shows the tooltip for the `[data-fact]` or `[data-term]` mark the pointer enters or the
/// focus reaches, and hides it when they leave.
fn listen(shown: RwSignal<Option<Shown>>) {
    let mark_of = |ev: &web_sys::Event| -> Option<(Subject, web_sys::DomRect)> {
        let el = ev
            .target()?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest("[data-fact],[data-term]")
            .ok()??;
        let what = match el.get_attribute("data-fact") {
            Some(i) => Subject::Fact(i.parse().ok()?),
            None => Subject::Term(el.get_attribute("data-term")?.parse().ok()?),
        };
        Some((what, el.get_bounding_client_rect()))
    };
    let show = move |ev: web_sys::Event| {
        if let Some((what, r)) = mark_of(&ev) {
            shown.set(Some(Shown {
                what,
                left: r.left(),
                bottom: r.bottom(),
            }));
        }
    };
    let hide = move |ev: web_sys::Event| {
        if mark_of(&ev).is_some() {
            shown.set(None);
        }
    };
    let handles = [
        window_event_listener_untyped("mouseover", show),
        window_event_listener_untyped("focusin", show),
        window_event_listener_untyped("mouseout", hide),
        window_event_listener_untyped("focusout", hide),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
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
