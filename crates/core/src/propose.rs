//! Charts and key-figure cards for any report, proposed from what its text states, so that a
//! report with no sidecar (any county's, next year's, one opened in the browser) still gets
//! them; and [`rules`], which every chart and card keeps, whoever chose it.
//!
//! # What is proposed
//! Each block (an item, a paragraph, an inline point "一是……") gives at most one chart, the one
//! that says the most of these:
//! - a stated total and its parts that the converter's checks found (a `Sum` check that holds
//!   or holds within 余/近) -> a part-of-whole chart;
//! - two or more percentages in one sentence that are shares, not changes ("参与率达95%，及格率
//!   达80%") -> a rate chart;
//! - three or more figures with the same unit in one sentence or block -> bars;
//! - a share, or a count, that its sentence compares with last year ("较去年有大幅提升", "同比
//!   增长12%") -> shown with that comparison copied as the chart's note, never computed.
//!
//! Never charted: dates, years, ordinals ("第3次"), figures with no unit or no label, labels with
//! digits; a chart never mixes units. Values and labels come from the facts (labels as the
//! converter read them from the sentence, the part after the total's name for a part: "受理"
//! under "行政复议申请"), titles from the heading of the block or of the nearest block above it
//! that has one. Every proposal passes [`rules::check_chart`].
//!
//! # How many, in what order
//! Each proposal is scored by how much it says: the figures it draws, plus two for a total that
//! adds up exactly (one within 余/近), one for a comparison. The best of each block are ranked by
//! score (ties in document order) and at most one per 375 characters of body is kept (at least
//! 3, at most 16: 16 for a 6,000-character report), in rank order.
//!
//! Cards are the few headline numbers: stated totals that are no one's part, 100% achievements,
//! shares, and figures the text itself calls totals (共…), at most 8, ranked the same way, each
//! with a label of at least three characters that names what it counts.
//!
//! A chart's id is the id of its block ("c1s6i2"), stable for as long as the text is, so an
//! editor's sidecar can drop or replace it (see `ingest::attach_indicators`).

pub mod rules;

use crate::model::{Block, ChartDef, ChartForm, Fact, Field, Kind, Origin, Qualifier, Relation};
use crate::model::{Outcome, Report};
use std::collections::HashMap;

/// At most this many cards.
const MAX_CARDS: usize = 8;
/// Characters of body per proposed chart.
const CHARS_PER_CHART: usize = 375;
/// Bounds on the number of charts.
const MIN_CHARTS: usize = 3;
const MAX_CHARTS: usize = 16;
/// Words that compare a figure with the year before.
const COMPARISONS: &[&str] = &[
    "较去年",
    "较上年",
    "比去年",
    "比上年",
    "同比",
    "与去年相比",
    "与上年相比",
    "较上一年",
];
/// Units that count calendar time or a place in a sequence: never charted.
const NOT_COUNTS: &[char] = &['年', '月', '日', '号', '时', '届', '批', '期', '版', '季'];

/// What the converter proposes for a report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Proposals {
    /// The charts, in rank order.
    pub charts: Vec<ChartDef>,
    /// The cards as (fact id, label), in rank order.
    pub cards: Vec<(String, String)>,
}

/// Puts the proposals into `report`, replacing any charts and cards it had.
pub fn apply(report: &mut Report) {
    let p = propose(report);
    report.charts = p.charts;
    report.cards = p.cards.iter().map(|(id, _)| id.clone()).collect();
    report.card_labels = p.cards.into_iter().map(|(_, label)| label).collect();
}

/// The charts and cards the text supports (see the module docs).
pub fn propose(report: &Report) -> Proposals {
    let ctx = Ctx::new(report);
    let mut best: Vec<Candidate> = Vec::new();
    for (block, facts) in &ctx.by_block {
        let found = ctx
            .candidates(facts)
            .into_iter()
            .filter(|c| ctx.rules.check_chart(&c.def).is_ok())
            .max_by(|a, b| a.score.cmp(&b.score).then(b.order.cmp(&a.order)));
        if let Some(mut c) = found {
            c.def.id = block.to_string();
            best.push(c);
        }
    }
    best.sort_by(|a, b| b.score.cmp(&a.score).then(a.order.cmp(&b.order)));
    let cap = (ctx.body_chars / CHARS_PER_CHART).clamp(MIN_CHARTS, MAX_CHARTS);
    best.truncate(cap);
    let mut charts: Vec<ChartDef> = best.into_iter().map(|c| c.def).collect();
    disambiguate_titles(&mut charts);
    Proposals {
        charts,
        cards: ctx.cards(),
    }
}

