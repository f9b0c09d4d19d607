//! The editor's desk as data: which charts and key-figure cards a report shows, in what order
//! and under what names ([`Draft`]); the edits an editor makes, each checked by the rules every
//! chart keeps ([`Edit`], [`Desk::edit`]); undo and redo ([`Desk::undo`]); and what the desk
//! publishes: the sidecar ([`Draft::sidecar`]) and the report ([`Draft::publish`]), which is that
//! sidecar applied by `ingest::attach_indicators`, the converter's own code, so that
//! `ingest FILE --charts SIDECAR` writes the same JSON byte for byte.
//!
//! A draft starts from the report's charts and cards (shown), followed by the converter's
//! proposals the report does not show (hidden, ready to switch on). It always passes the rules:
//! an edit that would break one is refused with the reason, and the draft stays as it was.
//! The browser UI is `src/desk` in the reader crate; nothing here knows about the browser.

use crate::ingest::{attach_indicators, CardEntry, IngestError, Mode, Sidecar};
use crate::model::{ChartDef, ChartForm, Fact, Origin, Relation, Report};
use crate::propose::rules::{check_title, Index, RuleError};
use crate::propose::{self, card_label, category, title_for};
use std::fmt;

/// One chart on the desk.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartItem {
    pub def: ChartDef,
    /// Whether the published report shows it.
    pub on: bool,
    /// Made on the desk from picked figures (it can be deleted; a proposal can only be hidden).
    pub made: bool,
}

/// One key-figure card on the desk.
#[derive(Debug, Clone, PartialEq)]
pub struct CardItem {
    /// The fact it shows.
    pub fact: String,
    /// What the number counts; empty to show the fact's own label.
    pub label: String,
    /// Whether the published report shows it.
    pub on: bool,
}

/// The editor's choice of charts and cards for one report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    pub charts: Vec<ChartItem>,
    pub cards: Vec<CardItem>,
}

/// What an editor does at the desk. Charts are named by id, cards by fact id.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Show or hide a chart.
    Show(String, bool),
    /// Move a chart to a position in the list.
    Move(String, usize),
    /// Rename a chart.
    Title(String, String),
    /// Rename one category (by position); empty for the fact's own label.
    Label(String, usize, String),
    /// Draw a chart in another form.
    Form(String, ChartForm),
    /// A new chart of these figures (fact ids), added after the others and shown.
    Make(Vec<String>),
    /// Delete a chart made on the desk.
    Delete(String),
    /// Show or hide a card.
    ShowCard(String, bool),
    /// Move a card to a position in the list.
    MoveCard(String, usize),
    /// Rename a card; empty for the fact's own label.
    CardLabel(String, String),
    /// A new card for this figure, added after the others and shown.
    MakeCard(String),
}

/// Why an edit was refused, in Chinese for the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum DeskError {
    /// The chart or card would break a rule.
    Rule(RuleError),
    /// No chart or card with this id (the page and the draft are out of step).
    Unknown(String),
    /// The form cannot draw these figures.
    Form(ChartForm),
    /// A chart needs at least one figure.
    NothingPicked,
    /// The figure already has a card.
    CardExists(String),
    /// Only charts made on the desk can be deleted.
    NotMade(String),
}

impl fmt::Display for DeskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeskError::Rule(e) => write!(f, "{e}"),
            DeskError::Unknown(id) => write!(f, "没有找到“{id}”，请刷新页面"),
            DeskError::Form(form) => {
                write!(f, "这些数据不能画成{}", form_name(*form))
            }
            DeskError::NothingPicked => write!(f, "请先在原文中点选至少一个数字"),
            DeskError::CardExists(id) => write!(f, "数字“{id}”已经是关键数字"),
            DeskError::NotMade(id) => write!(f, "“{id}”是程序建议的图表，不能删除，只能隐藏"),
        }
    }
}

impl From<RuleError> for DeskError {
    fn from(e: RuleError) -> Self {
        DeskError::Rule(e)
    }
}

