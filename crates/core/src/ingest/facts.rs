//! Statistical figures in the body -> [`Fact`]s, and the arithmetic between them -> [`Check`]s.
//!
//! # What is a figure
//! A number in Arabic digits (ASCII or full-width; ASCII thousands separators "12,340"; a
//! decimal point "." or "．") followed by a unit from a closed list (件, 项, 个, 人, 人次, 件次,
//! 场次, 名, 家, 条, 起, 次, 场, 户, 批, 期, 份, 元, 万元, 天, 个月, 个百分点, … and %, ％, ‰),
//! in a block's `title` or `text`. The longest unit wins ("人次" over "人"). Not figures:
//! - numbers without a unit ("12345热线", "“12.4”"), and numbers glued to Latin letters
//!   ("5G", "G20");
//! - dates and years: "年", "月", "日", "月份" are not units, so "2022年", "2023年2月27日",
//!   "2022年7月份", "12月份", "2023-03-07", "2023.3.7" and ranges such as "2022-2025年" yield
//!   nothing; a duration in years ("近3年") is dropped with them;
//! - ordinals: a number right after "第" ("第1名", "第3次");
//! - anything inside a document title 《…》 or 〈…〉;
//! - Chinese numerals ("一张表单", "第三次会议", "百项", "十四五"): reading them would need
//!   a second number grammar for little gain, and in these reports they name things rather
//!   than count them;
//! - numbers of more than 15 digits (identifiers, not counts; 15 is also what f64 and JSON
//!   carry exactly);
//! - the number markers of chapters and items, which live in `number`, never scanned.
//!
//! # Hedges
//! Written right before the number: 共/共计/共有/总计/合计/累计/一共/总共 = `total`,
//! 达/达到/高达/多达/长达 = `reaches`, 近/接近/将近 = `nearly`, 约/大约 = `about`,
//! 超过/逾 = `exceeds`; a one-char word that ends another word ("公共", "送达", "就近",
//! "预约") is no hedge. After the number: 余/多 = `over`, before or after 万/亿 ("10余万人",
//! "1万余人"). After the unit: 以上 = `exceeds`, 左右 = `about`; these win over a 达/共 before the
//! number, since they make the figure a bound. A hedge counts only when it touches the number:
//! in "共开展法治培训100场次" the "共" is too far away to be part of the fact's `text`.
//! `unit` is the unit as written with the 余/多 taken out ("280余件" -> "件", "10余万人" ->
//! "万人"), so that hedged and exact figures of one kind compare.
//!
//! # Ranges
//! "10—20件" (with -, —, ―, –, －, ～, ~, 〜 or 至) gives two facts, one per end: "10" (value 10,
//! unit "件" borrowed from the upper end, since the unit is written once) and "20件". Both share
//! one label. Two facts rather than one keep `value` a plain number and let each end be found
//! in the text.
//!
//! # Labels
//! See [`label`]: the words before the figure in its clause, minus filler verbs, or the
//! thing counted after a measure word. A part listed after "其中" gets the total's short label
//! as a prefix: "行政复议申请 · 受理".
//!
//! # Checks
//! See [`check`]. A "其中" after a figure starts a group: the figures after it in the same
//! sentence with the same unit are parts of that total. Only sums of two parts or more are
//! checked: a single part smaller than its total holds trivially and says nothing. A rate
//! ("调解成功率达98%") is checked when a count in its sentence bears its name without "率"
//! ("调解成功1590件") and a larger count precedes that one (1626件次). `holds` means exact
//! (a rate: equal when recomputed and rounded to the stated decimals); `approx` means within
//! the hedges, each of which may move its figure by [`check::TOLERANCE`] of it (a rate: within
//! [`check::RATE_POINTS`] percentage point); `fails` otherwise. The text is never changed.

mod check;
mod label;
mod scan;

use super::IngestError;
use crate::model::{Block, Check, Fact, Field, Kind, Report};
use check::{groups, Span, SENTENCE_ENDS};
use std::collections::HashMap;

