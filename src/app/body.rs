//! The report body: chapters, sections, items, paragraphs and inline points, each addressable
//! by `#/b/<id>`, with stated figures marked and search hits highlighted in the text.
//!
//! The report is immutable once loaded, so the tree is rendered once with plain iterators
//! (`collect_view`) rather than keyed `<For>` lists, which only pay off for lists that change;
//! only the text runs that search highlighting touches are reactive.

use super::charts::{ChartFigure, Overview};
use super::route::{href, Route};
use super::search::SearchState;
use super::Doc;
use fazhi_core::format;
use fazhi_core::model::{Block, Field, Kind, Report};
use fazhi_core::search::segments;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Body(route: ReadSignal<Route>) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let report = doc.report.clone();
    // Scroll to and highlight the addressed block whenever the route changes (including on
    // load and on back/forward). Runs after render, so the element exists.
    Effect::new(move |prev: Option<Option<String>>| {
        let id = match route.get() {
            Route::Block(id) => Some(id),
            Route::Top => None,
        };
        if let Some(Some(old)) = &prev {
            if let Some(el) = document().get_element_by_id(old) {
                let _ = el.class_list().remove_1("is-target");
            }
        }
        if let Some(id) = &id {
            reveal(id.clone(), 10);
        }
        id
    });
    let chapters: Vec<&Block> = report
        .blocks
        .iter()
        .filter(|b| b.kind == Kind::Chapter)
        .collect();
    let blocks = report
        .blocks
        .iter()
        .map(|b| {
            let nav = (b.kind == Kind::Chapter).then(|| chapter_nav(b, &chapters));
            view! { {block_view(b)} {nav} }
        })
        .collect_view();
    view! {
        {blocks}
        <Overview />
        <Checks report=report.clone() />
        <FactTip />
    }
}

/// Scrolls to the element with `id`, highlights and focuses it. On first load the page may not
/// be in the document yet (it mounts when the report's Suspense resolves): retry for a few
/// frames.
fn reveal(id: String, tries: u32) {
    let Some(el) = document().get_element_by_id(&id) else {
        if tries > 0 {
            request_animation_frame(move || reveal(id, tries - 1));
        }
        return;
    };
    let _ = el.class_list().add_1("is-target");
    el.scroll_into_view();
    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
        if h.tab_index() < 0 {
            let _ = h.set_attribute("tabindex", "-1");
        }
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = h.focus_with_options(&opts);
    }
}

/// One block and its descendants. Recursion needs type erasure, hence `AnyView`.
fn block_view(b: &Block) -> AnyView {
    let children = b
        .children
        .iter()
        .filter(|c| c.kind != Kind::Point)
        .map(block_view)
        .collect_view();
    // The charts of the figures this block states, right after its own text.
    let figures = expect_context::<Doc>().charts_at.get(&b.id).map(|cs| {
        cs.iter()
            .map(|&i| view! { <ChartFigure index=i prefix="chart-" /> })
            .collect_view()
    });
    let class = format!("block {}", b.kind.as_str());
    match b.kind {
        Kind::Chapter | Kind::Section | Kind::Glossary => {
            let heading_id = format!("{}-h", b.id);
            let label = format!(
                "复制“{}{}”的链接",
                b.number.as_deref().unwrap_or(""),
                b.title.as_deref().unwrap_or("")
            );
            let inner = view! {
                {b.number.clone()}
                {b.title.clone().map(|t| field_text(b, Field::Title, t))}
                // The "#" is drawn by CSS so headings copy and read without it.
                <a
                    class="permalink"
                    href=href(&b.id)
                    aria-label=label
                    on:click=copy_link(b.id.clone())
                ></a>
            };
            let h = if b.kind == Kind::Chapter {
                view! { <h2 id=heading_id.clone()>{inner}</h2> }.into_any()
            } else {
                view! { <h3 id=heading_id.clone()>{inner}</h3> }.into_any()
            };
            let intro = (!b.text.is_empty() || has_points(b)).then(|| prose(b, false));
            view! {
                <section id=b.id.clone() class=class aria-labelledby=heading_id>
                    {h}
                    {intro}
                    {figures}
                    {children}
                </section>
            }
            .into_any()
        }
        Kind::Signature => view! { <p id=b.id.clone() class=class>{b.text.clone()}</p> }.into_any(),
        Kind::Item | Kind::SubItem | Kind::Term | Kind::Paragraph | Kind::Point => view! {
            <div id=b.id.clone() class=class>
                {prose(b, true)}
                {figures}
                {children}
            </div>
        }
        .into_any(),
    }
}

fn has_points(b: &Block) -> bool {
    b.children.iter().any(|c| c.kind == Kind::Point)
}

