//! Downloads for journalists and officials: facts as CSV (UTF-8 with a BOM, so Excel opens the
//! Chinese correctly) and JSON, each row with the sentence that states it. Pure functions;
//! the reader turns their output into files.

use crate::format;
use crate::model::{Block, Fact, Field, Report};
use serde::Serialize;

/// The sentence that states `fact`, from its block.
pub fn fact_sentence(report: &Report, fact: &Fact) -> String {
    let Some(b) = report.block(&fact.block) else {
        return String::new();
    };
    let field = match fact.field {
        Field::Text => b.text.as_str(),
        Field::Title => b.title.as_deref().unwrap_or(""),
    };
    crate::sentence::around(field, fact.start, fact.end)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV of the given facts (all of them when `ids` is `None`), BOM first, CRLF line ends.
pub fn facts_csv(report: &Report, ids: Option<&[String]>, labels: Option<&[String]>) -> String {
    let mut out = String::from("\u{feff}项目,数值,单位,限定词,原文,所在句,出处\r\n");
    let chosen: Vec<&Fact> = match ids {
        Some(ids) => ids
            .iter()
            .filter_map(|id| report.facts.iter().find(|f| &f.id == id))
            .collect(),
        None => report.facts.iter().collect(),
    };
    for (i, f) in chosen.iter().enumerate() {
        let label = labels
            .and_then(|l| l.get(i))
            .filter(|l| !l.is_empty())
            .unwrap_or(&f.label);
        let row = [
            label.as_str(),
            &format::number(f.value),
            &f.unit,
            format::hedge_word(f.qualifier),
            &f.text,
            &fact_sentence(report, f),
            &place(report, &f.block),
        ]
        .map(csv_field)
        .join(",");
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out
}

/// Where a block is, as "一、… / (二)… / 1." for a reader of the CSV.
fn place(report: &Report, id: &str) -> String {
    fn path<'a>(blocks: &'a [Block], id: &str, out: &mut Vec<&'a Block>) -> bool {
        for b in blocks {
            out.push(b);
            if b.id == id || path(&b.children, id, out) {
                return true;
            }
            out.pop();
        }
        false
    }
    let mut chain = Vec::new();
    path(&report.blocks, id, &mut chain);
    chain
        .iter()
        .map(|b| crate::search::heading(b))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// One fact with its sentence, for the JSON download.
#[derive(Serialize)]
struct FactRow<'a> {
    #[serde(flatten)]
    fact: &'a Fact,
    sentence: String,
}

/// All facts as pretty JSON, each with the sentence that states it.
pub fn facts_json(report: &Report) -> String {
    let rows: Vec<FactRow> = report
        .facts
        .iter()
        .map(|f| FactRow {
            fact: f,
            sentence: fact_sentence(report, f),
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::parse;

    #[test]
    fn csv_has_bom_header_and_quoted_sentences() {
        let r = parse("标题报告\n一、工作\n1.复议。收到申请33件，其中受理25件。审核280余件。\n")
            .unwrap();
        let csv = facts_csv(&r, None, None);
        assert!(csv.starts_with("\u{feff}项目,数值,单位,限定词,原文,所在句,出处\r\n"));
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 4);
        assert!(
            lines[1].contains(",33,件,,33件,收到申请33件，其中受理25件。,一、工作 / 1.复议。"),
            "{}",
            lines[1]
        );
        assert!(
            lines[3].contains(",280,件,余,280余件,审核280余件。,"),
            "{}",
            lines[3]
        );
        let only = facts_csv(
            &r,
            Some(&[r.facts[1].id.clone()]),
            Some(&["受理".to_string()]),
        );
        assert!(only.split("\r\n").nth(1).unwrap().starts_with("受理,25,件"));
    }

    #[test]
    fn json_rows_carry_the_sentence() {
        let r = parse("标题报告\n一、工作\n1.复议。收到申请33件。\n").unwrap();
        let v: serde_json::Value = serde_json::from_str(&facts_json(&r)).unwrap();
        assert_eq!(v[0]["text"], "33件");
        assert_eq!(v[0]["sentence"], "收到申请33件。");
        assert_eq!(v[0]["value"], 33.0);
    }
}
