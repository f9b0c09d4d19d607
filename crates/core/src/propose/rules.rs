//! What makes a chart or a card honest, checked the same way for the converter's proposals, an
//! editor's sidecar and a hand-edited report the reader is asked to draw:
//!
//! - a chart names facts the report has, and a part-of-whole chart names its whole;
//! - a bar or part-of-whole chart has one unit: two units never share an axis (draw small
//!   multiples, form `units`, or split the chart);
//! - a rate chart draws shares, in %, never a change ("增长12%") on a 0–100% track;
//! - a label has no digit (numbers come from the text), does not start with a word that needs
//!   what came before it ("其中…"), and a percentage's label names the rate its sentence names
//!   ("出庭应诉率", not the cases it was computed over);
//! - a note (the comparison the text states) is copied from the sentence, never composed.

use crate::model::{ChartDef, ChartForm, Fact, Field, Report};
use std::fmt;

/// Why a chart or a card would mislead, in Chinese for the editor who wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleError {
    /// An id names no fact of the report.
    UnknownFact(String),
    /// A chart with no facts.
    NoFacts,
    /// A `part` chart without its whole.
    MissingTotal,
    /// A `total` on a chart that is not `part`.
    StrayTotal,
    /// Labels that do not match the facts one to one.
    LabelCount {
        /// Number of facts.
        facts: usize,
        /// Number of labels.
        labels: usize,
    },
    /// Two or more units on one axis.
    MixedUnits(Vec<String>),
    /// A rate chart with a figure that is not a percentage.
    NotPercent {
        /// The figure as written.
        text: String,
        /// Its unit.
        unit: String,
    },
    /// A rate chart with a change ("增长12%"), which is no share of a whole.
    Change(String),
    /// A label with a digit in it.
    Digit(String),
    /// A label that starts with a word needing what came before it ("其中").
    Dangling {
        /// The label.
        label: String,
        /// The word.
        word: String,
    },
    /// A percentage under a label that does not name its rate.
    RateUnnamed {
        /// The label.
        label: String,
        /// The figure as written.
        text: String,
        /// The rate its sentence names.
        rate: String,
    },
    /// A note that is not in the sentence of the chart's facts.
    NoteNotInText(String),
    /// A title an editor left empty.
    NoTitle,
    /// A title an editor wrote with a digit in it.
    TitleDigit(String),
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleError::UnknownFact(id) => write!(f, "引用的数据“{id}”在报告中不存在"),
            RuleError::NoFacts => write!(f, "“facts”中至少要有一个数据"),
            RuleError::MissingTotal => write!(f, "“part”（部分与整体）图需要用“total”指明总数"),
            RuleError::StrayTotal => write!(f, "只有“part”（部分与整体）图才有“total”"),
            RuleError::LabelCount { facts, labels } => write!(
                f,
                "“labels”应与数据一一对应（{facts}个）或留空，现在有{labels}个"
            ),
            RuleError::MixedUnits(units) => write!(
                f,
                "同一坐标轴上不能有不同的单位（{}）：请按单位拆成几张图，或改用“units”（按单位分格的小图）",
                units.join("、")
            ),
            RuleError::NotPercent { text, unit } => write!(
                f,
                "比率图只画百分数，但“{text}”的单位是“{unit}”"
            ),
            RuleError::Change(text) => write!(
                f,
                "“{text}”是增减幅度，不是占比，不能画在0—100%的比率图上"
            ),
            RuleError::Digit(label) => write!(
                f,
                "标签“{label}”含有数字：数字只能来自原文，标签只写它计的是什么"
            ),
            RuleError::Dangling { label, word } => write!(
                f,
                "标签“{label}”以“{word}”开头，离开原句就不知所指：请写出这个数计的是什么"
            ),
            RuleError::RateUnnamed { label, text, rate } => write!(
                f,
                "“{text}”是原文所说的“{rate}”，标签“{label}”没有说出这个比率：请写明是什么率"
            ),
            RuleError::NoteNotInText(note) => write!(
                f,
                "说明“{note}”不在这些数据所在的句子里：比较只能照录原文"
            ),
            RuleError::NoTitle => write!(f, "图表需要一个标题"),
            RuleError::TitleDigit(title) => write!(
                f,
                "标题“{title}”含有数字：数字只能来自原文，标题只写图表说的是什么"
            ),
        }
    }
}

impl std::error::Error for RuleError {}