/// A block's paragraph: its number and heading in bold (when `with_heading`), its text, then its
/// inline points, each addressable by id, and a link to the paragraph itself.
fn prose(b: &Block, with_heading: bool) -> impl IntoView {
    let lead = with_heading.then(|| lead_in(b)).flatten();
    let points = b
        .children
        .iter()
        .filter(|c| c.kind == Kind::Point)
        .map(|p| {
            view! {
                <span id=p.id.clone() class="point">
                    {lead_in(p)}
                    {field_text(p, Field::Text, p.text.clone())}
                </span>
            }
        })
        .collect_view();
    let link = with_heading.then(|| {
        view! {
            <a
                class="permalink para"
                href=href(&b.id)
                aria-label="复制本段链接"
                on:click=copy_link(b.id.clone())
            ></a>
        }
    });
    view! { <p>{lead} {field_text(b, Field::Text, b.text.clone())} {points} {link}</p> }
}

fn lead_in(b: &Block) -> Option<impl IntoView> {
    if b.number.is_none() && b.title.is_none() {
        return None;
    }
    let number = b
        .number
        .clone()
        .map(|n| view! { <span class="num">{n}</span> });
    let title = b
        .title
        .clone()
        .map(|t| view! { <strong class="lead">{field_text(b, Field::Title, t)}</strong> });
    Some(view! { {number} {title} })
}

/// A field's text with its stated figures marked and, reactively, the search hits in it.
fn field_text(b: &Block, field: Field, text: String) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let search = expect_context::<SearchState>();
    let facts = doc
        .facts_at
        .get(&(b.id.clone(), field))
        .cloned()
        .unwrap_or_default();
    let id = b.id.clone();
    // Only this run's own hits: unchanged runs are not re-rendered as the query changes.
    let hits = Memo::new(move |_| search.ranges(&id, field));
    move || {
        segments(&text, &facts, &hits.get())
            .into_iter()
            .map(|s| {
                let inner = if s.hit {
                    view! { <mark class="hit">{s.text}</mark> }.into_any()
                } else {
                    s.text.into_any()
                };
                match s.fact {
                    Some(i) => fact_mark(&doc.report, i, inner).into_any(),
                    None => inner,
                }
            })
            .collect_view()
    }
}

/// A stated figure in the text: focusable, described by the shared tooltip, and a link to the
/// chart or cross-check that uses it, if any. Plain markup with a `data-fact` index: the
/// tooltip listens once for the whole page (see [`FactTip`]), which keeps re-rendering a
/// paragraph (as search highlighting does on every keystroke) cheap.
fn fact_mark(report: &Report, i: usize, inner: AnyView) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let f = &report.facts[i];
    // A figure leads to the chart that draws it, else to the check that uses it.
    let check = doc
        .chart_of
        .get(&f.id)
        .map(|&c| format!("chart-{}", report.charts[c].id))
        .or_else(|| {
            doc.checks_of
                .get(&f.id)
                .and_then(|c| c.first())
                .map(|&k| report.checks[k].id.clone())
        });
    let class = format!("fact{}", if check.is_some() { " checked" } else { "" });
    match check {
        Some(k) => view! {
            <a
                class=class
                id=format!("fact-{}", f.id)
                href=href(&k)
                aria-describedby="fact-tip"
                data-fact=i
            >
                {inner}
            </a>
        }
        .into_any(),
        None => view! {
            <span
                class=class
                id=format!("fact-{}", f.id)
                tabindex="0"
                aria-describedby="fact-tip"
                data-fact=i
            >
                {inner}
            </span>
        }
        .into_any(),
    }
}

/// Which fact's tooltip is shown, and where (left, bottom, top of the mark in the viewport).
#[derive(Clone, Copy)]
pub struct TipState(pub RwSignal<Option<(usize, f64, f64, f64)>>);

