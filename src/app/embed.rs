//! Embed mode: the reader in an iframe on a portal's page (`?embed=…`, set up by
//! `public/embed.js`).
//!
//! * The site's chrome goes: `<html class="embed">` lets the style sheet hide the table of
//!   contents, the tools a host page should not carry (QR code, open file, print) and the
//!   footer; a link to the full reader takes the footer's place.
//! * `&part=<id>` shows only the element with that id and what it contains: a chapter, a
//!   section, the cross-checks, a chart — any id the page has, so later sections need nothing
//!   new here.
//! * The host sizes the iframe to the content: a `ResizeObserver` on the document posts
//!   `{type: "fazhi-reader:height", height}` to the parent page whenever the height changes
//!   (font size, an open search, a redrawn chart).
//!
//! # Where the height goes
//! `postMessage` is given the parent's origin, never `"*"`. It is taken from, in order:
//! 1. `location.ancestorOrigins[0]`: set by the browser, cannot be forged (Chromium, Safari);
//! 2. the `embed` parameter when it is an origin: `embed.js` writes the host page's own, which
//!    works in every browser whatever the portal's `Referrer-Policy`;
//! 3. the origin of `document.referrer`: Firefox with a hand-written `?embed=1` iframe.
//!
//! A wrong value cannot leak anything: the browser delivers the message only if the parent
//! really has that origin (and a page height is no secret). With no origin at all nothing is
//! posted, and the iframe keeps the height the host gave it and scrolls. The reader acts on
//! no message from other windows, so it has no listener to attack; `embed.js`, which does
//! listen, checks both `event.origin` and `event.source`.

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The message type the host's `embed.js` listens for.
const HEIGHT_MESSAGE: &str = "fazhi-reader:height";

/// How the reader was asked to embed itself; `None` in context when it is a normal page.
#[derive(Debug, Clone, PartialEq)]
pub struct Embed {
    /// The id of the only element to show, if any.
    pub part: Option<String>,
}

impl Embed {
    /// Reads `?embed=…&part=…`, switches the page to embed mode and starts reporting its
    /// height to the parent page. Provides `Option<Embed>` as context.
    pub fn start() -> Option<Embed> {
        let params = params()?;
        let embed = params.get("embed").map(|_| Embed {
            part: params
                .get("part")
                .filter(|p| super::route::parse(p) == super::route::Route::Block(p.clone())),
        });
        provide_context(embed.clone());
        let wanted = params.get("embed")?;
        provide_context(Missing(RwSignal::new(None)));
        if let Some(root) = document().document_element() {
            let _ = root.class_list().add_1("embed");
        }
        if let Some(origin) = parent_origin(&wanted) {
            report_height(origin);
        }
        embed
    }
}

fn params() -> Option<web_sys::UrlSearchParams> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()
}

/// `s` as an `http(s)` origin (`https://a.example:8443`), if it is one.
fn http_origin(s: &str) -> Option<String> {
    let url = web_sys::Url::new(s).ok()?;
    matches!(url.protocol().as_str(), "http:" | "https:").then(|| url.origin())
}

/// The origin of the page this one is framed in; see the module documentation for the order.
fn parent_origin(embed_param: &str) -> Option<String> {
    let location = window().location();
    let ancestor = js_sys::Reflect::get(&location, &JsValue::from_str("ancestorOrigins"))
        .ok()
        .filter(|list| list.is_object())
        .and_then(|list| js_sys::Reflect::get(&list, &JsValue::from_f64(0.0)).ok())
        .and_then(|o| o.as_string());
    ancestor
        .and_then(|a| http_origin(&a))
        .or_else(|| http_origin(embed_param))
        .or_else(|| http_origin(&document().referrer()))
}

/// Posts the document's height to the parent whenever it changes.
fn report_height(origin: String) {
    let win = window();
    let Some(parent) = win.parent().ok().flatten() else {
        return;
    };
    // Not framed: nobody to tell.
    if JsValue::from(&parent) == JsValue::from(&win) {
        return;
    }
    let Some(root) = document().document_element() else {
        return;
    };
    let last = Rc::new(Cell::new(-1.0));
    let measured = root.clone();
    let send = Closure::<dyn FnMut()>::new(move || {
        // The root's own box, not `scrollHeight`: that never drops below the iframe's current
        // height, so the iframe could grow but never shrink.
        let height = measured.get_bounding_client_rect().height().ceil();
        if height == last.get() {
            return;
        }
        last.set(height);
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
        let _ = parent.post_message(&msg, &origin);
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(send.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    // The observer lives as long as the page.
    send.forget();
}

/// In embed mode, the `part` the page turned out not to have: the app then shows a short
/// message in place of the report, and the host's iframe shrinks to it.
#[derive(Clone, Copy)]
pub struct Missing(pub RwSignal<Option<String>>);

impl Missing {
    /// The embed's missing part, if the page is an embed.
    pub fn get() -> Option<Missing> {
        use_context::<Missing>()
    }
}

/// What an embed shows for a part the report does not have: a host page that asked for one
/// section should not get the whole report in its place.
#[component]
pub fn NotFound(
    /// The id the `part` parameter asked for.
    id: String,
) -> impl IntoView {
    view! {
        <main id="main" class="embed-missing">
            <p role="alert">"未找到要嵌入的部分：" {id}</p>
        </main>
    }
}

/// Called when a page (report or error) has been rendered: in `part` mode, hides all but the
/// chosen element once it is in the document, or says it is missing.
pub fn on_page() {
    let Some(Some(Embed { part: Some(id) })) = use_context::<Option<Embed>>() else {
        return;
    };
    let Some(missing) = Missing::get() else {
        return;
    };
    // Its chapter's content may not be rendered yet (chapters render near the viewport).
    if let Some(chapters) = use_context::<super::chapters::Chapters>() {
        chapters.show_for(&id);
    }
    show_only(id, missing, 60);
}

/// Retried for up to `tries` frames: the page mounts after the report's Suspense resolves,
/// and charts are drawn a frame later.
fn show_only(id: String, missing: Missing, tries: u32) {
    let doc = document();
    let Some(target) = doc.get_element_by_id(&id) else {
        if tries > 0 {
            request_animation_frame(move || show_only(id, missing, tries - 1));
        } else {
            missing.0.set(Some(id));
        }
        return;
    };
    let _ = target.class_list().add_1("embed-part-target");
    let body = doc.body().map(web_sys::Element::from);
    let mut up = target.parent_element();
    while let Some(el) = up {
        if Some(&el) == body.as_ref() {
            break;
        }
        let _ = el.class_list().add_1("embed-part-path");
        up = el.parent_element();
    }
    if let Some(root) = doc.document_element() {
        let _ = root.class_list().add_1("embed-part");
    }
}

/// In embed mode, a link to the full reader in a new window (at the embedded part, if any):
/// a part of a report should always lead to the whole of it and to its source.
#[component]
pub fn Credit() -> impl IntoView {
    let embed = use_context::<Option<Embed>>().flatten()?;
    let href = full_reader(embed.part.as_deref())?;
    Some(view! {
        <p class="embed-credit">
            <a href=href target="_blank" rel="noopener">
                "在新窗口中阅读完整报告"
            </a>
        </p>
    })
}

/// This page's address without the embed parameters, pointing at `part`.
fn full_reader(part: Option<&str>) -> Option<String> {
    let url = web_sys::Url::new(&window().location().href().ok()?).ok()?;
    // A live view of the URL's query: deleting here edits `url`.
    let params = url.search_params();
    params.delete("embed");
    params.delete("part");
    url.set_hash(&part.map(super::route::href).unwrap_or_default());
    Some(url.href())
}
