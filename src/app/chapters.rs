//! Which parts of the report have their content in the page. A part is a top-level chapter
//! (or section, or glossary), each section directly inside one, and the cross-checks. Every
//! part's shell renders with the part that holds it (a `<section>` with its heading, so the
//! table of contents, the heading ids and the first chapter's heading exist from the start),
//! its content (text, figures, inner blocks, a chapter's links) when it is needed:
//!
//! * when its shell comes within two screens of the viewport (an IntersectionObserver); the
//!   parts it reports render one per task, those it reported last and nearest the viewport
//!   first, so a scroll far down is served before what the page asked for earlier and no task
//!   renders more than one part;
//! * when something inside it is addressed: a deep link, the table of contents, a search
//!   result, a figure's link to its chart or check, the chapter links ([`Chapters::show_for`]);
//! * before printing: all of them;
//! * ahead of the reader, a few parts per idle task ([`AHEAD`] blocks) in document order, while
//!   the blocks rendered stay under [`BUDGET`], so a report of ordinary length ends up whole (find in page finds
//!   everything, every chart gets drawn) while a very long one costs what is near the screen.
//!
//! Sections are parts of their own so that the first task renders a screen's worth, not a
//! whole first chapter (in the bundled report it holds most of the text). A part's content
//! renders only with its enclosing part's: showing a section shows its chapter first.
//!
//! A shell not yet rendered reserves an estimate of its content's height, so the scroll bar
//! and the places below move little when it renders; the browser's scroll anchoring keeps the
//! reader's place when a part above renders.
//!
//! A top-level part whose content and inner parts have all rendered is left out of layout and
//! paint while it is more than a screen away ([`skip_when_away`]), so that a frame (a
//! keystroke's, a chart's, a part's) costs what is near the screen, not what has rendered.

use super::charts::ChartEnv;
use super::prefs::{Prefs, FONT_SCALE};
use super::queue::ChartQueue;
use super::search::SearchState;
use super::shared::{idle, Doc};
use fazhi_core::charts::resolve::anchor;
use fazhi_core::model::{Block, Kind, Report};
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How many blocks the idle rendering ahead may bring the page to: ten times the bundled
/// report (53 blocks), so any real report renders whole, while a synthetic 100× one (5,300
/// blocks, some 550,000 DOM nodes) stays near a tenth of that. Parts the reader reaches
/// render whatever the count.
const BUDGET: usize = 600;

/// About how many blocks one idle task renders ahead: a section or two. Fewer, larger tasks
/// than one part each, since idle periods are rare while charts are being drawn; small enough
/// that a task stays short (a section of the bundled report is about ten blocks).
const AHEAD: usize = 24;

/// The id of the cross-checks' shell (see [`super::checks`]).
pub const CHECKS: &str = "checks";

/// What a part holds, for the budget and the height it reserves.
#[derive(Clone, Copy, Default)]
struct Size {
    /// Blocks (each check counts as one).
    blocks: usize,
    /// Characters of text.
    chars: usize,
    /// Charts.
    charts: usize,
}

impl Size {
    /// Counts block `d` (its text, and the charts shown after it) in.
    fn count(&mut self, doc: &Doc, d: &Block) {
        self.blocks += 1;
        self.chars += d.text.chars().count() + d.title.as_deref().map_or(0, |t| t.chars().count());
        self.charts += doc.charts_at.get(&d.id).map_or(0, Vec::len);
    }
}

impl std::ops::AddAssign for Size {
    fn add_assign(&mut self, o: Size) {
        self.blocks += o.blocks;
        self.chars += o.chars;
        self.charts += o.charts;
    }
}

/// A part of the report whose content renders when needed.
struct Part {
    /// Its shell's id.
    id: String,
    /// Whether its content is rendered (or about to be).
    shown: RwSignal<bool>,
    /// For a top-level part: how many of it and the parts inside it have not yet rendered
    /// their content (see [`skip_when_away`]).
    left: usize,
    /// The part whose content holds its shell.
    parent: Option<usize>,
    /// What its content holds outside its inner parts (what [`BUDGET`] counts).
    own: Size,
    /// What its content holds, inner parts included (the height its shell reserves).
    all: Size,
}

