//! The report's key indicators in the browser: figures drawn by [`fazhi_core::charts`] from the facts
//! the editor chose, each with a title, a one-sentence summary, a data table, its cross-checks,
//! downloads, and marks that lead back to the sentence that states each number.
//!
//! Charts are drawn after the first chapter is on screen, those near the viewport first and
//! in batches (the page is never held up for them: see [`ChartQueue`]), and redrawn when their
//! box's width, the font size or the theme changes.

use super::download::{save_svg_as_png, save_text, standalone_svg};
use super::prefs::{Prefs, Theme};
use super::queue::{ChartQueue, Place};
use super::route::{href, Target};
use super::shared::Doc;
use fazhi_core::charts::resolve::{cards, for_download, spec, summary, with_unit};
use fazhi_core::charts::{draw, ChartSpec, Drawn, Form};
use fazhi_core::format;
use fazhi_core::model::{ChartDef, Report};
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// What every chart redraws on: the effective theme; when each may draw and at what width
/// ([`ChartQueue`]); and the viewport's width, which the chapters' reserved heights follow.
#[derive(Clone, Copy)]
pub struct ChartEnv {
    /// Whether charts are drawn in dark colours (the reader's choice, else the system's).
    pub dark: Memo<bool>,
    /// The window's width in CSS pixels.
    pub viewport: RwSignal<f64>,
    /// When each chart draws.
    pub queue: ChartQueue,
}

impl ChartEnv {
    /// Provides the environment for the page's charts.
    pub fn provide() -> ChartEnv {
        let prefs = expect_context::<Prefs>();
        let system_dark = system_dark();
        let dark = Memo::new(move |_| match prefs.theme.get() {
            // Light on black: the dark palette, whose colours keep their contrast on it.
            Theme::Dark | Theme::Contrast => true,
            Theme::Light => false,
            Theme::Auto => system_dark.get(),
        });
        let viewport = viewport_width();
        let env = ChartEnv {
            dark,
            viewport,
            queue: ChartQueue::provide(viewport),
        };
        provide_context(env);
        env
    }
}

/// Whether the system asks for dark colours, following its changes.
fn system_dark() -> RwSignal<bool> {
    let query = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten();
    let dark = RwSignal::new(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(q) = query {
        let on_change = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |e: web_sys::MediaQueryListEvent| dark.set(e.matches()),
        );
        let _ = q.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        // Lives as long as the page: the listener is never removed.
        on_change.forget();
    }
    dark
}

/// The window's width, measured at most once a frame while it is resized.
fn viewport_width() -> RwSignal<f64> {
    let viewport = RwSignal::new(inner_width());
    let pending = StoredValue::new(false);
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        if !pending.get_value() {
            pending.set_value(true);
            request_animation_frame(move || {
                pending.set_value(false);
                viewport.set(inner_width());
            });
        }
    });
    on_cleanup(move || handle.remove());
    viewport
}

fn inner_width() -> f64 {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(1024.0)
}

/// One chart as a figure: title, summary, the drawing with its marks, the cross-checks, the
/// data table and the downloads. A chart that breaks the figure rules or cannot be drawn keeps
/// its place, id and title, and says why in words.
#[component]
pub fn ChartFigure(
    /// Which chart: an index into the report's `charts`.
    index: usize,
) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let def = doc.report.charts[index].clone();
    let id = format!("chart-{}", def.id);
    let title_id = format!("{id}-t");
    let labelled_by = title_id.clone();
    let target = expect_context::<Target>();
    let is_target = {
        let id = id.clone();
        move || target.is(&id)
    };
    let (summary_text, content) = match spec(&doc.report, &def) {
        Ok(spec) => (
            Some(summary(&doc.report, &def, &spec)),
            chart_content(def.clone(), spec).into_any(),
        ),
        Err(e) => (
            None,
            view! { <p class="chart-error">"图表无法绘制：" {e.to_string()}</p> }.into_any(),
        ),
    };
    view! {
        <figure id=id class="chart" class:is-target=is_target aria-labelledby=labelled_by>
            <figcaption>
                <span class="chart-title" id=title_id>
                    {def.title.clone()}
                </span>
                {summary_text.map(|s| view! { <span class="chart-summary">{s}</span> })}
            </figcaption>
            {content}
        </figure>
    }
}

/// A drawing of the chart as it is shown: none until drawing may start, then the SVG and its
/// marks or why it could not be drawn.
type Drawing = Memo<Option<Result<Drawn, String>>>;