/// A form as the desk names it.
pub fn form_name(form: ChartForm) -> &'static str {
    match form {
        ChartForm::Bars => "条形图",
        ChartForm::Part => "部分与整体图",
        ChartForm::Rate => "比率图",
        ChartForm::Units => "分单位小图",
    }
}

/// Every form, in the order the desk offers them.
pub const FORMS: [ChartForm; 4] = [
    ChartForm::Bars,
    ChartForm::Part,
    ChartForm::Rate,
    ChartForm::Units,
];

impl Draft {
    /// The report's charts and cards, shown, then the proposals it does not show, hidden.
    pub fn new(report: &Report) -> Draft {
        let proposed = propose::propose(report);
        let mut charts: Vec<ChartItem> = report
            .charts
            .iter()
            .map(|def| ChartItem {
                def: def.clone(),
                on: true,
                made: false,
            })
            .collect();
        for def in proposed.charts {
            let shown = charts
                .iter()
                .any(|c| c.def.id == def.id || same_figures(&c.def, &def));
            if !shown {
                charts.push(ChartItem {
                    def,
                    on: false,
                    made: false,
                });
            }
        }
        let mut cards: Vec<CardItem> = report
            .cards
            .iter()
            .enumerate()
            .map(|(i, fact)| CardItem {
                fact: fact.clone(),
                label: report.card_labels.get(i).cloned().unwrap_or_default(),
                on: true,
            })
            .collect();
        for (fact, label) in proposed.cards {
            if !cards.iter().any(|c| c.fact == fact) {
                cards.push(CardItem {
                    fact,
                    label,
                    on: false,
                });
            }
        }
        Draft { charts, cards }
    }

    /// The sidecar that makes this choice: the charts and cards shown, in order, replacing
    /// whatever the report had (`"proposals": "replace"`).
    pub fn sidecar(&self) -> Sidecar {
        Sidecar {
            proposals: Mode::Replace,
            drop: Vec::new(),
            cards: self
                .cards
                .iter()
                .filter(|c| c.on)
                .map(|c| CardEntry::new(&c.fact, &c.label))
                .collect(),
            charts: self
                .charts
                .iter()
                .filter(|c| c.on)
                .map(|c| c.def.clone())
                .collect(),
        }
    }

    /// The report as published: `base` (the converted report) with [`Self::sidecar`] applied
    /// the way the converter applies a sidecar file.
    pub fn publish(&self, base: &Report) -> Result<Report, IngestError> {
        let mut report = base.clone();
        attach_indicators(&mut report, &self.sidecar().to_json())?;
        Ok(report)
    }

    /// The chart with this id.
    pub fn chart(&self, id: &str) -> Option<&ChartItem> {
        self.charts.iter().find(|c| c.def.id == id)
    }

    fn chart_at(&self, id: &str) -> Result<usize, DeskError> {
        self.charts
            .iter()
            .position(|c| c.def.id == id)
            .ok_or_else(|| DeskError::Unknown(id.to_string()))
    }

    fn card_at(&self, fact: &str) -> Result<usize, DeskError> {
        self.cards
            .iter()
            .position(|c| c.fact == fact)
            .ok_or_else(|| DeskError::Unknown(fact.to_string()))
    }

