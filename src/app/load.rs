//! Getting the report into the app. Everything that knows where the data comes from is behind
//! [`load_report`], so a build that inlines the data (the offline file) changes only this file.

use crate::model::{Report, FORMAT};
use gloo_net::http::Request;
use thiserror::Error;

/// The report bundled with the reader, relative to the page so any sub-path works.
pub const DEFAULT_REPORT: &str = "shangcheng-2022.json";

/// Why the report could not be loaded, worded for the reader (the UI is in Chinese).
#[derive(Debug, Clone, Error, PartialEq)]
pub enum LoadError {
    #[error("网络错误，无法获取 {url}：{detail}")]
    Network { url: String, detail: String },
    #[error("服务器返回 {status}，无法获取 {url}")]
    Status { url: String, status: u16 },
    #[error("{url} 不是有效的报告 JSON（第 {line} 行第 {column} 列）：{detail}")]
    Json {
        url: String,
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("{url} 的格式为 “{found}”，本阅读器只支持 “{FORMAT}”")]
    Format { url: String, found: String },
    #[error("不能打开 “{0}”：参数 report 只能是本站上的相对路径，如 ?report=reports/other.json")]
    Refused(String),
}

/// A loaded report and where it came from (for the "download the data" link).
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub url: String,
    pub report: Report,
}

/// Loads the report the page is meant to show: `?report=<relative path>` or the bundled one.
pub async fn load_report() -> Result<Loaded, LoadError> {
    let url = report_url()?;
    let report = fetch_report(&url).await?;
    Ok(Loaded { url, report })
}

/// The report to load. Only a relative path on the page's own origin is accepted, so a link to
/// the reader cannot make it show (and appear to vouch for) someone else's data.
fn report_url() -> Result<String, LoadError> {
    let loc = leptos::prelude::window().location();
    let search = loc.search().unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search)
        .map_err(|_| LoadError::Refused(search.clone()))?;
    let Some(wanted) = params.get("report") else {
        return Ok(DEFAULT_REPORT.to_string());
    };
    let href = loc.href().unwrap_or_default();
    let is_relative = !wanted.is_empty()
        && !wanted.contains("://")
        && !wanted.starts_with("//")
        && !wanted.starts_with('\\')
        && !wanted.contains(':');
    let same_origin = web_sys::Url::new_with_base(&wanted, &href)
        .ok()
        .zip(web_sys::Url::new(&href).ok())
        .is_some_and(|(u, page)| u.origin() == page.origin());
    if is_relative && same_origin {
        Ok(wanted)
    } else {
        Err(LoadError::Refused(wanted))
    }
}

async fn fetch_report(url: &str) -> Result<Report, LoadError> {
    let network = |e: gloo_net::Error| LoadError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    };
    let resp = Request::get(url).send().await.map_err(network)?;
    if !resp.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: resp.status(),
        });
    }
    let text = resp.text().await.map_err(network)?;
    parse_report(url, &text)
}

/// Parses report JSON, refusing other formats with a message that says where it broke.
pub fn parse_report(url: &str, text: &str) -> Result<Report, LoadError> {
    let report: Report = serde_json::from_str(text).map_err(|e| LoadError::Json {
        url: url.to_string(),
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
    })?;
    if report.format != FORMAT {
        return Err(LoadError::Format {
            url: url.to_string(),
            found: report.format,
        });
    }
    Ok(report)
}
