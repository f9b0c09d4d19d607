//! The report body: chapters, sections, items, paragraphs and inline points, each addressable
//! by `#/b/<id>`, with stated figures and glossary terms marked. The text is shown in its
//! display form ([`fazhi_core::typeset`]: ASCII punctuation inside Chinese text full-width), at
//! the same char offsets as the official text that facts, terms and hits are measured on;
//! copying gives the official text back (`public/boot.js`).
//!
//! The report is immutable once loaded, so the tree is rendered once with plain iterators
//! (`collect_view`) rather than keyed `<For>` lists, which only pay off for lists that change,
//! and its text is static: search hits are painted over it as ranges (see
//! [`super::search::SearchState::repaint`]), which finds each field's text by the `data-field`
//! of the element that holds it, the first in its block's element. Each chapter's content is
//! rendered when it is needed ([`Chapters`]), its heading at once.
use super::chapters::Chapters;
use super::charts::{ChartFigure, Overview};
use super::checks::Checks;
use super::route::{href, Route, Target};
use super::shared::{Doc, LocalFile, Status};
use super::tip::FactTip;
use fazhi_core::model::{Block, Field, Kind, Report};
use fazhi_core::search::{segments, Segment};
use fazhi_core::typeset::{display, pieces, Piece};
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The indicators overview, the body, the cross-checks and the figures' shared tooltip.
#[component]
pub fn Body(
    /// The address: the body scrolls to and focuses the element it names.
    route: ReadSignal<Route>,
) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let report = doc.report.clone();
    let chapters = expect_context::<Chapters>();
    // Scroll to and focus the addressed element whenever the address changes (on load too,
    // and on back/forward); its highlight is `class:is-target` on the element itself (see
    // [`Target`]). Its chapter's content is rendered first if it is not yet (before the next
    // frame: rendering is a microtask away). On the next frame: on load, the report's
    // Suspense attaches the page to the document after effects first run.
    Effect::new(move |_| {
        if let Route::Block(id) = route.get() {
            chapters.show_for(&id);
            request_animation_frame(move || reveal(&id));
        }
    });
    // Each chapter's neighbours, for its "上一章 / 下一章" links.
    let list: Vec<usize> = (0..report.blocks.len())
        .filter(|&i| report.blocks[i].kind == Kind::Chapter)
        .collect();
    let blocks = report
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| match chapters.part_of(&b.id) {
            Some(part) => {
                let at = list.iter().position(|&c| c == i);
                let near = at.map(|at| {
                    let prev = at.checked_sub(1).map(|p| list[p]);
                    (prev, list.get(at + 1).copied())
                });
                chapter(report.clone(), i, part, near).into_any()
            }
            None => block_view(b),
        })
        .collect_view();
    view! {
        <Overview />
        {blocks}
        <Checks report=report.clone() />
        <FactTip />
    }
}

/// A top-level part (the block at `index`, lazy part `part`): its shell (see [`lazy`]), then,
/// for a chapter, once its content is rendered, the links to the chapters before and after it
/// (`near`: their indices in `report.blocks`).
fn chapter(
    report: Arc<Report>,
    index: usize,
    part: usize,
    near: Option<(Option<usize>, Option<usize>)>,
) -> impl IntoView {
    let chapters = expect_context::<Chapters>();
    let shell = lazy(report.clone(), &report.blocks[index], part);
    let nav = move || {
        let (prev, next) = near?;
        chapters.shown(part).then(|| {
            let at = |i: Option<usize>| i.map(|i| &report.blocks[i]);
            untrack(|| chapter_nav(&report.blocks[index], at(prev), at(next)))
        })
    };
    view! {
        {shell}
        {nav}
    }
}

/// A part's shell (the chapter or section `b`, lazy part `part`): its heading at once, its
/// content once [`Chapters`] says so, an empty box of about its height until then.
fn lazy(report: Arc<Report>, b: &Block, part: usize) -> impl IntoView {
    let id = b.id.clone();
    let (shell, content) =
        expect_context::<Chapters>().lazy(part, move || report.block(&id).map(section_rest));
    section(b, shell, content)
}

/// Scrolls to the element with `id` and focuses it (without scrolling twice).
fn reveal(id: &str) {
    let Some(el) = document().get_element_by_id(id) else {
        return;
    };
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

/// `class:is-target` for the element with `id`.
fn is_target(id: &str) -> impl Fn() -> bool + Send + Sync + 'static {
    let target = expect_context::<Target>();
    let id = id.to_string();
    move || target.is(&id)
}

