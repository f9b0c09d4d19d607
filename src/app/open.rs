//! Opening another report: a local `.json` (the reader's format, read here) or any other file
//! (converted by the same Rust converter in the worker, off the main thread, with a progress
//! line), from a file picker or dropped on the page. A file that cannot be read leaves the
//! current report in place and says what went wrong and where.

use super::load::parse_report;
use super::shared::{LocalFile, Notice};
use super::worker;
use fazhi_core::ingest::{warning_lines, Limits, Warning, SHOWN_WARNINGS};
use fazhi_core::model::Report;
use fazhi_worker::{Reply, Request};
use leptos::html::Input;
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// A report the reader opened from a file, and that file; replaces the loaded one while set.
#[derive(Clone, Copy)]
pub struct Opened(pub RwSignal<Option<(Arc<Report>, Arc<LocalFile>)>>);

impl Opened {
    pub fn provide() -> Opened {
        let o = Opened(RwSignal::new(None));
        provide_context(o);
        provide_context(Working(RwSignal::new(None)));
        o
    }
}

/// What the reader is doing with an opened file right now (the progress line), if anything.
#[derive(Clone, Copy)]
struct Working(RwSignal<Option<String>>);

#[component]
pub fn OpenButton() -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let opened = expect_context::<Opened>();
    let notice = expect_context::<Notice>();
    let working = expect_context::<Working>();
    let on_change = move |_| {
        let file = input.get().and_then(|i| i.files()).and_then(|fs| fs.get(0));
        if let Some(f) = file {
            open_file(f, opened, notice, working);
        }
    };
    view! {
        <label class="open-file button">
            "打开文件"
            <input
                node_ref=input
                type="file"
                class="visually-hidden"
                accept=".json,.txt,.docx,.html,.htm,.doc,.wps,.pdf,application/json,text/plain"
                on:change=on_change
            />
        </label>
    }
}

/// Lets a file be dropped anywhere on the page, and shows the progress line while a file opens.
#[component]
pub fn DropZone() -> impl IntoView {
    let opened = expect_context::<Opened>();
    let notice = expect_context::<Notice>();
    let working = expect_context::<Working>();
    let over = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let drop = window_event_listener(leptos::ev::drop, move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|fs| fs.get(0));
        if let Some(f) = file {
            open_file(f, opened, notice, working);
        }
    });
    on_cleanup(move || {
        over.remove();
        drop.remove();
    });
    move || {
        working.0.get().map(|what| {
            view! {
                <p class="working" role="status">
                    <progress aria-label="进度"></progress>
                    {what}
                </p>
            }
        })
    }
}

fn open_file(file: web_sys::File, opened: Opened, notice: Notice, working: Working) {
    let name = file.name();
    // Checked before the file is read: the converter's own limit, so a wrong file costs
    // nothing (the worker checks again).
    let limit = Limits::MAX_BYTES as f64;
    if file.size() > limit {
        let mb = |b: f64| format!("{:.1}", b / 1024.0 / 1024.0);
        notice.0.set(Some(format!(
            "无法打开 {name}：文件有 {} MB，超过了 {} MB 的上限（一份报告的文字通常不到 1 MB）",
            mb(file.size()),
            mb(limit)
        )));
        return;
    }
    working.0.set(Some(format!("正在读取 {name}…")));
    wasm_bindgen_futures::spawn_local(async move {
        let mut local = LocalFile {
            name: name.clone(),
            bytes: file.size() as u64,
            sha256: None,
            converted: false,
        };
        let result = match JsFuture::from(file.array_buffer()).await {
            Ok(buf) => {
                let bytes = js_sys::Uint8Array::new(&buf);
                // Before the converter: the bytes are transferred to the worker.
                local.sha256 = sha256(&bytes).await;
                open_bytes(&name, bytes, working).await
            }
            Err(_) => Err("浏览器无法读取该文件".to_string()),
        };
        working.0.set(None);
        match result {
            Ok((r, warnings, file)) => {
                // The worker fingerprints only what it converted (not a file that was JSON
                // already); where the browser has no SubtleCrypto, its digest stands in.
                local.converted = file.sha256.is_some();
                local.sha256 = local.sha256.or_else(|| file.sha256.clone());
                remember(file);
                notice.0.set((!warnings.is_empty()).then(|| {
                    let each = warning_lines(&warnings, SHOWN_WARNINGS);
                    format!("已打开 {name}。请注意：{}", each.join("；"))
                }));
                opened.0.set(Some((Arc::new(r), Arc::new(local))));
                window().scroll_to_with_x_and_y(0.0, 0.0);
            }
            Err(e) => notice.0.set(Some(format!("无法打开 {name}：{e}"))),
        }
    });
}

