//! When each chart is drawn, and at what width. Never all in one task: a report with dozens of
//! charts would hold the page for as long as they take. After the first frame with the text on
//! screen, the charts near the viewport are drawn at once (one IntersectionObserver for every
//! chart box, so a chart scrolled to, or reached by a deep link, is drawn as it comes into view),
//! and the others in document order, a batch per task, so input and painting go on between them.
//! The batch adapts: a task costs the drawing plus laying the whole page out again, which grows
//! with the report, so one chart per task made a long report's charts take several times longer
//! (a 10× report: 10.2 s against 2.9 s for all in one task, at 4× CPU); the batch doubles while a
//! round (the task and what the browser did until the next) stays under [`ROUND_MS`], and halves
//! when it goes over. Printing draws every chart still waiting first.
//!
//! A chart is drawn for its box's width, which one ResizeObserver for every box reports as the
//! browser lays the page out: reading each box's `clientWidth` as it drew forced a layout per
//! chart in a batch (read, write, read…; 197 ms at 4× CPU for the bundled report's charts).
//!
//! Charts enlist as they are rendered, and chapters render their content when it is needed
//! (see [`super::chapters`]), so the queue can run dry while charts of chapters not yet
//! rendered are still to come: it starts again when one enlists. `fazhi:charts-drawn` means every
//! chart of the report is drawn: the queue marks it (and measures `fazhi:charts` from the start
//! of drawing, `performance.getEntriesByName("fazhi:charts")`), which the tests and the
//! benchmark read, only once it has been told that every chart has enlisted
//! ([`ChartQueue::all_enlisted`]) and none waits. A long report whose far chapters are never
//! rendered never marks it.

use super::shared::after_frame;
use leptos::html::Div;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// What one round of drawing may take: a batch of charts, the page laid out again, and the
/// browser's own work until the next round starts.
const ROUND_MS: f64 = 100.0;

/// The page's charts, each with the signals that let it draw.
#[derive(Clone, Copy)]
pub struct ChartQueue {
    /// One per chart, in document order.
    places: StoredValue<Vec<Place>>,
    /// How many charts the next round lets draw, and when the last round started (ms).
    batch: StoredValue<(usize, f64)>,
    /// Where the queue stands.
    state: StoredValue<State>,
    /// The observers of the chart boxes (none only while the queue is set up).
    watch: StoredValue<Option<Watch>, LocalStorage>,
    /// The window's width: what the boxes are measured again on where there is no
    /// ResizeObserver.
    viewport: RwSignal<f64>,
}

/// A chart's place in the queue: whether it may draw, and its box's width.
#[derive(Clone, Copy)]
pub struct Place {
    /// True once the chart may draw.
    pub go: RwSignal<bool>,
    /// The width of its box's content in whole CSS pixels, once laid out (0 until then).
    pub width: RwSignal<f64>,
    /// The box, to measure at once where the observer would report too late (printing) or not
    /// at all.
    boxed: NodeRef<Div>,
}

/// Where the queue stands.
#[derive(Clone, Copy, Default)]
struct State {
    /// A round is scheduled: an enlisting chart need not start one.
    running: bool,
    /// Every chart of the report has enlisted: once none waits, all are drawn.
    complete: bool,
    /// Printing: charts enlisting now draw at once.
    eager: bool,
    /// `fazhi:charts-drawn` is marked.
    marked: bool,
}

/// One observer of each kind for every chart box: one per chart cost a thousand observers and
/// as many callbacks on a long report.
struct Watch {
    /// Lets a chart draw once its box is within a screen's height of the viewport.
    near: Option<web_sys::IntersectionObserver>,
    /// Reports each box's width as it is laid out and whenever it changes.
    size: Option<web_sys::ResizeObserver>,
    /// For each box observed, its index in [`ChartQueue::places`] (weak: a box that has gone
    /// leaves the map with it).
    index: js_sys::WeakMap,
    /// The observers' callbacks, kept for as long as the observers may call them.
    _callbacks: [Closure<dyn Fn(js_sys::Array)>; 2],
}

impl ChartQueue {
    /// Starts the queue: nothing draws before the first frame with the text. `viewport` is the
    /// window's width.
    pub fn provide(viewport: RwSignal<f64>) -> ChartQueue {
        let queue = ChartQueue {
            places: StoredValue::new(Vec::new()),
            batch: StoredValue::new((1, 0.0)),
            // Running: the first round is scheduled below.
            state: StoredValue::new(State {
                running: true,
                ..State::default()
            }),
            watch: StoredValue::new_local(None),
            viewport,
        };
        queue.watch.set_value(Some(Watch::new(queue)));
        provide_context(queue);
        // The first frame paints the text; the charts near the viewport (or near where a deep
        // link scrolled to) hear of it from the observer in that frame; the others wait one
        // frame more, then come in batches.
        request_animation_frame(move || {
            mark("fazhi:charts-start");
            after_frame(move || queue.next());
        });
        let handle = window_event_listener_untyped("beforeprint", move |_| queue.all());
        on_cleanup(move || handle.remove());
        queue
    }

