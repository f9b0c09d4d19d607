//! The report's key indicators in the browser: figures drawn by [`fazhi_core::charts`] from the facts
//! the editor chose, each with a title, a one-sentence summary, a data table, its cross-checks,
//! downloads, and marks that lead back to the sentence that states each number.
//!
//! Charts are drawn after the first chapter is on screen (the page is never held up for them),
//! redrawn when the width, the font size or the theme changes.

use super::download::{save_svg_as_png, save_text, standalone_svg};
use super::prefs::{Prefs, Theme};
use super::route::href;
use super::Doc;
pub use fazhi_core::charts::resolve::anchor;
use fazhi_core::charts::resolve::{cards, for_download, spec, summary, with_unit};
use fazhi_core::charts::{draw, ChartSpec, Form};
use fazhi_core::format;
use fazhi_core::model::{ChartDef, Report};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What every chart redraws on: the effective theme, the viewport width, and whether drawing
/// may start yet.
#[derive(Clone, Copy)]
pub struct ChartEnv {
    pub dark: Memo<bool>,
    pub viewport: RwSignal<f64>,
    pub ready: RwSignal<bool>,
}

impl ChartEnv {
    pub fn provide() -> ChartEnv {
        let prefs = expect_context::<Prefs>();
        let query = window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten();
        let system_dark = RwSignal::new(query.as_ref().is_some_and(|q| q.matches()));
        if let Some(q) = query {
            let on_change =
                wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
                    move |e: web_sys::MediaQueryListEvent| system_dark.set(e.matches()),
                );
            let _ =
                q.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            // Lives as long as the page: the listener is never removed.
            on_change.forget();
        }
        let dark = Memo::new(move |_| match prefs.theme.get() {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::Auto => system_dark.get(),
        });
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
        let ready = RwSignal::new(false);
        // After the first frame with the text on screen, draw; then mark when all are drawn so
        // the time can be measured (performance.getEntriesByName("fazhi:charts")).
        request_animation_frame(move || {
            set_timeout(
                move || {
                    mark("fazhi:charts-start");
                    ready.set(true);
                    set_timeout(
                        || {
                            mark("fazhi:charts-drawn");
                            if let Some(p) = window().performance() {
                                let _ = p.measure_with_start_mark_and_end_mark(
                                    "fazhi:charts",
                                    "fazhi:charts-start",
                                    "fazhi:charts-drawn",
                                );
                            }
                        },
                        std::time::Duration::ZERO,
                    );
                },
                std::time::Duration::ZERO,
            );
        });
        let env = ChartEnv {
            dark,
            viewport,
            ready,
        };
        provide_context(env);
        env
    }
}

fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

fn inner_width() -> f64 {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(1024.0)
}