/// What the report's parts know of their rendering.
struct State {
    /// In document order: a part comes before the parts inside it.
    parts: Vec<Part>,
    /// The report, whose own index of blocks finds what holds an element ([`State::holding`]).
    report: Arc<Report>,
    /// For each part's shell, by its id: the part.
    shells: HashMap<String, usize>,
    /// Blocks in parts shown so far.
    shown_blocks: usize,
    /// Parts whose content has been put in the page.
    rendered: usize,
    /// Parts the observer reported and not yet shown: (the report's number, the shell's
    /// distance from the viewport in px, the part).
    pending: Vec<(u32, f64, usize)>,
    /// How many reports the observer has made.
    reports: u32,
    /// A task that shows the next pending part is scheduled.
    pumping: bool,
}

/// The report's parts' rendering, shared by context (the body and the cross-checks render by
/// it; the hand-over from the pre-rendered copy and embedding ask it for what they need).
#[derive(Clone, Copy)]
pub struct Chapters {
    state: StoredValue<State>,
    /// Told when every chart of the report has enlisted.
    queue: ChartQueue,
    /// Watches the shells not yet rendered (none where the browser has no IntersectionObserver:
    /// the idle rendering then reaches them).
    observer: StoredValue<Option<web_sys::IntersectionObserver>, LocalStorage>,
    /// Watches the whole top-level parts not yet skipped ([`skip_when_away`]).
    away: StoredValue<Option<web_sys::IntersectionObserver>, LocalStorage>,
}

impl Chapters {
    /// Sets up the parts of the report in context: the first chapter's content and its first
    /// section's render at once, the others as described above.
    pub fn provide() -> Chapters {
        let doc = expect_context::<Doc>();
        let state = State::new(&doc);
        let empty = state.parts.is_empty();
        let first_inner = state.parts.get(1).is_some_and(|p| p.parent == Some(0));
        let chapters = Chapters {
            state: StoredValue::new(state),
            queue: expect_context::<ChartEnv>().queue,
            observer: StoredValue::new_local(None),
            away: StoredValue::new_local(None),
        };
        chapters.observe();
        provide_context(chapters);
        if empty {
            chapters.queue.all_enlisted();
        } else {
            chapters.show(0);
            if first_inner {
                chapters.show(1);
            }
        }
        let handle = window_event_listener_untyped("beforeprint", move |_| chapters.show_all());
        on_cleanup(move || handle.remove());
        chapters.unskip_on_reflow();
        // After the first frame with the text, so rendering ahead never delays it.
        request_animation_frame(move || idle(move || chapters.ahead()));
        chapters
    }

    /// The part whose shell is the block with this id (a chapter or a section in one), or
    /// the cross-checks' ([`CHECKS`]), if it renders lazily.
    pub fn part_of(self, id: &str) -> Option<usize> {
        self.state
            .try_with_value(|s| s.shells.get(id).copied())
            .flatten()
    }

    /// Whether a part's content is to be in the page (reactive).
    pub fn shown(self, part: usize) -> bool {
        self.state.with_value(|s| s.parts[part].shown).get()
    }

    /// Renders the content of the part that holds the element with `id` (a block, a point,
    /// a stated figure, a chart, a check), if it is not yet rendered, and of the parts before
    /// it in its chapter: what is above the element it leads to is then its real height, not
    /// an estimate, so it stays where the page scrolled it to (scroll anchoring did not hold
    /// a section's place while the sections above it rendered).
    pub fn show_for(self, id: &str) {
        let Some(Some((part, first))) = self.state.try_with_value(|s| {
            let part = s.holding(id)?;
            let mut first = part;
            while let Some(p) = s.parts[first].parent {
                first = p;
            }
            Some((part, first))
        }) else {
            return;
        };
        (first..=part).for_each(|p| self.show(p));
    }

    /// Starts watching a part's shell, which has just been put in the page.
    fn watch(self, shell: &web_sys::Element) {
        watch(self.observer, shell);
    }

    /// Called once a part's content is in the page: once every part's is, every chart of
    /// the report has enlisted in the chart queue; once a top-level part's and all the parts'
    /// inside it are, it is watched, to be skipped while away from the screen
    /// ([`skip_when_away`]).
    fn rendered(self, part: usize) {
        let Some((all, whole)) = self.state.try_update_value(|s| {
            s.rendered += 1;
            let top = s.parts[part].parent.unwrap_or(part);
            let p = &mut s.parts[top];
            p.left -= 1;
            let whole = (p.left == 0).then(|| p.id.clone());
            (s.rendered == s.parts.len(), whole)
        }) else {
            return;
        };
        if all {
            self.queue.all_enlisted();
        }
        if let Some(shell) = whole.and_then(|id| document().get_element_by_id(&id)) {
            watch(self.away, &shell);
        }
    }