/// A proposed chart before ranking.
struct Candidate {
    def: ChartDef,
    score: u32,
    /// Index of its first fact: document order, for ties.
    order: usize,
}

/// What the proposals look things up in, built once.
struct Ctx<'a> {
    report: &'a Report,
    /// Facts and blocks by id, for the rules.
    rules: rules::Index<'a>,
    /// Chartable facts by block, blocks in document order.
    by_block: Vec<(&'a str, Vec<usize>)>,
    /// For each fact: the sentence it is in (an id shared by the facts of one sentence).
    sentence: Vec<usize>,
    /// The text of each sentence id, and where it starts in its field (in chars).
    sentences: Vec<(String, usize)>,
    /// Each block's parent, for titles.
    parent: HashMap<&'a str, &'a Block>,
    blocks: HashMap<&'a str, &'a Block>,
    /// Facts that are a part in some check.
    parts: Vec<bool>,
    /// Facts that are the total in some check.
    totals: Vec<bool>,
    body_chars: usize,
}

impl<'a> Ctx<'a> {
    fn new(report: &'a Report) -> Ctx<'a> {
        let mut blocks = HashMap::new();
        let mut parent = HashMap::new();
        let mut body_chars = 0;
        for b in &report.blocks {
            index_blocks(b, None, &mut blocks, &mut parent, &mut body_chars);
        }
        let (sentence, sentences) = sentences(report, &blocks);
        let (parts, totals) = check_roles(report);
        let mut ctx = Ctx {
            report,
            rules: rules::Index::new(report),
            by_block: Vec::new(),
            sentence,
            sentences,
            parent,
            blocks,
            parts,
            totals,
            body_chars,
        };
        for (i, f) in report.facts.iter().enumerate() {
            if !ctx.chartable(i) {
                continue;
            }
            match ctx.by_block.last_mut() {
                Some((b, list)) if *b == f.block => list.push(i),
                _ => ctx.by_block.push((f.block.as_str(), vec![i])),
            }
        }
        ctx
    }

    fn fact(&self, i: usize) -> &'a Fact {
        &self.report.facts[i]
    }

    /// A figure that may be drawn: a count or share with a unit and a label, not a date, a
    /// year or an ordinal.
    fn chartable(&self, i: usize) -> bool {
        let f = self.fact(i);
        let unit = f.unit.trim();
        let ordinal = self.before(f, 1) == "第";
        f.value.is_finite()
            && f.value >= 0.0
            && !unit.is_empty()
            && !unit.starts_with(NOT_COUNTS)
            // Percentage points measure a change.
            && !unit.ends_with("百分点")
            && !ordinal
            && label(f).is_some()
    }

    /// The `n` characters before a fact in its field.
    fn before(&self, f: &Fact, n: usize) -> String {
        let Some(b) = self.blocks.get(f.block.as_str()) else {
            return String::new();
        };
        let field = match f.field {
            Field::Text => b.text.as_str(),
            Field::Title => b.title.as_deref().unwrap_or(""),
        };
        let cs: Vec<char> = field.chars().take(f.start).collect();
        cs[cs.len().saturating_sub(n)..].iter().collect()
    }

    /// Every chart the facts of one block support.
    fn candidates(&self, facts: &[usize]) -> Vec<Candidate> {
        let mut out = Vec::new();
        out.extend(self.part_charts(facts));
        out.extend(self.rate_charts(facts));
        out.extend(self.bar_charts(facts));
        out.extend(self.compared(facts));
        for c in &mut out {
            if c.def.note.is_none() {
                if let Some(note) = self.comparison(c.order) {
                    c.def.note = Some(note);
                    c.score += 1;
                }
            }
        }
        out
    }