/// One block and its descendants. Recursion needs type erasure, hence `AnyView`.
fn block_view(b: &Block) -> AnyView {
    let class = format!("block {}", b.kind.as_str());
    match b.kind {
        Kind::Chapter | Kind::Section | Kind::Glossary => {
            let doc = expect_context::<Doc>();
            match expect_context::<Chapters>().part_of(&b.id) {
                Some(part) => lazy(doc.report.clone(), b, part).into_any(),
                None => section(b, NodeRef::new(), section_rest(b)).into_any(),
            }
        }
        Kind::Signature => view! {
            <p id=b.id.clone() class=class class:is-target=is_target(&b.id)>
                {field_text(b, Field::Text, b.text.clone())}
            </p>
        }
        .into_any(),
        Kind::Item | Kind::SubItem | Kind::Term | Kind::Paragraph | Kind::Point => view! {
            <div id=b.id.clone() class=class class:is-target=is_target(&b.id)>
                {prose(b, true)}
                {figures(b)}
                {children(b)}
            </div>
        }
        .into_any(),
    }
}

/// A chapter, section or glossary with its heading, then `rest` (see [`section_rest`]).
fn section(
    b: &Block,
    node: NodeRef<html::Section>,
    rest: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <section
            id=b.id.clone()
            class=format!("block {}", b.kind.as_str())
            class:is-target=is_target(&b.id)
            aria-labelledby=format!("{}-h", b.id)
            node_ref=node
        >
            {heading(b)}
            {rest}
        </section>
    }
}

/// What a chapter, section or glossary holds under its heading: its own text, its figures,
/// its blocks.
fn section_rest(b: &Block) -> impl IntoView {
    view! {
        {(!b.text.is_empty() || has_points(b)).then(|| prose(b, false))}
        {figures(b)}
        {children(b)}
    }
}

/// The blocks inside `b` (its inline points are in its prose).
fn children(b: &Block) -> impl IntoView {
    b.children
        .iter()
        .filter(|c| c.kind != Kind::Point)
        .map(block_view)
        .collect_view()
}

/// The charts of the figures this block states, right after its own text.
fn figures(b: &Block) -> Option<impl IntoView> {
    expect_context::<Doc>().charts_at.get(&b.id).map(|cs| {
        cs.iter()
            .map(|&i| view! { <ChartFigure index=i /> })
            .collect_view()
    })
}

/// A chapter's (h2) or section's (h3) heading, with a link that copies its address.
fn heading(b: &Block) -> AnyView {
    let label = format!(
        "复制“{}{}”的链接",
        b.number.as_deref().unwrap_or(""),
        b.title.as_deref().unwrap_or("")
    );
    let inner = view! {
        {b.number.as_deref().map(shown)}
        {b.title.clone().map(|t| field_text(b, Field::Title, t))}
        // The "#" is drawn by CSS so headings copy and read without it.
        <a class="permalink" href=href(&b.id) aria-label=label on:click=copy_link(b.id.clone())></a>
    };
    let id = format!("{}-h", b.id);
    if b.kind == Kind::Chapter {
        view! { <h2 id=id>{inner}</h2> }.into_any()
    } else {
        view! { <h3 id=id>{inner}</h3> }.into_any()
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
                <span id=p.id.clone() class="point" class:is-target=is_target(&p.id)>
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
        .as_deref()
        .map(|n| view! { <span class="num">{shown(n)}</span> });
    let title = b
        .title
        .clone()
        .map(|t| view! { <strong class="lead">{field_text(b, Field::Title, t)}</strong> });
    Some(view! { {number} {title} })
}

/// A field's text with its stated figures and glossary terms marked, in an element that says
/// which field it holds: what search highlighting looks for.
fn field_text(b: &Block, field: Field, text: String) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let target = expect_context::<Target>();
    let key = (b.id.clone(), field);
    let facts = doc.facts_at.get(&key).cloned().unwrap_or_default();
    let terms = doc.terms_at.get(&key).cloned().unwrap_or_default();
    // Typeset once, whole, so each mark sees its neighbours; the runs are cut from both forms
    // at the same char offsets.
    let official = segments(&text, &facts, &terms);
    let mut runs = segments(&display(&text), &facts, &terms)
        .into_iter()
        .zip(official)
        .peekable();
    let mut out = Vec::new();
    while let Some(first) = runs.next() {
        let Some(mark) = Mark::of(&first.0) else {
            out.push(run(first));
            continue;
        };
        // A term overlapping a figure cuts it into several runs: the figure stays one element.
        let mut inner = vec![run(first)];
        while let Some(next) = runs.next_if(|s| Mark::of(&s.0) == Some(mark)) {
            inner.push(run(next));
        }
        let inner = inner.collect_view().into_any();
        out.push(match mark {
            Mark::Fact(i) => fact_mark(&doc, &target, i, inner).into_any(),
            Mark::Term(t) => term_mark(&doc, t, inner).into_any(),
        });
    }
    view! { <span data-field=field.as_str()>{out.collect_view()}</span> }
}

