//! Downloads for journalists and officials: a chart's figures or all of them as CSV (UTF-8 with a
//! BOM, so Excel opens the Chinese correctly) and JSON, each figure with its value, unit, hedge,
//! label, block id, the sentence that states it and the report it comes from. Pure functions;
//! the reader turns their output into files.

use crate::format;
use crate::model::{Block, ChartDef, ChartForm, Fact, Field, Report};
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
    let s = inert(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// The cell as a spreadsheet will not run it: Excel and WPS read a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return as a formula, so a hostile report's label
/// `=HYPERLINK(…)` or `-2+cmd|…` would act when the download is opened. Such a cell gets a
/// leading `'` (the usual defence, OWASP's "CSV injection"), unless it is a plain number
/// ("-5", "1.5e-3"), which is what the number column holds. Text that starts otherwise, all a
/// report's own words do, is left as it is.
fn inert(s: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = s.chars();
    let triggers = matches!(chars.next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let number = chars
        .as_str()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    if triggers && !number {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The columns every CSV row carries, after the chart's own (see [`chart_csv`]).
const COLUMNS: &str = "项目,数值,单位,限定词,原文,段落,所在句,出处,数据来源";

/// One figure as a CSV row: its label, the value and unit and hedge apart (so a spreadsheet can
/// sum them), the figure as written, the block id (for a link `#/b/<id>`), the sentence that
/// states it, where that is in the report, and the report it comes from.
fn row(report: &Report, f: &Fact, label: &str, source: &str) -> Vec<String> {
    let label = if label.trim().is_empty() {
        &f.label
    } else {
        label
    };
    vec![
        label.trim().to_string(),
        format::number(f.value),
        f.unit.clone(),
        format::hedge_word(f.qualifier).to_string(),
        f.text.clone(),
        f.block.clone(),
        fact_sentence(report, f),
        place(report, &f.block),
        source.to_string(),
    ]
}

fn csv(header: &str, rows: impl IntoIterator<Item = Vec<String>>) -> String {
    // A BOM so Excel opens the Chinese correctly; CRLF line ends as RFC 4180 has them.
    let mut out = format!("\u{feff}{header}\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// "商城县人民政府《…》，信阳市人民政府门户网站 2023年3月7日发布": the source, for every row.
fn source(report: &Report) -> String {
    let lines = crate::charts::resolve::credit(report);
    lines
        .iter()
        .map(|l| l.trim_start_matches("数据来源："))
        .collect::<Vec<_>>()
        .join("，")
}

/// Every figure of the report as CSV, one row per figure in document order.
pub fn facts_csv(report: &Report) -> String {
    let source = source(report);
    csv(
        COLUMNS,
        report.facts.iter().map(|f| row(report, f, "", &source)),
    )
}

/// One chart's figures as CSV: its title and each figure's role on every row, the whole of a
/// part-of-whole chart first ("总数", then "分项"), each labelled as the chart labels it.
pub fn chart_csv(report: &Report, def: &ChartDef) -> String {
    let source = source(report);
    let fact = |id: &str| report.fact(id);
    let part = def.form == ChartForm::Part;
    let total = def
        .total
        .as_deref()
        .and_then(fact)
        .map(|f| ("总数", f, String::new()));
    let parts = def.facts.iter().enumerate().filter_map(|(i, id)| {
        let label = def.labels.get(i).cloned().unwrap_or_default();
        fact(id).map(|f| (if part { "分项" } else { "" }, f, label))
    });
    let rows = total.into_iter().chain(parts).map(|(role, f, label)| {
        let mut r = vec![def.title.clone(), role.to_string()];
        r.extend(row(report, f, &label, &source));
        r
    });
    csv(&format!("图表,角色,{COLUMNS}"), rows)
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
        let csv = facts_csv(&r);
        assert!(csv.starts_with("\u{feff}项目,数值,单位,限定词,原文,段落,所在句,出处,数据来源\r\n"));
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 4);
        assert!(
            lines[1].contains(",33,件,,33件,c1i1,收到申请33件，其中受理25件。,一、工作 / 1.复议。"),
            "{}",
            lines[1]
        );
        assert!(
            lines[3].contains(",280,件,余,280余件,c1i1,审核280余件。,"),
            "{}",
            lines[3]
        );
    }

    #[test]
    fn a_chart_csv_has_its_total_first_and_each_figure_once() {
        let text = "商城县人民政府\n关于2022年法治政府建设情况的报告\n一、工作\n\
                    1.复议。收到申请33件，其中受理25件，不予受理8件。\n2023年2月27日\n";
        let r = parse(text).unwrap();
        let def = ChartDef {
            id: "a".into(),
            title: "申请".into(),
            form: ChartForm::Part,
            total: Some("c1i1-f1".into()),
            facts: vec!["c1i1-f2".into(), "c1i1-f3".into()],
            labels: vec!["受理".into(), String::new()],
            note: None,
            origin: crate::model::Origin::Editor,
        };
        let csv = chart_csv(&r, &def);
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}图表,角色,项目,数值,单位,限定词,原文,段落,所在句,出处,数据来源"
        );
        assert_eq!(lines.len(), 4, "the total and two parts");
        assert!(lines[1].starts_with("申请,总数,"), "{}", lines[1]);
        assert!(
            lines[2].starts_with("申请,分项,受理,25,件,,25件,c1i1,"),
            "{}",
            lines[2]
        );
        assert!(lines[3].contains(",分项,"), "{}", lines[3]);
        let sentence = "收到申请33件，其中受理25件，不予受理8件。";
        assert!(lines[1..].iter().all(|l| l.matches(sentence).count() == 1));
        assert!(
            lines[1].ends_with("商城县人民政府《商城县人民政府关于2022年法治政府建设情况的报告》，2023年2月27日印发"),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_made_inert() {
        assert_eq!(
            csv_field("=HYPERLINK(\"https://example.com\",\"点击\")"),
            "\"'=HYPERLINK(\"\"https://example.com\"\",\"\"点击\"\")\""
        );
        assert_eq!(
            csv_field("-2+3+cmd|' /C calc'!A0"),
            "'-2+3+cmd|' /C calc'!A0"
        );
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("+86 电话"), "'+86 电话");
        assert_eq!(csv_field("\t=1"), "'\t=1");
        // Numbers and a report's own words stay as they are.
        for plain in [
            "-5",
            "12.4",
            "-1.5e-3",
            "+3",
            "收到申请33件",
            "一、工作",
            "",
        ] {
            assert_eq!(csv_field(plain), plain);
        }
    }

    #[test]
    fn a_hostile_label_reaches_the_csv_inert() {
        let mut r = parse("标题报告\n一、工作\n1.复议。收到申请33件。\n").unwrap();
        r.facts[0].label = "=cmd|' /C calc'!A0".into();
        let csv = facts_csv(&r);
        let row = csv.split("\r\n").nth(1).unwrap();
        assert!(row.starts_with("'=cmd|' /C calc'!A0,33,件,"), "{row}");
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