/// The one tooltip all figures share: label, value, unit, qualifier and the check result.
/// Always in the DOM (so `aria-describedby` resolves); hidden when no figure is active.
#[component]
fn FactTip() -> impl IntoView {
    let doc = expect_context::<Doc>();
    let tip = use_context::<TipState>().unwrap_or_else(|| TipState(RwSignal::new(None)));
    // One set of listeners for every `[data-fact]` mark, in the text and on the charts.
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
        if let Some((i, r)) = mark_of(&ev) {
            tip.0.set(Some((i, r.left(), r.bottom(), r.top())));
        }
    };
    let hide = move |ev: web_sys::Event| {
        if mark_of(&ev).is_some() {
            tip.0.set(None);
        }
    };
    let handles = [
        window_event_listener_untyped("mouseover", show),
        window_event_listener_untyped("focusin", show),
        window_event_listener_untyped("mouseout", hide),
        window_event_listener_untyped("focusout", hide),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
    let content = move || {
        tip.0.get().map(|(i, ..)| {
            let f = &doc.report.facts[i];
            let checks: Vec<String> = doc
                .checks_of
                .get(&f.id)
                .into_iter()
                .flatten()
                .map(|&k| {
                    let c = &doc.report.checks[k];
                    format!("{} {}", format::outcome_mark(c.outcome), c.detail)
                })
                .collect();
            let chart = doc
                .chart_of
                .get(&f.id)
                .map(|&c| format!("图表：{}（按回车查看）", doc.report.charts[c].title));
            view! {
                <strong>{f.label.clone()}</strong>
                <span class="tip-value">
                    {format::fact(f)}
                    {f.qualifier.map(|q| format!("（{}）", format::hedge_meaning(q)))}
                </span>
                {checks
                    .into_iter()
                    .map(|c| view! { <span class="tip-check">"核对：" {c}</span> })
                    .collect_view()}
                {chart.map(|c| view! { <span class="tip-chart">{c}</span> })}
            }
        })
    };
    // Positioned through the CSSOM (`style:`), which a strict CSP allows, unlike a style
    // attribute.
    let left = move || tip.0.get().map(|(_, l, ..)| format!("{:.0}px", l.max(4.0)));
    let top = move || tip.0.get().map(|(_, _, b, _)| format!("{:.0}px", b + 6.0));
    view! {
        <div
            id="fact-tip"
            role="tooltip"
            class="fact-tip"
            class:shown=move || tip.0.get().is_some()
            style:left=left
            style:top=top
        >
            {content}
        </div>
    }
}

/// Provided by the page before the body renders; the body's marks and the tooltip share it.
pub fn provide_tip() {
    provide_context(TipState(RwSignal::new(None)));
}

/// The cross-checks the converter found, each with its arithmetic and links to its figures.
#[component]
fn Checks(report: std::sync::Arc<Report>) -> impl IntoView {
    if report.checks.is_empty() {
        return None;
    }
    let rows = report
        .checks
        .iter()
        .map(|c| {
            let figs = std::iter::once(&c.total)
                .chain(&c.parts)
                .filter_map(|id| report.facts.iter().find(|f| &f.id == id))
                .map(|f| {
                    view! { <a href=href(&f.block)>{f.text.clone()}</a> " " }
                })
                .collect_view();
            let outcome = format::outcome_words(c.outcome);
            view! {
                <li id=c.id.clone() class=format!("check {}", serde_outcome(c.outcome))>
                    <span class="mark" aria-hidden="true">{format::outcome_mark(c.outcome)}</span>
                    <span class="detail">{c.detail.clone()}</span>
                    "（" {outcome} "）"
                    <span class="figs">"原文：" {figs}</span>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section id="checks" class="checks" aria-labelledby="checks-h">
            <h2 id="checks-h">"数据核对"</h2>
            <p class="note">
                "以下由转换程序按原文所述的总数与分项、比率自动验算，仅供参考，原文数字未作任何改动。"
            </p>
            <ol>{rows}</ol>
        </section>
    })
}

fn serde_outcome(o: fazhi_core::model::Outcome) -> &'static str {
    match o {
        fazhi_core::model::Outcome::Holds => "holds",
        fazhi_core::model::Outcome::Approx => "approx",
        fazhi_core::model::Outcome::Fails => "fails",
    }
}

/// "上一章 / 下一章" links at the end of a chapter.
fn chapter_nav(b: &Block, chapters: &[&Block]) -> impl IntoView {
    let pos = chapters.iter().position(|c| c.id == b.id).unwrap_or(0);
    let name = |c: &Block| {
        format!(
            "{}{}",
            c.number.as_deref().unwrap_or(""),
            c.title.as_deref().unwrap_or("")
        )
    };
    let prev = pos
        .checked_sub(1)
        .and_then(|p| chapters.get(p))
        .map(|c| view! { <a class="prev" href=href(&c.id)>"上一章：" {name(c)}</a> });
    let next = chapters
        .get(pos + 1)
        .map(|c| view! { <a class="next" href=href(&c.id)>"下一章：" {name(c)}</a> });
    view! {
        <nav class="chapter-nav" aria-label=format!("{}翻页", name(b))>
            {prev}
            {next}
        </nav>
    }
}

/// Copies the absolute link to `id` when a permalink is clicked; the click itself still
/// navigates, so the address bar shows the link even where the clipboard is unavailable.
fn copy_link(id: String) -> impl Fn(web_sys::MouseEvent) + 'static {
    // Looked up while rendering: event handlers run outside the reactive owner.
    let status = use_context::<Status>().map(|s| s.0);
    move |_| {
        let url = super::route::absolute(Some(&id));
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&url);
        wasm_bindgen_futures::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            if let Some(s) = status {
                s.set(if ok {
                    "链接已复制".to_string()
                } else {
                    "地址栏中即为本处链接".to_string()
                });
            }
        });
    }
}

/// The page's polite live region, for short confirmations such as "链接已复制".
#[derive(Clone, Copy)]
pub struct Status(pub RwSignal<String>);