    /// The height a part's shell reserves until its content renders, in em (reactive: it
    /// follows the window's width and the font size).
    fn reserve(self, part: usize) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        let env = expect_context::<ChartEnv>();
        let prefs = expect_context::<Prefs>();
        let size = self.state.with_value(|s| s.parts[part].all);
        move || {
            let font = 16.0 * FONT_SCALE[prefs.font.get()];
            let height = estimate(env.viewport.get(), font, size);
            format!("{height:.0}em")
        }
    }

    /// A part's shell and what it holds under its heading, for the body's chapters and
    /// sections and for the cross-checks alike: the node ref goes on the shell's `<section>`,
    /// which is watched once it is in the page; the view is an empty box of about the
    /// content's height until the part is shown, then `content()`. Once that is in the page,
    /// the part counts as rendered and the search paints its hits over it.
    pub fn lazy<V: IntoView + 'static>(
        self,
        part: usize,
        content: impl Fn() -> V + Send + Sync + 'static,
    ) -> (NodeRef<html::Section>, impl IntoView) {
        let shell = NodeRef::<html::Section>::new();
        Effect::new(move |_| {
            if let Some(el) = shell.get() {
                self.watch(&el);
            }
        });
        let search = use_context::<SearchState>();
        let reserve = self.reserve(part);
        let view = move || {
            if !self.shown(part) {
                return Either::Right(
                    view! { <div class="chapter-rest" style:height=reserve.clone()></div> },
                );
            }
            Effect::new(move |_| {
                self.rendered(part);
                if let Some(search) = search {
                    search.repaint();
                }
            });
            Either::Left(untrack(&content))
        };
        (shell, view)
    }

    /// Shows a part, and first the parts around it.
    fn show(self, part: usize) {
        let Some((parent, signal)) = self.state.try_update_value(|s| {
            let p = &s.parts[part];
            if p.shown.get_untracked() {
                return (None, None);
            }
            s.shown_blocks += p.own.blocks;
            (p.parent, Some(p.shown))
        }) else {
            return;
        };
        if let Some(parent) = parent {
            self.show(parent);
        }
        if let Some(shown) = signal {
            shown.set(true);
        }
    }

    fn show_all(self) {
        let n = self.state.with_value(|s| s.parts.len());
        (0..n).for_each(|part| self.show(part));
    }

    /// Renders the next parts not yet rendered, about [`AHEAD`] blocks of them in an idle task
    /// of their own, while the budget allows.
    fn ahead(self) {
        let mut blocks = 0;
        while blocks < AHEAD {
            let next = self.state.try_with_value(|s| {
                s.parts
                    .iter()
                    .position(|p| !p.shown.get_untracked())
                    .filter(|&i| s.shown_blocks + s.parts[i].own.blocks <= BUDGET)
                    .map(|i| (i, s.parts[i].own.blocks))
            });
            let Some(Some((part, size))) = next else {
                return;
            };
            self.show(part);
            blocks += size;
        }
        idle(move || self.ahead());
    }

    /// Shows the pending part the observer reported last and nearest the viewport, then
    /// comes back in a task of its own while any is pending.
    fn pump(self) {
        let next = self.state.try_update_value(|s| {
            while let Some(i) = (0..s.pending.len()).max_by(|&a, &b| {
                let (ra, da, _) = s.pending[a];
                let (rb, db, _) = s.pending[b];
                ra.cmp(&rb).then(db.total_cmp(&da))
            }) {
                let (_, _, part) = s.pending.swap_remove(i);
                if !s.parts[part].shown.get_untracked() {
                    return Some(part);
                }
            }
            s.pumping = false;
            None
        });
        if let Some(Some(part)) = next {
            self.show(part);
            set_timeout(move || self.pump(), Duration::ZERO);
        }
    }

    /// When the type size or the window's width changes, the skipped parts' heights no longer
    /// hold: they are laid out again (the page's height is then right at once, which an
    /// embedding page sizes its frame by) and skipped again, at their new heights, once away.
    fn unskip_on_reflow(self) {
        let env = expect_context::<ChartEnv>();
        let prefs = expect_context::<Prefs>();
        Effect::new(move |first: Option<()>| {
            prefs.font.track();
            env.viewport.track();
            if first.is_none() {
                return;
            }
            let Ok(skipped) = document().query_selector_all(".rendered-part") else {
                return;
            };
            for shell in (0..skipped.length()).filter_map(|i| skipped.item(i)) {
                let Ok(shell) = shell.dyn_into::<web_sys::HtmlElement>() else {
                    continue;
                };
                let _ = shell.class_list().remove_1("rendered-part");
                let _ = shell
                    .style()
                    .remove_property("contain-intrinsic-block-size");
                watch(self.away, &shell);
            }
        });
    }

    /// One observer for every shell: a shell within two screens of the viewport is no longer
    /// watched, and its part waits its turn to render ([`Chapters::pump`]). And one for every
    /// whole top-level part: once it is more than a screen away, it is skipped while away
    /// ([`skip_when_away`]).
    fn observe(self) {
        let near = observer("200% 0px", move |entries, observer| {
            let height = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(800.0);
            let near: Vec<_> = entries
                .iter()
                .filter(|e| e.is_intersecting())
                .map(|e| {
                    let shell = e.target();
                    observer.unobserve(&shell);
                    let r = e.bounding_client_rect();
                    let distance = (r.top() - height).max(-r.bottom()).max(0.0);
                    (shell.id(), distance)
                })
                .collect();
            if near.is_empty() {
                return;
            }
            let start = self.state.try_update_value(|s| {
                s.reports += 1;
                for (id, distance) in near {
                    if let Some(&part) = s.shells.get(&id) {
                        s.pending.push((s.reports, distance, part));
                    }
                }
                !std::mem::replace(&mut s.pumping, true)
            });
            if start == Some(true) {
                self.pump();
            }
        });
        let away = away();
        self.observer.set_value(near);
        self.away.set_value(away);
        on_cleanup(move || {
            for o in [self.observer, self.away] {
                o.with_value(|o| {
                    if let Some(o) = o {
                        o.disconnect();
                    }
                })
            }
        });
    }
}

