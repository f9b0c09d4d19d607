//! The desk's key figures (关键数字): the cards the report shows above its charts, each with a
//! switch, its place and its label (words only; empty shows the figure's own label).

use super::charts::{Field, Mover, Switch};
use super::{List, Session};
use fazhi_core::desk::Edit;
use fazhi_core::format;
use leptos::prelude::*;

#[component]
pub fn CardList() -> impl IntoView {
    let session = expect_context::<Session>();
    let facts = move || {
        session.desk.with(|d| {
            d.draft
                .cards
                .iter()
                .map(|c| c.fact.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="desk-section" aria-labelledby="desk-cards-h">
            <h2 id="desk-cards-h">"关键数字"</h2>
            <p class="note">"报告开头“主要数据”中的数字卡片。数字取自原文，只能改它的说明文字。"</p>
            <ol class="desk-list desk-cards">
                <For each=facts key=|f| f.clone() let:fact>
                    <CardRow fact=fact />
                </For>
            </ol>
        </section>
    }
}

#[component]
fn CardRow(
    /// The id of the fact the card shows.
    fact: String,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let report = session.report();
    let f = report.facts.iter().find(|f| f.id == fact).cloned();
    let (number, unit) = f.as_ref().map(format::fact_parts).unwrap_or_default();
    let own = f.map(|f| f.label).unwrap_or_default();
    let own_label = own.clone();
    let item = {
        let fact = fact.clone();
        Memo::new(move |_| {
            session
                .desk
                .with(|d| d.draft.cards.iter().find(|c| c.fact == fact).cloned())
        })
    };
    let place = session.place(List::Cards, fact.clone());
    let name = Signal::derive(move || {
        item.with(|i| {
            i.as_ref()
                .map(|i| i.label.trim().to_string())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| own.clone())
        })
    });
    let on = Signal::derive(move || item.with(|i| i.as_ref().is_some_and(|i| i.on)));
    let value = Signal::derive(move || {
        item.with(|i| i.as_ref().map(|i| i.label.clone()).unwrap_or_default())
    });
    let (show, move_to, commit) = card_edits(session, &fact);
    view! {
        <li class="desk-item desk-card" class:off=move || !on.get()>
            <p class="card-value">
                {number} {(!unit.is_empty()).then(|| view! { <small>{unit}</small> })}
            </p>
            <div class="desk-controls">
                <Switch on=on name=name set=show />
                <Mover dom_key=fact.clone() name=name place=place to=move_to />
                <Field
                    id=format!("card-{fact}")
                    label="说明".to_string()
                    value=value
                    placeholder=own_label
                    commit=commit
                />
            </div>
        </li>
    }
}

/// What the card's switch, mover and label field do to the draft.
#[allow(clippy::type_complexity)]
fn card_edits(
    session: Session,
    fact: &str,
) -> (
    Callback<bool>,
    Callback<usize, bool>,
    Callback<String, Result<(), String>>,
) {
    let (a, b, c) = (fact.to_string(), fact.to_string(), fact.to_string());
    (
        Callback::new(move |on| drop(session.edit(Edit::ShowCard(a.clone(), on)))),
        Callback::new(move |to| session.edit(Edit::MoveCard(b.clone(), to)).is_ok()),
        Callback::new(move |l: String| session.edit(Edit::CardLabel(c.clone(), l))),
    )
}
