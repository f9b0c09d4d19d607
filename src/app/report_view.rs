//! The report page: masthead, table of contents and the body tree.
//!
//! The report is immutable once loaded, so the tree is rendered once with plain iterators
//! (`collect_view`) rather than keyed `<For>` lists, which only pay off for lists that change.

use crate::model::{Block, Kind, Report};
use leptos::prelude::*;
use std::rc::Rc;

#[component]
pub fn ReportView(report: Rc<Report>) -> impl IntoView {
    let meta = &report.meta;
    let dates = [
        meta.signed
            .as_deref()
            .map(|d| format!("{} 印发", cn_date(d))),
        meta.published
            .as_deref()
            .map(|d| format!("{} 发布", cn_date(d))),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let source = meta.site.clone().map(|site| {
        let href = meta.site_url.as_deref().map(|u| {
            if u.starts_with("http") {
                u.to_string()
            } else {
                format!("https://{u}")
            }
        });
        view! {
            <p class="source">
                "来源："
                {match href {
                    Some(h) => view! { <a href=h rel="noopener">{site}</a> }.into_any(),
                    None => site.into_any(),
                }}
                {meta.source.clone().map(|s| format!("（{s}）"))}
            </p>
        }
    });
    view! {
        <a class="skip-link" href="#main">"跳到正文"</a>
        <header class="masthead">
            {meta.issuer.clone().map(|i| view! { <p class="issuer">{i}</p> })}
            <h1>{meta.title.clone()}</h1>
            <p class="dates">{dates}</p>
            {source}
        </header>
        <div class="layout">
            <Toc blocks=report.blocks.clone() />
            <main id="main" class="report" tabindex="-1">
                {report.blocks.iter().map(block_view).collect_view()}
            </main>
        </div>
    }
}

/// Chapters and sections as a nested list of links to their anchors.
#[component]
fn Toc(blocks: Vec<Block>) -> impl IntoView {
    let entry = |b: &Block| {
        view! {
            <a href=format!("#{}", b.id)>
                {b.number.clone()}
                {b.title.clone()}
            </a>
        }
    };
    let chapters = blocks
        .iter()
        .filter(|b| b.kind == Kind::Chapter)
        .map(|c| {
            let sections = c
                .children
                .iter()
                .filter(|s| s.kind == Kind::Section)
                .map(|s| view! { <li>{entry(s)}</li> })
                .collect_view();
            view! {
                <li>
                    {entry(c)}
                    <ol>{sections}</ol>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="toc" aria-label="目录">
            <h2 class="toc-title">"目录"</h2>
            <ol>{chapters}</ol>
        </nav>
    }
}

/// One block and its descendants. Recursion needs type erasure, hence `AnyView`.
fn block_view(b: &Block) -> AnyView {
    let children = || {
        b.children
            .iter()
            .filter(|c| c.kind != Kind::Point)
            .map(block_view)
            .collect_view()
    };
    match b.kind {
        Kind::Chapter | Kind::Section => {
            let heading_id = format!("{}-h", b.id);
            let heading = (b.number.clone(), b.title.clone());
            let intro = (!b.text.is_empty() || has_points(b)).then(|| prose(b, false));
            let h = if b.kind == Kind::Chapter {
                view! { <h2 id=heading_id.clone()>{heading.0}{heading.1}</h2> }.into_any()
            } else {
                view! { <h3 id=heading_id.clone()>{heading.0}{heading.1}</h3> }.into_any()
            };
            view! {
                <section id=b.id.clone() class=format!("block {}", b.kind.as_str()) aria-labelledby=heading_id>
                    {h}
                    {intro}
                    {children()}
                </section>
            }
            .into_any()
        }
        Kind::Signature => view! {
            <p id=b.id.clone() class="block signature">{b.text.clone()}</p>
        }
        .into_any(),
        Kind::Item | Kind::Paragraph | Kind::Point => view! {
            <div id=b.id.clone() class=format!("block {}", b.kind.as_str())>
                {prose(b, true)}
                {children()}
            </div>
        }
        .into_any(),
    }
}

fn has_points(b: &Block) -> bool {
    b.children.iter().any(|c| c.kind == Kind::Point)
}

/// A block's paragraph: its number and heading in bold (when `with_heading`), its text, then its
/// inline points, each addressable by id.
fn prose(b: &Block, with_heading: bool) -> impl IntoView {
    let lead = with_heading
        .then(|| lead_in(b.number.as_deref(), b.title.as_deref()))
        .flatten();
    let points = b
        .children
        .iter()
        .filter(|c| c.kind == Kind::Point)
        .map(|p| {
            view! {
                <span id=p.id.clone() class="point">
                    {lead_in(p.number.as_deref(), p.title.as_deref())}
                    {p.text.clone()}
                </span>
            }
        })
        .collect_view();
    view! { <p>{lead}{b.text.clone()}{points}</p> }
}

fn lead_in(number: Option<&str>, title: Option<&str>) -> Option<impl IntoView> {
    if number.is_none() && title.is_none() {
        return None;
    }
    let number = number.map(|n| view! { <span class="num">{n.to_string()}</span> });
    let title = title.map(|t| view! { <strong class="lead">{t.to_string()}</strong> });
    Some(view! { {number}{title} })
}

/// "2023-02-27" -> "2023年2月27日", the way the report itself writes dates.
fn cn_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-').map(|p| p.trim_start_matches('0'));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
        _ => iso.to_string(),
    }
}