/// The delimiters of a string outside 《…》, so that the clause or sentence around any char is
/// a binary search rather than a scan: a long line full of figures would otherwise cost
/// quadratic time.
pub(super) struct Breaks {
    at: Vec<usize>,
    len: usize,
}

impl Breaks {
    pub(super) fn new(cs: &[char], titled: &[bool], delimiters: &[char]) -> Breaks {
        let at = (0..cs.len())
            .filter(|&k| delimiters.contains(&cs[k]) && !titled.get(k).copied().unwrap_or(false))
            .collect();
        Breaks { at, len: cs.len() }
    }

    /// From after the last delimiter before `from` to the first delimiter at or after `to`.
    pub(super) fn around(&self, from: usize, to: usize) -> (usize, usize) {
        let i = self.at.partition_point(|&k| k < from);
        let start = i.checked_sub(1).map_or(0, |p| self.at[p] + 1);
        let j = self.at.partition_point(|&k| k < to);
        (start, self.at.get(j).copied().unwrap_or(self.len))
    }
}

/// The strings of a block that are scanned, in document order.
fn fields(b: &Block) -> [(Field, Option<&str>); 2] {
    [
        (Field::Title, b.title.as_deref()),
        (Field::Text, Some(b.text.as_str())),
    ]
}

/// Every statistical figure of the body, in document order; more than `max_facts` is refused.
pub(super) fn extract(report: &Report, max_facts: usize) -> Result<Vec<Fact>, IngestError> {
    let mut out = Vec::new();
    for b in report.all_blocks() {
        // The signing date is all a signature holds.
        if b.kind == Kind::Signature {
            continue;
        }
        let mut n = 0;
        for (field, s) in fields(b) {
            let Some(s) = s else { continue };
            let cs: Vec<char> = s.chars().collect();
            let titled = scan::in_title_marks(&cs);
            let figs = scan::figures(&cs);
            let clauses = label::clauses(&cs, &titled);
            let sentences = Breaks::new(&cs, &titled, SENTENCE_ENDS);
            let labels: Vec<label::Label> = (0..figs.len())
                .map(|i| label::label(&cs, &clauses, &figs, i))
                .collect();
            let mut shown: Vec<String> = labels.iter().map(|l| l.own.clone()).collect();
            let spans: Vec<Span<'_>> = figs
                .iter()
                .map(|f| Span {
                    start: f.start,
                    end: f.end,
                    unit: &f.unit,
                })
                .collect();
            for g in groups(&cs, &titled, &sentences, &spans) {
                for &p in &g.parts {
                    shown[p] = format!("{} · {}", labels[g.total].short, labels[p].own);
                }
            }
            if out.len() + figs.len() > max_facts {
                return Err(IngestError::new(
                    b.line,
                    1,
                    format!("数字超过 {max_facts} 个的上限：一份报告通常只有几百个，请确认选的是报告原文"),
                ));
            }
            for (f, label) in figs.into_iter().zip(shown) {
                n += 1;
                out.push(Fact {
                    id: format!("{}-f{n}", b.id),
                    value: f.value,
                    text: cs[f.start..f.end].iter().collect(),
                    unit: f.unit,
                    qualifier: f.qualifier,
                    label,
                    block: b.id.clone(),
                    field,
                    start: f.start,
                    end: f.end,
                });
            }
        }
    }
    Ok(out)
}

