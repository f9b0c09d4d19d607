//! From a report's chart definitions to what [`super::draw`] takes: the facts each chart names,
//! resolved and labelled, plus the sentence that summarises it and where it belongs in the text.
//! Shared by the reader (src/app/charts.rs) and the benchmark's static page (floor).

use super::{ChartSpec, Datum, Form};
use crate::model::{cn_date, ChartDef, ChartForm, Fact, Kind, Report};
use crate::propose::rules::{check_chart, RuleError};

/// The chart's data resolved from the report's facts, or why it cannot be drawn honestly
/// (an id that names no fact, two units on one axis, …). The converter refuses such charts,
/// so only a hand-edited JSON gets an error here.
pub fn spec(report: &Report, def: &ChartDef) -> Result<ChartSpec, RuleError> {
    check_chart(report, def)?;
    let fact = |id: &str| {
        report
            .fact(id)
            .ok_or_else(|| RuleError::UnknownFact(id.to_string()))
    };
    let facts = def
        .facts
        .iter()
        .map(|id| fact(id))
        .collect::<Result<Vec<_>, _>>()?;
    let data = facts
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut d = Datum::from_fact(f);
            if let Some(l) = def.labels.get(i).filter(|l| !l.trim().is_empty()) {
                d.label = l.trim().to_string();
            }
            d
        })
        .collect();
    let form = match def.form {
        ChartForm::Bars => Form::Bars,
        ChartForm::Rate => Form::Rate,
        ChartForm::Units => Form::Units {
            units: facts.iter().map(|f| f.unit.clone()).collect(),
        },
        ChartForm::Part => Form::PartOfWhole {
            total: Datum::from_fact(fact(def.total.as_deref().unwrap_or(""))?),
        },
    };
    // The rules leave bars and parts one unit; small multiples state theirs per panel, and a
    // percentage is printed with every value.
    let unit = match (def.form, facts.first()) {
        (ChartForm::Bars | ChartForm::Part, Some(f)) => f.unit.clone(),
        _ => String::new(),
    };
    Ok(ChartSpec {
        id: def.id.clone(),
        title: def.title.clone(),
        unit,
        form,
        data,
        credit: Vec::new(),
    })
}

/// The chart as it travels alone (a downloaded SVG or PNG): titled, and with the report it
/// comes from, who issued it and when, so that a reused image still says where it is from.
pub fn for_download(report: &Report, def: &ChartDef) -> Result<ChartSpec, RuleError> {
    let mut s = spec(report, def)?;
    s.credit = credit(report);
    Ok(s)
}

/// "数据来源：商城县人民政府《商城县人民政府关于2022年法治政府建设情况的报告》", then where and
/// when it was published ("信阳市人民政府门户网站 2023年3月7日发布"), as far as the report says.
pub fn credit(report: &Report) -> Vec<String> {
    let m = &report.meta;
    let title = m.title.trim();
    let title = (!title.is_empty()).then(|| format!("《{title}》"));
    let source = [m.issuer.as_deref().map(str::trim), title.as_deref()]
        .into_iter()
        .flatten()
        .collect::<String>();
    let when = match (&m.published, &m.signed) {
        (Some(d), _) => Some(format!("{}发布", cn_date(d))),
        (None, Some(d)) => Some(format!("{}印发", cn_date(d))),
        (None, None) => None,
    };
    let place = [m.site.as_deref().map(str::trim), when.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = Vec::new();
    if !source.is_empty() {
        out.push(format!("数据来源：{source}"));
    }
    if !place.is_empty() {
        out.push(place);
    }
    out
}

/// A figure as a person reads it, with its unit, as the text writes it ("2142项", "280余件",
/// "82.14%").
pub fn with_unit(report: &Report, d: &Datum) -> String {
    match report.fact(&d.fact) {
        Some(f) => crate::format::fact(f),
        None => d.display.clone(),
    }
}

/// A key-figure card: the fact and the label it is shown under.
#[derive(Debug, Clone, PartialEq)]
pub struct Card<'a> {
    /// The fact the card shows.
    pub fact: &'a Fact,
    /// What the number counts: the card's own label, else the fact's.
    pub label: String,
}

/// The report's cards in order, each with its label; ids that name no fact are skipped.
pub fn cards(report: &Report) -> Vec<Card<'_>> {
    report
        .cards
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let fact = report.fact(id)?;
            let label = report
                .card_labels
                .get(i)
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .unwrap_or(&fact.label)
                .to_string();
            Some(Card { fact, label })
        })
        .collect()
}

/// "甲 2142项，乙 154项。" — the numbers as the text writes them, so the sentence and the
/// marks agree; the comparison the text states follows ("……，较去年有大幅提升。").
pub fn summary(report: &Report, def: &ChartDef, spec: &ChartSpec) -> String {
    let items = spec
        .data
        .iter()
        .map(|d| format!("{} {}", d.label, with_unit(report, d)))
        .collect::<Vec<_>>()
        .join("，");
    let body = match &spec.form {
        Form::PartOfWhole { total } => {
            format!(
                "{} {}，其中{}",
                total.label,
                with_unit(report, total),
                items
            )
        }
        _ => items,
    };
    match def.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(note) => format!("{body}，原文称“{note}”。"),
        None => format!("{body}。"),
    }
}

/// The block a chart is shown under in the text: the one stating its first figure (a point's
/// parent, since a point is inline).
pub fn anchor(report: &Report, def: &ChartDef) -> Option<String> {
    let first = def.facts.first()?;
    let f = report.fact(first)?;
    let b = report.block(&f.block)?;
    if b.kind == Kind::Point {
        report.parent(&b.id).map(|p| p.id.clone())
    } else {
        Some(b.id.clone())
    }
}
