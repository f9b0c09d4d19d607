//! What a reader sees if the program hits a bug: a message that says so, with its cause and a
//! button to reload, instead of a page that silently stops responding.
//!
//! A panic aborts (see the release profile), and after it neither Leptos nor any other Rust
//! state can be trusted, so the message is built here with plain DOM calls, before the abort,
//! and the button's handler touches nothing but `location`. Text goes in through
//! `set_text_content`: the panic message may quote a report's text.

use std::panic::PanicHookInfo;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where the message goes; also marks `<html class="crashed">` so the style sheet hides the
/// loading line and the start-up script's guess ("可能是网络中断") about what went wrong.
const CRASH_ID: &str = "app-crashed";

/// Replaces the default panic hook: log to the console, then show the message.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(info);
    }));
}

fn show(info: &PanicHookInfo<'_>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // A second panic (e.g. while the first unwinds a closure) keeps the first message.
    if doc.get_element_by_id(CRASH_ID).is_some() {
        return;
    }
    if let Some(root) = doc.document_element() {
        let _ = root.class_list().add_1("crashed");
    }
    // Where the page has no <body> to offer (or the panic was about that), the root will do.
    let Some(parent) = doc
        .body()
        .map(web_sys::Element::from)
        .or_else(|| doc.document_element())
    else {
        return;
    };
    let el = |tag: &str, text: &str| {
        let e = doc.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let (Some(box_), Some(what), Some(cause), Some(button)) = (
        el("div", ""),
        el(
            "p",
            "阅读器出错，已停止响应。请重新加载本页；如果再次出现，请把下面的原因告诉网站管理员。",
        ),
        // The panic's own words and place, for a bug report.
        el("p", &format!("原因：{info}")),
        el("button", "重新加载"),
    ) else {
        return;
    };
    box_.set_id(CRASH_ID);
    let _ = box_.set_attribute("role", "alert");
    let _ = box_.set_attribute("class", "crash");
    let _ = button.set_attribute("type", "button");
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
    reload.forget();
    let _ = box_.append_child(&what);
    let _ = box_.append_child(&cause);
    let _ = box_.append_child(&button);
    let _ = parent.prepend_with_node_1(&box_);
    if let Ok(b) = button.dyn_into::<web_sys::HtmlElement>() {
        let _ = b.focus();
    }
}
