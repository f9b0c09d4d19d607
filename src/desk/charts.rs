//! The desk's list of charts: each with a switch (shown in the report or not), its place, its
//! title, its category names, its form, and a live preview drawn by the same code as the
//! reader's charts. Every change goes through `fazhi_core::desk`, which refuses what would
//! mislead and says why; the reason is shown beside the field it concerns.

use super::{List, Session};
use fazhi_core::charts::resolve::{spec, summary};
use fazhi_core::charts::{draw, Theme};
use fazhi_core::desk::{form_name, forms, ChartItem, Edit, FORMS};
use fazhi_core::model::{ChartDef, ChartForm, Report};
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn ChartList() -> impl IntoView {
    let session = expect_context::<Session>();
    let ids = move || {
        session.desk.with(|d| {
            d.draft
                .charts
                .iter()
                .map(|c| c.def.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let shown = move || {
        session
            .desk
            .with(|d| d.draft.charts.iter().filter(|c| c.on).count())
    };
    let total = move || session.desk.with(|d| d.draft.charts.len());
    view! {
        <section class="desk-section" aria-labelledby="desk-charts-h">
            <h2 id="desk-charts-h">"图表"</h2>
            <p class="note">
                {move || format!("共 {} 张，显示 {} 张。", total(), shown())}
                "隐藏的是程序建议但尚未采用的图表，勾选“显示”即可加入报告。"
            </p>
            <ol class="desk-list">
                <For each=ids key=|id| id.clone() let:id>
                    <ChartRow id=id />
                </For>
            </ol>
        </section>
    }
}

/// One chart of the list, by id.
#[component]
fn ChartRow(
    /// The chart's id in the draft.
    id: String,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let item = {
        let id = id.clone();
        Memo::new(move |_| session.desk.with(|d| d.draft.chart(&id).cloned()))
    };
    let title = move || item.with(|i| i.as_ref().map(|i| i.def.title.clone()).unwrap_or_default());
    let on = move || item.with(|i| i.as_ref().is_some_and(|i| i.on));
    let heading_id = format!("chart-{id}-h");
    let place = session.place(List::Charts, id.clone());
    let show = {
        let id = id.clone();
        Callback::new(move |on| drop(session.edit(Edit::Show(id.clone(), on))))
    };
    let move_to = {
        let id = id.clone();
        Callback::new(move |to| session.edit(Edit::Move(id.clone(), to)).is_ok())
    };
    view! {
        <li class="desk-item" class:off=move || !on() aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone() class="desk-item-title">
                {title}
                {move || (!on()).then(|| view! { <span class="desk-off">"（未显示）"</span> })}
            </h3>
            <div class="desk-controls">
                <Switch on=Signal::derive(on) name=Signal::derive(title) set=show />
                <Mover dom_key=id.clone() name=Signal::derive(title) place=place to=move_to />
                <TitleField id=id.clone() item=item />
                <FormField id=id.clone() item=item />
                <Labels id=id.clone() item=item />
                <DeleteButton id=id.clone() item=item />
            </div>
            <Preview item=item />
        </li>
    }
}

/// "在报告中显示": whether the report shows a chart or a card.
#[component]
pub fn Switch(
    /// Whether the report shows it.
    on: Signal<bool>,
    /// What it is called, which names the switch for a screen reader.
    name: Signal<String>,
    /// Shows or hides it.
    set: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="desk-switch">
            <input
                type="checkbox"
                prop:checked=on
                on:change=move |e| set.run(event_target_checked(&e))
            />
            "在报告中显示"
            <span class="visually-hidden">{move || format!("“{}”", name.get())}</span>
        </label>
    }
}

/// "上移" / "下移": a chart's or a card's place in its list (and in the report). Focus stays
/// on the button pressed, on the moved item.
#[component]
pub fn Mover(
    /// Unique in the page: the buttons' ids are `up-{dom_key}` and `down-{dom_key}`.
    dom_key: String,
    /// What it is called, which names the buttons for a screen reader.
    name: Signal<String>,
    /// Its position and the length of its list.
    place: Signal<(usize, usize)>,
    /// Moves it to a position; false when the desk refused.
    to: Callback<usize, bool>,
) -> impl IntoView {
    let (up, down) = (format!("up-{dom_key}"), format!("down-{dom_key}"));
    let step = move |up: bool, focus: String| {
        move |_| {
            let (at, _) = place.get_untracked();
            if to.run(if up { at.saturating_sub(1) } else { at + 1 }) {
                refocus(&focus);
            }
        }
    };
    view! {
        <span class="desk-move" role="group" aria-label="位置">
            <button
                type="button"
                id=up.clone()
                disabled=move || place.get().0 == 0
                aria-label=move || format!("上移“{}”", name.get())
                on:click=step(true, up)
            >
                "上移"
            </button>
            <button
                type="button"
                id=down.clone()
                disabled=move || {
                    let (at, n) = place.get();
                    at + 1 >= n
                }
                aria-label=move || format!("下移“{}”", name.get())
                on:click=step(false, down)
            >
                "下移"
            </button>
        </span>
    }
}

/// Focuses the element with `id` once the list has been re-ordered (the next frame).
pub fn refocus(id: &str) {
    let id = id.to_string();
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            let el: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(el);
            let _ = el.focus();
        }
    });
}