    /// A part-of-whole chart per sum the text states and the checks confirm.
    fn part_charts(&self, facts: &[usize]) -> Vec<Candidate> {
        let index: HashMap<&str, usize> = facts
            .iter()
            .map(|&i| (self.fact(i).id.as_str(), i))
            .collect();
        let mut out = Vec::new();
        for c in &self.report.checks {
            if c.relation != Relation::Sum || c.outcome == Outcome::Fails || c.parts.len() < 2 {
                continue;
            }
            let Some(&t) = index.get(c.total.as_str()) else {
                continue;
            };
            let Some(parts) = c
                .parts
                .iter()
                .map(|p| index.get(p.as_str()).copied())
                .collect::<Option<Vec<usize>>>()
            else {
                continue;
            };
            let exact = if c.outcome == Outcome::Holds { 2 } else { 1 };
            // The whole counts as a figure too.
            let Some(mut cand) = self.chart(ChartForm::Part, &parts, 1 + exact) else {
                continue;
            };
            cand.def.total = Some(self.fact(t).id.clone());
            cand.order = t;
            out.push(cand);
        }
        out
    }

    /// Two or more shares in one sentence.
    fn rate_charts(&self, facts: &[usize]) -> Vec<Candidate> {
        let shares: Vec<usize> = facts
            .iter()
            .copied()
            .filter(|&i| self.is_share(i))
            .collect();
        self.by_sentence(&shares)
            .into_iter()
            .filter(|group| group.len() >= 2)
            .filter_map(|group| self.chart(ChartForm::Rate, &group, 1))
            .collect()
    }

    /// Three or more figures with one unit, in one sentence, else in the block; not the
    /// totals and parts of a check, which a part-of-whole chart shows for what they are.
    fn bar_charts(&self, facts: &[usize]) -> Vec<Candidate> {
        let counts: Vec<usize> = facts
            .iter()
            .copied()
            .filter(|&i| !crate::format::is_percent(&self.fact(i).unit))
            .filter(|&i| !self.parts[i] && !self.totals[i])
            .collect();
        let mut groups = self.by_unit(&counts);
        for sentence in self.by_sentence(&counts) {
            groups.extend(self.by_unit(&sentence));
        }
        groups
            .into_iter()
            .filter(|g| g.len() >= 3)
            .filter_map(|g| self.chart(ChartForm::Bars, &g, 0))
            .collect()
    }

    /// A share or a count its sentence compares with last year, alone.
    fn compared(&self, facts: &[usize]) -> Vec<Candidate> {
        facts
            .iter()
            .filter(|&&i| self.comparison(i).is_some())
            .filter_map(|&i| {
                let form = if self.is_share(i) {
                    ChartForm::Rate
                } else if !self.parts[i] && !crate::format::is_percent(&self.fact(i).unit) {
                    ChartForm::Bars
                } else {
                    return None;
                };
                self.chart(form, &[i], 0)
            })
            .collect()
    }

    /// A chart of `facts` in `form`, labelled and titled from the text, scored by its figures
    /// plus `bonus`; none when two figures would share a label (the bars could not be told
    /// apart).
    fn chart(&self, form: ChartForm, facts: &[usize], bonus: u32) -> Option<Candidate> {
        let labels = facts
            .iter()
            .map(|&i| label(self.fact(i)))
            .collect::<Option<Vec<String>>>()?;
        if (1..labels.len()).any(|k| labels[..k].contains(&labels[k])) {
            return None;
        }
        let first = *facts.first()?;
        Some(Candidate {
            def: ChartDef {
                id: String::new(),
                title: self.title(&self.fact(first).block),
                form,
                total: None,
                facts: facts.iter().map(|&i| self.fact(i).id.clone()).collect(),
                labels,
                note: None,
                origin: Origin::Proposed,
            },
            score: facts.len() as u32 + bonus,
            order: first,
        })
    }

    /// A percentage that is a share of a whole (not a change, not over 100).
    fn is_share(&self, i: usize) -> bool {
        let f = self.fact(i);
        crate::format::is_percent(&f.unit) && f.value <= 100.0 && !self.rules.is_change(f)
    }

