//! Getting the report into the app. Everything that knows where the data comes from is behind
//! [`load_report`]: the JSON inlined in the page (the offline file that `package` writes, which
//! file:// could not fetch anything into), else the report named by `?report=` (if
//! [`report_path`] accepts it), else the bundled one, fetched with a time limit so a stalled
//! network ends in a message, not a spinner.

use fazhi_core::model::{validate, ReadError, Report};
use fazhi_core::page::REPORT_DATA_ID;
use fazhi_core::site::{report_path, Refusal};
use gloo_net::http::Request;
use leptos::prelude::{document, set_timeout_with_handle};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use thiserror::Error;

/// The report bundled with the reader, relative to the page so any sub-path works.
pub const DEFAULT_REPORT: &str = "shangcheng-2022.json";

/// How long the report may take to arrive. Generous for a 50 KB file on a slow county
/// connection; short enough that a reader is not left staring at "正在加载".
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// What error messages call the data inlined in the offline file.
const INLINE_NAME: &str = "本文件内嵌的报告数据";

/// Why the report could not be loaded, worded for the reader (the UI is in Chinese).
#[derive(Debug, Clone, Error, PartialEq)]
pub enum LoadError {
    #[error("网络错误，无法获取 {url}：{detail}")]
    Network { url: String, detail: String },
    #[error("服务器返回 {status}，无法获取 {url}")]
    Status { url: String, status: u16 },
    #[error("获取 {url} 超时（{secs} 秒内没有完成），网络可能过慢或已中断")]
    Timeout { url: String, secs: u64 },
    /// Broken JSON, another format, or a report that fails validation.
    #[error("{url} {source}")]
    Read { url: String, source: ReadError },
    #[error("不能打开 “{0}”：参数 report 只能是本站上的相对路径，指向阅读器所在文件夹中的 .json 文件（如 ?report=reports/other.json），而它{1}")]
    Refused(String, Refusal),
}

impl LoadError {
    /// Whether trying again may help: the network or the server failed, or a download was cut
    /// short (which shows up as broken JSON). A refused, foreign-format or invalid report
    /// stays so.
    pub fn may_pass(&self) -> bool {
        matches!(
            self,
            LoadError::Network { .. }
                | LoadError::Status { .. }
                | LoadError::Timeout { .. }
                | LoadError::Read {
                    source: ReadError::Json { .. },
                    ..
                }
        )
    }
}

/// A loaded report and, if it came from the site, its address (for "download the data").
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub url: Option<String>,
    pub report: Report,
}

/// Loads the report the page is meant to show.
pub async fn load_report() -> Result<Loaded, LoadError> {
    if let Some(text) = inline_data() {
        let report = parse_report(INLINE_NAME, &text)?;
        return Ok(Loaded { url: None, report });
    }
    let url = report_url()?;
    let report = fetch_report(&url).await?;
    Ok(Loaded {
        url: Some(url),
        report,
    })
}

/// The report JSON inlined in the page as `<script type="application/json" id="report-data">`.
fn inline_data() -> Option<String> {
    document()
        .get_element_by_id(REPORT_DATA_ID)
        .and_then(|e| e.text_content())
}

/// The report to load: `?report=` if the rule of [`report_path`] accepts it (a `.json` file
/// in the reader's folder or below), else the bundled one. A link to the reader cannot make it
/// show, and appear to vouch for, someone else's data.
fn report_url() -> Result<String, LoadError> {
    let search = leptos::prelude::window()
        .location()
        .search()
        .unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search)
        .map_err(|_| LoadError::Refused(search.clone(), Refusal::Encoding))?;
    match params.get("report") {
        None => Ok(DEFAULT_REPORT.to_string()),
        Some(wanted) => report_path(&wanted).map_err(|why| LoadError::Refused(wanted, why)),
    }
}

/// Fetches and parses the report, giving up after [`TIMEOUT`] (headers and body together).
async fn fetch_report(url: &str) -> Result<Report, LoadError> {
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                if let Some(c) = controller {
                    c.abort();
                }
            },
            TIMEOUT,
        )
        .ok()
    };
    let signal = controller.as_ref().map(|c| c.signal());
    let result = fetch_text(url, signal.as_ref()).await;
    if let Some(t) = timer {
        t.clear();
    }
    let text = result.map_err(|e| match e {
        LoadError::Network { .. } if timed_out.get() => LoadError::Timeout {
            url: url.to_string(),
            secs: TIMEOUT.as_secs(),
        },
        e => e,
    })?;
    // Decoding, validating and the first render each in a task of their own: for a report a
    // hundred times the bundled one they take about 200 ms apiece on a slow phone, and in one
    // task they kept the page from answering for 700 ms.
    let report = Report::decode(&text).map_err(unreadable(url))?;
    drop(text);
    next_task().await;
    validate(&report).map_err(|e| unreadable(url)(e.into()))?;
    next_task().await;
    Ok(report)
}

/// Resolves in a later task (a zero timeout), letting the browser paint and answer input.
pub async fn next_task() {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let _ = leptos::prelude::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}

pub async fn fetch_text(
    url: &str,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<String, LoadError> {
    let network = |e: gloo_net::Error| LoadError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    };
    let resp = Request::get(url)
        .abort_signal(signal)
        .send()
        .await
        .map_err(network)?;
    if !resp.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: resp.status(),
        });
    }
    // As bytes, decoded here: `text()` would decode the UTF-8 into a JS string that Rust then
    // encodes back into UTF-8, which takes a quarter of a second for a 5 MB report at 4× CPU
    // throttling. Invalid sequences become U+FFFD, as `text()` makes them.
    let bytes = resp.binary().await.map_err(network)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Reads report JSON through the one check every report passes ([`Report::from_json`]),
/// naming `url` in the message.
pub fn parse_report(url: &str, text: &str) -> Result<Report, LoadError> {
    Report::from_json(text).map_err(unreadable(url))
}

/// Why the report JSON from `url` was not accepted, as the page says it.
fn unreadable(url: &str) -> impl Fn(ReadError) -> LoadError + '_ {
    move |source| LoadError::Read {
        url: url.to_string(),
        source,
    }
}
