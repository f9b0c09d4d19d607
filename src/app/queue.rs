//! When each chart is drawn. Never all in one task: a report with dozens of charts would hold the
//! page for as long as they take. After the first frame with the text on screen, the charts
//! near the viewport are drawn at once (an IntersectionObserver per chart box, so a chart
//! scrolled to, or reached by a deep link, is drawn as it comes into view), and the others in
//! document order, a batch per task, so input and painting go on between them. The batch
//! adapts: a task costs the drawing plus laying the whole page out again, which grows with the
//! report, so one chart per task made a long report's charts take several times longer (a 10×
//! report: 10.2 s against 2.9 s for all in one task, at 4× CPU); the batch doubles while a
//! round (the task and what the browser did until the next) stays under [`ROUND_MS`], and
//! halves when it goes over. Printing draws every chart still waiting first.
//!
//! Charts enlist as they are rendered, and chapters render their content when it is needed
//! (see [`super::chapters`]), so the queue can run dry while charts of chapters not yet
//! rendered are still to come: it starts again when one enlists. `fazhi:charts-drawn` means every
//! chart of the report is drawn: the queue marks it (and measures `fazhi:charts` from the start
//! of drawing, `performance.getEntriesByName("fazhi:charts")`), which the tests and the
//! benchmark read, only once it has been told that every chart has enlisted
//! ([`ChartQueue::all_enlisted`]) and none waits. A long report whose far chapters are never
//! rendered never marks it.

use leptos::html::Div;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// What one round of drawing may take: a batch of charts, the page laid out again, and the
/// browser's own work until the next round starts.
const ROUND_MS: f64 = 100.0;

/// The page's charts, each with the signal that lets it draw.
#[derive(Clone, Copy)]
pub struct ChartQueue {
    /// One per chart, in document order: true once it may draw.
    charts: StoredValue<Vec<RwSignal<bool>>>,
    /// How many charts the next round lets draw, and when the last round started (ms).
    batch: StoredValue<(usize, f64)>,
    /// Where the queue stands.
    state: StoredValue<State>,
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

impl ChartQueue {
    /// Starts the queue: nothing draws before the first frame with the text.
    pub fn provide() -> ChartQueue {
        let queue = ChartQueue {
            charts: StoredValue::new(Vec::new()),
            batch: StoredValue::new((1, 0.0)),
            // Running: the first round is scheduled below.
            state: StoredValue::new(State {
                running: true,
                ..State::default()
            }),
        };
        provide_context(queue);
        // The first frame paints the text; the charts near the viewport (or near where a deep
        // link scrolled to) hear of it from their observers in that frame; the others wait
        // one frame more, then come in batches.
        request_animation_frame(move || {
            mark("fazhi:charts-start");
            request_animation_frame(move || set_timeout(move || queue.next(), Duration::ZERO));
        });
        let handle = window_event_listener_untyped("beforeprint", move |_| queue.all());
        on_cleanup(move || handle.remove());
        queue
    }

    /// A chart's place in the queue: the signal its drawing waits for, set when its box
    /// (`boxed`) comes near the viewport or its turn comes.
    pub fn enlist(self, boxed: NodeRef<Div>) -> RwSignal<bool> {
        let go = RwSignal::new(self.state.get_value().eager);
        self.charts.update_value(|c| c.push(go));
        self.wake();
        Effect::new(move |_| {
            if let Some(el) = boxed.get() {
                draw_when_near(&el, go);
            }
        });
        go
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
        let Some(batch) = self.charts.try_with_value(|c| {
            c.iter()
                .filter(|g| g.try_get_untracked() == Some(false))
                .take(size)
                .copied()
                .collect::<Vec<_>>()
        }) else {
            return;
        };
        if batch.is_empty() {
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
        for go in batch {
            go.set(true);
        }
        set_timeout(move || self.next(), Duration::ZERO);
    }

    /// Every chart at once, and those that enlist from now on (before printing: paper has no
    /// scrolling to wait for, and the chapters not yet rendered render for it).
    fn all(self) {
        self.state.update_value(|s| s.eager = true);
        self.charts.try_with_value(|c| {
            for go in c.iter().filter(|g| g.try_get_untracked() == Some(false)) {
                go.set(true);
            }
        });
    }
}

/// Sets `go` once `el` is within a screen's height of the viewport, then stops watching.
fn draw_when_near(el: &web_sys::HtmlDivElement, go: RwSignal<bool>) {
    let on_change = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let near = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if near {
                observer.disconnect();
                // Not if the chart has gone meanwhile.
                if go.try_get_untracked() == Some(false) {
                    go.set(true);
                }
            }
        },
    );
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("100% 0px");
    let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
        on_change.as_ref().unchecked_ref(),
        &options,
    ) else {
        // No IntersectionObserver: the queue still reaches every chart in turn.
        return;
    };
    observer.observe(el);
    // Disconnected when the chart goes, if it was never near. The closure must outlive this
    // function for as long as the observer may call it: leaked, one small closure per chart.
    let observer = StoredValue::new_local(observer);
    on_cleanup(move || observer.with_value(|o| o.disconnect()));
    on_change.forget();
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