    /// The facts grouped by sentence, in order.
    fn by_sentence(&self, facts: &[usize]) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = Vec::new();
        for &i in facts {
            match out.last_mut() {
                Some(g) if self.sentence[g[0]] == self.sentence[i] => g.push(i),
                _ => out.push(vec![i]),
            }
        }
        out
    }

    /// The facts grouped by unit, units in order of first appearance.
    fn by_unit(&self, facts: &[usize]) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = Vec::new();
        for &i in facts {
            let unit = self.fact(i).unit.trim();
            match out.iter_mut().find(|g| self.fact(g[0]).unit.trim() == unit) {
                Some(g) => g.push(i),
                None => out.push(vec![i]),
            }
        }
        out
    }

    /// The comparison with last year that follows fact `i` in its sentence, as written: from
    /// the comparing word to the end of its clause ("较去年有大幅提升"). A figure after the
    /// comparing word is the change itself ("同比增长12%"), not what is compared.
    fn comparison(&self, i: usize) -> Option<String> {
        let (s, from) = &self.sentences[self.sentence[i]];
        let at = COMPARISONS.iter().filter_map(|w| s.find(w)).min()?;
        let f = self.fact(i);
        if f.end > from + s[..at].chars().count() {
            return None;
        }
        let clause: String = s[at..]
            .chars()
            .take_while(|&c| !crate::sentence::is_clause_end(c))
            .collect();
        (clause.chars().count() > 2).then_some(clause)
    }

    /// A block's heading, or the nearest heading above it (see [`title_of`]).
    fn title(&self, block: &str) -> String {
        title_of(block, &self.blocks, &self.parent)
    }

    /// The headline figures, with labels that name them.
    fn cards(&self) -> Vec<(String, String)> {
        let index: HashMap<&str, usize> = self
            .report
            .facts
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.as_str(), i))
            .collect();
        let mut scored: Vec<(u32, usize)> = Vec::new();
        for c in &self.report.checks {
            if let Some(&t) = index.get(c.total.as_str()) {
                if c.relation == Relation::Sum && !self.parts[t] && c.outcome != Outcome::Fails {
                    scored.push((4 + c.parts.len() as u32, t));
                }
            }
        }
        for (_, facts) in &self.by_block {
            for &i in facts {
                let f = self.fact(i);
                if self.is_share(i) {
                    let full = f.value == 100.0;
                    scored.push((if full { 5 } else { 3 }, i));
                } else if f.qualifier == Some(Qualifier::Total) {
                    scored.push((2, i));
                }
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<(String, String)> = Vec::new();
        for (_, i) in scored {
            let f = self.fact(i);
            if out.len() == MAX_CARDS || out.iter().any(|(id, _)| *id == f.id) {
                continue;
            }
            let Some(l) = self.card_label(f) else {
                continue;
            };
            out.push((f.id.clone(), l));
        }
        out
    }

    fn card_label(&self, f: &Fact) -> Option<String> {
        card_label_in(&self.rules, f)
    }
}

/// Every block by id, each block's parent, and the length of the body in characters.
fn index_blocks<'a>(
    b: &'a Block,
    up: Option<&'a Block>,
    blocks: &mut HashMap<&'a str, &'a Block>,
    parent: &mut HashMap<&'a str, &'a Block>,
    chars: &mut usize,
) {
    blocks.insert(b.id.as_str(), b);
    if let Some(p) = up {
        parent.insert(b.id.as_str(), p);
    }
    *chars += b.own_source().chars().count();
    for c in &b.children {
        index_blocks(c, Some(b), blocks, parent, chars);
    }
}

/// For each fact, whether some check names it as a part, and as a total.
fn check_roles(report: &Report) -> (Vec<bool>, Vec<bool>) {
    let index: HashMap<&str, usize> = report
        .facts
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let n = report.facts.len();
    let (mut parts, mut totals) = (vec![false; n], vec![false; n]);
    for c in &report.checks {
        for p in &c.parts {
            if let Some(&i) = index.get(p.as_str()) {
                parts[i] = true;
            }
        }
        if let Some(&i) = index.get(c.total.as_str()) {
            totals[i] = true;
        }
    }
    (parts, totals)
}