/// Has `observer`, if there is one, watch `el`.
fn watch(
    observer: StoredValue<Option<web_sys::IntersectionObserver>, LocalStorage>,
    el: &web_sys::Element,
) {
    observer.with_value(|o| {
        if let Some(o) = o {
            o.observe(el);
        }
    });
}

/// The observer that skips the whole top-level parts more than a screen away
/// ([`skip_when_away`]). None in an embedding page (`<html class="embed">`, see
/// `super::embed`): it sizes the frame to the page, whose height must follow the type size at
/// once and hold still while the reader scrolls (a part's height skipped and laid out differs
/// by its inner margins, which containment keeps from collapsing through it); the host page
/// scrolls, and the reports embedded are short.
fn away() -> Option<web_sys::IntersectionObserver> {
    let embedded = document()
        .document_element()
        .is_some_and(|root| root.class_list().contains("embed"));
    if embedded {
        return None;
    }
    observer("100% 0px", |entries, observer| {
        for e in entries.iter().filter(|e| !e.is_intersecting()) {
            let shell = e.target();
            observer.unobserve(&shell);
            skip_when_away(&shell, e.bounding_client_rect().height());
        }
    })
}

/// An IntersectionObserver with `margin` around the viewport that calls `on` with its
/// entries, or None where the browser has none. It lives as long as the page.
fn observer(
    margin: &str,
    on: impl Fn(Vec<web_sys::IntersectionObserverEntry>, &web_sys::IntersectionObserver) + 'static,
) -> Option<web_sys::IntersectionObserver> {
    let on_change = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let entries = entries
                .iter()
                .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                .collect();
            on(entries, &observer);
        },
    );
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin(margin);
    let observer = web_sys::IntersectionObserver::new_with_options(
        on_change.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    // The closure lives as long as the observer, which lives as long as the page.
    on_change.forget();
    Some(observer)
}

/// Lets the browser skip laying out and painting a top-level part while it is away from the
/// screen (`content-visibility: auto`, style.css `.rendered-part`), keeping the height it has
/// (`contain-intrinsic-block-size`; `auto`: once it has been on screen again, the height it
/// last had there). Every frame then costs what is near the screen: at a hundred times the
/// bundled report, a search keystroke's frame laid out and painted every rendered part (80 ms
/// at 4× CPU), and so did each chart drawn and each part rendered.
///
/// Only for a part whose content and inner parts' have all rendered (and been laid out since),
/// once it is more than a screen away ([`Chapters::observe`]), at the height it has then:
/// * a part's content rendered inside a skipped part would never be laid out, and the queue's
///   ResizeObserver would never measure its charts (measuring them one by one forced a layout
///   of their part each time: 600 ms in the first seconds of a 100× report at 4× CPU);
/// * in the frame in which a part first gets `content-visibility`, the browser takes it as
///   away from the screen, and what is in it cannot hold the reader's place while what is
///   above it changes (scroll anchoring): skipping the part that holds a deep link's target
///   moved the target off the screen once the parts above it rendered.
///
/// Nothing is lost to the reader: find in page, the accessibility tree and printing see
/// skipped content, a chart in it is redrawn at a new width once it is back near the screen,
/// and the table of contents measures only the headings near the reading position.
fn skip_when_away(shell: &web_sys::Element, height: f64) {
    let Some(shell) = shell.dyn_ref::<web_sys::HtmlElement>() else {
        return;
    };
    let _ = shell
        .style()
        .set_property("contain-intrinsic-block-size", &format!("auto {height}px"));
    let _ = shell.class_list().add_1("rendered-part");
}

