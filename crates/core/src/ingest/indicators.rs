//! The editor's choice of key figures and charts (a sidecar `<report>.charts.json` beside the
//! text), checked against the facts the converter found. The sidecar names facts by id and may
//! rename categories, but it cannot state a number: every value drawn comes from the text.

use super::IngestError;
use crate::model::{ChartDef, ChartForm, Report};
use serde::Deserialize;
use std::collections::HashSet;

/// The sidecar file's shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    #[serde(default)]
    cards: Vec<String>,
    #[serde(default)]
    charts: Vec<ChartDef>,
}

/// Reads a sidecar and attaches its cards and charts to `report`, refusing ids that name no
/// fact, digits in labels, and charts that cannot be drawn. Errors point into the sidecar.
pub fn attach_indicators(report: &mut Report, sidecar: &str) -> Result<(), IngestError> {
    let side: Sidecar = serde_json::from_str(sidecar)
        .map_err(|e| IngestError::new(e.line(), e.column(), format!("charts file: {e}")))?;
    let facts: HashSet<&str> = report.facts.iter().map(|f| f.id.as_str()).collect();
    let at = |needle: &str| locate(sidecar, needle);
    let known = |id: &str, what: &str| -> Result<(), IngestError> {
        if facts.contains(id) {
            Ok(())
        } else {
            let (l, c) = at(&format!("\"{id}\""));
            Err(IngestError::new(
                l,
                c,
                format!("charts file: {what} names fact \"{id}\", which the report does not have"),
            ))
        }
    };
    for id in &side.cards {
        known(id, "a card")?;
    }
    let mut ids = HashSet::new();
    for ch in &side.charts {
        let (l, c) = at(&format!("\"{}\"", ch.id));
        let fail = |msg: String| {
            Err(IngestError::new(
                l,
                c,
                format!("charts file: chart \"{}\": {msg}", ch.id),
            ))
        };
        if !ids.insert(ch.id.as_str()) {
            return fail("the id is used twice".into());
        }
        if ch.facts.is_empty() {
            return fail("expected at least one fact id in \"facts\"".into());
        }
        for f in &ch.facts {
            known(f, &format!("chart \"{}\"", ch.id))?;
        }
        match (&ch.form, &ch.total) {
            (ChartForm::Part, Some(t)) => known(t, &format!("chart \"{}\"", ch.id))?,
            (ChartForm::Part, None) => {
                return fail("a \"part\" chart needs a \"total\" fact".into())
            }
            (_, Some(_)) => return fail("only a \"part\" chart has a \"total\"".into()),
            _ => {}
        }
        if ch.form == ChartForm::Rate {
            if let Some(f) = report
                .facts
                .iter()
                .find(|f| ch.facts.contains(&f.id) && f.unit != "%")
            {
                return fail(format!(
                    "a rate chart draws percentages, but {} is in {}",
                    f.id, f.unit
                ));
            }
        }
        if !ch.labels.is_empty() && ch.labels.len() != ch.facts.len() {
            return fail(format!(
                "expected {} labels (one per fact) or none, found {}",
                ch.facts.len(),
                ch.labels.len()
            ));
        }
        if let Some(bad) = ch.labels.iter().find(|l| {
            l.chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        }) {
            return fail(format!(
                "label \"{bad}\" contains a digit; numbers must come from the text"
            ));
        }
    }
    report.cards = side.cards;
    report.charts = side.charts;
    Ok(())
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

    fn report() -> Report {
        parse("标题报告\n一、工作\n1.复议。收到申请33件，其中受理25件，不予受理8件。出庭应诉率为82.14%。\n")
            .unwrap()
    }

    #[test]
    fn attaches_valid_charts() {
        let mut r = report();
        let side = r#"{"cards": ["c1i1-f1"], "charts": [
            {"id": "a", "title": "申请", "form": "part", "total": "c1i1-f1", "facts": ["c1i1-f2", "c1i1-f3"], "labels": ["受理", "不予受理"]},
            {"id": "b", "title": "率", "form": "rate", "facts": ["c1i1-f4"]}
        ]}"#;
        attach_indicators(&mut r, side).unwrap();
        assert_eq!(r.cards, vec!["c1i1-f1"]);
        assert_eq!(r.charts.len(), 2);
    }

    #[test]
    fn refuses_unknown_ids_with_their_line() {
        let mut r = report();
        let side = "{\"charts\": [\n  {\"id\": \"a\", \"title\": \"t\", \"form\": \"bars\",\n   \"facts\": [\"c9-f1\"]}]}";
        let e = attach_indicators(&mut r, side).unwrap_err();
        assert_eq!((e.line, e.column), (3, 14));
        assert!(e.message.contains("c9-f1"), "{}", e.message);
    }

    #[test]
    fn refuses_numbers_in_labels_and_bad_shapes() {
        let cases = [
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "bars", "facts": ["c1i1-f1"], "labels": ["共33件"]}]}"#,
                "digit",
            ),
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "part", "facts": ["c1i1-f2"]}]}"#,
                "needs a \"total\"",
            ),
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "rate", "facts": ["c1i1-f1"]}]}"#,
                "percentages",
            ),
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "bars", "facts": []}]}"#,
                "at least one",
            ),
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "bars", "facts": ["c1i1-f1"], "labels": ["x", "y"]}]}"#,
                "one per fact",
            ),
            (
                r#"{"charts": [{"id": "a", "title": "t", "form": "pie", "facts": ["c1i1-f1"]}]}"#,
                "unknown variant",
            ),
            (r#"{"chart": []}"#, "unknown field"),
        ];
        for (side, want) in cases {
            let e = attach_indicators(&mut report(), side).unwrap_err();
            assert!(e.message.contains(want), "{side}: {}", e.message);
        }
    }
}