/// SHA-256 (hex) of `bytes`, by the browser's SubtleCrypto: no hashing code in the reader's
/// download. None where the browser offers none (`crypto.subtle` exists only in a secure
/// context: https, localhost, 127.0.0.1, file://).
async fn sha256(bytes: &js_sys::Uint8Array) -> Option<String> {
    let subtle = window().crypto().ok()?.subtle();
    if wasm_bindgen::JsValue::from(&subtle).is_undefined() {
        return None;
    }
    let digest = subtle
        .digest_with_str_and_js_u8_array("SHA-256", bytes)
        .ok()?;
    let buf = JsFuture::from(digest).await.ok()?;
    Some(fazhi_core::page::codec::hex(
        &js_sys::Uint8Array::new(&buf).to_vec(),
    ))
}

/// A report the reader opened from a file, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedFile {
    /// The file's name, e.g. `某区2021年法治政府建设情况的报告.txt`.
    pub name: String,
    /// The report JSON (converted, or the file's own).
    pub json: String,
    /// SHA-256 (hex) of the file it was converted from.
    pub sha256: Option<String>,
}

thread_local! {
    static OPENED: RefCell<Option<OpenedFile>> = const { RefCell::new(None) };
}

/// Keeps the file the reader has just opened, for the editor's desk (src/app/edit.rs).
fn remember(file: OpenedFile) {
    OPENED.with(|o| *o.borrow_mut() = Some(file));
}

/// The file the reader opened last, if any.
pub fn opened_file() -> Option<OpenedFile> {
    OPENED.with(|o| o.borrow().clone())
}

/// A `.json` is read here; anything else goes to the converter in the worker, which hands back
/// report JSON (or the file's own text, when it turns out to be JSON) for the same check. The
/// JSON is kept as text too, for the editor's desk (src/app/edit.rs).
async fn open_bytes(
    name: &str,
    bytes: js_sys::Uint8Array,
    working: Working,
) -> Result<(Report, Vec<Warning>, OpenedFile), String> {
    let opened = |json: &str, sha256| OpenedFile {
        name: name.to_string(),
        json: json.to_string(),
        sha256,
    };
    if name.to_lowercase().ends_with(".json") {
        let bytes = bytes.to_vec();
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| format!("不是 UTF-8 编码的文本（第 {} 字节）", e.valid_up_to() + 1))?;
        let text = text.trim_start_matches('\u{feff}');
        let report = parse_report(name, text).map_err(|e| e.to_string())?;
        return Ok((report, Vec::new(), opened(text, None)));
    }
    let file = name.to_string();
    let request = Request::Convert {
        file_name: file.clone(),
    };
    let progress = move |stage: fazhi_worker::Stage| {
        working
            .0
            .set(Some(format!("正在转换 {file}：{}…", stage.describe())))
    };
    working.0.set(Some(format!("正在转换 {name}…")));
    let (reply, json) = worker::call(&request, Some(bytes), progress)
        .await
        .map_err(|e| e.to_string())?;
    match (reply, json) {
        (
            Reply::Converted {
                warnings,
                source_sha256,
            },
            Some(json),
        ) => {
            working.0.set(Some(format!("正在显示 {name}…")));
            let json = json.trim_start_matches(fazhi_core::ingest::is_trim_char);
            let report = parse_report(name, json).map_err(|e| e.to_string())?;
            Ok((report, warnings, opened(json, source_sha256)))
        }
        (Reply::Failed { message }, _) => Err(message),
        (other, _) => Err(format!("后台转换程序的回答无法识别：{other:?}")),
    }
}
