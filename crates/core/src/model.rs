//! The report format: what the converter writes and the reader loads.
//!
//! This is a public interface (readers of the JSON and other producers rely on it), so it is
//! versioned by [`FORMAT`] and described by `public/report.schema.json`; a test keeps the two in
//! step. Plain serde data only: the reader wraps it in signals from outside.
//!
//! # Text fidelity
//! Every string that comes from the official text is copied verbatim. The body of the source is
//! recovered by [`Report::body_lines`]: the heading lines, the date line under them if any, then
//! one line per non-`point` block in document order, made of `number + title + text` followed by
//! the same for each of its `point` children. It equals the
//! source's body lines with surrounding whitespace (ASCII, U+3000, U+00A0, BOM) removed and blank
//! lines dropped; [`Report::source_lines`] adds the portal lines before and after the body.
//!
//! # Offsets
//! `start`/`end` of a fact count Unicode scalar values (Rust `chars`, JavaScript code points) in
//! the named field of its block. For Chinese text in the Basic Multilingual Plane these equal
//! UTF-16 indices too.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

mod json_error;
pub mod validate;
pub use validate::{validate, Invalid};

/// Identifies the format and its major version; bumped on any incompatible change.
pub const FORMAT: &str = "fazhi-report/1";

/// One converted report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`FORMAT`]; lets a reader refuse JSON it does not understand.
    pub format: String,
    /// Title, issuer, dates and portal information.
    pub meta: Meta,
    /// The body as a tree: chapters, sections, items, paragraphs and inline points.
    pub blocks: Vec<Block>,
    /// Every statistical figure found in the body, in document order.
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// Relations between facts that the text states (a total and its parts, a rate).
    #[serde(default)]
    pub checks: Vec<Check>,
    /// Key figures to show as cards, by fact id: proposed by the converter, or chosen by an
    /// editor (see [`ChartDef`]).
    #[serde(default)]
    pub cards: Vec<String>,
    /// What each card is labelled, by position in `cards`; an empty string (or a missing
    /// entry) shows the fact's own label. Words only, naming what the number counts.
    #[serde(default)]
    pub card_labels: Vec<String>,
    /// Charts of the key indicators. They name facts by id and never carry numbers of their
    /// own, so a chart can only show what the text states.
    #[serde(default)]
    pub charts: Vec<ChartDef>,
    /// The terms the closing glossary explains, each with where the body uses it.
    #[serde(default)]
    pub terms: Vec<Term>,
    /// Not part of the JSON: the fact index [`Report::fact`] builds on first use.
    #[serde(skip)]
    pub lookup: Lookup,
}

/// A term the report's closing glossary ("有关名词解释") explains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// The id of the glossary entry (a `term` block) that explains it, e.g. "g1t2".
    pub block: String,
    /// The term as the entry names it, without quotes or colon, e.g. "放管服".
    pub term: String,
    /// Every place the body outside the glossary writes the term, in document order.
    #[serde(default)]
    pub uses: Vec<TermUse>,
}

/// One place the body writes a glossary term; offsets as for a [`Fact`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermUse {
    /// The id of the block that writes it.
    pub block: String,
    /// Which of the block's strings `start`/`end` index.
    #[serde(default)]
    pub field: Field,
    /// Start offset (inclusive) in the field, in Unicode scalar values.
    pub start: usize,
    /// End offset (exclusive) in the field, in Unicode scalar values.
    pub end: usize,
}

/// Who chose a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// An editor, in the report's sidecar file (the default for JSON written before proposals).
    #[default]
    Editor,
    /// The converter, from the figures and checks of the text (`fazhi_core::propose`).
    Proposed,
}

/// Lookups by id, built once on first use (see [`Report::fact`], [`Report::block`]). Not data:
/// it is not serialized, and it is ignored by `==`, so two reports with the same data are equal
/// whether or not either has been looked into.
#[derive(Clone, Default)]
pub struct Lookup {
    facts: OnceLock<HashMap<String, usize>>,
    /// Each block's path: its index in `blocks`, then in each `children` down to it.
    blocks: OnceLock<HashMap<String, Vec<u32>>>,
}

impl PartialEq for Lookup {
    fn eq(&self, _: &Lookup) -> bool {
        true
    }
}

