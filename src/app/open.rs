//! Opening another report: a local `.json` (the reader's format) or a raw `.txt` (converted in
//! the browser by the same Rust converter), from a file picker or dropped on the page. A file
//! that cannot be read leaves the current report in place and says what went wrong and where.

use super::load::parse_report;
use super::Notice;
use fazhi_core::model::Report;
use leptos::html::Input;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// A report the reader opened from a file; replaces the loaded one while set.
#[derive(Clone, Copy)]
pub struct Opened(pub RwSignal<Option<Arc<Report>>>);

impl Opened {
    pub fn provide() -> Opened {
        let o = Opened(RwSignal::new(None));
        provide_context(o);
        o
    }
}

#[component]
pub fn OpenButton() -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let opened = expect_context::<Opened>();
    let notice = expect_context::<Notice>();
    let on_change = move |_| {
        let file = input.get().and_then(|i| i.files()).and_then(|fs| fs.get(0));
        if let Some(f) = file {
            open_file(f, opened, notice);
        }
    };
    view! {
        <label class="open-file button">
            "打开文件"
            <input
                node_ref=input
                type="file"
                class="visually-hidden"
                accept=".json,.txt,application/json,text/plain"
                on:change=on_change
            />
        </label>
    }
}

/// Lets a file be dropped anywhere on the page.
#[component]
pub fn DropZone() -> impl IntoView {
    let opened = expect_context::<Opened>();
    let notice = expect_context::<Notice>();
    let over = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let drop = window_event_listener(leptos::ev::drop, move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|fs| fs.get(0));
        if let Some(f) = file {
            open_file(f, opened, notice);
        }
    });
    on_cleanup(move || {
        over.remove();
        drop.remove();
    });
}

fn open_file(file: web_sys::File, opened: Opened, notice: Notice) {
    let name = file.name();
    wasm_bindgen_futures::spawn_local(async move {
        let result = match JsFuture::from(file.array_buffer()).await {
            Ok(buf) => {
                let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                parse_file(&name, &bytes)
            }
            Err(_) => Err("浏览器无法读取该文件".to_string()),
        };
        match result {
            Ok(r) => {
                notice.0.set(None);
                opened.0.set(Some(Arc::new(r)));
                window().scroll_to_with_x_and_y(0.0, 0.0);
            }
            Err(e) => notice.0.set(Some(format!("无法打开 {name}：{e}"))),
        }
    });
}

/// A `.json`, or any UTF-8 file that starts with `{`, must be the reader's JSON; anything else
/// goes through the converter, which tells the formats it reads apart by their content.
pub fn parse_file(name: &str, bytes: &[u8]) -> Result<Report, String> {
    let body = std::str::from_utf8(bytes)
        .ok()
        .map(|t| t.trim_start_matches(fazhi_core::ingest::is_trim_char));
    let is_json =
        name.to_lowercase().ends_with(".json") || body.is_some_and(|b| b.starts_with('{'));
    match body {
        Some(body) if is_json => parse_report(name, body).map_err(|e| e.to_string()),
        _ => {
            let src = fazhi_core::ingest::Source {
                bytes,
                file_name: Some(name),
                title: None,
            };
            fazhi_core::ingest::convert(&src, &fazhi_core::ingest::Limits::default())
                .map(|c| c.report)
                .map_err(|e| format!("报告原文{e}"))
        }
    }
}
