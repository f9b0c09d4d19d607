//! The editor's choice of key figures and charts (a sidecar `<report>.charts.json` beside the
//! text), checked against the facts the converter found and the rules of
//! [`crate::propose::rules`]. The sidecar names facts by id and may rename categories, but it
//! cannot state a number: every value drawn comes from the text.
//!
//! # Replace or amend the proposals
//! The converter proposes cards and charts for every report ([`crate::propose`]). A sidecar
//! either replaces them (`"proposals": "replace"`, the default: its cards and charts are the
//! whole choice) or amends them (`"proposals": "amend"`): `"drop"` lists proposed charts (by id,
//! the id of the block they belong to, e.g. "c1s6i2") and proposed cards (by fact id) to leave
//! out; a chart with a proposed chart's id takes its place, other charts are added after the
//! proposals; a card for a fact already proposed relabels it, other cards are added.
//!
//! A card is a fact id, or `{"fact": id, "label": "…"}` to say what the number counts when the
//! fact's own label says it less well.

use super::IngestError;
use crate::model::{ChartDef, ChartForm, Origin, Report};
use crate::propose::rules::{check_chart, check_label};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The sidecar file's shape: what an editor chose, by fact id. Read by [`attach_indicators`],
/// written by the editor's desk ([`Sidecar::to_json`]).
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    /// Whether the cards and charts replace the proposals or amend them.
    #[serde(default)]
    pub proposals: Mode,
    /// Proposed charts (by id) and cards (by fact id) to leave out (`amend` only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drop: Vec<String>,
    /// The key figures, in order.
    #[serde(default)]
    pub cards: Vec<CardEntry>,
    /// The charts, in order.
    #[serde(default, serialize_with = "charts_out")]
    pub charts: Vec<ChartDef>,
}

/// What the sidecar does with the converter's proposals.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The sidecar's cards and charts are the whole choice.
    #[default]
    Replace,
    /// They change the proposals (see the module docs).
    Amend,
}

/// A card: a fact id, or a fact id with the label it is shown under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CardEntry {
    Id(String),
    Labelled(LabelledCard),
}

/// A card with its own label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledCard {
    pub fact: String,
    #[serde(default)]
    pub label: String,
}

impl CardEntry {
    /// The card for `fact` under `label` (the fact's own label when empty).
    pub fn new(fact: &str, label: &str) -> CardEntry {
        match label.trim() {
            "" => CardEntry::Id(fact.to_string()),
            l => CardEntry::Labelled(LabelledCard {
                fact: fact.to_string(),
                label: l.to_string(),
            }),
        }
    }

    /// (fact id, label), the label empty when the card has none.
    pub fn parts(&self) -> (&str, &str) {
        match self {
            CardEntry::Id(id) => (id, ""),
            CardEntry::Labelled(c) => (&c.fact, c.label.trim()),
        }
    }
}

impl Sidecar {
    /// The sidecar as the desk offers it for download: pretty JSON with a final newline, each
    /// chart without the fields it leaves at their defaults and without `origin` (whatever a
    /// sidecar names is the editor's choice).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// A chart as a sidecar writes it (see [`Sidecar::to_json`]).
#[derive(Serialize)]
struct ChartOut<'a> {
    id: &'a str,
    title: &'a str,
    form: ChartForm,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: &'a Option<String>,
    facts: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    labels: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    note: &'a Option<String>,
}

fn charts_out<S: serde::Serializer>(charts: &[ChartDef], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(charts.iter().map(|c| ChartOut {
        id: &c.id,
        title: &c.title,
        form: c.form,
        total: &c.total,
        facts: &c.facts,
        labels: &c.labels,
        note: &c.note,
    }))
}

/// Reads a sidecar and applies its cards and charts to `report` (replacing or amending the
/// proposals already there), refusing ids that name no fact and charts or labels that would
/// mislead. Errors point into the sidecar and say why in Chinese.
pub fn attach_indicators(report: &mut Report, sidecar: &str) -> Result<(), IngestError> {
    let side: Sidecar = serde_json::from_str(sidecar).map_err(|e| {
        IngestError::new(e.line(), e.column(), format!("图表文件不是所需的格式：{e}"))
    })?;
    let at = |needle: &str| locate(sidecar, &format!("\"{needle}\""));
    let fail = |needle: &str, msg: String| {
        let (l, c) = at(needle);
        Err(IngestError::new(l, c, format!("图表文件：{msg}")))
    };
    if side.proposals == Mode::Replace {
        if let Some(d) = side.drop.first() {
            return fail(
                d,
                "“drop”只用于 \"proposals\": \"amend\"（在程序建议的基础上修改）".into(),
            );
        }
        report.cards.clear();
        report.card_labels.clear();
        report.charts.clear();
    }
    drop_proposals(report, &side.drop, &fail)?;
    for card in &side.cards {
        let (id, label) = card.parts();
        let Some(fact) = report.fact(id) else {
            return fail(id, format!("卡片引用的数据“{id}”在报告中不存在"));
        };
        if !label.is_empty() {
            if let Err(e) = check_label(report, fact, label) {
                return fail(id, format!("卡片“{id}”：{e}"));
            }
        }
        set_card(report, id, label);
    }
    let mut ids = HashSet::new();
    for ch in &side.charts {
        let fail = |msg: String| fail(&ch.id, format!("图表“{}”：{msg}", ch.id));
        if !ids.insert(ch.id.as_str()) {
            return fail("这个 id 用了两次".into());
        }
        if let Err(e) = check_chart(report, ch) {
            return fail(e.to_string());
        }
        let mut ch = ch.clone();
        ch.origin = Origin::Editor;
        match report.charts.iter_mut().find(|c| c.id == ch.id) {
            Some(proposed) => *proposed = ch,
            None => report.charts.push(ch),
        }
    }
    Ok(())
}