/// One chart as a figure. `prefix` keeps ids unique where a chart is shown twice (in the text
/// and in the overview); the copy in the text ("chart-") is the one figures link to.
#[component]
pub fn ChartFigure(index: usize, prefix: &'static str) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let env = expect_context::<ChartEnv>();
    let prefs = expect_context::<Prefs>();
    let def = doc.report.charts[index].clone();
    let spec = match spec(&doc.report, &def) {
        Ok(spec) => spec,
        Err(e) => {
            return view! { <p class="chart-error">"图表“" {def.title.clone()} "”无法绘制：" {e.to_string()}</p> }
                .into_any();
        }
    };
    let id = format!("{prefix}{}", def.id);
    let title_id = format!("{id}-t");
    let boxed = NodeRef::<Div>::new();
    // The figcaption carries the title; the SVG need not draw it again.
    let mut spec2 = spec.clone();
    spec2.title.clear();
    let drawn = Memo::new(move |_| {
        if !env.ready.get() {
            return None;
        }
        env.viewport.track();
        prefs.font.track();
        let width = boxed
            .get_untracked()
            .map(|b| b.client_width() as u32)
            .filter(|w| *w > 0)
            .unwrap_or(640);
        let theme = if env.dark.get() {
            fazhi_core::charts::Theme::Dark
        } else {
            fazhi_core::charts::Theme::Light
        };
        Some(draw(&spec2, width, theme).map_err(|e| e.to_string()))
    });
    let facts_idx: Vec<Option<usize>> = def
        .facts
        .iter()
        .map(|fid| doc.report.facts.iter().position(|f| &f.id == fid))
        .collect();
    let report = doc.report.clone();
    let marks = move || {
        drawn.with(|d| match d {
            Some(Ok(d)) => {
                let (w, h) = (d.width as f64, d.height as f64);
                // The rest of a whole the text does not break down: no number, a tooltip that
                // says how it follows from the stated figures.
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
                                style:left=format!("{:.3}%", r.x / w * 100.0)
                                style:top=format!("{:.3}%", r.y / h * 100.0)
                                style:width=format!("{:.3}%", r.w / w * 100.0)
                                style:height=format!("{:.3}%", r.h / h * 100.0)
                            ></span>
                        }
                    })
                    .collect_view();
                let marks = d
                    .marks
                    .iter()
                    .map(|m| {
                        let fact = report.facts.iter().position(|f| f.id == m.fact);
                        let target = href(&format!("fact-{}", m.fact));
                        view! {
                            <a
                                class="mark"
                                href=target
                                aria-label=format!("{} {}，查看原文", m.label, m.display)
                                aria-describedby="fact-tip"
                                style:left=format!("{:.3}%", m.x / w * 100.0)
                                style:top=format!("{:.3}%", m.y / h * 100.0)
                                style:width=format!("{:.3}%", m.w / w * 100.0)
                                style:height=format!("{:.3}%", m.h / h * 100.0)
                                data-fact=fact
                            ></a>
                        }
                    })
                    .collect_view();
                view! { {marks} {derived} }.into_any()
            }
            _ => ().into_any(),
        })
    };
    // Only plotters' SVG goes in as markup (plotters escapes every text it writes); an error
    // quotes the report's labels, so it is text, rendered by the view.
    let svg = move || {
        drawn.with(|d| match d {
            Some(Ok(d)) => d.svg.clone(),
            _ => String::new(),
        })
    };
    let error = move || {
        drawn.with(|d| match d {
            Some(Err(e)) => Some(view! { <p class="chart-error">"图表无法绘制：" {e.clone()}</p> }),
            _ => None,
        })
    };
    let checks = chart_checks(&doc.report, &def);
    let table = data_table(&doc.report, &def, &spec, &facts_idx);
    let summary_text = summary(&doc.report, &def, &spec);
    let name = def.id.clone();
    // A downloaded chart travels alone, so it is drawn again with its title and its source
    // and date, at the width shown and in the light theme (documents and slides are light).
    let alone = for_download(&doc.report, &def).ok();
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
    let titled2 = titled.clone();
    let download_svg = {
        let name = name.clone();
        move |_| {
            if let Some(d) = titled() {
                save_text(
                    &format!("{name}.svg"),
                    "image/svg+xml",
                    &standalone_svg(&d.svg, d.width, d.height),
                );
            }
        }
    };
    let download_png = {
        let name = name.clone();
        move |_| {
            if let Some(d) = titled2() {
                save_svg_as_png(format!("{name}.png"), d.svg, d.width, d.height, 2.0);
            }
        }
    };
    let download_csv = {
        let report = doc.report.clone();
        let def = def.clone();
        move |_| {
            let csv = fazhi_core::export::chart_csv(&report, &def);
            save_text(&format!("{}.csv", def.id), "text/csv;charset=utf-8", &csv);
        }
    };
    view! {
        <figure id=id.clone() class="chart" aria-labelledby=title_id.clone()>
            <figcaption>
                <span class="chart-title" id=title_id.clone()>
                    {def.title.clone()}
                </span>
                <span class="chart-summary">{summary_text}</span>
            </figcaption>
            <div class="chart-box" node_ref=boxed>
                <div class="chart-svg" aria-hidden="true" inner_html=svg></div>
                <div class="chart-marks">{marks}</div>
                {error}
            </div>
            {checks}
            {table}
            <div class="chart-downloads" role="group" aria-label=format!("下载“{}”", def.title)>
                <button type="button" on:click=download_svg>
                    "下载 SVG"
                </button>
                <button type="button" on:click=download_png>
                    "下载 PNG"
                </button>
                <button type="button" on:click=download_csv>
                    "下载 CSV"
                </button>
            </div>
        </figure>
    }
    .into_any()
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
                <li class=format!("check-{}", word)>
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
fn data_table(
    report: &Report,
    def: &ChartDef,
    spec: &ChartSpec,
    idx: &[Option<usize>],
) -> impl IntoView {
    let mut rows: Vec<(String, String, Option<usize>)> = Vec::new();
    if let Form::PartOfWhole { total } = &spec.form {
        let i = def
            .total
            .as_deref()
            .and_then(|t| report.facts.iter().position(|f| f.id == t));
        rows.push((total.label.clone(), with_unit(report, total), i));
    }
    for (d, i) in spec.data.iter().zip(idx) {
        rows.push((d.label.clone(), with_unit(report, d), *i));
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

/// The indicators overview: key-figure cards, every chart, and the downloads of all facts.
#[component]
pub fn Overview() -> impl IntoView {
    let doc = expect_context::<Doc>();
    let report = doc.report.clone();
    if report.charts.is_empty() && report.cards.is_empty() {
        return None;
    }
    let cards = cards(&report)
        .into_iter()
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
        .collect_view();
    let charts = (0..report.charts.len())
        .map(|i| view! { <ChartFigure index=i prefix="overview-" /> })
        .collect_view();
    let (r1, r2) = (report.clone(), report.clone());
    let name = report
        .meta
        .title
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>();
    let (n1, n2) = (name.clone(), name);
    Some(view! {
        <section id="indicators" class="indicators" aria-labelledby="indicators-h">
            <h2 id="indicators-h">"主要数据"</h2>
            <p class="note">
                "下列数字与图表均取自报告原文，点击任一数字或图形可跳转到原文中对应的句子。"
            </p>
            <ul class="cards">{cards}</ul>
            {charts}
            <div class="all-downloads" role="group" aria-label="下载全部数据">
                <button
                    type="button"
                    on:click=move |_| {
                        save_text(
                            &format!("{n1}-数据.csv"),
                            "text/csv;charset=utf-8",
                            &fazhi_core::export::facts_csv(&r1),
                        )
                    }
                >
                    "下载全部数据（CSV）"
                </button>
                <button
                    type="button"
                    on:click=move |_| {
                        save_text(
                            &format!("{n2}-数据.json"),
                            "application/json",
                            &fazhi_core::export::facts_json(&r2),
                        )
                    }
                >
                    "下载全部数据（JSON）"
                </button>
            </div>
        </section>
    })
}