/// Verbs between a rate's name and its number.
const LINKS: &[&str] = &[
    "均为",
    "分别为",
    "达到",
    "提高到",
    "提升至",
    "为",
    "达",
    "是",
    "至",
    "到",
];
/// Words in the clause before a percentage that make it a change, not a share.
const CHANGES: &[&str] = &[
    "增长", "下降", "提高", "提升", "减少", "增加", "上升", "降低", "增幅", "降幅", "同比", "环比",
    "压减", "压缩", "缩短", "节约", "减免", "下浮",
];

/// Words that make a label lean on the sentence it came from.
const DANGLING: &[&str] = &["其中", "其余", "共计", "合计", "累计", "共有", "以及"];

/// Checks a title an editor writes: not empty, and no digit (a number in a title would be one
/// the chart does not draw from the text). Titles the converter takes from headings are the
/// text's own words and are not checked here.
pub fn check_title(title: &str) -> Result<(), RuleError> {
    let title = title.trim();
    if title.is_empty() {
        Err(RuleError::NoTitle)
    } else if has_digit(title) {
        Err(RuleError::TitleDigit(title.to_string()))
    } else {
        Ok(())
    }
}

/// ASCII or full-width digits.
fn has_digit(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Checks a label (an editor's, or a proposal's) for `fact`.
pub fn check_label(report: &Report, fact: &Fact, label: &str) -> Result<(), RuleError> {
    Index::new(report).check_label(fact, label)
}

/// Checks a chart against the report (see the module docs for the rules).
pub fn check_chart(report: &Report, def: &ChartDef) -> Result<(), RuleError> {
    Index::new(report).check_chart(def)
}

/// The sentence that states `fact`.
pub fn sentence(report: &Report, fact: &Fact) -> String {
    Index::new(report).sentence(fact)
}

/// The rate a percentage's sentence names right before it ("出庭应诉率"), if any.
pub fn rate_name(report: &Report, fact: &Fact) -> Option<String> {
    Index::new(report).rate_name(fact)
}

/// True for a percentage that states a change ("增长12%", "同比提高3%", "压减办理时限40%")
/// rather than a share; a level reached ("提升至98%", "提高到95%") is a share.
pub fn is_change(report: &Report, fact: &Fact) -> bool {
    Index::new(report).is_change(fact)
}

/// The checks over one report. Facts and blocks come from the report's own lookups, built once
/// per report: the reader checks each chart it draws through a fresh `Index`, which must not
/// cost a walk over the whole report (a 100× report's 1,600 charts took 4.4 s when each did).
pub struct Index<'a> {
    report: &'a Report,
}

impl<'a> Index<'a> {
    /// Indexes `report`.
    pub fn new(report: &'a Report) -> Index<'a> {
        Index { report }
    }

    fn fact(&self, id: &str) -> Result<&'a Fact, RuleError> {
        self.report
            .fact(id)
            .ok_or_else(|| RuleError::UnknownFact(id.to_string()))
    }

    /// See [`check_label`].
    pub fn check_label(&self, fact: &Fact, label: &str) -> Result<(), RuleError> {
        let label = label.trim();
        if has_digit(label) {
            return Err(RuleError::Digit(label.to_string()));
        }
        if let Some(word) = DANGLING.iter().find(|w| label.starts_with(*w)) {
            return Err(RuleError::Dangling {
                label: label.to_string(),
                word: word.to_string(),
            });
        }
        if let Some(rate) = self.rate_name(fact) {
            // The label must say which rate: at least the last two characters and the 率
            // ("应诉率", "成功率"), or the whole name when it is shorter.
            let cs: Vec<char> = rate.chars().collect();
            let tail: String = cs[cs.len().saturating_sub(3)..].iter().collect();
            if !label.contains(&tail) {
                return Err(RuleError::RateUnnamed {
                    label: label.to_string(),
                    text: fact.text.clone(),
                    rate,
                });
            }
        }
        Ok(())
    }