impl std::fmt::Debug for Lookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lookup")
    }
}

/// Records the path of `b` (in `path`) and of every block under it.
fn index_paths(b: &Block, path: &mut Vec<u32>, into: &mut HashMap<String, Vec<u32>>) {
    into.entry(b.id.clone()).or_insert_with(|| path.clone());
    for (i, c) in b.children.iter().enumerate() {
        path.push(i as u32);
        index_paths(c, path, into);
        path.pop();
    }
}

/// Why a report JSON was not accepted, worded for the reader.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    /// Not JSON, or not the report's shape; with serde's line and column.
    #[error("不是有效的报告 JSON（第 {line} 行第 {column} 列）：{detail}")]
    Json {
        line: usize,
        column: usize,
        detail: String,
    },
    /// JSON in another format (or another major version of this one).
    #[error("的格式为 “{found}”，本阅读器只支持 “{FORMAT}”")]
    Format { found: String },
    /// The report's shape is right but its content is not (see [`validate`]).
    #[error("不是有效的报告：{0}")]
    Invalid(#[from] Invalid),
}

/// How a chart draws its facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartForm {
    /// One bar per fact on a common scale.
    Bars,
    /// The facts are parts of the fact named by `total`: one stacked bar against the whole.
    Part,
    /// Percentages, each on a 0–100% track.
    Rate,
    /// Small multiples: one panel per unit, each on its own scale, so figures counted in
    /// different units ("项", "家") can sit under one title without sharing an axis.
    Units,
}

/// A chart of some of the report's facts, proposed by the converter or chosen by an editor in
/// a sidecar file (`seeds/<report>.charts.json`), and checked by the converter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartDef {
    /// Stable identifier, usable in links and file names ("reconsideration").
    pub id: String,
    /// The chart's title, e.g. "行政复议申请办理情况".
    pub title: String,
    /// How the facts are drawn.
    pub form: ChartForm,
    /// For `part`: the fact id of the stated whole; otherwise null.
    #[serde(default)]
    pub total: Option<String>,
    /// The fact ids drawn, in order.
    pub facts: Vec<String>,
    /// Category names for the facts, by position, when the facts' own labels are too terse;
    /// empty to use the facts' labels. Words only: the converter refuses digits here.
    #[serde(default)]
    pub labels: Vec<String>,
    /// What the text compares the figures with, verbatim from the sentence of the first fact
    /// ("较去年有大幅提升"); null when it compares them with nothing. Never computed.
    #[serde(default)]
    pub note: Option<String>,
    /// Who chose the chart.
    #[serde(default)]
    pub origin: Origin,
}

/// What the report is and where it was published.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Meta {
    /// The report's title as one string, e.g. "商城县人民政府关于2022年法治政府建设情况的报告";
    /// empty when neither the text, the user nor the file's name gave one.
    pub title: String,
    /// Where `title` came from.
    #[serde(default)]
    pub title_from: TitleFrom,
    /// The body's own heading lines as printed (often the issuer and the rest of the title on two
    /// lines), verbatim.
    #[serde(default)]
    pub heading: Vec<String>,
    /// The short line under the heading that dates the report, verbatim, e.g. "（2024年1月10日）"
    /// or "——2024年1月10日在区第十届人民代表大会第三次会议上"; not part of the title.
    #[serde(default)]
    pub dateline: Option<String>,
    /// The date that line names, ISO 8601 (YYYY-MM-DD).
    #[serde(default)]
    pub dated: Option<String>,
    /// The government body that issues the report, e.g. "商城县人民政府".
    pub issuer: Option<String>,
    /// The year the report is about (the "2022" in "关于2022年…的报告").
    pub year: Option<i32>,
    /// The signing date among the closing lines, ISO 8601 (YYYY-MM-DD).
    pub signed: Option<String>,
    /// The name of the portal that published the page, e.g. "信阳市人民政府门户网站".
    pub site: Option<String>,
    /// The portal's address as printed, e.g. "www.xinyang.gov.cn".
    pub site_url: Option<String>,
    /// The address of the portal's own page for this report (the article), an `http(s)` URL,
    /// when the converted file names it: a saved web page's `<link rel="canonical">`,
    /// `og:url`, the `Url` meta tag government portals carry, or the browser's "saved from
    /// url" note. Absent (not null) when unknown, so older reports read and write unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_url: Option<String>,
    /// The publication date on the portal, ISO 8601 (YYYY-MM-DD).
    pub published: Option<String>,
    /// The "来源" (source) named by the portal.
    pub source: Option<String>,
    /// The portal's navigation path ("首页 > … > …"), one entry per level.
    #[serde(default)]
    pub breadcrumb: Vec<String>,
    /// Source lines before the body (breadcrumb, page title, portal line), verbatim but trimmed.
    #[serde(default)]
    pub front: Vec<String>,
    /// Source lines after the body (portal widgets such as "扫一扫在手机打开当前页"), trimmed.
    #[serde(default)]
    pub back: Vec<String>,
}

