//! The Leptos reader: loads the report JSON and renders it. One file per page-level component
//! under `app/`; this file wires them together and holds the shared, read-only [`Doc`].

mod body;
pub(crate) mod boot;
mod chapters;
mod charts;
mod checks;
pub mod crash;
pub(crate) mod download;
pub(crate) mod edit;
mod embed;
pub(crate) mod load;
mod open;
mod prefs;
mod qr;
mod queue;
mod reports;
mod route;
mod search;
mod shared;
mod speak;
mod tip;
mod toc;
pub(crate) mod worker;

use leptos::prelude::*;
use shared::{Doc, LocalFile, Notice, Status};
use std::sync::Arc;

pub use load::{load_report, LoadError, Loaded};

/// The whole reader: a loading state, then the report (or a file the reader opened) or a
/// readable error.
#[component]
pub fn App() -> impl IntoView {
    provide_context(prefs::Prefs::load());
    let notice = Notice(RwSignal::new(None));
    provide_context(notice);
    let opened = open::Opened::provide();
    embed::Embed::start();
    let loaded = LocalResource::new(|| async {
        let l = load_report().await?;
        // What the page looks things up by, in a task of its own before the first render's:
        // it goes through every figure, term, check and chart (50 ms at a hundred times the
        // bundled report on a 4× slower CPU).
        let doc = Doc::new(Arc::new(l.report), l.url, None);
        load::next_task().await;
        Ok::<_, LoadError>(doc)
    });
    let retry = Callback::new(move |()| loaded.refetch());
    let page = move |doc: Doc| view! { <ReportPage doc=doc /> }.into_any();
    let missing = embed::Missing::get();
    view! {
        <open::DropZone />
        {move || {
            notice
                .0
                .get()
                .map(|msg| {
                    view! {
                        <div class="notice" role="alert">
                            <p>{msg}</p>
                            <button type="button" on:click=move |_| notice.0.set(None)>
                                "关闭提示"
                            </button>
                        </div>
                    }
                })
        }}
        {move || match (missing.and_then(|m| m.0.get()), opened.0.get()) {
            (Some(id), _) => view! { <embed::NotFound id=id /> }.into_any(),
            (None, Some((r, file))) => page(Doc::new(r, None, Some(file))),
            (None, None) => {
                view! {
                    <Suspense fallback=|| {
                        view! { <p class="status" role="status">"正在加载报告…"</p> }
                    }>
                        {move || Suspend::new(async move {
                            match loaded.await {
                                Ok(doc) => page(doc),
                                Err(e) => view! { <LoadFailed error=e retry=retry /> }.into_any(),
                            }
                        })}
                    </Suspense>
                }
                    .into_any()
            }
        }}
        <embed::Credit />
    }
}

/// The report page: masthead, tool bar, table of contents, body and footer.
#[component]
fn ReportPage(
    /// The report to show and what is derived from it.
    doc: Doc,
) -> impl IntoView {
    provide_context(doc.clone());
    charts::ChartEnv::provide();
    chapters::Chapters::provide();
    let status = Status(RwSignal::new(String::new()));
    provide_context(status);
    let route = route::use_route();
    route::Target::provide(route);
    let title = doc.report.meta.title.clone();
    // Once the page is in the document: the pre-rendered copy goes, an embedded part is
    // picked out, and the window is named after the report.
    Effect::new(move |_| {
        boot::handover();
        embed::on_page();
        document().set_title(&title);
    });
    let search = search::SearchState::provide(&doc.report);
    let meta = doc.report.meta.clone();
    let toc_open = RwSignal::new(false);
    let reading = toc::scroll_spy(&doc.report.blocks);
    view! {
        <a class="skip-link" href="#main">"跳到正文"</a>
        <header class="masthead">
            {meta.issuer.clone().map(|i| view! { <p class="issuer">{i}</p> })}
            <h1 id="top" tabindex="-1">{meta.title.clone()}</h1>
            <p class="dates">{meta.dates_line()}</p>
            {source_line(&meta)}
        </header>
        {tool_bar(toc_open, search, reading)}
        <div class="layout">
            <toc::Toc open=toc_open active=reading />
            <main id="main" class="report" tabindex="-1">
                <body::Body route=route />
            </main>
        </div>
        <footer class="colophon">
            <p>
                {provenance(doc.file.as_deref())}
                {doc.url.clone().map(|u| view! { <a href=u download>"下载报告数据（JSON）"</a> })}
            </p>
            <p class="print-only">{print_source(&meta, doc.file.as_deref())}</p>
        </footer>
        <p class="visually-hidden" role="status" aria-live="polite">
            {move || status.0.get()}
        </p>
    }
}

/// The bar under the masthead: the phone menus' buttons (`toc_open`: whether the table of
/// contents is open as a phone menu), the search box and the tools (`reading`: the part being
/// read, which read-aloud speaks).
fn tool_bar(
    toc_open: RwSignal<bool>,
    search: search::SearchState,
    reading: ReadSignal<Option<String>>,
) -> impl IntoView {
    let tools_open = RwSignal::new(false);
    view! {
        <div class="bar" role="region" aria-label="工具栏">
            <Disclosure open=toc_open controls="toc" class="toc-toggle" label="目录" />
            <search::SearchBox state=search />
            <Disclosure open=tools_open controls="tools" class="tools-toggle" label="设置" />
            <div id="tools" class="tools" class:open=move || tools_open.get()>
                <prefs::PrefsControls />
                <speak::ReadAloud reading=reading />
                <qr::QrButton />
                <open::OpenButton />
                <button type="button" class="print" on:click=move |_| print()>
                    "打印"
                </button>
                {site_links()}
            </div>
            <BackToTop />
        </div>
    }
}