/// Removes the proposed charts and cards named in `drop`.
fn drop_proposals(
    report: &mut Report,
    drop: &[String],
    fail: &impl Fn(&str, String) -> Result<(), IngestError>,
) -> Result<(), IngestError> {
    for id in drop {
        let charts = report.charts.len();
        report.charts.retain(|c| &c.id != id);
        match report.cards.iter().position(|c| c == id) {
            Some(i) => {
                report.cards.remove(i);
                if i < report.card_labels.len() {
                    report.card_labels.remove(i);
                }
            }
            None if report.charts.len() == charts => {
                return fail(
                    id,
                    format!("“drop”中的“{id}”既不是程序建议的图表，也不是建议的卡片"),
                );
            }
            None => {}
        }
    }
    Ok(())
}

/// Adds a card for `id`, or relabels it if it is already a card.
fn set_card(report: &mut Report, id: &str, label: &str) {
    let i = match report.cards.iter().position(|c| c == id) {
        Some(i) => i,
        None => {
            report.cards.push(id.to_string());
            report.cards.len() - 1
        }
    };
    if report.card_labels.len() < report.cards.len() {
        report.card_labels.resize(report.cards.len(), String::new());
    }
    if !label.is_empty() || report.card_labels[i].is_empty() {
        report.card_labels[i] = label.to_string();
    }
    // No trailing empty labels: a report without any keeps `card_labels` empty.
    while report.card_labels.last().is_some_and(String::is_empty) {
        report.card_labels.pop();
    }
}