/// Where a report's title came from: the text itself, or, for a text that starts without one
/// ("现将有关情况报告如下：", "各位代表："), what the person converting it gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TitleFrom {
    /// The report's own heading lines at the top of the body.
    #[default]
    Heading,
    /// The portal's page title above the "时间/来源" line.
    Page,
    /// Given by the person converting it (the CLI's `--title`).
    Option,
    /// The file's name, without its extension and copy suffix ("_2022", "(1)").
    File,
    /// Nowhere: the title is empty and the reader shows the file's name instead.
    None,
}

impl Meta {
    /// "2023年2月27日 印发 · 2023年3月7日 发布": the dates as the reader's masthead (and the
    /// pre-rendered page) print them.
    pub fn dates_line(&self) -> String {
        [
            self.signed
                .as_deref()
                .map(|d| format!("{} 印发", cn_date(d))),
            self.published
                .as_deref()
                .map(|d| format!("{} 发布", cn_date(d))),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
    }
}

/// "2023-02-27" -> "2023年2月27日", the way the reports themselves write dates.
pub fn cn_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-').map(|p| p.trim_start_matches('0'));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
        _ => iso.to_string(),
    }
}

/// What role a block plays in the report's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A top-level division numbered "一、".
    Chapter,
    /// A division of a chapter numbered "(一)" or "（一）".
    Section,
    /// A numbered item "1." / "1．" / "1、" inside a section or chapter.
    Item,
    /// A fourth-level item "（1）" / "(1)" / "①" inside an item, section or chapter.
    SubItem,
    /// An unnumbered paragraph (the lead before the first chapter, or prose under a heading).
    Paragraph,
    /// One member of an inline enumeration "一是……二是……", kept addressable.
    Point,
    /// A closing line: "特此报告。", the signer, the signing date.
    Signature,
    /// The closing glossary ("有关名词解释"): its heading, with its entries as children.
    Glossary,
    /// One entry of the glossary, "1.“放管服”：指……": the term is its title.
    Term,
}

impl Kind {
    /// The lowercase name used in the JSON and as a CSS modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Chapter => "chapter",
            Kind::Section => "section",
            Kind::Item => "item",
            Kind::SubItem => "subitem",
            Kind::Paragraph => "paragraph",
            Kind::Point => "point",
            Kind::Signature => "signature",
            Kind::Glossary => "glossary",
            Kind::Term => "term",
        }
    }
}

/// A node of the body tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Stable identifier derived from the block's position ("c1", "c1s2", "c1s2i3", "c1s2i3j1",
    /// "c1s2i3e2", "p1", "c2p1", "g1t2", "sign1"); usable as an HTML id and in links.
    pub id: String,
    /// The block's role.
    pub kind: Kind,
    /// The number marker exactly as written ("一、", "(一)", "1.", "一是"), if any.
    pub number: Option<String>,
    /// The heading that follows the number, exactly as written including its closing
    /// punctuation (e.g. "切实加强组织领导。"), if the block has one.
    pub title: Option<String>,
    /// The block's own prose after its heading, verbatim (may be empty).
    pub text: String,
    /// The 1-based line of the source file the block starts on.
    pub line: usize,
    /// Nested blocks in document order.
    #[serde(default)]
    pub children: Vec<Block>,
}

impl Block {
    /// The block's own source text: `number + title + text`, without its children.
    pub fn own_source(&self) -> String {
        let mut s = String::new();
        s.push_str(self.number.as_deref().unwrap_or(""));
        s.push_str(self.title.as_deref().unwrap_or(""));
        s.push_str(&self.text);
        s
    }

