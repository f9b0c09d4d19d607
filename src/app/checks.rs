//! The cross-checks section: each relation the text states between its figures (a total and
//! its parts, a rate), with the arithmetic, whether it holds, and links to the figures. Its
//! list renders when needed, as a chapter's content does ([`Chapters`]): a long report states
//! hundreds.

use super::chapters::{Chapters, CHECKS};
use super::route::{href, Target};
use fazhi_core::format;
use fazhi_core::model::{Outcome, Report};
use leptos::prelude::*;
use std::sync::Arc;

/// The section, or nothing when the converter found no check.
#[component]
pub fn Checks(
    /// The report whose checks are listed.
    report: Arc<Report>,
) -> impl IntoView {
    if report.checks.is_empty() {
        return None;
    }
    let target = expect_context::<Target>();
    let chapters = expect_context::<Chapters>();
    // A part whenever the report has checks (see `Chapters`).
    let part = chapters.part_of(CHECKS)?;
    let (shell, list) = chapters.lazy(part, move || rows(&report, target));
    let is_target = move || target.is(CHECKS);
    Some(view! {
        <section
            id=CHECKS
            class="checks"
            class:is-target=is_target
            aria-labelledby="checks-h"
            node_ref=shell
        >
            <h2 id="checks-h">"数据核对"</h2>
            <p class="note">
                "以下由转换程序按原文所述的总数与分项、比率自动验算，仅供参考，原文数字未作任何改动。"
            </p>
            {list}
        </section>
    })
}

/// The list of checks.
fn rows(report: &Report, target: Target) -> impl IntoView {
    let rows = report
        .checks
        .iter()
        .map(|c| {
            let figs = std::iter::once(&c.total)
                .chain(&c.parts)
                .filter_map(|id| report.fact(id))
                .map(|f| view! { <a href=href(&f.block)>{f.text.clone()}</a> " " })
                .collect_view();
            let id = c.id.clone();
            view! {
                <li
                    id=c.id.clone()
                    class=format!("check {}", outcome_class(c.outcome))
                    class:is-target=move || target.is(&id)
                >
                    <span class="mark" aria-hidden="true">{format::outcome_mark(c.outcome)}</span>
                    <span>{c.detail.clone()}</span>
                    "（" {format::outcome_words(c.outcome)} "）"
                    <span class="figs">"原文：" {figs}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol>{rows}</ol> }
}

/// The outcome as a CSS modifier (`.check.fails`), as the JSON writes it.
fn outcome_class(o: Outcome) -> &'static str {
    match o {
        Outcome::Holds => "holds",
        Outcome::Approx => "approx",
        Outcome::Fails => "fails",
    }
}