/// A text field whose value the desk may refuse: typed text stays as typed, and the reason is
/// shown under it (and announced) until the text is acceptable.
#[component]
pub fn Field(
    /// The field's id (its label and error refer to it).
    id: String,
    /// What the field is called.
    label: String,
    /// The accepted value.
    value: Signal<String>,
    #[prop(optional, into)]
    /// Shown when empty: what an empty value means.
    placeholder: String,
    /// Tries a typed value: Err(reason) when refused.
    commit: Callback<String, Result<(), String>>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let error_id = format!("{id}-error");
    let on_input = move |e: web_sys::Event| error.set(commit.run(event_target_value(&e)).err());
    view! {
        <span class="desk-field">
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                type="text"
                prop:value=value
                placeholder=placeholder
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
                on:input=on_input
            />
            <span id=error_id class="desk-error" role="alert">
                {move || error.get()}
            </span>
        </span>
    }
}

#[component]
fn TitleField(
    /// The chart's id.
    id: String,
    /// The chart as the draft has it now.
    item: Memo<Option<ChartItem>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let value = Signal::derive(move || {
        item.with(|i| i.as_ref().map(|i| i.def.title.clone()).unwrap_or_default())
    });
    let commit = {
        let id = id.clone();
        Callback::new(move |t: String| session.edit(Edit::Title(id.clone(), t)))
    };
    view! { <Field id=format!("title-{id}") label="标题".to_string() value=value commit=commit /> }
}