/// The title a chart of the figures of `block` gets: see [`title_of`].
pub fn title_for(report: &Report, block: &str) -> String {
    let (mut blocks, mut parent, mut chars) = (HashMap::new(), HashMap::new(), 0);
    for b in &report.blocks {
        index_blocks(b, None, &mut blocks, &mut parent, &mut chars);
    }
    title_of(block, &blocks, &parent)
}

/// A block's heading, or the nearest heading above it, without its closing punctuation; an
/// untitled paragraph's figures are "主要数据".
fn title_of<'a>(
    block: &str,
    blocks: &HashMap<&'a str, &'a Block>,
    parent: &HashMap<&'a str, &'a Block>,
) -> String {
    let mut at = blocks.get(block).copied();
    while let Some(b) = at {
        if let Some(t) = b.title.as_deref() {
            let t = t
                .trim()
                .trim_end_matches(['。', '；', ';', '：', ':', '，', ',']);
            if !t.is_empty() {
                return t.to_string();
            }
        }
        at = parent.get(b.id.as_str()).copied();
    }
    match blocks.get(block).map(|b| b.kind) {
        Some(Kind::Paragraph) | None => "主要数据".to_string(),
        Some(_) => crate::search::heading(blocks[block]),
    }
}

/// The label a card for `f` gets, if the text gives one that names it: see [`card_label_in`].
pub fn card_label(report: &Report, f: &Fact) -> Option<String> {
    card_label_in(&rules::Index::new(report), f)
}

/// A card stands alone, so its label must say more than a chart category: at least three
/// characters, the rate's own name for a share.
fn card_label_in(rules: &rules::Index, f: &Fact) -> Option<String> {
    let fits = |l: &String| l.chars().count() >= 3 && rules.check_label(f, l).is_ok();
    label(f)
        .filter(fits)
        .or_else(|| rules.rate_name(f).filter(fits))
}

/// A fact's label as a chart category, if it can be one: see [`label`].
pub fn category(f: &Fact) -> Option<String> {
    label(f)
}

/// A fact's label as a chart category: the part after the last " · " ("受理" of "行政复议申请 ·
/// 受理"), if it has no digit and is not empty.
fn label(f: &Fact) -> Option<String> {
    let l = f.label.rsplit(" · ").next().unwrap_or("").trim();
    let ok = !l.is_empty()
        && !l
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    ok.then(|| l.to_string())
}

/// For each fact the id of its sentence, and the text and start of each sentence.
fn sentences(
    report: &Report,
    blocks: &HashMap<&str, &Block>,
) -> (Vec<usize>, Vec<(String, usize)>) {
    let mut ids = Vec::with_capacity(report.facts.len());
    let mut texts: Vec<(String, usize)> = Vec::new();
    // The field of the previous fact, as chars, and the sentence id of each of its starts.
    let mut last: Option<(&str, Field, Vec<char>)> = None;
    let mut seen: HashMap<(&str, Field, usize), usize> = HashMap::new();
    for f in &report.facts {
        if !matches!(&last, Some((b, fd, _)) if *b == f.block && *fd == f.field) {
            let field = blocks
                .get(f.block.as_str())
                .map_or(String::new(), |b| match f.field {
                    Field::Text => b.text.clone(),
                    Field::Title => b.title.clone().unwrap_or_default(),
                });
            last = Some((f.block.as_str(), f.field, field.chars().collect()));
        }
        let Some((block, field, cs)) = last.as_ref() else {
            continue;
        };
        let (start, end) = crate::sentence::bounds(cs, f.start, f.end);
        let id = *seen.entry((block, *field, start)).or_insert_with(|| {
            texts.push((cs[start..end].iter().collect(), start));
            texts.len() - 1
        });
        ids.push(id);
    }
    (ids, texts)
}

/// Titles come from headings, and two charts can share one: the second gets its first
/// category in brackets.
fn disambiguate_titles(charts: &mut [ChartDef]) {
    let mut seen: Vec<String> = Vec::new();
    for c in charts.iter_mut() {
        if seen.contains(&c.title) {
            if let Some(l) = c.labels.first().filter(|l| !l.is_empty()) {
                c.title = format!("{}（{l}）", c.title);
            }
        }
        seen.push(c.title.clone());
    }
}