    /// A chart's place in the queue for its box `boxed`: `go` is set when the box comes near
    /// the viewport or its turn comes, and `width` follows the box's width.
    pub fn enlist(self, boxed: NodeRef<Div>) -> Place {
        let place = Place {
            go: RwSignal::new(self.state.get_value().eager),
            width: RwSignal::new(0.0),
            boxed,
        };
        let index = self.places.with_value(Vec::len);
        self.places.update_value(|p| p.push(place));
        self.wake();
        let sized = self
            .watch
            .with_value(|w| w.as_ref().is_some_and(|w| w.size.is_some()));
        Effect::new(move |_| {
            let Some(el) = boxed.get() else { return };
            self.watch
                .with_value(|w| w.as_ref().map(|w| w.observe(&el, index)));
            // Paper does not wait for the observer's next report.
            if self.state.get_value().eager {
                place.measure();
            }
            on_cleanup(move || self.unwatch(place));
        });
        if !sized {
            // No ResizeObserver: the box is measured when it is put in the page and when the
            // window's width changes.
            let viewport = self.viewport;
            Effect::new(move |_| {
                viewport.track();
                boxed.track();
                place.measure();
            });
        }
        place
    }

    /// Says that every chart of the report has enlisted (its last chapter has rendered), so
    /// the queue may mark the end once none waits.
    pub fn all_enlisted(self) {
        self.state.update_value(|s| s.complete = true);
        self.wake();
    }

    /// Schedules a round unless one is: a chart has enlisted or the end may have come.
    fn wake(self) {
        let idle = self
            .state
            .try_update_value(|s| !std::mem::replace(&mut s.running, true));
        if idle == Some(true) {
            set_timeout(move || self.next(), Duration::ZERO);
        }
    }

    /// Lets the next batch of charts still waiting draw, in order, then comes back in a task
    /// of its own; stops once none waits (until [`ChartQueue::wake`]), marking the end if every
    /// chart has enlisted. Stops if the page has gone meanwhile (another report was opened):
    /// its signals are disposed.
    fn next(self) {
        let t = now();
        let Some((size, last)) = self.batch.try_get_value() else {
            return;
        };
        let size = match t - last {
            _ if last == 0.0 => size,
            round if round > ROUND_MS => (size / 2).max(1),
            _ => (size * 2).min(64),
        };
        self.batch.set_value((size, t));
        let Some(batch) = self.places.try_with_value(|p| {
            p.iter()
                .filter(|p| p.waits())
                .take(size)
                .copied()
                .collect::<Vec<_>>()
        }) else {
            return;
        };
        if batch.is_empty() {
            // A chart let draw whose box the observer has not yet measured (it reports after
            // the browser's next layout) is not drawn yet: its box is measured now, so it draws
            // in this task, and the end waits a round. A box that is not laid out (hidden)
            // measures 0 and is not waited for.
            let pending = self.places.try_with_value(|p| {
                p.iter()
                    .filter(|p| p.go.try_get_untracked() == Some(true))
                    .filter(|p| p.width.try_get_untracked() == Some(0.0))
                    .copied()
                    .collect::<Vec<_>>()
            });
            let mut measured = false;
            for p in pending.into_iter().flatten() {
                p.measure();
                measured |= p.width.try_get_untracked().is_some_and(|w| w > 0.0);
            }
            if measured {
                set_timeout(move || self.next(), Duration::ZERO);
                return;
            }
            let end = self.state.try_update_value(|s| {
                s.running = false;
                let end = s.complete && !s.marked;
                s.marked |= end;
                end
            });
            if end == Some(true) {
                finished();
            }
            return;
        }
        for p in batch {
            p.go.set(true);
        }
        set_timeout(move || self.next(), Duration::ZERO);
    }

    /// Every chart at once, and those that enlist from now on (before printing: paper has no
    /// scrolling to wait for, and the chapters not yet rendered render for it). Their boxes are
    /// measured now, one read after another (one layout), as the page prints before the
    /// observer would report.
    fn all(self) {
        self.state.update_value(|s| s.eager = true);
        self.places.try_with_value(|p| {
            for p in p.iter().filter(|p| p.waits()) {
                p.go.set(true);
            }
            for p in p
                .iter()
                .filter(|p| p.width.try_get_untracked() == Some(0.0))
            {
                p.measure();
            }
        });
    }