/// What a run of text is part of: a stated figure, or else a glossary term (a figure wins
/// over a term it lies in).
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Fact(usize),
    Term(usize),
}

impl Mark {
    fn of(s: &Segment) -> Option<Mark> {
        s.fact.map(Mark::Fact).or(s.term.map(Mark::Term))
    }
}

/// A run of text as shown (with the run of the official text it shows).
fn run((shown, official): (Segment, Segment)) -> AnyView {
    typeset(&official.text, &shown.text)
}

/// A string with no marks in it (a number) as shown.
fn shown(official: &str) -> AnyView {
    typeset(official, &display(official))
}

/// `shown`, the display form of `official`: each character shown other than written carries
/// the official one in `data-o`, which copying puts back (`public/boot.js`).
fn typeset(official: &str, shown: &str) -> AnyView {
    pieces(official, shown)
        .into_iter()
        .map(|p| match p {
            Piece::Same(s) => s.to_string().into_any(),
            Piece::Wide { shown, official } => view! {
                <span class="fw" data-o=official.to_string()>
                    {shown.to_string()}
                </span>
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}

/// A stated figure in the text: focusable, described by the shared tooltip, and a link to the
/// chart or cross-check that uses it, if any. Plain markup with a `data-fact` index: the
/// tooltip listens once for the whole page (see [`FactTip`]), which keeps rendering a long
/// report's many figures cheap.
fn fact_mark(doc: &Doc, target: &Target, i: usize, inner: AnyView) -> impl IntoView {
    let report: &Report = &doc.report;
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
    let id = format!("fact-{}", f.id);
    let is_target = {
        let (target, id) = (*target, id.clone());
        move || target.is(&id)
    };
    match check {
        Some(k) => view! {
            <a
                class="fact"
                class:is-target=is_target
                id=id
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
                class="fact"
                class:is-target=is_target
                id=id
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

/// A use of a term the closing glossary explains: a link to its entry, described by the shared
/// tooltip (which shows the explanation) through its `data-term` index.
fn term_mark(doc: &Doc, i: usize, inner: AnyView) -> impl IntoView {
    let entry = doc.report.terms.get(i).map(|t| t.block.clone());
    view! {
        <a
            class="term"
            href=entry.as_deref().map(href)
            aria-describedby="fact-tip"
            data-term=i
        >
            {inner}
        </a>
    }
}

/// "上一章 / 下一章" links at the end of chapter `b`.
fn chapter_nav(b: &Block, prev: Option<&Block>, next: Option<&Block>) -> impl IntoView {
    // Shown as the headings are (a label: copying it need not give the official text).
    let name = |c: &Block| {
        display(&format!(
            "{}{}",
            c.number.as_deref().unwrap_or(""),
            c.title.as_deref().unwrap_or("")
        ))
    };
    let prev = prev.map(|c| view! { <a href=href(&c.id)>"上一章：" {name(c)}</a> });
    let next = next.map(|c| view! { <a class="next" href=href(&c.id)>"下一章：" {name(c)}</a> });
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
    // The address would open the site's own report there, not the file opened here.
    let local = LocalFile::is_open();
    move |_| {
        let url = super::route::absolute(Some(&id));
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&url);
        wasm_bindgen_futures::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            let said = match (ok, local) {
                (true, false) => "链接已复制",
                (false, false) => "地址栏中即为本处链接",
                (true, true) => "链接已复制，但本报告由本地文件打开，链接只在本页有效，不能分享",
                (false, true) => "本报告由本地文件打开，本处链接只在本页有效，不能分享",
            };
            if let Some(s) = status {
                s.set(said.to_string());
            }
        });
    }
}