/// 1-based line and column (in chars) of the first occurrence of `needle`, or 1:1.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let Some(i) = text.find(needle) else {
        return (1, 1);
    };
    let before = &text[..i];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::parse;
    use crate::model::ChartForm;

    fn report() -> Report {
        parse("标题报告\n一、工作\n1.复议。收到申请33件，其中受理25件，不予受理8件。出庭应诉率为82.14%。\n")
            .unwrap()
    }

    #[test]
    fn attaches_valid_charts_and_labelled_cards() {
        let mut r = report();
        let side = r#"{"cards": ["c1i1-f1", {"fact": "c1i1-f4", "label": "出庭应诉率"}], "charts": [
            {"id": "a", "title": "申请", "form": "part", "total": "c1i1-f1", "facts": ["c1i1-f2", "c1i1-f3"], "labels": ["受理", "不予受理"]},
            {"id": "b", "title": "率", "form": "rate", "facts": ["c1i1-f4"]}
        ]}"#;
        attach_indicators(&mut r, side).unwrap();
        assert_eq!(r.cards, vec!["c1i1-f1", "c1i1-f4"]);
        assert_eq!(r.card_labels, vec!["", "出庭应诉率"]);
        assert_eq!(r.charts.len(), 2);
        assert!(r.charts.iter().all(|c| c.origin == Origin::Editor));
    }

    #[test]
    fn a_written_sidecar_reads_back_as_the_same_choice() {
        let mut chosen = report();
        let side = r#"{"cards": ["c1i1-f1", {"fact": "c1i1-f4", "label": "出庭应诉率"}], "charts": [
            {"id": "a", "title": "申请", "form": "part", "total": "c1i1-f1", "facts": ["c1i1-f2", "c1i1-f3"], "labels": ["受理", "不予受理"]},
            {"id": "b", "title": "率", "form": "rate", "facts": ["c1i1-f4"]}
        ]}"#;
        attach_indicators(&mut chosen, side).unwrap();
        let written = Sidecar {
            proposals: Mode::Replace,
            drop: Vec::new(),
            cards: vec![
                CardEntry::new("c1i1-f1", " "),
                CardEntry::new("c1i1-f4", "出庭应诉率"),
            ],
            charts: chosen.charts.clone(),
        }
        .to_json();
        assert!(
            !written.contains("origin") && !written.contains("null"),
            "{written}"
        );
        assert!(
            written.contains("\"cards\": [\n    \"c1i1-f1\",\n"),
            "{written}"
        );
        let mut again = report();
        attach_indicators(&mut again, &written).unwrap();
        assert_eq!(again, chosen);
    }

    #[test]
    fn refuses_unknown_ids_with_their_line() {
        let mut r = report();
        let side = "{\"charts\": [\n  {\"id\": \"a\", \"title\": \"t\", \"form\": \"bars\",\n   \"facts\": [\"c9-f1\"]}]}";
        let e = attach_indicators(&mut r, side).unwrap_err();
        assert_eq!((e.line, e.column), (2, 10), "at the chart's id");
        assert!(e.message.contains("c9-f1"), "{}", e.message);
        let e = attach_indicators(&mut r, r#"{"cards": ["c9-f2"]}"#).unwrap_err();
        assert!(e.message.contains("卡片引用的数据“c9-f2”"), "{}", e.message);
    }

    #[test]
    fn refuses_what_would_mislead_or_cannot_be_drawn() {
        let cases = [
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "bars", "facts": ["c1i1-f1"], "labels": ["共33件"]}]}"#,
                "含有数字",
            ),
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "bars", "facts": ["c1i1-f1", "c1i1-f4"]}]}"#,
                "不同的单位（件、%）",
            ),
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "part", "facts": ["c1i1-f2"]}]}"#,
                "需要用“total”指明总数",
            ),
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "rate", "facts": ["c1i1-f1"]}]}"#,
                "比率图只画百分数",
            ),
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "bars", "facts": []}]}"#,
                "至少要有一个",
            ),
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "bars", "facts": ["c1i1-f1"], "labels": ["x", "y"]}]}"#,
                "一一对应",
            ),
            (
                r#"{"cards": [{"fact": "c1i1-f4", "label": "收到的申请"}]}"#,
                "没有说出这个比率",
            ),
            (
                r#"{"cards": [{"fact": "c1i1-f2", "label": "其中受理"}]}"#,
                "以“其中”开头",
            ),
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "pie", "facts": ["c1i1-f1"]}]}"#,
                "unknown variant",
            ),
            (r#"{"chart": []}"#, "unknown field"),
            (r#"{"drop": ["c1i1"]}"#, "只用于"),
        ];
        for (side, want) in cases {
            let e = attach_indicators(&mut report(), side).unwrap_err();
            assert!(e.message.contains(want), "{side}: {}", e.message);
            assert!(e.message.starts_with("图表文件"), "{}", e.message);
        }
    }

    #[test]
    fn amends_proposals_or_replaces_them() {
        let proposed = |r: &mut Report| {
            r.cards = vec!["c1i1-f1".into(), "c1i1-f4".into()];
            r.card_labels = Vec::new();
            r.charts = vec![ChartDef {
                id: "c1i1".into(),
                title: "复议".into(),
                form: ChartForm::Part,
                total: Some("c1i1-f1".into()),
                facts: vec!["c1i1-f2".into(), "c1i1-f3".into()],
                labels: Vec::new(),
                note: None,
                origin: Origin::Proposed,
            }];
        };
        let mut r = report();
        proposed(&mut r);
        let side = r#"{"proposals": "amend", "drop": ["c1i1-f1"],
            "cards": [{"fact": "c1i1-f4", "label": "行政机关负责人出庭应诉率"}],
            "charts": [{"id": "extra", "title": "受理", "form": "bars", "facts": ["c1i1-f2", "c1i1-f3"]}]}"#;
        attach_indicators(&mut r, side).unwrap();
        assert_eq!(r.cards, vec!["c1i1-f4"]);
        assert_eq!(r.card_labels, vec!["行政机关负责人出庭应诉率"]);
        let ids: Vec<&str> = r.charts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c1i1", "extra"]);
        assert_eq!(r.charts[0].origin, Origin::Proposed);

        let mut r = report();
        proposed(&mut r);
        let side = r#"{"proposals": "amend", "drop": ["c1i1"],
            "charts": [{"id": "c1i1", "title": "申请", "form": "bars", "facts": ["c1i1-f2", "c1i1-f3"]}]}"#;
        attach_indicators(&mut r, side).unwrap();
        assert_eq!(r.charts.len(), 1);
        assert_eq!(r.charts[0].origin, Origin::Editor);
        let e = attach_indicators(&mut r, r#"{"proposals": "amend", "drop": ["zz"]}"#).unwrap_err();
        assert!(e.message.contains("既不是程序建议的图表"), "{}", e.message);

        let mut r = report();
        proposed(&mut r);
        attach_indicators(&mut r, r#"{"cards": ["c1i1-f2"]}"#).unwrap();
        assert_eq!(
            (r.cards.len(), r.charts.len()),
            (1, 0),
            "replace is the default"
        );
    }
}