    /// Visits this block and its descendants in document order.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Block)) {
        f(self);
        for c in &self.children {
            c.walk(f);
        }
    }
}

/// Which string of a block a fact's offsets refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The block's `text` (the usual case).
    #[default]
    Text,
    /// The block's `title`.
    Title,
}

impl Field {
    /// The lowercase name used in the JSON, and in the page to mark the element that holds a
    /// field's text (`data-field`).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Title => "title",
        }
    }
}

/// How the text hedges a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    /// "余" after the number: more than (e.g. "280余件" = more than 280).
    Over,
    /// "近" before the number: nearly, a little under.
    Nearly,
    /// "约" before the number: about.
    About,
    /// "达" / "达到" before the number: reaches (an exact figure, stressed).
    Reaches,
    /// "共" / "共计" / "累计" before the number: in total (an exact figure, a sum).
    Total,
    /// "超过" / "逾" before the number: more than.
    Exceeds,
}

impl Qualifier {
    /// True when the figure is not exact, so arithmetic on it can only hold approximately.
    pub fn is_approximate(self) -> bool {
        matches!(
            self,
            Qualifier::Over | Qualifier::Nearly | Qualifier::About | Qualifier::Exceeds
        )
    }
}

/// One statistical figure stated in the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable identifier: the block id and the figure's order in it ("c1s2i1e1-f1").
    pub id: String,
    /// The number as a value (percentages as written: 82.14 for "82.14%").
    pub value: f64,
    /// The unit exactly as written after the number ("件", "项", "人次", "%", …).
    pub unit: String,
    /// How the text hedges the figure, if it does.
    pub qualifier: Option<Qualifier>,
    /// The exact matched text, qualifier words included (e.g. "280余件", "达95%").
    pub text: String,
    /// A short human label from the sentence, e.g. "行政复议申请 · 受理".
    pub label: String,
    /// The id of the block that states it.
    pub block: String,
    /// Which of the block's strings `start`/`end` index.
    #[serde(default)]
    pub field: Field,
    /// Start offset (inclusive) of `text` in the field, in Unicode scalar values.
    pub start: usize,
    /// End offset (exclusive) of `text` in the field, in Unicode scalar values.
    pub end: usize,
}

/// The kind of arithmetic relation a check tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// `total` = sum of `parts` ("收到…33件，其中受理25件，不予受理8件").
    Sum,
    /// `total` (a percentage) = `parts[0]` / `parts[1]` × 100.
    Rate,
}

/// Whether the stated relation holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The arithmetic holds exactly.
    Holds,
    /// It holds within what 余/近/约 allow.
    Approx,
    /// It does not hold; the text is reported as written, never corrected.
    Fails,
}

/// A relation between facts that the text states, and whether it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// Stable identifier ("k1", "k2", … in document order).
    pub id: String,
    /// What is tested.
    pub relation: Relation,
    /// The fact id of the stated total (or rate).
    pub total: String,
    /// The fact ids of the parts (or numerator and denominator).
    pub parts: Vec<String>,
    /// The outcome.
    pub outcome: Outcome,
    /// The arithmetic spelled out, e.g. "25 + 8 = 33".
    pub detail: String,
}

impl Report {
    /// Reads a report JSON the way every entry point must: parsed, in this format, and
    /// [`validate`]d.
    pub fn from_json(text: &str) -> Result<Report, ReadError> {
        let report = Report::decode(text)?;
        validate(&report)?;
        Ok(report)
    }

    /// The first half of [`Report::from_json`]: parsed and in this format, not yet
    /// [`validate`]d. For the reader only, which validates in a task of its own so that a long
    /// report's first task is not both (about 200 ms each for a 5 MB report on a slow phone);
    /// nothing may use the report before it passes.
    pub fn decode(text: &str) -> Result<Report, ReadError> {
        // One parse, then the format: checking the format first would need a second
        // deserializer in the wasm. JSON of another shape fails here with serde's message, in
        // Chinese (json_error).
        // serde counts an error before the first character (an empty file) as column 0; the
        // message promises 1-based places.
        let report: Report = serde_json::from_str(text).map_err(|e| ReadError::Json {
            line: e.line().max(1),
            column: e.column().max(1),
            detail: json_error::describe(&e.to_string()),
        })?;
        if report.format != FORMAT {
            return Err(ReadError::Format {
                found: report.format,
            });
        }
        Ok(report)
    }