/// What a chart that can be resolved (`def`, resolved against the report's facts as `spec`)
/// shows below its caption.
fn chart_content(def: ChartDef, spec: ChartSpec) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let boxed = NodeRef::<Div>::new();
    let place = expect_context::<ChartEnv>().queue.enlist(boxed);
    let drawn = drawing(&spec, place);
    let report = doc.report.clone();
    let marks = move || {
        drawn.with(|d| {
            d.as_ref()
                .and_then(|d| d.as_ref().ok())
                .map(|d| marks(&report, d))
        })
    };
    // Only plotters' SVG goes in as markup (plotters escapes every text it writes); an error
    // quotes the report's labels, so it is text, rendered by the view.
    let svg = move || {
        drawn.with(|d| {
            d.as_ref()
                .and_then(|d| d.as_ref().ok())
                .map(|d| d.svg.clone())
                .unwrap_or_default()
        })
    };
    let error = move || {
        drawn.with(|d| match d {
            Some(Err(e)) => Some(view! { <p class="chart-error">"图表无法绘制：" {e.clone()}</p> }),
            _ => None,
        })
    };
    view! {
        <div class="chart-box" node_ref=boxed>
            <div class="chart-svg" aria-hidden="true" inner_html=svg></div>
            <div class="chart-marks">{marks}</div>
            {error}
        </div>
        {chart_checks(&doc.report, &def)}
        {data_table(&doc.report, &def, &spec)}
        {chart_downloads(def, drawn)}
    }
}

/// The chart drawn for its box's width, the theme and the font size once its place in the
/// queue lets it, redrawn when they change.
fn drawing(spec: &ChartSpec, place: Place) -> Drawing {
    let env = expect_context::<ChartEnv>();
    let prefs = expect_context::<Prefs>();
    // The figcaption carries the title; the SVG need not draw it again.
    let mut spec = spec.clone();
    spec.title.clear();
    Memo::new(move |_| {
        // Not before its turn, nor before its box is laid out.
        let width = place
            .go
            .get()
            .then(|| place.width.get())
            .filter(|w| *w > 0.0)?;
        let scale = super::prefs::FONT_SCALE[prefs.font.get()];
        // Drawn narrower by the font step's factor, then scaled to the box: the chart's text
        // grows with the reader's font size as the page's does.
        let width = (width / scale).round() as u32;
        let theme = if env.dark.get() {
            fazhi_core::charts::Theme::Dark
        } else {
            fazhi_core::charts::Theme::Light
        };
        Some(draw(&spec, width, theme).map_err(|e| e.to_string()))
    })
}

/// A mark over each drawn figure (a link to its sentence, described by the shared tooltip),
/// and over each region the text does not state (a tooltip that says how it follows).
fn marks(report: &Report, d: &Drawn) -> AnyView {
    let (w, h) = (d.width as f64, d.height as f64);
    let pct = |v: f64, of: f64| format!("{:.3}%", v / of * 100.0);
    let derived = d
        .derived
        .iter()
        .map(|r| {
            view! {
                <span
                    class="mark derived"
                    tabindex="0"
                    role="img"
                    aria-label=r.note.clone()
                    title=r.note.clone()
                    style:left=pct(r.x, w)
                    style:top=pct(r.y, h)
                    style:width=pct(r.w, w)
                    style:height=pct(r.h, h)
                ></span>
            }
        })
        .collect_view();
    let marks = d
        .marks
        .iter()
        .map(|m| {
            view! {
                <a
                    class="mark"
                    href=href(&format!("fact-{}", m.fact))
                    aria-label=format!("{} {}，查看原文", m.label, m.display)
                    aria-describedby="fact-tip"
                    style:left=pct(m.x, w)
                    style:top=pct(m.y, h)
                    style:width=pct(m.w, w)
                    style:height=pct(m.h, h)
                    data-fact=report.fact_index(&m.fact)
                ></a>
            }
        })
        .collect_view();
    view! { {marks} {derived} }.into_any()
}

