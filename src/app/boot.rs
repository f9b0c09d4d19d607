//! The hand-over from the page `package` pre-rendered (title, loading line and the report as
//! plain HTML, see src/package/prerender.rs) to the app. When the app has something to show,
//! the static copy goes, so nothing is shown twice, and a reader who had started reading it
//! keeps their place.

use super::chapters::Chapters;
use super::route::{self, Route};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// The pre-rendered copy's container (see src/package/prerender.rs).
const PRERENDER_ID: &str = "prerender";

/// Removes the pre-rendered copy, if the page has one.
pub fn handover() {
    let Some(pre) = document().get_element_by_id(PRERENDER_ID) else {
        return;
    };
    // A deep link is the app's to scroll to; otherwise keep what the reader was looking at.
    let at_top = route::parse(&window().location().hash().unwrap_or_default()) == Route::Top;
    let place = (at_top && window().scroll_y().unwrap_or(0.0) > 0.0)
        .then(|| first_visible(&pre))
        .flatten();
    pre.remove();
    if let Some((id, top)) = place {
        // The app renders chapters near the viewport only: this one may not be yet.
        if let Some(chapters) = use_context::<Chapters>() {
            chapters.show_for(&id);
        }
        // About a second and a half at 60 frames a second.
        keep_place(id, top, 90);
    }
}

/// The first pre-rendered block that starts inside the window, and where (px from the top).
fn first_visible(pre: &web_sys::Element) -> Option<(String, f64)> {
    let blocks = pre.query_selector_all("[data-b]").ok()?;
    (0..blocks.length())
        .filter_map(|i| blocks.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find_map(|el| {
            let top = el.get_bounding_client_rect().top();
            (top >= 0.0).then(|| Some((el.get_attribute("data-b")?, top)))?
        })
}

/// Keeps the app's block `id` where its static copy was (`top` px from the top of the window).
/// The app's page is attached after this runs, and its charts are drawn a few frames later,
/// growing the page above the block: correct every frame for a while, until the reader
/// scrolls themselves.
fn keep_place(id: String, top: f64, frames: u32) {
    let stop = Rc::new(Cell::new(false));
    let mut handles = Vec::new();
    for ev in ["wheel", "touchstart", "keydown", "mousedown"] {
        let stop = stop.clone();
        handles.push(window_event_listener_untyped(ev, move |_| stop.set(true)));
    }
    correct(id, top, frames, stop, Rc::new(handles));
}

fn correct(
    id: String,
    top: f64,
    frames: u32,
    stop: Rc<Cell<bool>>,
    handles: Rc<Vec<WindowListenerHandle>>,
) {
    if stop.get() || frames == 0 {
        if let Ok(handles) = Rc::try_unwrap(handles) {
            handles.into_iter().for_each(WindowListenerHandle::remove);
        }
        return;
    }
    if let Some(el) = document().get_element_by_id(&id) {
        let off = el.get_bounding_client_rect().top() - top;
        if off.abs() > 1.0 {
            window().scroll_by_with_x_and_y(0.0, off);
        }
    }
    request_animation_frame(move || correct(id, top, frames - 1, stop, handles));
}