    /// Applies `edit`, or refuses it with the reason and leaves the draft as it was. Returns
    /// what was done, in words for the screen reader's live region.
    pub fn apply(&mut self, report: &Report, edit: &Edit) -> Result<String, DeskError> {
        match edit {
            Edit::Show(id, on) => {
                let i = self.chart_at(id)?;
                self.charts[i].on = *on;
                let what = if *on { "显示" } else { "隐藏" };
                Ok(format!("已{what}图表“{}”", self.charts[i].def.title))
            }
            Edit::Move(id, to) => {
                let i = self.chart_at(id)?;
                let to = (*to).min(self.charts.len() - 1);
                let item = self.charts.remove(i);
                let what = format!("已将图表“{}”移到第 {} 位", item.def.title, to + 1);
                self.charts.insert(to, item);
                Ok(what)
            }
            Edit::Title(id, title) => {
                let i = self.chart_at(id)?;
                check_title(title)?;
                // Kept as typed (the field shows it back): a space typed between words stays.
                self.charts[i].def.title = title.clone();
                Ok(format!("图表标题已改为“{}”", title.trim()))
            }
            Edit::Label(id, k, label) => self.relabel(report, id, *k, label),
            Edit::Form(id, form) => {
                let i = self.chart_at(id)?;
                let def = reshape(report, &self.charts[i].def, *form)?;
                self.charts[i].def = def;
                Ok(format!("已改为{}", form_name(*form)))
            }
            Edit::Make(facts) => {
                let taken: Vec<&str> = self.charts.iter().map(|c| c.def.id.as_str()).collect();
                let def = make_chart(report, facts, &taken)?;
                let what = format!("已新建图表“{}”", def.title);
                self.charts.push(ChartItem {
                    def,
                    on: true,
                    made: true,
                });
                Ok(what)
            }
            Edit::Delete(id) => {
                let i = self.chart_at(id)?;
                if !self.charts[i].made {
                    return Err(DeskError::NotMade(id.clone()));
                }
                let item = self.charts.remove(i);
                Ok(format!("已删除图表“{}”", item.def.title))
            }
            _ => self.apply_to_cards(report, edit),
        }
    }

    fn apply_to_cards(&mut self, report: &Report, edit: &Edit) -> Result<String, DeskError> {
        let index = Index::new(report);
        match edit {
            Edit::ShowCard(fact, on) => {
                let i = self.card_at(fact)?;
                self.cards[i].on = *on;
                let what = if *on { "显示" } else { "隐藏" };
                Ok(format!("已{what}关键数字“{}”", self.card_name(report, i)))
            }
            Edit::MoveCard(fact, to) => {
                let i = self.card_at(fact)?;
                let to = (*to).min(self.cards.len() - 1);
                let item = self.cards.remove(i);
                self.cards.insert(to, item);
                Ok(format!(
                    "已将关键数字“{}”移到第 {} 位",
                    self.card_name(report, to),
                    to + 1
                ))
            }
            Edit::CardLabel(fact, label) => {
                let i = self.card_at(fact)?;
                let f = fact_of(report, fact)?;
                if !label.trim().is_empty() {
                    index.check_label(f, label)?;
                }
                self.cards[i].label = label.clone();
                Ok(format!("关键数字已改名为“{}”", self.card_name(report, i)))
            }
            Edit::MakeCard(fact) => {
                if self.cards.iter().any(|c| &c.fact == fact) {
                    return Err(DeskError::CardExists(fact.clone()));
                }
                let f = fact_of(report, fact)?;
                self.cards.push(CardItem {
                    fact: fact.clone(),
                    label: card_label(report, f).unwrap_or_default(),
                    on: true,
                });
                let last = self.cards.len() - 1;
                Ok(format!("已添加关键数字“{}”", self.card_name(report, last)))
            }
            _ => Err(DeskError::Unknown(format!("{edit:?}"))),
        }
    }

    /// Renames category `k` of chart `id`, keeping the others as they are drawn now.
    fn relabel(
        &mut self,
        report: &Report,
        id: &str,
        k: usize,
        label: &str,
    ) -> Result<String, DeskError> {
        let i = self.chart_at(id)?;
        let mut def = self.charts[i].def.clone();
        if def.labels.is_empty() {
            def.labels = vec![String::new(); def.facts.len()];
        }
        let Some(slot) = def.labels.get_mut(k) else {
            return Err(DeskError::Unknown(format!("{id} #{k}")));
        };
        *slot = label.to_string();
        if def.labels.iter().all(|l| l.trim().is_empty()) {
            def.labels.clear();
        }
        Index::new(report).check_chart(&def)?;
        self.charts[i].def = def;
        Ok(format!("类别已改名为“{}”", label.trim()))
    }