    /// See [`check_chart`].
    pub fn check_chart(&self, def: &ChartDef) -> Result<(), RuleError> {
        if def.facts.is_empty() {
            return Err(RuleError::NoFacts);
        }
        let facts = def
            .facts
            .iter()
            .map(|id| self.fact(id))
            .collect::<Result<Vec<_>, _>>()?;
        let total = match (def.form, &def.total) {
            (ChartForm::Part, Some(t)) => Some(self.fact(t)?),
            (ChartForm::Part, None) => return Err(RuleError::MissingTotal),
            (_, Some(_)) => return Err(RuleError::StrayTotal),
            _ => None,
        };
        if !def.labels.is_empty() && def.labels.len() != facts.len() {
            return Err(RuleError::LabelCount {
                facts: facts.len(),
                labels: def.labels.len(),
            });
        }
        for (f, label) in facts.iter().zip(&def.labels) {
            if !label.trim().is_empty() {
                self.check_label(f, label)?;
            }
        }
        self.check_units(def.form, total.iter().chain(&facts).copied())?;
        if let Some(note) = &def.note {
            let stated = facts.iter().any(|f| self.sentence(f).contains(note.trim()));
            if note.trim().is_empty() || !stated {
                return Err(RuleError::NoteNotInText(note.clone()));
            }
        }
        Ok(())
    }

