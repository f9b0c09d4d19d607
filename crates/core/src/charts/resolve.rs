//! From a report's chart definitions to what [`super::draw`] takes: the facts each chart names,
//! resolved and labelled, plus the sentence that summarises it and where it belongs in the text.
//! Shared by the reader (src/app/charts.rs) and the benchmark's static page (src/bin/floor.rs).

use super::{ChartSpec, Datum, Form};
use crate::model::{ChartDef, ChartForm, Report};

/// The chart's data resolved from the report's facts; `None` if an id names no fact (the
/// converter refuses that, so only a hand-edited JSON gets here).
pub fn spec(report: &Report, def: &ChartDef) -> Option<ChartSpec> {
    let fact = |id: &str| report.facts.iter().find(|f| f.id == id);
    let data = def
        .facts
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let mut d = Datum::from_fact(fact(id)?);
            if let Some(l) = def.labels.get(i).filter(|l| !l.is_empty()) {
                d.label = l.clone();
            }
            Some(d)
        })
        .collect::<Option<Vec<_>>>()?;
    let form = match def.form {
        ChartForm::Bars => Form::Bars,
        ChartForm::Rate => Form::Rate,
        ChartForm::Part => Form::PartOfWhole {
            total: Datum::from_fact(fact(def.total.as_deref()?)?),
        },
    };
    // A unit note only when every figure shares the unit ("单位：件"); mixed units are
    // printed with each figure in the summary and table instead.
    let units: Vec<&str> = def
        .facts
        .iter()
        .filter_map(|id| fact(id))
        .map(|f| f.unit.as_str())
        .collect();
    let unit = match units.first() {
        Some(u) if *u != "%" && units.iter().all(|x| x == u) => u.to_string(),
        _ => String::new(),
    };
    Some(ChartSpec {
        id: def.id.clone(),
        title: def.title.clone(),
        unit,
        form,
        data,
    })
}

/// A figure as a person reads it, with its unit, as the text writes it ("2142项", "280余件",
/// "82.14%").
pub fn with_unit(report: &Report, d: &Datum) -> String {
    match report.facts.iter().find(|f| f.id == d.fact) {
        Some(f) => crate::format::fact(f),
        None => d.display.clone(),
    }
}

/// The label an editor gave a fact in a chart, else the fact's own label.
pub fn best_label(report: &Report, fact: &crate::model::Fact) -> String {
    report
        .charts
        .iter()
        .find_map(|c| {
            let i = c.facts.iter().position(|f| f == &fact.id)?;
            c.labels.get(i).filter(|l| !l.is_empty()).cloned()
        })
        .unwrap_or_else(|| fact.label.clone())
}

/// "甲 2142项，乙 154项。" — the numbers as the chart prints them, so the sentence and
/// the marks agree.
pub fn summary(report: &Report, spec: &ChartSpec) -> String {
    let items = spec
        .data
        .iter()
        .map(|d| format!("{} {}", d.label, with_unit(report, d)))
        .collect::<Vec<_>>()
        .join("，");
    match &spec.form {
        Form::PartOfWhole { total } => {
            format!(
                "{} {}，其中{}。",
                total.label,
                with_unit(report, total),
                items
            )
        }
        _ => format!("{items}。"),
    }
}

/// The block a chart is shown under in the text: the one stating its first figure (a point's
/// parent, since a point is inline).
pub fn anchor(report: &Report, def: &ChartDef) -> Option<String> {
    let first = def.facts.first()?;
    let f = report.facts.iter().find(|f| &f.id == first)?;
    let b = report.block(&f.block)?;
    if b.kind == crate::model::Kind::Point {
        report
            .all_blocks()
            .into_iter()
            .find(|p| p.children.iter().any(|c| c.id == b.id))
            .map(|p| p.id.clone())
    } else {
        Some(b.id.clone())
    }
}