    /// What card `i` is called: its label, else its fact's.
    pub fn card_name(&self, report: &Report, i: usize) -> String {
        let c = &self.cards[i];
        if !c.label.trim().is_empty() {
            return c.label.trim().to_string();
        }
        report
            .facts
            .iter()
            .find(|f| f.id == c.fact)
            .map_or(c.fact.clone(), |f| f.label.clone())
    }
}

fn fact_of<'a>(report: &'a Report, id: &str) -> Result<&'a Fact, DeskError> {
    report
        .facts
        .iter()
        .find(|f| f.id == id)
        .ok_or_else(|| DeskError::Rule(RuleError::UnknownFact(id.to_string())))
}

/// Whether two charts draw the same figures (in any order).
fn same_figures(a: &ChartDef, b: &ChartDef) -> bool {
    fn set(c: &ChartDef) -> Vec<&String> {
        let mut v: Vec<&String> = c.facts.iter().chain(c.total.iter()).collect();
        v.sort();
        v
    }
    set(a) == set(b)
}

/// The forms `def`'s figures can be drawn in: those the rules allow, and small multiples only
/// for figures in two or more units (with one unit they would be bars).
pub fn forms(report: &Report, def: &ChartDef) -> Vec<ChartForm> {
    FORMS
        .into_iter()
        .filter(|f| reshape(report, def, *f).is_ok())
        .collect()
}

/// `def` drawn as `form`: a part-of-whole chart needs the stated whole of its figures (a sum
/// the text states, which the converter's checks found); leaving one drops the whole and keeps
/// the parts.
pub fn reshape(report: &Report, def: &ChartDef, form: ChartForm) -> Result<ChartDef, DeskError> {
    let mut out = def.clone();
    out.form = form;
    if form != ChartForm::Part {
        out.total = None;
    } else if out.total.is_none() {
        let (total, facts) = whole_of(report, &def.facts).ok_or(DeskError::Form(form))?;
        if facts.len() != def.facts.len() {
            // The whole was one of the figures: its label goes with it.
            let at = def.facts.iter().position(|f| *f == total);
            if let (Some(at), false) = (at, out.labels.is_empty()) {
                out.labels.remove(at);
            }
        }
        out.total = Some(total);
        out.facts = facts;
    }
    if form == ChartForm::Units {
        let mut units: Vec<&str> = Vec::new();
        for id in &out.facts {
            let unit = fact_of(report, id)?.unit.trim();
            if !units.contains(&unit) {
                units.push(unit);
            }
        }
        if units.len() < 2 {
            return Err(DeskError::Form(form));
        }
    }
    Index::new(report)
        .check_chart(&out)
        .map_err(|_| DeskError::Form(form))?;
    Ok(out)
}

/// The whole a sum the text states makes of `facts`: either a total the facts are exactly the
/// parts of, or one of the facts whose parts are exactly the others. (whole, parts).
fn whole_of(report: &Report, facts: &[String]) -> Option<(String, Vec<String>)> {
    let sorted = |v: &[String]| {
        let mut v = v.to_vec();
        v.sort();
        v
    };
    let picked = sorted(facts);
    report
        .checks
        .iter()
        .filter(|c| c.relation == Relation::Sum && c.parts.len() >= 2)
        .find_map(|c| {
            let parts = sorted(&c.parts);
            if parts == picked {
                return Some((c.total.clone(), facts.to_vec()));
            }
            let rest: Vec<String> = facts.iter().filter(|f| **f != c.total).cloned().collect();
            (rest.len() + 1 == facts.len() && sorted(&rest) == parts)
                .then(|| (c.total.clone(), rest))
        })
}