/// The chart's downloads: SVG and PNG drawn again with their title, source and date (a
/// downloaded chart travels alone), at the width shown and in the light theme (documents and
/// slides are light); its figures as CSV. `drawn` is the drawing on the page, for its width.
fn chart_downloads(def: ChartDef, drawn: Drawing) -> impl IntoView {
    let doc = expect_context::<Doc>();
    // A report opened from a local file was not published as such: the chart says so.
    let local = doc
        .file
        .as_ref()
        .map(|f| format!("转换自本地文件“{}”，不是官方发布的版本", f.name));
    let alone = for_download(&doc.report, &def).ok().map(|mut s| {
        s.credit.extend(local);
        s
    });
    let titled = move || {
        let width =
            drawn.with_untracked(|d| d.as_ref().and_then(|d| d.as_ref().ok()).map(|d| d.width));
        draw(
            alone.as_ref()?,
            width.unwrap_or(640),
            fazhi_core::charts::Theme::Light,
        )
        .ok()
    };
    let (name, label) = (def.id.clone(), format!("下载“{}”", def.title));
    let download = move |kind: &'static str| {
        let Some(d) = titled() else { return };
        match kind {
            "svg" => save_text(
                &format!("{name}.svg"),
                "image/svg+xml",
                &standalone_svg(&d.svg, d.width, d.height),
            ),
            _ => save_svg_as_png(format!("{name}.png"), d.svg, d.width, d.height, 2.0),
        }
    };
    let download2 = download.clone();
    let csv = move |_| {
        let csv = fazhi_core::export::chart_csv(&doc.report, &def);
        save_text(&format!("{}.csv", def.id), "text/csv;charset=utf-8", &csv);
    };
    view! {
        <div class="chart-downloads" role="group" aria-label=label>
            <button type="button" on:click=move |_| download("svg")>
                "下载 SVG"
            </button>
            <button type="button" on:click=move |_| download2("png")>
                "下载 PNG"
            </button>
            <button type="button" on:click=csv>
                "下载 CSV"
            </button>
        </div>
    }
}

/// The checks among this chart's facts: ✓ holds, ≈ holds within 余/近, ✗ does not.
fn chart_checks(report: &Report, def: &ChartDef) -> Option<impl IntoView> {
    let ids: Vec<&String> = def.facts.iter().chain(def.total.iter()).collect();
    let rows: Vec<_> = report
        .checks
        .iter()
        .filter(|c| ids.contains(&&c.total) && c.parts.iter().all(|p| ids.contains(&p)))
        .map(|c| {
            let word = match c.outcome {
                fazhi_core::model::Outcome::Holds => "核对成立",
                fazhi_core::model::Outcome::Approx => "在“余/近”范围内成立",
                fazhi_core::model::Outcome::Fails => "核对不成立",
            };
            view! {
                <li>
                    <span aria-hidden="true">{format::outcome_mark(c.outcome)} " "</span>
                    {c.detail.clone()}
                    "（"
                    {word}
                    "）"
                </li>
            }
        })
        .collect();
    (!rows.is_empty()).then(|| view! { <ul class="chart-checks">{rows}</ul> })
}

