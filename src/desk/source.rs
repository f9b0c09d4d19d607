//! Which report the desk edits: the one the page's address names (`?report=`, else the site's
//! own), one the reader had opened from a file (handed over in `sessionStorage`, see
//! `src/app/edit.rs`), or a file opened here (an official text converted in the reader's
//! worker, or a report JSON).

use crate::app::edit::{FROM_OPENED, HANDOFF};
use crate::app::load::{load_report, parse_report, DEFAULT_REPORT};
use crate::app::worker;
use fazhi_core::model::Report;
use fazhi_worker::{Reply, Request};
use leptos::html::Input;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// The report being edited and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub report: Arc<Report>,
    /// Its JSON's name on this site ("shangcheng-2022.json"), if it came from the site.
    pub site_file: Option<String>,
    /// The name of the file it was opened from, if any.
    pub opened_file: Option<String>,
    /// SHA-256 (hex) of the official text it was converted from, when the desk knows it.
    pub sha256: Option<String>,
}

impl Source {
    /// What the downloads are called, without extension: the site's JSON's name, else the
    /// opened file's, else "report".
    pub fn stem(&self) -> String {
        let name = self
            .site_file
            .as_deref()
            .or(self.opened_file.as_deref())
            .unwrap_or("report");
        let base = name.rsplit('/').next().unwrap_or(name);
        let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
        if stem.is_empty() {
            "report".to_string()
        } else {
            stem.to_string()
        }
    }

    /// One line under the title: where the report came from.
    pub fn describe(&self) -> String {
        match (&self.site_file, &self.opened_file) {
            (Some(f), _) => format!("本站的报告 {f}"),
            (None, Some(f)) => format!("打开的文件 {f}"),
            (None, None) => String::new(),
        }
    }

    /// The reader showing this report ("返回阅读").
    pub fn reader_href(&self) -> String {
        match self.site_file.as_deref() {
            Some(DEFAULT_REPORT) | None => "./".to_string(),
            Some(f) => format!(
                "./?report={}",
                String::from(js_sys::encode_uri_component(f))
            ),
        }
    }
}

/// The report the page's address asks the desk to edit.
pub async fn load() -> Result<Source, String> {
    if edit_param().as_deref() == Some(FROM_OPENED) {
        return handed_over();
    }
    let loaded = load_report().await.map_err(|e| e.to_string())?;
    Ok(Source {
        report: Arc::new(loaded.report),
        site_file: loaded.url,
        opened_file: None,
        sha256: None,
    })
}

fn edit_param() -> Option<String> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("edit")
}

/// The report the reader opened and handed over.
fn handed_over() -> Result<Source, String> {
    let store = window().session_storage().ok().flatten().ok_or(
        "浏览器不允许本页使用会话存储，阅读页打开的文件无法转到编辑台：请在这里重新打开该文件",
    )?;
    let get = |key: &str| store.get_item(key).ok().flatten();
    let [name, json, sha] = HANDOFF;
    let (Some(name), Some(json)) = (get(name), get(json)) else {
        return Err(
            "没有找到阅读页打开的文件（可能已在另一个标签页中关闭）：请在这里重新打开该文件".into(),
        );
    };
    let report = parse_report(&name, &json).map_err(|e| e.to_string())?;
    Ok(Source {
        report: Arc::new(report),
        site_file: None,
        opened_file: Some(name),
        sha256: get(sha),
    })
}

/// Opens a file on the desk: converted by the reader's worker (a report JSON passes through
/// it as it is), then read and checked like any report.
async fn open(file: web_sys::File) -> Result<Source, String> {
    let name = file.name();
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "浏览器无法读取该文件".to_string())?;
    let bytes = js_sys::Uint8Array::new(&buf);
    let request = Request::Convert {
        file_name: name.clone(),
    };
    let (reply, json) = worker::call(&request, Some(bytes), |_| {})
        .await
        .map_err(|e| e.to_string())?;
    let (sha256, json) = match (reply, json) {
        (Reply::Converted { source_sha256, .. }, Some(json)) => (source_sha256, json),
        (Reply::Failed { message }, _) => return Err(message),
        (other, _) => return Err(format!("后台转换程序的回答无法识别：{other:?}")),
    };
    let json = json.trim_start_matches(fazhi_core::ingest::is_trim_char);
    let report = parse_report(&name, json).map_err(|e| e.to_string())?;
    Ok(Source {
        report: Arc::new(report),
        site_file: None,
        opened_file: Some(name),
        sha256,
    })
}

/// "打开文件": a report to edit from the computer (the one on the desk stays if it fails).
#[component]
pub fn OpenButton(
    /// Set to the opened report.
    opened: RwSignal<Option<Source>>,
    /// Set to why a file could not be opened.
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let busy = RwSignal::new(false);
    let on_change = move |_| {
        let Some(file) = input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            match open(file).await {
                Ok(s) => {
                    problem.set(None);
                    opened.set(Some(s));
                }
                Err(e) => problem.set(Some(format!("无法打开 {name}：{e}"))),
            }
            busy.set(false);
        });
    };
    view! {
        <label class="open-file button">
            {move || if busy.get() { "正在打开…" } else { "打开文件" }}
            <input
                node_ref=input
                type="file"
                class="visually-hidden"
                accept=".json,.txt,.docx,.html,.htm,application/json,text/plain"
                on:change=on_change
            />
        </label>
    }
}