/// A new chart of the picked figures (in document order): a part-of-whole chart when they are a
/// stated whole and its parts, a rate chart when they are all shares, bars when they share a
/// unit, else small multiples; titled from the heading above the first, each category under
/// its fact's label, with an id no other chart has.
pub fn make_chart(
    report: &Report,
    picked: &[String],
    taken: &[&str],
) -> Result<ChartDef, DeskError> {
    let mut facts: Vec<&Fact> = report
        .facts
        .iter()
        .filter(|f| picked.contains(&f.id))
        .collect();
    if let Some(missing) = picked.iter().find(|id| !facts.iter().any(|f| &&f.id == id)) {
        return Err(RuleError::UnknownFact(missing.clone()).into());
    }
    facts.dedup_by(|a, b| a.id == b.id);
    let first = facts.first().ok_or(DeskError::NothingPicked)?;
    let ids: Vec<String> = facts.iter().map(|f| f.id.clone()).collect();
    let labels: Vec<String> = facts
        .iter()
        .map(|f| category(f).unwrap_or_default())
        .collect();
    let distinct = (1..labels.len()).all(|k| !labels[..k].contains(&labels[k]));
    let def = ChartDef {
        id: free_id(&first.block, taken),
        title: title_for(report, &first.block),
        form: ChartForm::Bars,
        total: None,
        facts: ids,
        labels: if distinct { labels } else { Vec::new() },
        note: None,
        origin: Origin::Editor,
    };
    let order = [
        ChartForm::Part,
        ChartForm::Rate,
        ChartForm::Bars,
        ChartForm::Units,
    ];
    order
        .into_iter()
        .find_map(|form| reshape(report, &def, form).ok())
        .ok_or_else(|| match Index::new(report).check_chart(&def) {
            Err(e) => DeskError::Rule(e),
            Ok(()) => DeskError::Form(ChartForm::Bars),
        })
}

/// `block`, or `block-2`, `block-3`… : the first that no chart has.
fn free_id(block: &str, taken: &[&str]) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                block.to_string()
            } else {
                format!("{block}-{n}")
            }
        })
        .find(|id| !taken.contains(&id.as_str()))
        .unwrap_or_default()
}

/// A draft with its history: every accepted edit can be undone and redone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Desk {
    pub draft: Draft,
    /// Drafts before each edit, with what the edit did, latest last.
    undo: Vec<(Draft, String)>,
    /// Drafts undone, latest last.
    redo: Vec<(Draft, String)>,
    /// The field the last edit typed into: typing on in it is one step to undo, not one per
    /// character.
    typing: Option<(String, usize)>,
}

impl Desk {
    pub fn new(report: &Report) -> Desk {
        Desk {
            draft: Draft::new(report),
            ..Desk::default()
        }
    }

    /// Applies `edit` (see [`Draft::apply`]); on success it can be undone.
    pub fn edit(&mut self, report: &Report, edit: &Edit) -> Result<String, DeskError> {
        let before = self.draft.clone();
        let what = self.draft.apply(report, edit)?;
        let field = typed_field(edit);
        let same_field = field.is_some() && field == self.typing;
        if !same_field {
            self.undo.push((before, what.clone()));
        } else if let Some(last) = self.undo.last_mut() {
            last.1 = what.clone();
        }
        self.typing = field;
        self.redo.clear();
        Ok(what)
    }

    /// Takes back the last edit; says which, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let (before, what) = self.undo.pop()?;
        let now = std::mem::replace(&mut self.draft, before);
        self.redo.push((now, what.clone()));
        self.typing = None;
        Some(format!("已撤销：{what}"))
    }

    /// Does again the last edit undone.
    pub fn redo(&mut self) -> Option<String> {
        let (after, what) = self.redo.pop()?;
        let now = std::mem::replace(&mut self.draft, after);
        self.undo.push((now, what.clone()));
        self.typing = None;
        Some(format!("已重做：{what}"))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// The text field an edit types into (chart or card id, and which field), if it is one.
fn typed_field(edit: &Edit) -> Option<(String, usize)> {
    match edit {
        Edit::Title(id, _) => Some((id.clone(), 0)),
        Edit::Label(id, k, _) => Some((id.clone(), k + 1)),
        Edit::CardLabel(fact, _) => Some((fact.clone(), usize::MAX)),
        _ => None,
    }
}
