//! Which chapters have their content in the page. A report renders its chapters' shells at
//! once (each `<section>` with its heading, so the table of contents, the heading ids and the
//! first chapter's heading exist from the start) and a chapter's content (text, figures,
//! sections, its chapter links) when it is needed:
//!
//! * when its shell comes within two screens of the viewport (an IntersectionObserver);
//! * when something inside it is addressed: a deep link, the table of contents, a search
//!   result, a figure's link to its chart, the chapter links ([`Chapters::show_for`]);
//! * before printing: all of them;
//! * ahead of the reader, one chapter per idle task in document order, while the blocks
//!   rendered stay under [`BUDGET`], so a report of ordinary length ends up whole (find in
//!   page finds everything, every chart gets drawn) while a very long one costs what is near
//!   the screen.
//!
//! A shell not yet rendered reserves an estimate of its content's height, so the scroll bar
//! and the places below move little when it renders; the browser's scroll anchoring keeps the
//! reader's place when a chapter above renders.

use super::charts::ChartEnv;
use super::prefs::{Prefs, FONT_SCALE};
use super::queue::ChartQueue;
use super::shared::{idle, Doc};
use fazhi_core::model::{Block, Kind};
use leptos::prelude::*;
use std::collections::HashMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How many blocks the idle rendering ahead may bring the page to: ten times the bundled
/// report (53 blocks), so any real report renders whole, while a synthetic 100× one (5,300
/// blocks, some 550,000 DOM nodes) stays near a tenth of that. Chapters the reader reaches
/// render whatever the count.
const BUDGET: usize = 600;

/// A top-level block whose content renders when needed.
struct Part {
    /// Whether its content is rendered (or about to be).
    shown: RwSignal<bool>,
    /// The blocks inside it, itself included (what [`BUDGET`] counts).
    blocks: usize,
    /// The characters of its text, and its charts, for the height it reserves.
    chars: usize,
    charts: usize,
}

/// What the report's chapters know of their rendering.
struct State {
    parts: Vec<Part>,
    /// For each id inside a part (blocks, points, figures, charts): the part.
    of: HashMap<String, usize>,
    /// For each top-level block with a part: the part.
    at: HashMap<usize, usize>,
    /// Blocks in parts shown so far.
    shown_blocks: usize,
    /// Parts whose content has been put in the page.
    rendered: usize,
}

/// The chapters' rendering, shared by context (the body renders by it; the hand-over from the
/// pre-rendered copy and embedding ask it for what they need).
#[derive(Clone, Copy)]
pub struct Chapters {
    state: StoredValue<State>,
    /// Told when every chart of the report has enlisted.
    queue: ChartQueue,
    /// Watches the shells not yet rendered (none where the browser has no IntersectionObserver:
    /// the idle rendering then reaches them).
    observer: StoredValue<Option<web_sys::IntersectionObserver>, LocalStorage>,
}

impl Chapters {
    /// Sets up the chapters of the report in context: the first one's content renders at
    /// once, the others as described above.
    pub fn provide() -> Chapters {
        let doc = expect_context::<Doc>();
        let state = State::new(&doc);
        let empty = state.parts.is_empty();
        let chapters = Chapters {
            state: StoredValue::new(state),
            queue: expect_context::<ChartEnv>().queue,
            observer: StoredValue::new_local(None),
        };
        chapters.observe();
        provide_context(chapters);
        if empty {
            chapters.queue.all_enlisted();
        } else {
            chapters.show(0);
        }
        let handle = window_event_listener_untyped("beforeprint", move |_| chapters.show_all());
        on_cleanup(move || handle.remove());
        // After the first frame with the text, so rendering ahead never delays it.
        request_animation_frame(move || idle(move || chapters.ahead()));
        chapters
    }

    /// The part of the top-level block at `index` in `report.blocks`, if it renders lazily.
    pub fn part_at(self, index: usize) -> Option<usize> {
        self.state.with_value(|s| s.at.get(&index).copied())
    }

    /// Whether a part's content is to be in the page (reactive).
    pub fn shown(self, part: usize) -> bool {
        self.state.with_value(|s| s.parts[part].shown).get()
    }

    /// Renders the content of the chapter that holds the element with `id` (a block, a point,
    /// a stated figure, a chart), if it is not yet rendered.
    pub fn show_for(self, id: &str) {
        if let Some(part) = self
            .state
            .try_with_value(|s| s.of.get(id).copied())
            .flatten()
        {
            self.show(part);
        }
    }

    /// Starts watching a part's shell, which has just been put in the page.
    pub fn watch(self, shell: &web_sys::Element) {
        self.observer.with_value(|o| {
            if let Some(o) = o {
                o.observe(shell);
            }
        });
    }

