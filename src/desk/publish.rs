//! "发布": what the desk hands an editor, made here in the browser with nothing installed:
//!
//! * the report JSON with the chosen charts (`Draft::publish`: the sidecar applied by the
//!   converter's own code, written as `ingest` writes it);
//! * the sidecar `.charts.json`, with which `ingest` makes the same JSON from the same text;
//! * the offline single file, written by `fazhi_core::page::offline_page` — the function
//!   `package` runs natively — from the reader's own files, which `assets.json` names;
//! * the site's `reports.json` with this report in it, to drop beside the JSON.

use super::Session;
use crate::app::download::save_text;
use crate::app::load::DEFAULT_REPORT;
use fazhi_core::ingest::to_json;
use fazhi_core::model::Report;
use fazhi_core::page::{offline_page, Content, Listed, Listing, Manifest, MANIFEST_FILE};
use fazhi_core::page::{MANIFEST_FORMAT, REPORTS_FILE};
use gloo_net::http::Request;
use leptos::prelude::*;
use std::collections::HashMap;

const JSON_TYPE: &str = "application/json;charset=utf-8";

#[component]
pub fn Publish() -> impl IntoView {
    let session = expect_context::<Session>();
    let stem = RwSignal::new(session.source.with_value(|s| s.stem()));
    let status = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let start = move |kind: Kind| {
        move |_| {
            busy.set(true);
            status.set(Some(Ok("正在生成…".into())));
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(download(session, &stem.get_untracked(), kind).await));
                busy.set(false);
            });
        }
    };
    view! {
        <section class="desk-section" aria-labelledby="desk-publish-h">
            <h2 id="desk-publish-h">"发布"</h2>
            <p class="desk-field">
                <label for="publish-name">"文件名"</label>
                <input id="publish-name" type="text" prop:value=stem
                    on:input=move |e| stem.set(clean_stem(&event_target_value(&e))) />
            </p>
            <ul class="desk-downloads">
                <li>
                    <button type="button" disabled=busy on:click=start(Kind::Report)>"下载报告数据（JSON）"</button>
                    "放进网站的报告文件夹，阅读器即可打开（?report=文件名.json）。"
                </li>
                <li>
                    <button type="button" disabled=busy on:click=start(Kind::Sidecar)>"下载图表设置（.charts.json）"</button>
                    "放在报告原文旁边，命令行 ingest 会生成完全相同的 JSON。"
                </li>
                <li>
                    <button type="button" disabled=busy on:click=start(Kind::Offline)>"下载离线文件（.html）"</button>
                    "一个文件包含整份报告，双击即可离线阅读。"
                </li>
                <li>
                    <button type="button" disabled=busy on:click=start(Kind::Listing)>"下载报告目录（reports.json）"</button>
                    "本站报告目录加上这份报告：与 JSON 一起放进文件夹，读者即可在“其他报告”中找到它。"
                </li>
            </ul>
            <p class="desk-status" role="status">
                {move || match status.get() {
                    Some(Ok(s)) => view! { <span>{s}</span> }.into_any(),
                    Some(Err(e)) => view! { <span class="desk-error">"无法发布：" {e}</span> }.into_any(),
                    None => ().into_any(),
                }}
            </p>
        </section>
    }
}

/// A file name without what a file system or a URL would trip on.
fn clean_stem(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '/' | '\\' | '?' | '#' | '%' | '*' | ':' | '"' | '<' | '>' | '|'
            )
        })
        .collect()
}

/// The report as published, and its JSON as `ingest` writes it.
fn published(session: Session) -> Result<(Report, String), String> {
    let report = session.report();
    let out = session
        .desk
        .with_untracked(|d| d.draft.publish(&report))
        .map_err(|e| e.to_string())?;
    let json = to_json(&out);
    Ok((out, json))
}

/// What the editor can download.
#[derive(Clone, Copy)]
enum Kind {
    /// The report JSON with its charts.
    Report,
    /// The sidecar `.charts.json`.
    Sidecar,
    /// The offline single file.
    Offline,
    /// The site's `reports.json` with this report in it.
    Listing,
}

