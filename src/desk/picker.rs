//! "从原文新建": the report's paragraphs that state figures, each figure a toggle button in its
//! sentence. Picked figures become a new chart (its form, title and category names taken from
//! the text by `fazhi_core::desk::make_chart`) or, one at a time, a new key figure.

use super::Session;
use fazhi_core::desk::Edit;
use fazhi_core::model::{Block, Field, Report};
use fazhi_core::propose::title_for;
use fazhi_core::search::segments;
use leptos::prelude::*;

#[component]
pub fn Picker() -> impl IntoView {
    let session = expect_context::<Session>();
    let report = session.report();
    let picked = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<String>);
    let blocks = report
        .all_blocks()
        .into_iter()
        .filter(|b| report.facts.iter().any(|f| f.block == b.id))
        .map(|b| passage(&report, b, picked))
        .collect_view();
    let make = move |edit: Edit| {
        let result = session.edit(edit);
        if result.is_ok() {
            picked.set(Vec::new());
        }
        error.set(result.err());
    };
    let make_chart = move |_| make(Edit::Make(picked.get_untracked()));
    let make_card = move |_| {
        if let [one] = picked.get_untracked().as_slice() {
            make(Edit::MakeCard(one.clone()));
        }
    };
    let count = move || picked.with(Vec::len);
    view! {
        <section class="desk-section" aria-labelledby="desk-pick-h">
            <h2 id="desk-pick-h">"从原文新建"</h2>
            <p class="note">
                "点选原文中的数字（再点一次取消），然后新建图表；只选一个数字时也可以把它设为关键数字。图形按这些数字自动选定：原文所说的总数和分项画成部分与整体，几个比率画成比率图，同一单位画成条形图，不同单位分格画。"
            </p>
            <div class="desk-pick-actions" role="group" aria-label="用选中的数字">
                <span class="desk-picked" aria-live="polite">
                    {move || format!("已选 {} 个数字", count())}
                </span>
                <button type="button" disabled=move || count() == 0 on:click=make_chart>
                    "新建图表"
                </button>
                <button type="button" disabled=move || count() != 1 on:click=make_card>
                    "设为关键数字"
                </button>
                <button type="button" disabled=move || count() == 0 on:click=move |_| picked.set(Vec::new())>
                    "清除选择"
                </button>
            </div>
            <p class="desk-error" role="alert">{move || error.get()}</p>
            <div class="desk-text">{blocks}</div>
        </section>
    }
}

/// One block's own text with its figures as buttons.
fn passage(report: &Report, b: &Block, picked: RwSignal<Vec<String>>) -> impl IntoView {
    let fields = [
        (Field::Title, b.title.clone().unwrap_or_default()),
        (Field::Text, b.text.clone()),
    ];
    let runs = fields
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|(field, text)| {
            let at: Vec<(usize, usize, usize)> = report
                .facts
                .iter()
                .enumerate()
                .filter(|(_, f)| f.block == b.id && f.field == field)
                .map(|(i, f)| (f.start, f.end, i))
                .collect();
            segments(&text, &at, &[])
                .into_iter()
                .map(|s| match s.fact {
                    Some(i) => figure(report, i, picked).into_any(),
                    None => s.text.into_any(),
                })
                .collect_view()
        })
        .collect_view();
    // A passage without its own heading says which heading it is under.
    let under = b.title.is_none().then(|| title_for(report, &b.id));
    view! {
        <div class="desk-passage">
            {under.map(|t| view! { <p class="desk-where">{t}</p> })}
            <p>{b.number.clone()} {runs}</p>
        </div>
    }
}

/// A figure as a toggle button: pressed when picked.
fn figure(report: &Report, i: usize, picked: RwSignal<Vec<String>>) -> impl IntoView {
    let f = &report.facts[i];
    let id = f.id.clone();
    let is_picked = {
        let id = id.clone();
        move || picked.with(|p| p.contains(&id))
    };
    let toggle = move |_| {
        picked.update(|p| match p.iter().position(|x| *x == id) {
            Some(at) => {
                p.remove(at);
            }
            None => p.push(id.clone()),
        })
    };
    let pressed = is_picked.clone();
    view! {
        <button
            type="button"
            class="pick"
            class:picked=is_picked
            aria-pressed=move || pressed().to_string()
            title=f.label.clone()
            on:click=toggle
        >
            {f.text.clone()}
        </button>
    }
}