    /// Called once a part's content is in the page: once every part's is, every chart of
    /// the report has enlisted in the chart queue.
    pub fn rendered(self) {
        let all = self.state.try_update_value(|s| {
            s.rendered += 1;
            s.rendered == s.parts.len()
        });
        if all == Some(true) {
            self.queue.all_enlisted();
        }
    }

    /// The height a part's shell reserves until its content renders, in em (reactive: it
    /// follows the window's width and the font size).
    pub fn reserve(self, part: usize) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        let env = expect_context::<ChartEnv>();
        let prefs = expect_context::<Prefs>();
        let (blocks, chars, charts) = self.state.with_value(|s| {
            let p = &s.parts[part];
            (p.blocks, p.chars, p.charts)
        });
        move || {
            let font = 16.0 * FONT_SCALE[prefs.font.get()];
            let height = estimate(env.viewport.get(), font, blocks, chars, charts);
            format!("{height:.0}em")
        }
    }

    fn show(self, part: usize) {
        let signal = self.state.try_update_value(|s| {
            let p = &s.parts[part];
            if p.shown.get_untracked() {
                return None;
            }
            s.shown_blocks += p.blocks;
            Some(p.shown)
        });
        if let Some(Some(shown)) = signal {
            shown.set(true);
        }
    }

    fn show_all(self) {
        let n = self.state.with_value(|s| s.parts.len());
        (0..n).for_each(|part| self.show(part));
    }

    /// Renders the next chapter not yet rendered, in an idle task of its own, while the
    /// budget allows.
    fn ahead(self) {
        let next = self.state.try_with_value(|s| {
            s.parts
                .iter()
                .position(|p| !p.shown.get_untracked())
                .filter(|&i| s.shown_blocks + s.parts[i].blocks <= BUDGET)
        });
        if let Some(Some(part)) = next {
            self.show(part);
            idle(move || self.ahead());
        }
    }

    /// One observer for every shell: a shell within two screens of the viewport renders its
    /// content and is no longer watched.
    fn observe(self) {
        let on_change = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                for e in entries.iter() {
                    let Ok(e) = e.dyn_into::<web_sys::IntersectionObserverEntry>() else {
                        continue;
                    };
                    if e.is_intersecting() {
                        let shell = e.target();
                        observer.unobserve(&shell);
                        self.show_for(&shell.id());
                    }
                }
            },
        );
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("200% 0px");
        let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
            on_change.as_ref().unchecked_ref(),
            &options,
        ) else {
            return;
        };
        self.observer.set_value(Some(observer));
        // The closure lives as long as the observer, which lives as long as the page.
        on_change.forget();
        on_cleanup(move || {
            self.observer.with_value(|o| {
                if let Some(o) = o {
                    o.disconnect();
                }
            })
        });
    }
}

impl State {
    fn new(doc: &Doc) -> State {
        let report = &doc.report;
        let mut state = State {
            parts: Vec::new(),
            of: HashMap::new(),
            at: HashMap::new(),
            shown_blocks: 0,
            rendered: 0,
        };
        for (i, b) in report.blocks.iter().enumerate() {
            if !matches!(b.kind, Kind::Chapter | Kind::Section | Kind::Glossary) {
                continue;
            }
            let part = state.parts.len();
            let (mut blocks, mut chars, mut charts) = (0, 0, 0);
            walk(b, &mut |d| {
                blocks += 1;
                chars +=
                    d.text.chars().count() + d.title.as_deref().map_or(0, |t| t.chars().count());
                state.of.insert(d.id.clone(), part);
                for &c in doc.charts_at.get(&d.id).into_iter().flatten() {
                    charts += 1;
                    state
                        .of
                        .insert(format!("chart-{}", report.charts[c].id), part);
                }
            });
            state.at.insert(i, part);
            state.parts.push(Part {
                shown: RwSignal::new(false),
                blocks,
                chars,
                charts,
            });
        }
        for f in &report.facts {
            if let Some(&part) = state.of.get(&f.block) {
                state.of.insert(format!("fact-{}", f.id), part);
            }
        }
        state
    }
}

/// `b` and every block inside it, in document order.
fn walk(b: &Block, f: &mut impl FnMut(&Block)) {
    f(b);
    b.children.iter().for_each(|c| walk(c, f));
}

/// A guess at the height of a chapter's content, in em, for a window `viewport` px wide at a
/// font size of `font` px: its text in lines of the column's width (style.css: at most 44em,
/// beside a 16em table of contents from 900px up), a paragraph's margins per block, a chart's
/// figure per chart.
fn estimate(viewport: f64, font: f64, blocks: usize, chars: usize, charts: usize) -> f64 {
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
