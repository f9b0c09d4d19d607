//! The Leptos reader: loads the report JSON and renders it. One file per page-level component
//! under `app/`; this file wires them together.

mod load;
mod report_view;

use leptos::prelude::*;
use std::rc::Rc;

pub use load::{load_report, LoadError};
use report_view::ReportView;

/// The whole reader: a loading state, then the report or a readable error.
#[component]
pub fn App() -> impl IntoView {
    let report = LocalResource::new(|| async { load_report().await.map(Rc::new) });
    view! {
        <Suspense fallback=|| view! { <p class="status" role="status">"正在加载报告…"</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(r) => {
                        set_document_title(&r.meta.title);
                        view! { <ReportView report=r /> }.into_any()
                    }
                    Err(e) => view! { <LoadFailed error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the reader shows when the report cannot be loaded: what went wrong and what to do.
#[component]
fn LoadFailed(error: LoadError) -> impl IntoView {
    view! {
        <main id="main" class="load-error" role="alert">
            <h1>"无法打开报告"</h1>
            <p class="what">{error.to_string()}</p>
            <p>"请检查网络后刷新页面重试；如问题持续，请联系网站管理员。"</p>
        </main>
    }
}

fn set_document_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}
