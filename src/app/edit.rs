//! The reader's way into the editor's desk ("编辑"): a link to this page with `?edit`, which the
//! start-up script answers by loading the desk (src/desk, its own wasm) instead of the reader,
//! so the reader itself carries none of it. Offered only where the build has a desk
//! (`<meta name="fazhi-desk">`: not in the offline file) and not in an embed.
//!
//! A report the reader opened from a file goes along: its JSON, its file name and the
//! fingerprint of its text wait in `sessionStorage` under [`HANDOFF`] for the desk, which
//! takes them once (`?edit=opened`).

use super::embed::Embed;
use super::open::{opened_file, Opened};
use fazhi_core::page::DESK_META;
use leptos::prelude::*;

/// The `sessionStorage` keys of a report handed to the desk: its file name, its JSON and the
/// SHA-256 of the file it was converted from (absent when it was opened as JSON).
pub const HANDOFF: [&str; 3] = ["fazhi.desk.name", "fazhi.desk.json", "fazhi.desk.sha256"];
/// The value of `?edit` that says a report waits under [`HANDOFF`].
pub const FROM_OPENED: &str = "opened";

/// "编辑": a link to the desk for the report being read.
#[component]
pub fn EditLink() -> impl IntoView {
    let has_desk = document()
        .query_selector(&format!("meta[name=\"{DESK_META}\"]"))
        .ok()
        .flatten()
        .is_some();
    let embedded = use_context::<Option<Embed>>().flatten().is_some();
    let opened = expect_context::<Opened>();
    (has_desk && !embedded).then(|| {
        // Read once: the page is made again for every report opened.
        let from_file = opened.0.with_untracked(Option::is_some);
        let hand_over = move |_| {
            if from_file {
                hand_over();
            }
        };
        view! {
            <a class="button" href=desk_href(from_file) on:click=hand_over>
                "编辑"
            </a>
        }
    })
}

/// This page with `?edit` (keeping `?report=` and the rest), or `?edit=opened` for an opened
/// file. Plain string work: the reader's page never has `?edit` (that page is the desk).
fn desk_href(opened: bool) -> String {
    if opened {
        return format!("?edit={FROM_OPENED}");
    }
    match window().location().search().unwrap_or_default().as_str() {
        "" | "?" => "?edit".to_string(),
        search => format!("{search}&edit"),
    }
}

/// Puts the opened report where the desk looks for it. If storage is refused the desk says
/// so and offers to open the file itself.
fn hand_over() {
    let Some(file) = opened_file() else {
        return;
    };
    let Some(store) = window().session_storage().ok().flatten() else {
        return;
    };
    let [name, json, sha] = HANDOFF;
    let _ = store.set_item(name, &file.name);
    let _ = store.set_item(json, &file.json);
    match &file.sha256 {
        Some(s) => drop(store.set_item(sha, s)),
        None => drop(store.remove_item(sha)),
    }
}
