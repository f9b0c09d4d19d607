//! The table of contents: chapters and sections, with the one being read highlighted
//! (scroll-spy). A sidebar on wide screens, a menu behind the "目录" button on phones.

use super::route::href;
use super::Doc;
use fazhi_core::model::{Block, Kind};
use leptos::prelude::*;

#[component]
pub fn Toc(open: RwSignal<bool>) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let active = scroll_spy(&doc.report.blocks);
    let entry = move |b: &Block| {
        let id = b.id.clone();
        let is_active = move || active.get().as_deref() == Some(id.as_str());
        view! {
            <a
                href=href(&b.id)
                class:active=is_active.clone()
                aria-current=move || is_active().then_some("location")
                on:click=move |_| open.set(false)
            >
                {b.number.clone()}
                {b.title.clone()}
            </a>
        }
    };
    let chapters = doc
        .report
        .blocks
        .iter()
        .filter(|b| b.kind == Kind::Chapter)
        .map(|c| {
            let sections = c
                .children
                .iter()
                .filter(|s| s.kind == Kind::Section)
                .map(|s| view! { <li>{entry(s)}</li> })
                .collect_view();
            view! {
                <li>
                    {entry(c)}
                    <ol>{sections}</ol>
                </li>
            }
        })
        .collect_view();
    let indicators = (!doc.report.charts.is_empty()).then(|| {
        view! {
            <li>
                <a href=href("indicators") on:click=move |_| open.set(false)>
                    "主要数据"
                </a>
            </li>
        }
    });
    let checks = (!doc.report.checks.is_empty()).then(|| {
        view! {
            <li>
                <a href=href("checks") on:click=move |_| open.set(false)>
                    "数据核对"
                </a>
            </li>
        }
    });
    view! {
        <nav id="toc" class="toc" class:open=move || open.get() aria-label="目录">
            <h2 class="toc-title">"目录"</h2>
            <ol>{chapters} {indicators} {checks}</ol>
        </nav>
    }
}

/// The id of the chapter or section whose heading was passed last while scrolling down.
/// Measured on scroll, once per animation frame at most.
fn scroll_spy(blocks: &[Block]) -> ReadSignal<Option<String>> {
    let ids: Vec<String> = blocks
        .iter()
        .filter(|b| b.kind == Kind::Chapter)
        .flat_map(|c| {
            std::iter::once(c.id.clone()).chain(
                c.children
                    .iter()
                    .filter(|s| s.kind == Kind::Section)
                    .map(|s| s.id.clone()),
            )
        })
        .collect();
    let (active, set_active) = signal(None::<String>);
    let pending = StoredValue::new(false);
    let measure = move || {
        pending.set_value(false);
        // A heading counts as reached once it is in the top third of the window.
        let line = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0)
            / 3.0;
        let doc = document();
        let current = ids
            .iter()
            .take_while(|id| {
                doc.get_element_by_id(id)
                    .is_some_and(|e| e.get_bounding_client_rect().top() <= line)
            })
            .last()
            .cloned();
        if active.get_untracked() != current {
            set_active.set(current);
        }
    };
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        if !pending.get_value() {
            pending.set_value(true);
            request_animation_frame(measure.clone());
        }
    });
    on_cleanup(move || handle.remove());
    active
}
