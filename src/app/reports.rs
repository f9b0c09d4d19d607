//! "其他报告": the reports the same site serves, from the `reports.json` that `package` writes
//! (and the editor's desk updates), grouped by issuer and year, each a `?report=` link. The
//! listing is fetched when the switcher is first opened, never on a first visit, and only where
//! the page names one (`<meta name="fazhi-reports">`: not in the offline file or an embed).

use super::embed::Embed;
use super::load::{fetch_text, DEFAULT_REPORT};
use super::open::Opened;
use fazhi_core::page::{Listing, REPORTS_META};
use leptos::prelude::*;

/// The listing once fetched, or why it could not be read; `None` while it loads.
type Fetched = Option<Result<Listing, String>>;

/// One issuer's reports as the panel lists them: (issuer, [(href, is current, year, title)]).
type Group = (String, Vec<(String, bool, String, String)>);

#[component]
pub fn Switcher() -> impl IntoView {
    let url = document()
        .query_selector(&format!("meta[name=\"{REPORTS_META}\"]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"));
    let embedded = use_context::<Option<Embed>>().flatten().is_some();
    let url = url.filter(|_| !embedded)?;
    let opened = expect_context::<Opened>();
    let state = RwSignal::new(None::<Fetched>);
    let open = RwSignal::new(false);
    let toggle = move |_| {
        open.update(|o| *o = !*o);
        if state.with_untracked(Option::is_none) {
            state.set(Some(None));
            let url = url.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = fetch_text(&url, None).await.map_err(|e| e.to_string());
                let listing = read.and_then(|t| {
                    Listing::from_json(&t).map_err(|e| format!("报告目录有误（{e}）"))
                });
                state.set(Some(Some(listing)));
            });
        }
    };
    let close_on_escape = move |e: web_sys::KeyboardEvent| {
        if e.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = document().get_element_by_id("reports-toggle") {
                let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(b).focus();
            }
        }
    };
    // Read once: the page is made again for every report opened, and a tracked read would
    // wake this page's panel while it is being disposed.
    let current = (!opened.0.with_untracked(Option::is_some)).then(current_file);
    let reading_site_report = current.is_some();
    Some(view! {
        <div class="switcher" on:keydown=close_on_escape>
            <button
                type="button"
                id="reports-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls="reports-panel"
                on:click=toggle
            >
                "其他报告"
            </button>
            <div id="reports-panel" class="reports-panel" hidden=move || !open.get()>
                <h2 class="visually-hidden">"本站的报告"</h2>
                <p class="reports-status" role="status">
                    {move || status(state.get().flatten(), reading_site_report)}
                </p>
                {move || groups(state.get().flatten(), current.as_deref()).into_iter().map(group).collect_view()}
            </div>
        </div>
    })
}

/// The report being read: the `?report=` value, or the bundled one.
fn current_file() -> String {
    let search = window().location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("report"))
        .unwrap_or_else(|| DEFAULT_REPORT.to_string())
}

/// What the panel says above the list: loading, why it failed, or that there is no other.
fn status(fetched: Fetched, reading_site_report: bool) -> String {
    match fetched {
        None => "正在读取报告目录…".to_string(),
        Some(Err(why)) => format!("无法读取本站的报告目录：{why}"),
        Some(Ok(l)) if l.reports.len() < 2 && reading_site_report => {
            "本站目前只有这一份报告。".to_string()
        }
        Some(Ok(_)) => String::new(),
    }
}

/// The listing as plain data for the panel, by issuer, `current` marked.
fn groups(fetched: Fetched, current: Option<&str>) -> Vec<Group> {
    let Some(Ok(listing)) = fetched else {
        return Vec::new();
    };
    listing
        .groups()
        .into_iter()
        .map(|g| {
            let rows = g.reports.into_iter().map(|r| {
                let file = String::from(js_sys::encode_uri_component(&r.file));
                let year = r.year.map(|y| format!("{y}年")).unwrap_or_default();
                let is_current = current == Some(r.file.as_str());
                (format!("?report={file}"), is_current, year, r.title.clone())
            });
            (g.issuer.to_string(), rows.collect())
        })
        .collect()
}

/// One issuer's reports, each its year and title, a link (the one being read marked).
fn group((issuer, rows): Group) -> impl IntoView {
    let rows = rows.into_iter().map(|(href, is_current, year, title)| {
        view! {
            <li>
                <a href=href aria-current=is_current.then_some("page")>
                    <span class="reports-year">{year}</span>
                    {title}
                </a>
            </li>
        }
    });
    view! {
        <section>
            <h3>{issuer}</h3>
            <ul>{rows.collect_view()}</ul>
        </section>
    }
}