/// The site's other reports and the editor's desk, where the page offers them. Type-erased:
/// as two more static children they cost the reader's wasm 13 KB gzip of re-instantiated view
/// code (measured with twiggy), for two links.
fn site_links() -> AnyView {
    view! {
        <reports::Switcher />
        <edit::EditLink />
    }
    .into_any()
}

/// A button that shows and hides the element `controls` (the phone menus), saying which in
/// `aria-expanded`.
#[component]
fn Disclosure(
    /// Whether the element is shown; the button flips it.
    open: RwSignal<bool>,
    /// The id of the element shown and hidden.
    controls: &'static str,
    /// The button's class (what the style sheet shows it as, and where).
    class: &'static str,
    /// The button's text.
    label: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=class
            aria-controls=controls
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {label}
        </button>
    }
}

/// What the reader shows when the report cannot be loaded: what went wrong and what to do.
#[component]
fn LoadFailed(
    /// Why the report could not be loaded.
    error: LoadError,
    /// Loads the report again (offered only where that may help).
    retry: Callback<()>,
) -> impl IntoView {
    // Once the message is in the document, it replaces the pre-rendered copy.
    Effect::new(|_| boot::handover());
    // Only where trying again can help (not for a refused address, a foreign format or an
    // invalid report: those are the site's to fix).
    let help = if error.may_pass() {
        "请检查网络后重试，或用下面的按钮打开本地的报告文件（.json 或 .txt）。"
    } else {
        "请告知网站管理员，或用下面的按钮打开本地的报告文件（.json 或 .txt）。"
    };
    let again = error.may_pass().then(|| {
        view! {
            <button type="button" class="retry" on:click=move |_| retry.run(())>
                "重试"
            </button>
        }
    });
    view! {
        <main id="main" class="load-error">
            <h1>"无法打开报告"</h1>
            <p class="what" role="alert">
                {error.to_string()}
            </p>
            <p>{help}</p>
            {again}
            <open::OpenButton />
        </main>
    }
}

/// A link back to the top in the tool bar, once the reader has scrolled away from it: in the
/// bar rather than floating over the page, where it would cover the text on a phone.
#[component]
fn BackToTop() -> impl IntoView {
    let (away, set_away) = signal(false);
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        let y = window().scroll_y().unwrap_or(0.0);
        set_away.set(y > 800.0);
    });
    on_cleanup(move || handle.remove());
    view! {
        <a
            class="back-to-top"
            href="#/"
            aria-label="回到顶部"
            title="回到顶部"
            class:shown=away
            on:click=move |_| scroll_top()
        >
            "↑"
        </a>
    }
}

fn scroll_top() {
    window().scroll_to_with_x_and_y(0.0, 0.0);
    if let Some(h) = document().get_element_by_id("top") {
        if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h) {
            let _ = h.focus();
        }
    }
}

fn print() {
    let _ = window().print();
}

/// Where the source line links: the article itself when the converted page named it, else the
/// portal's home page. Only an http(s) URL (the reports print a bare host name,
/// "www.xinyang.gov.cn"), never another scheme such as `javascript:`.
fn source_href(meta: &fazhi_core::model::Meta) -> Option<String> {
    let u = meta
        .article_url
        .as_deref()
        .or(meta.site_url.as_deref())?
        .trim();
    let absolute = if u.contains("://") {
        u.to_string()
    } else {
        format!("https://{u}")
    };
    let url = web_sys::Url::new(&absolute).ok()?;
    matches!(url.protocol().as_str(), "http:" | "https:").then(|| url.href())
}

fn source_line(meta: &fazhi_core::model::Meta) -> Option<impl IntoView> {
    let site = meta.site.clone()?;
    let link = match source_href(meta) {
        Some(h) => view! { <a href=h rel="noopener">{site}</a> }.into_any(),
        None => site.into_any(),
    };
    Some(view! {
        <p class="source">
            "来源：" {link} {meta.source.clone().map(|s| format!("（{s}）"))}
        </p>
    })
}

/// Where the page's text comes from: the official report (the site's), or a local file, named
/// with its size and SHA-256 so a copy can be matched to it, and never passed off as official.
/// One string, not a view: each distinct view costs the wasm its own rendering code.
fn provenance(file: Option<&LocalFile>) -> String {
    let Some(f) = file else {
        return "本页由官方公布的报告原文转换而成，文字与数字均未改动。".to_string();
    };
    let (lead, made) = match f.converted {
        true => ("本页由本地文件", "转换而成"),
        false => ("本页显示的是本地文件", "中的报告数据"),
    };
    let sha = match &f.sha256 {
        Some(h) => format!("SHA-256：{h}"),
        None => "SHA-256 无法计算：浏览器只在安全连接（https）的页面上提供这一功能".to_string(),
    };
    format!(
        "{lead} “{}”（{} 字节，{sha}）{made}，不是官方发布的版本；文字与数字请以官方公布的原文为准。",
        f.name, f.bytes
    )
}

/// The source line printed at the foot of paper copies.
fn print_source(meta: &fazhi_core::model::Meta, file: Option<&LocalFile>) -> String {
    let mut s = String::from("原文：");
    s.push_str(meta.site.as_deref().unwrap_or(""));
    if let Some(u) = meta.article_url.as_ref().or(meta.site_url.as_ref()) {
        s.push_str(&format!(" {u}"));
    }
    if let Some(d) = &meta.published {
        s.push_str(&format!("，{} 发布", fazhi_core::model::cn_date(d)));
    }
    match file {
        // The address would reopen the site's report, not this one.
        Some(f) => s.push_str(&format!("。打印自本地文件 {}", f.name)),
        None => s.push_str(&format!("。打印自 {}", route::absolute(None))),
    }
    s
}