    /// The place of an observed box, if it is still in the page.
    fn place_of(self, el: &web_sys::Element) -> Option<Place> {
        let index = self
            .watch
            .try_with_value(|w| w.as_ref()?.index.get(el.unchecked_ref()).as_f64())??;
        self.places
            .try_with_value(|p| p.get(index as usize).copied())
            .flatten()
    }

    /// Stops watching a chart's box (the chart has gone).
    fn unwatch(self, place: Place) {
        if let Some(el) = place.boxed.try_get_untracked().flatten() {
            self.watch
                .try_with_value(|w| w.as_ref().map(|w| w.unobserve(&el)));
        }
    }
}

impl Place {
    /// Whether the chart waits for its turn (and has not gone).
    fn waits(&self) -> bool {
        self.go.try_get_untracked() == Some(false)
    }

    /// Reads the box's width now (a layout, if the page changed since the last).
    fn measure(self) {
        if let Some(el) = self.boxed.try_get_untracked().flatten() {
            self.resized(el.client_width() as f64);
        }
    }

    /// Takes the box's width: a box not laid out (0) keeps the width it had, and the chart
    /// hears only of a change of a pixel or more.
    fn resized(self, width: f64) {
        let width = width.round();
        if width > 0.0 && self.width.try_get_untracked().is_some_and(|w| w != width) {
            self.width.set(width);
        }
    }
}

impl Watch {
    /// The observers of `queue`'s boxes; none of a kind the browser lacks.
    fn new(queue: ChartQueue) -> Watch {
        let on_near = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            for e in entries.iter() {
                let e: web_sys::IntersectionObserverEntry = e.unchecked_into();
                if !e.is_intersecting() {
                    continue;
                }
                let el = e.target();
                queue.watch.try_with_value(|w| {
                    if let Some(o) = w.as_ref().and_then(|w| w.near.as_ref()) {
                        o.unobserve(&el);
                    }
                });
                if let Some(p) = queue.place_of(&el).filter(Place::waits) {
                    p.go.set(true);
                }
            }
        });
        // Applied in a task of its own: a chart drawn inside the observer's callback would
        // change its box's height in the same frame, which the browser reports as an error
        // ("ResizeObserver loop completed with undelivered notifications").
        let on_size = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let sizes: Vec<(Place, f64)> = entries
                .iter()
                .filter_map(|e| {
                    let e: web_sys::ResizeObserverEntry = e.unchecked_into();
                    Some((queue.place_of(&e.target())?, e.content_rect().width()))
                })
                .collect();
            set_timeout(
                move || sizes.into_iter().for_each(|(p, w)| p.resized(w)),
                Duration::ZERO,
            );
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("100% 0px");
        // A browser without IntersectionObserver: the queue still reaches every chart in turn.
        let near = web_sys::IntersectionObserver::new_with_options(
            on_near.as_ref().unchecked_ref(),
            &options,
        )
        .ok();
        let size = web_sys::ResizeObserver::new(on_size.as_ref().unchecked_ref()).ok();
        Watch {
            near,
            size,
            index: js_sys::WeakMap::new(),
            _callbacks: [on_near, on_size],
        }
    }

    /// Watches the box of the chart at `index` in the queue.
    fn observe(&self, el: &web_sys::HtmlDivElement, index: usize) {
        self.index
            .set(el.unchecked_ref(), &JsValue::from_f64(index as f64));
        if let Some(o) = &self.near {
            o.observe(el);
        }
        if let Some(o) = &self.size {
            o.observe(el);
        }
    }

    fn unobserve(&self, el: &web_sys::HtmlDivElement) {
        self.index.delete(el.unchecked_ref());
        if let Some(o) = &self.near {
            o.unobserve(el);
        }
        if let Some(o) = &self.size {
            o.unobserve(el);
        }
    }
}

/// The page has gone (another report was opened): its boxes are no longer watched, and the
/// callbacks can go.
impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(o) = &self.near {
            o.disconnect();
        }
        if let Some(o) = &self.size {
            o.disconnect();
        }
    }
}

/// All drawn: marks it, and measures the time from the start of drawing.
fn finished() {
    mark("fazhi:charts-drawn");
    if let Some(p) = window().performance() {
        let _ = p.measure_with_start_mark_and_end_mark(
            "fazhi:charts",
            "fazhi:charts-start",
            "fazhi:charts-drawn",
        );
    }
}

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}
