//! The one tooltip every stated figure shares, in the text and on the charts: label, value as
//! the text writes it, what its hedge means, the checks that use it and its chart.
//!
//! One set of page-wide listeners finds the mark under the pointer or the focus by its
//! `data-fact` index, so a figure's markup stays plain and cheap to re-render (search
//! highlighting re-renders paragraphs on every keystroke).

use super::shared::Doc;
use fazhi_core::format;
use fazhi_core::model::Fact;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which fact's tooltip is shown (an index into the report's facts), and where: the left and
/// bottom of its mark in the viewport.
#[derive(Clone, Copy, PartialEq)]
struct Shown {
    fact: usize,
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
    let content = move || {
        shown
            .get()
            .and_then(|s| doc.report.facts.get(s.fact))
            .map(|f| tip_content(&doc, f))
    };
    // Positioned through the CSSOM (`style:`), which a strict CSP allows, unlike a style
    // attribute.
    let left = move || shown.get().map(|s| format!("{:.0}px", s.left.max(4.0)));
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

/// Shows the tooltip for the `[data-fact]` mark the pointer enters or the focus reaches, and
/// hides it when they leave.
fn listen(shown: RwSignal<Option<Shown>>) {
    let mark_of = |ev: &web_sys::Event| -> Option<(usize, web_sys::DomRect)> {
        let el = ev
            .target()?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest("[data-fact]")
            .ok()??;
        let i = el.get_attribute("data-fact")?.parse().ok()?;
        Some((i, el.get_bounding_client_rect()))
    };
    let show = move |ev: web_sys::Event| {
        if let Some((fact, r)) = mark_of(&ev) {
            shown.set(Some(Shown {
                fact,
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