/// The chart as a table: label, the figure as the text writes it, and a link to the sentence.
fn data_table(report: &Report, def: &ChartDef, spec: &ChartSpec) -> impl IntoView {
    let mut rows: Vec<(String, String, Option<usize>)> = Vec::new();
    let totals = match &spec.form {
        Form::PartOfWhole { total } => Some(total),
        _ => None,
    };
    for d in totals.into_iter().chain(&spec.data) {
        rows.push((
            d.label.clone(),
            with_unit(report, d),
            report.fact_index(&d.fact),
        ));
    }
    let body = rows
        .into_iter()
        .map(|(label, display, i)| {
            let source = i.map(|i| {
                let f = &report.facts[i];
                view! {
                    <a href=href(&format!("fact-{}", f.id))>
                        {fazhi_core::export::fact_sentence(report, f)}
                    </a>
                }
            });
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="num">{display}</td>
                    <td>{source}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="chart-data">
            <summary>"数据表"</summary>
            <table>
                <caption class="visually-hidden">{def.title.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">"项目"</th>
                        <th scope="col">"数值"</th>
                        <th scope="col">"原文"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </details>
    }
}

/// The indicators overview at the top of the report: key-figure cards, the list of charts
/// (each drawn once, after the paragraph that states its figures), and the downloads of all
/// facts. A chart no block states a figure of has no place in the text and is drawn here.
#[component]
pub fn Overview() -> impl IntoView {
    let doc = expect_context::<Doc>();
    let target = expect_context::<Target>();
    let report = doc.report.clone();
    if report.charts.is_empty() && report.cards.is_empty() {
        return None;
    }
    let placed: std::collections::HashSet<usize> =
        doc.charts_at.values().flatten().copied().collect();
    let unplaced = (0..report.charts.len())
        .filter(|i| !placed.contains(i))
        .map(|i| view! { <ChartFigure index=i /> })
        .collect_view();
    Some(view! {
        <section
            id="indicators"
            class:is-target=move || target.is("indicators")
            aria-labelledby="indicators-h"
        >
            <h2 id="indicators-h">"主要数据"</h2>
            <p class="note">"下列数字均取自报告原文，点击任一数字可跳转到原文中对应的句子。"</p>
            {key_figures(report.clone())}
            {chart_list(report.clone())}
            {unplaced}
            {all_downloads(report.clone())}
        </section>
    })
}

/// Every chart by title, each a link to where it is drawn: the overview lists them rather than
/// drawing them a second time. The list stays closed until the reader opens it (print hides
/// it), so its links are put in the page only then: a long report has thousands.
fn chart_list(report: Arc<Report>) -> Option<impl IntoView> {
    let count = report.charts.len();
    let opened = RwSignal::new(false);
    let items = move || {
        opened.get().then(|| {
            report
                .charts
                .iter()
                .map(|c| {
                    view! {
                        <li>
                            <a href=href(&format!("chart-{}", c.id))>{c.title.clone()}</a>
                        </li>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    (count > 0).then(|| {
        view! {
            <details
                class="chart-list"
                on:toggle=move |_| {
                    if !opened.get_untracked() {
                        opened.set(true);
                    }
                }
            >
                <summary>{format!("全部图表（{count}幅）")}</summary>
                <ol>{items}</ol>
            </details>
        }
    })
}

/// How many key figures the overview shows before the reader asks for all: a long report has
/// hundreds.
const CARDS_SHOWN: usize = 12;

/// The key figures as cards, each a link to its sentence: the first [`CARDS_SHOWN`], and the
/// rest behind a button.
fn key_figures(report: Arc<Report>) -> impl IntoView {
    let total = cards(&report).len();
    let all = RwSignal::new(false);
    let first = card_items(&report, 0..CARDS_SHOWN);
    let rest = move || all.get().then(|| card_items(&report, CARDS_SHOWN..total));
    let more = move |ev: leptos::ev::MouseEvent| {
        // The list the button follows.
        let list = ev
            .target()
            .and_then(|b| b.dyn_into::<web_sys::Element>().ok())
            .and_then(|b| b.previous_element_sibling());
        all.set(true);
        // The button goes as the rest come: the reader carries on from the first card shown
        // now, once it is in the page.
        request_animation_frame(move || {
            let card = list
                .and_then(|ul| ul.children().item(CARDS_SHOWN as u32))
                .and_then(|li| li.first_element_child())
                .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(card) = card {
                let _ = card.focus();
            }
        });
    };
    view! {
        <ul class="cards">
            {first}
            {rest}
        </ul>
        {move || {
            (total > CARDS_SHOWN && !all.get())
                .then(|| {
                    view! {
                        <button type="button" class="cards-more" on:click=more>
                            {format!("显示全部 {total} 项")}
                        </button>
                    }
                    .into_any()
                })
        }}
    }
}

/// The cards of the report's key figures in `range`.
fn card_items(report: &Report, range: std::ops::Range<usize>) -> AnyView {
    cards(report)
        .into_iter()
        .skip(range.start)
        .take(range.len())
        .map(|card| {
            let f = card.fact;
            let (number, unit) = format::fact_parts(f);
            view! {
                <li class="card">
                    <a href=href(&format!("fact-{}", f.id))>
                        <span class="card-value">
                            {number}
                            {(!unit.is_empty()).then(|| view! { <small>{unit}</small> })}
                        </span>
                        <span class="card-label">{card.label}</span>
                    </a>
                </li>
            }
        })
        .collect_view()
        .into_any()
}

/// Every figure of the report as CSV and as JSON, each with its sentence.
fn all_downloads(report: Arc<Report>) -> impl IntoView {
    let name: String = report
        .meta
        .title
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (r1, n1) = (report.clone(), name.clone());
    let csv = move |_| {
        let csv = fazhi_core::export::facts_csv(&r1);
        save_text(&format!("{n1}-数据.csv"), "text/csv;charset=utf-8", &csv);
    };
    let json = move |_| {
        let json = fazhi_core::export::facts_json(&report);
        save_text(&format!("{name}-数据.json"), "application/json", &json);
    };
    view! {
        <div class="all-downloads" role="group" aria-label="下载全部数据">
            <button type="button" on:click=csv>
                "下载全部数据（CSV）"
            </button>
            <button type="button" on:click=json>
                "下载全部数据（JSON）"
            </button>
        </div>
    }
}