impl State {
    fn new(doc: &Doc) -> State {
        let report = &doc.report;
        let mut state = State {
            parts: Vec::new(),
            report: report.clone(),
            shells: HashMap::new(),
            shown_blocks: 0,
            rendered: 0,
            pending: Vec::new(),
            reports: 0,
            pumping: false,
        };
        for b in &report.blocks {
            if matches!(b.kind, Kind::Chapter | Kind::Section | Kind::Glossary) {
                state.add(doc, b, None);
            }
        }
        if !report.checks.is_empty() {
            let part = state.parts.len();
            let size = Size {
                blocks: report.checks.len(),
                chars: report.checks.iter().map(|c| c.detail.chars().count()).sum(),
                charts: 0,
            };
            state.parts.push(Part {
                id: CHECKS.to_string(),
                shown: RwSignal::new(false),
                left: 1,
                parent: None,
                own: size,
                all: size,
            });
            state.shells.insert(CHECKS.to_string(), part);
        }
        state
    }

    /// The innermost part whose content holds the element with `id` (a block, a point, a
    /// stated figure, a chart, a check), or whose shell it is: the part of the nearest block
    /// around it that is a shell. Through the report's own index of blocks, not a lookup of
    /// every id made at start (about 28 ms of the first render's task at a hundred times the
    /// bundled report, 4× CPU), since only a deep link or a followed search result asks.
    fn holding(&self, id: &str) -> Option<usize> {
        let report = &self.report;
        if let Some(&part) = self.shells.get(id) {
            return Some(part);
        }
        if report.checks.iter().any(|c| c.id == id) {
            return self.shells.get(CHECKS).copied();
        }
        // A figure is in its block; a chart is shown after the block `anchor` names.
        let block = if let Some(fact) = id.strip_prefix("fact-") {
            report.fact(fact)?.block.clone()
        } else if let Some(chart) = id.strip_prefix("chart-") {
            anchor(report, report.charts.iter().find(|c| c.id == chart)?)?
        } else {
            id.to_string()
        };
        let mut at = report.block(&block)?;
        loop {
            if let Some(&part) = self.shells.get(&at.id) {
                return Some(part);
            }
            at = report.parent(&at.id)?;
        }
    }

    /// Adds the part whose shell is `b` (inside `parent`'s content), and the parts of the
    /// sections directly inside a top-level one; returns what it holds.
    fn add(&mut self, doc: &Doc, b: &Block, parent: Option<usize>) -> Size {
        let part = self.parts.len();
        self.parts.push(Part {
            id: b.id.clone(),
            shown: RwSignal::new(false),
            left: 0,
            parent,
            own: Size::default(),
            all: Size::default(),
        });
        self.shells.insert(b.id.clone(), part);
        let top = parent.unwrap_or(part);
        self.parts[top].left += 1;
        let mut own = Size::default();
        let mut all = Size::default();
        own.count(doc, b);
        for c in &b.children {
            if parent.is_none() && c.kind == Kind::Section {
                all += self.add(doc, c, Some(part));
            } else {
                c.walk(&mut |d| own.count(doc, d));
            }
        }
        all += own;
        self.parts[part].own = own;
        self.parts[part].all = all;
        all
    }
}

/// A guess at the height of a chapter's content, in em, for a window `viewport` px wide at a
/// font size of `font` px: its text in lines of the column's width (style.css: at most 44em,
/// beside a 16em table of contents from 900px up), a paragraph's margins per block, a chart's
/// figure per chart.
fn estimate(viewport: f64, font: f64, size: Size) -> f64 {
    let Size {
        blocks,
        chars,
        charts,
    } = size;
    let width = viewport / font;
    let column = if viewport >= 900.0 {
        (width - 20.5).min(44.0)
    } else {
        width - 2.0
    };
    // A Chinese character is about 1em wide; a block's last line is half empty on average.
    let lines = chars as f64 / column.max(10.0) + blocks as f64 * 0.5;
    lines * 1.8 + blocks as f64 * 1.2 + charts as f64 * 24.0
}