/// Makes and offers one download; says what it did.
async fn download(session: Session, stem: &str, kind: Kind) -> Result<String, String> {
    let (report, json) = published(session)?;
    match kind {
        Kind::Report => {
            save_text(&format!("{stem}.json"), JSON_TYPE, &json);
            return Ok(format!("已下载 {stem}.json"));
        }
        Kind::Sidecar => {
            let side = session.desk.with_untracked(|d| d.draft.sidecar().to_json());
            save_text(&format!("{stem}.charts.json"), JSON_TYPE, &side);
            return Ok(format!("已下载 {stem}.charts.json"));
        }
        Kind::Offline | Kind::Listing => {}
    }
    let listing = site_listing().await?;
    let sha256 = source_sha256(session, listing.as_ref());
    match kind {
        Kind::Offline => {
            let html = offline(&report, &json, sha256.as_deref()).await?;
            save_text(&format!("{stem}.html"), "text/html;charset=utf-8", &html);
            Ok(format!("已下载 {stem}.html"))
        }
        Kind::Listing | Kind::Report | Kind::Sidecar => {
            let entry = Listed::new(&format!("{stem}.json"), &report, sha256.as_deref());
            let listing = listing
                .unwrap_or_else(|| Listing::new(Vec::new()))
                .with(entry);
            save_text(REPORTS_FILE, JSON_TYPE, &listing.to_json());
            Ok(format!(
                "已下载 {REPORTS_FILE}（{} 份报告）",
                listing.reports.len()
            ))
        }
    }
}

/// The offline file of `report`, from the reader's files named in `assets.json`.
async fn offline(report: &Report, json: &str, sha256: Option<&str>) -> Result<String, String> {
    let text = fetch(MANIFEST_FILE)
        .await?
        .ok_or("本站缺少 assets.json，无法生成离线文件（请用 trunk build 重新构建网站）")?;
    let manifest: Manifest =
        serde_json::from_slice(&text).map_err(|e| format!("{MANIFEST_FILE}：{e}"))?;
    if manifest.format != MANIFEST_FORMAT {
        return Err(format!("{MANIFEST_FILE} 的格式不是 {MANIFEST_FORMAT}"));
    }
    let mut files = HashMap::new();
    for name in manifest.files() {
        let body = fetch(name).await?.ok_or(format!("本站缺少 {name}"))?;
        files.insert(name.to_string(), body);
    }
    let assets = manifest.read(|n| files.get(n).cloned().ok_or(format!("本站缺少 {n}")))?;
    let content = Content {
        report,
        json,
        source_sha256: sha256,
    };
    Ok(offline_page(&assets.assets(), &content))
}

/// The site's `reports.json`, if it has one.
async fn site_listing() -> Result<Option<Listing>, String> {
    match fetch(REPORTS_FILE).await? {
        Some(bytes) => {
            let text =
                String::from_utf8(bytes).map_err(|_| format!("{REPORTS_FILE} 不是 UTF-8 文本"))?;
            Listing::from_json(&text)
                .map(Some)
                .map_err(|e| format!("{REPORTS_FILE}：{e}"))
        }
        None => Ok(None),
    }
}

/// Which official text the report was made from: known when the desk or the reader converted
/// it, else as the site's listing records it, else (the site's own report) as the page does.
fn source_sha256(session: Session, listing: Option<&Listing>) -> Option<String> {
    let (known, file) = session
        .source
        .with_value(|s| (s.sha256.clone(), s.site_file.clone()));
    if known.is_some() {
        return known;
    }
    let file = file?;
    listing
        .and_then(|l| l.reports.iter().find(|r| r.file == file)?.sha256.clone())
        .or_else(|| {
            (file == DEFAULT_REPORT)
                .then(|| {
                    document()
                        .query_selector("meta[name=\"source-sha256\"]")
                        .ok()
                        .flatten()
                })
                .flatten()
                .and_then(|m| m.get_attribute("content"))
        })
}

/// A file beside the page; `None` when the site does not have it (404).
async fn fetch(name: &str) -> Result<Option<Vec<u8>>, String> {
    let resp = Request::get(name)
        .send()
        .await
        .map_err(|e| format!("无法获取 {name}：{e}"))?;
    match resp.status() {
        404 => Ok(None),
        s if !resp.ok() => Err(format!("获取 {name} 时服务器返回 {s}")),
        _ => resp
            .binary()
            .await
            .map(Some)
            .map_err(|e| format!("无法获取 {name}：{e}")),
    }
}