/// The relations the text states between its facts, in document order.
pub(super) fn cross_check(report: &Report) -> Vec<Check> {
    // (block order, field, last char involved, order found) keeps document order.
    let mut found: Vec<((usize, usize, usize, usize), Check)> = Vec::new();
    let mut by_block: HashMap<&str, Vec<&Fact>> = HashMap::new();
    for f in &report.facts {
        by_block.entry(f.block.as_str()).or_default().push(f);
    }
    for (bi, b) in report.all_blocks().into_iter().enumerate() {
        for (fi, (field, s)) in fields(b).into_iter().enumerate() {
            let Some(s) = s else { continue };
            let cs: Vec<char> = s.chars().collect();
            let facts: Vec<&Fact> = by_block
                .get(b.id.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|f| f.field == field && f.end <= cs.len())
                .collect();
            for c in checks_in(&cs, &facts) {
                let last = c.parts.iter().chain([&c.total]).map(|&k| facts[k].end);
                let key = (bi, fi, last.max().unwrap_or(0), found.len());
                let check = Check {
                    id: String::new(),
                    relation: c.relation,
                    total: facts[c.total].id.clone(),
                    parts: c.parts.iter().map(|&k| facts[k].id.clone()).collect(),
                    outcome: c.outcome,
                    detail: c.detail,
                };
                found.push((key, check));
            }
        }
    }
    found.sort_by_key(|(key, _)| *key);
    found
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut c))| {
            c.id = format!("k{}", i + 1);
            c
        })
        .collect()
}

/// The sums and rates among the `facts` of one string `cs`, facts named by their index.
fn checks_in(cs: &[char], facts: &[&Fact]) -> Vec<check::Found> {
    if facts.is_empty() {
        return Vec::new();
    }
    let titled = scan::in_title_marks(cs);
    let spans: Vec<Span<'_>> = facts
        .iter()
        .map(|f| Span {
            start: f.start,
            end: f.end,
            unit: &f.unit,
        })
        .collect();
    let sentences = Breaks::new(cs, &titled, SENTENCE_ENDS);
    let mut all = Vec::new();
    for g in groups(cs, &titled, &sentences, &spans) {
        all.extend(check::sums(facts, &g));
    }
    let sentence_of: Vec<usize> = facts
        .iter()
        .map(|f| sentences.around(f.start, f.start).0)
        .collect();
    all.extend(check::rates(facts, &sentence_of));
    all
}

#[cfg(test)]
mod tests {
    use super::super::{parse, IngestError};
    use crate::model::{Field, Report};
    use crate::model::{Outcome, Qualifier, Relation};

    /// A minimal report around `body` (lines under a first chapter).
    fn report(body: &str) -> Result<Report, IngestError> {
        parse(&format!(
            "某县人民政府关于2022年法治政府建设情况的报告\n一、工作\n{body}"
        ))
    }

    /// (id, text, label) of every fact.
    fn facts(body: &str) -> Result<Vec<(String, String, String)>, IngestError> {
        let r = report(body)?;
        Ok(r.facts
            .into_iter()
            .map(|f| (f.id, f.text, f.label))
            .collect())
    }

    fn fact(id: &str, text: &str, label: &str) -> (String, String, String) {
        (id.into(), text.into(), label.into())
    }

    #[test]
    fn ids_count_within_a_block_title_first() -> Result<(), IngestError> {
        let got = facts("（一）受理申请3件。办结2件，退回1件。")?;
        let should_be = vec![
            fact("c1s1-f1", "3件", "受理申请"),
            fact("c1s1-f2", "2件", "办结"),
            fact("c1s1-f3", "1件", "退回"),
        ];
        assert_eq!(got, should_be);
        let r = report("（一）受理申请3件。办结2件。")?;
        let fields: Vec<Field> = r.facts.iter().map(|f| f.field).collect();
        assert_eq!(fields, [Field::Title, Field::Text]);
        Ok(())
    }

    #[test]
    fn points_have_their_own_facts() -> Result<(), IngestError> {
        let got = facts("1.推进。一是培训30人。二是发布信息5条。")?;
        let should_be = vec![
            fact("c1i1e1-f1", "30人", "培训"),
            fact("c1i1e2-f1", "5条", "发布信息"),
        ];
        assert_eq!(got, should_be);
        Ok(())
    }

    #[test]
    fn the_signature_is_no_figure() -> Result<(), IngestError> {
        let r = report("收到申请3件。\n2023年2月27日")?;
        assert_eq!(r.facts.len(), 1);
        Ok(())
    }