    /// One unit per axis; rates are shares in %.
    fn check_units<'f>(
        &self,
        form: ChartForm,
        facts: impl Iterator<Item = &'f Fact>,
    ) -> Result<(), RuleError> {
        let facts: Vec<&Fact> = facts.collect();
        match form {
            ChartForm::Units => Ok(()),
            ChartForm::Rate => {
                for f in facts {
                    if !crate::format::is_percent(&f.unit) {
                        return Err(RuleError::NotPercent {
                            text: f.text.clone(),
                            unit: f.unit.clone(),
                        });
                    }
                    if self.is_change(f) {
                        return Err(RuleError::Change(f.text.clone()));
                    }
                }
                Ok(())
            }
            ChartForm::Bars | ChartForm::Part => {
                let mut units: Vec<String> = Vec::new();
                for f in facts {
                    let u = f.unit.trim().to_string();
                    if !units.contains(&u) {
                        units.push(u);
                    }
                }
                if units.len() > 1 {
                    Err(RuleError::MixedUnits(units))
                } else {
                    Ok(())
                }
            }
        }
    }

    /// The chars of the string a fact's offsets index.
    fn field(&self, fact: &Fact) -> Vec<char> {
        let Some(b) = self.report.block(&fact.block) else {
            return Vec::new();
        };
        match fact.field {
            Field::Text => b.text.chars().collect(),
            Field::Title => b.title.as_deref().unwrap_or("").chars().collect(),
        }
    }

    /// See [`sentence`].
    pub fn sentence(&self, fact: &Fact) -> String {
        let cs = self.field(fact);
        let (from, to) = crate::sentence::bounds(&cs, fact.start, fact.end);
        cs[from..to].iter().collect()
    }

    /// The clause before a figure, up to it: "行政机关负责人出庭应诉率为" in
    /// "县政府作为被告的一审案件，行政机关负责人出庭应诉率为82.14%".
    fn lead_in(&self, fact: &Fact) -> String {
        let cs = self.field(fact);
        let end = fact.start.min(cs.len());
        let from = cs[..end]
            .iter()
            .rposition(|&c| crate::sentence::is_clause_end(c) || c == '、')
            .map_or(0, |i| i + 1);
        cs[from..end].iter().collect()
    }

    /// See [`rate_name`].
    pub fn rate_name(&self, fact: &Fact) -> Option<String> {
        if !crate::format::is_percent(&fact.unit) {
            return None;
        }
        let lead = self.lead_in(fact);
        let mut name = lead.trim_end_matches(crate::sentence::is_trim_char);
        // The hedge words before the number are part of the fact's text, not of the lead-in.
        while let Some(rest) = LINKS.iter().find_map(|w| name.strip_suffix(w)) {
            name = rest;
        }
        let at = name.rfind('率')?;
        let name = &name[..at + '率'.len_utf8()];
        // The name is the run of Han characters ending in 率 (and at most 12 of them).
        let cs: Vec<char> = name.chars().collect();
        let start = cs
            .iter()
            .rposition(|c| !is_han(*c))
            .map_or(0, |i| i + 1)
            .max(cs.len().saturating_sub(12));
        let name: String = cs[start..].iter().collect();
        (name.chars().count() >= 2).then_some(name)
    }

    /// See [`is_change`].
    pub fn is_change(&self, fact: &Fact) -> bool {
        if !crate::format::is_percent(&fact.unit) {
            return false;
        }
        let lead = self.lead_in(fact);
        let lead = lead.trim_end_matches(['了', '约', '近']);
        let reached = ["至", "到", "为", "达"].iter().any(|w| lead.ends_with(w));
        !reached && CHANGES.iter().any(|w| lead.contains(w))
    }
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::parse;
    use crate::model::Origin;

    fn report() -> Report {
        parse(
            "标题报告\n一、工作\n1.应诉。收到案件60件，其中一审27件，二审26件。县政府作为被告的一审案件，\
             行政机关负责人出庭应诉率为82.14%，较去年有大幅提升。受理量同比增长12%。调解成功率达98%。\n",
        )
        .unwrap()
    }

    fn find<'a>(r: &'a Report, text: &str) -> &'a Fact {
        r.facts.iter().find(|f| f.text == text).unwrap()
    }

    fn chart(form: ChartForm, facts: &[&Fact]) -> ChartDef {
        ChartDef {
            id: "a".into(),
            title: "t".into(),
            form,
            total: None,
            facts: facts.iter().map(|f| f.id.clone()).collect(),
            labels: Vec::new(),
            note: None,
            origin: Origin::Editor,
        }
    }

    #[test]
    fn a_rate_is_named_from_its_sentence() {
        let r = report();
        let f = find(&r, "82.14%");
        assert_eq!(
            rate_name(&r, f).as_deref(),
            Some("行政机关负责人出庭应诉率")
        );
        assert_eq!(
            rate_name(&r, find(&r, "达98%")).as_deref(),
            Some("调解成功率")
        );
        assert_eq!(rate_name(&r, find(&r, "60件")), None);
        let e = check_label(&r, f, "县政府作为被告的一审案件").unwrap_err();
        assert!(e.to_string().contains("出庭应诉率"), "{e}");
        assert!(check_label(&r, f, "负责人出庭应诉率").is_ok());
    }

    #[test]
    fn labels_with_digits_or_a_dangling_start_are_refused() {
        let r = report();
        let f = find(&r, "27件");
        assert!(matches!(
            check_label(&r, f, "一审27件"),
            Err(RuleError::Digit(_))
        ));
        let e = check_label(&r, f, "其中“一审”案件").unwrap_err();
        assert!(e.to_string().contains("以“其中”开头"), "{e}");
        assert!(check_label(&r, f, "一审案件").is_ok());
    }

    #[test]
    fn changes_are_not_shares() {
        let r = report();
        assert!(is_change(&r, find(&r, "12%")));
        assert!(!is_change(&r, find(&r, "82.14%")));
        let r2 =
            parse("标题报告\n一、工作\n1.改革。压减办理时限40%以上，满意度提升至98%。\n").unwrap();
        assert!(is_change(&r2, find(&r2, "40%以上")));
        assert!(!is_change(&r2, find(&r2, "98%")));
        let e = check_chart(&r, &chart(ChartForm::Rate, &[find(&r, "12%")])).unwrap_err();
        assert_eq!(e, RuleError::Change("12%".into()));
    }

    #[test]
    fn one_unit_per_axis() {
        let r = report();
        let mixed = chart(ChartForm::Bars, &[find(&r, "60件"), find(&r, "82.14%")]);
        let e = check_chart(&r, &mixed).unwrap_err();
        assert_eq!(e, RuleError::MixedUnits(vec!["件".into(), "%".into()]));
        assert!(e.to_string().contains("units"), "{e}");
        let mut multiples = mixed.clone();
        multiples.form = ChartForm::Units;
        assert!(check_chart(&r, &multiples).is_ok());
        let mut part = chart(ChartForm::Part, &[find(&r, "27件"), find(&r, "26件")]);
        assert_eq!(check_chart(&r, &part), Err(RuleError::MissingTotal));
        part.total = Some(find(&r, "60件").id.clone());
        assert!(check_chart(&r, &part).is_ok());
    }

    #[test]
    fn an_editors_title_has_words_only() {
        assert_eq!(check_title("  "), Err(RuleError::NoTitle));
        let e = check_title("复议案件３３件").unwrap_err();
        assert!(e.to_string().contains("含有数字"), "{e}");
        assert!(check_title("行政复议申请").is_ok());
    }

    #[test]
    fn notes_are_copied_from_the_sentence() {
        let r = report();
        let mut c = chart(ChartForm::Rate, &[find(&r, "82.14%")]);
        c.note = Some("较去年有大幅提升".into());
        assert!(check_chart(&r, &c).is_ok());
        c.note = Some("较去年提升12个百分点".into());
        assert!(matches!(
            check_chart(&r, &c),
            Err(RuleError::NoteNotInText(_))
        ));
    }
}