    /// The fact with this id, through an index built on the first call.
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.fact_index(id).map(|i| &self.facts[i])
    }

    /// The block (at any depth) with this id, through an index built on the first call:
    /// exports and charts look up a block per fact.
    pub fn block(&self, id: &str) -> Option<&Block> {
        match self.path(id) {
            Some(p) => self.at(p),
            // `blocks` changed after the index was built: stay correct, if slower.
            None => self.find(|b| b.id == id),
        }
    }

    /// The block that holds the block with this id (none for a top-level one), through the
    /// same index as [`Report::block`]: charts find the paragraph of a point by it.
    pub fn parent(&self, id: &str) -> Option<&Block> {
        match self.path(id) {
            Some(p) => self.at(&p[..p.len() - 1]),
            None => self.find(|b| b.children.iter().any(|c| c.id == id)),
        }
    }

    /// Where the block with this id is (its index in `blocks`, then in each `children`), if
    /// the index built on the first call still holds it there.
    fn path(&self, id: &str) -> Option<&[u32]> {
        let paths = self.lookup.blocks.get_or_init(|| {
            let mut m = HashMap::new();
            let mut path = Vec::new();
            for (i, b) in self.blocks.iter().enumerate() {
                path.push(i as u32);
                index_paths(b, &mut path, &mut m);
                path.pop();
            }
            m
        });
        let p = paths.get(id)?;
        self.at(p)
            .is_some_and(|b| b.id == id)
            .then_some(p.as_slice())
    }

    /// The block at `path` (see [`Report::path`]); none for the empty path.
    fn at(&self, path: &[u32]) -> Option<&Block> {
        let (first, rest) = path.split_first()?;
        let mut b = self.blocks.get(*first as usize)?;
        for &i in rest {
            b = b.children.get(i as usize)?;
        }
        Some(b)
    }

    /// The first block in document order for which `f` holds.
    fn find(&self, f: impl Fn(&Block) -> bool) -> Option<&Block> {
        let mut hit = None;
        for b in &self.blocks {
            b.walk(&mut |x| {
                if hit.is_none() && f(x) {
                    hit = Some(x);
                }
            });
        }
        hit
    }

    /// The position in `facts` of the fact with this id (see [`Report::fact`]).
    pub fn fact_index(&self, id: &str) -> Option<usize> {
        let index = self.lookup.facts.get_or_init(|| {
            let mut m = HashMap::with_capacity(self.facts.len());
            for (i, f) in self.facts.iter().enumerate() {
                m.entry(f.id.clone()).or_insert(i);
            }
            m
        });
        match index.get(id) {
            Some(&i) if self.facts.get(i).is_some_and(|f| f.id == id) => Some(i),
            // `facts` changed after the index was built (the converter fills it in steps):
            // stay correct, if slower.
            _ => self.facts.iter().position(|f| f.id == id),
        }
    }

    /// All blocks in document order (pre-order).
    pub fn all_blocks(&self) -> Vec<&Block> {
        let mut out = Vec::new();
        for b in &self.blocks {
            b.walk(&mut |x| out.push(x));
        }
        out
    }

    /// The body lines this report was made from (see the module docs for the rule).
    pub fn body_lines(&self) -> Vec<String> {
        fn go(b: &Block, out: &mut Vec<String>) {
            let mut line = b.own_source();
            for c in b.children.iter().filter(|c| c.kind == Kind::Point) {
                line.push_str(&c.own_source());
            }
            out.push(line);
            for c in b.children.iter().filter(|c| c.kind != Kind::Point) {
                go(c, out);
            }
        }
        let mut out = self.meta.heading.clone();
        out.extend(self.meta.dateline.iter().cloned());
        for b in &self.blocks {
            go(b, &mut out);
        }
        out
    }

    /// Every non-blank source line, trimmed: `front`, then the body, then `back`.
    pub fn source_lines(&self) -> Vec<String> {
        let mut out = self.meta.front.clone();
        out.extend(self.body_lines());
        out.extend(self.meta.back.iter().cloned());
        out
    }
}