/// The chart's form: the forms its figures allow, the current one selected.
#[component]
fn FormField(
    /// The chart's id.
    id: String,
    /// The chart as the draft has it now.
    item: Memo<Option<ChartItem>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let allowed = Memo::new(move |_| {
        let report = session.report();
        item.with(|i| {
            i.as_ref()
                .map(|i| forms(&report, &i.def))
                .unwrap_or_default()
        })
    });
    let current = move || item.with(|i| i.as_ref().map(|i| form_key(i.def.form)).unwrap_or(""));
    let error = RwSignal::new(None::<String>);
    let select_id = format!("form-{id}");
    let change = move |e: web_sys::Event| {
        let wanted = FORMS
            .into_iter()
            .find(|f| form_key(*f) == event_target_value(&e));
        if let Some(f) = wanted {
            error.set(session.edit(Edit::Form(id.clone(), f)).err());
        }
    };
    let options = move || {
        FORMS
            .into_iter()
            .map(|f| {
                let ok = allowed.with(|a| a.contains(&f));
                view! {
                    <option value=form_key(f) disabled=!ok>
                        {form_name(f)}
                        {(!ok).then_some("（这些数据不适用）")}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <span class="desk-field">
            <label for=select_id.clone()>"图形"</label>
            <select id=select_id prop:value=current on:change=change>
                {options}
            </select>
            <span class="desk-error" role="alert">{move || error.get()}</span>
        </span>
    }
}

fn form_key(f: ChartForm) -> &'static str {
    match f {
        ChartForm::Bars => "bars",
        ChartForm::Part => "part",
        ChartForm::Rate => "rate",
        ChartForm::Units => "units",
    }
}

/// The category names, one per figure, each over the figure as the text writes it.
#[component]
fn Labels(
    /// The chart's id.
    id: String,
    /// The chart as the draft has it now.
    item: Memo<Option<ChartItem>>,
) -> impl IntoView {
    let facts = move || {
        item.with(|i| {
            let facts = i.as_ref().map(|i| i.def.facts.clone()).unwrap_or_default();
            facts.into_iter().enumerate().collect::<Vec<_>>()
        })
    };
    let row = move |(k, fact): (usize, String)| {
        view! { <LabelField chart=id.clone() k=k fact=fact item=item /> }
    };
    view! {
        <fieldset class="desk-labels">
            <legend>"类别名称（留空则用原文的说法）"</legend>
            <For each=facts key=|(k, f)| (*k, f.clone()) children=row />
        </fieldset>
    }
}

#[component]
fn LabelField(
    /// The chart's id.
    chart: String,
    /// Which category (its position in the chart).
    k: usize,
    /// The id of the fact the category names.
    fact: String,
    /// The chart as the draft has it now.
    item: Memo<Option<ChartItem>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let report = session.report();
    let f = report.facts.iter().find(|f| f.id == fact);
    let written = f.map(|f| f.text.clone()).unwrap_or_default();
    let own = f.map(|f| f.label.clone()).unwrap_or_default();
    let value = Signal::derive(move || {
        item.with(|i| {
            i.as_ref()
                .and_then(|i| i.def.labels.get(k).cloned())
                .unwrap_or_default()
        })
    });
    let commit = {
        let chart = chart.clone();
        Callback::new(move |l: String| session.edit(Edit::Label(chart.clone(), k, l)))
    };
    view! {
        <Field
            id=format!("label-{chart}-{k}")
            label=format!("“{written}”的类别")
            value=value
            placeholder=own
            commit=commit
        />
    }
}

/// "删除": only for a chart made on the desk (a proposal is hidden instead).
#[component]
fn DeleteButton(
    /// The chart's id.
    id: String,
    /// The chart as the draft has it now.
    item: Memo<Option<ChartItem>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let made = move || item.with(|i| i.as_ref().is_some_and(|i| i.made));
    move || {
        made().then(|| {
            let id = id.clone();
            view! {
                <button type="button" on:click=move |_| { let _ = session.edit(Edit::Delete(id.clone())); }>
                    "删除这张图表"
                </button>
            }
        })
    }
}

/// The chart as the report will draw it, redrawn on every change: its summary sentence (what a
/// screen reader reads) and the drawing.
#[component]
fn Preview(
    /// The chart as the draft has it now.
    item: Memo<Option<ChartItem>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let boxed = NodeRef::<Div>::new();
    let viewport = RwSignal::new(0.0);
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        viewport.set(
            window()
                .inner_width()
                .ok()
                .and_then(|w| w.as_f64())
                .unwrap_or(0.0),
        )
    });
    on_cleanup(move || resize.remove());
    let drawn = Memo::new(move |_| {
        viewport.track();
        let def: ChartDef = item.with(|i| i.as_ref().map(|i| i.def.clone()))?;
        let width = boxed
            .get()
            .map(|b| b.client_width() as u32)
            .filter(|w| *w > 0)
            .unwrap_or(560);
        Some(preview(&session.report(), &def, width))
    });
    let said = move || {
        drawn.with(|d| match d {
            Some(Ok((said, _))) => said.clone(),
            Some(Err(e)) => format!("无法绘制：{e}"),
            None => String::new(),
        })
    };
    let svg = move || {
        drawn.with(|d| match d {
            Some(Ok((_, svg))) => svg.clone(),
            _ => String::new(),
        })
    };
    view! {
        <figure class="chart desk-preview">
            <figcaption class="chart-summary">"预览：" {said}</figcaption>
            <div class="chart-box" node_ref=boxed>
                <div class="chart-svg" aria-hidden="true" inner_html=svg></div>
            </div>
        </figure>
    }
}

/// The chart's summary sentence and its drawing (untitled: the row's heading is its title), or
/// why it cannot be drawn.
fn preview(report: &Report, def: &ChartDef, width: u32) -> Result<(String, String), String> {
    let theme = if super::dark() {
        Theme::Dark
    } else {
        Theme::Light
    };
    let mut s = spec(report, def).map_err(|e| e.to_string())?;
    let said = summary(report, def, &s);
    s.title.clear();
    draw(&s, width, theme)
        .map(|d| (said, d.svg))
        .map_err(|e| e.to_string())
}