    #[test]
    fn offsets_count_chars_not_bytes() -> Result<(), IngestError> {
        // U+20000 is four bytes in UTF-8 and two units in UTF-16, one char.
        let r = report("𠀀县收到申请3件。")?;
        let f = &r.facts[0];
        assert_eq!((f.start, f.end), (6, 8));
        assert_eq!(f.text, "3件");
        Ok(())
    }

    #[test]
    fn parts_get_the_totals_label_only_with_its_unit() -> Result<(), IngestError> {
        let got = facts("发布信息120条，其中主动公开100条，受理申请8起。")?;
        let should_be = vec![
            fact("c1p1-f1", "120条", "发布信息"),
            fact("c1p1-f2", "100条", "信息 · 主动公开"),
            fact("c1p1-f3", "8起", "受理申请"),
        ];
        assert_eq!(got, should_be);
        Ok(())
    }

    #[test]
    fn qualifiers_reach_the_fact() -> Result<(), IngestError> {
        let r = report("审核文件280余件，其中近200件为协议，约30件为纪要，共10件为其他。")?;
        let q: Vec<Option<Qualifier>> = r.facts.iter().map(|f| f.qualifier).collect();
        use Qualifier::*;
        assert_eq!(q, [Some(Over), Some(Nearly), Some(About), Some(Total)]);
        Ok(())
    }

    #[test]
    fn checks_are_numbered_in_document_order() -> Result<(), IngestError> {
        let r = report(
            "收到申请33件，其中受理25件，不予受理8件。\n办结率达80%，办结20件，受理25件。\n收到案件10件，其中一审6件，二审3件。",
        )?;
        let got: Vec<(&str, Relation, Outcome, &str)> = r
            .checks
            .iter()
            .map(|c| (c.id.as_str(), c.relation, c.outcome, c.detail.as_str()))
            .collect();
        let should_be = vec![
            ("k1", Relation::Sum, Outcome::Holds, "25 + 8 = 33"),
            ("k2", Relation::Sum, Outcome::Fails, "6 + 3 = 9 ≠ 10"),
        ];
        assert_eq!(got, should_be);
        assert_eq!(r.checks[1].total, "c1p3-f1");
        assert_eq!(r.checks[1].parts, ["c1p3-f2", "c1p3-f3"]);
        Ok(())
    }

    #[test]
    fn a_rate_after_its_counts() -> Result<(), IngestError> {
        let r = report("受理案件200件，办结150件，办结率75%。")?;
        assert_eq!(r.checks.len(), 1);
        let c = &r.checks[0];
        assert_eq!((c.relation, c.outcome), (Relation::Rate, Outcome::Holds));
        assert_eq!(c.total, "c1p1-f3");
        assert_eq!(c.parts, ["c1p1-f2", "c1p1-f1"]);
        assert_eq!(c.detail, "150 / 200 = 75%");
        Ok(())
    }

    #[test]
    fn a_rate_in_another_sentence_is_not_checked() -> Result<(), IngestError> {
        let r = report("受理案件200件，办结150件。办结率75%。")?;
        assert!(r.checks.is_empty());
        Ok(())
    }

    #[test]
    fn a_wrong_rate_fails() -> Result<(), IngestError> {
        let r = report("排查纠纷200件次，调解成功150件，调解成功率达90%。")?;
        assert_eq!(r.checks[0].outcome, Outcome::Fails);
        assert_eq!(r.checks[0].detail, "150 / 200 = 75% ≠ 90%");
        Ok(())
    }

    #[test]
    fn the_text_is_never_changed() -> Result<(), IngestError> {
        let body = "收到申请33件，其中受理25件，不予受理10件。";
        let r = report(body)?;
        assert_eq!(r.block("c1p1").map(|b| b.text.as_str()), Some(body));
        assert_eq!(r.checks[0].outcome, Outcome::Fails);
        assert_eq!(r.checks[0].detail, "25 + 10 = 35 ≠ 33");
        Ok(())
    }

    #[test]
    fn no_figures_in_titles_of_documents_or_ordinals() -> Result<(), IngestError> {
        assert!(facts("印发《2022年100项任务清单》，召开第3次会议，取得第1名。")?.is_empty());
        Ok(())
    }
}
