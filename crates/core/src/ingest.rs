//! What an office hands over -> [`Report`]. Pure Rust with no I/O, so the same code runs in the
//! converter binary and in the browser's worker.
//!
//! [`convert`] is the one entry point: it checks the size, decodes the file (see [`decode`] for
//! the formats), then reads the text line by line: the portal lines before the body become
//! [`Meta`](crate::model::Meta), numbered lines open chapters/sections/items, "一是……二是……"
//! inside a block become `point` children, and the closing lines end the body. Every string is
//! sliced from the decoded text, never rebuilt, so the text round-trips (see [`crate::model`]).
//! What the converter had to guess or could not follow is a [`Warning`], not an error: a report
//! is refused only when its body cannot be read at all.

mod dates;
mod decode;
mod facts;
mod front;
mod glossary;
mod indicators;
mod numbering;
mod structure;

pub use indicators::{attach_indicators, CardEntry, LabelledCard, Mode, Sidecar};

use crate::model::{Kind, Report, FORMAT};
// Re-exported: the reader and the worker trim what a user opens with the converter's rule.
pub use crate::sentence::is_trim_char;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One file to convert, as the CLI or the browser has it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Source<'a> {
    /// The file's bytes, in any of the formats [`decode`] reads.
    pub bytes: &'a [u8],
    /// The file's name ("某区人民政府关于2021年度法治政府建设情况的报告.txt"): picks the decoder by
    /// its extension and gives the title when the text has none.
    pub file_name: Option<&'a str>,
    /// A title chosen by the user (the CLI's `--title`), used when the text has none.
    pub title: Option<&'a str>,
}

/// How much the converter accepts. The defaults are far above any real report (the bundled one is
/// 16 KB of text, 60 lines, 71 figures), so they only stop a wrong file before it costs the
/// browser its memory; the CLI lets each be raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Size of the file as given, checked before anything is decoded.
    pub max_bytes: usize,
    /// Lines of the decoded text (paragraphs of a .docx or web page).
    pub max_lines: usize,
    /// Blocks of the body: chapters, sections, items, paragraphs, points.
    pub max_blocks: usize,
    /// Figures found in the body.
    pub max_facts: usize,
}

impl Limits {
    /// 8 MiB: a .docx with a scanned seal fits, and so do 500 reports' worth of plain text.
    pub const MAX_BYTES: usize = 8 * 1024 * 1024;
    pub const MAX_LINES: usize = 20_000;
    pub const MAX_BLOCKS: usize = 20_000;
    pub const MAX_FACTS: usize = 20_000;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: Self::MAX_BYTES,
            max_lines: Self::MAX_LINES,
            max_blocks: Self::MAX_BLOCKS,
            max_facts: Self::MAX_FACTS,
        }
    }
}

/// Something the converter did not find where a report usually has it, or had to guess; the
/// report is still made. Messages are in Chinese: the reader shows them as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based line of the decoded text (the paragraph, for a .docx or a web page).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What was found and what it means for the report.
    pub message: String,
    /// For a .docx or web page: the part of the file the paragraph is in (see [`IngestError`]).
    #[serde(default)]
    pub part: Option<String>,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let paragraph = self.part.is_some().then_some(self.line);
        let place = place(self.line, self.column, self.part.as_deref(), paragraph);
        write!(f, "{place}：{}", self.message)
    }
}

/// How many warnings the reader and the CLI list; the rest are counted. A wrong file can give
/// hundreds (516 for an 8 MB text), which would bury the first, most telling ones.
pub const SHOWN_WARNINGS: usize = 20;

/// The warnings as a person reads them ("第 3 行第 1 列：…"): the first `shown`, then
/// "另有 N 条警告" for the rest, if any.
pub fn warning_lines(warnings: &[Warning], shown: usize) -> Vec<String> {
    let mut out: Vec<String> = warnings
        .iter()
        .take(shown)
        .map(Warning::to_string)
        .collect();
    if warnings.len() > shown {
        out.push(format!("另有 {} 条警告", warnings.len() - shown));
    }
    out
}

/// A converted report and what the converter has to say about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Converted {
    pub report: Report,
    pub warnings: Vec<Warning>,
}

/// What went wrong and where: a 1-based line and column (in characters) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestError {
    /// 1-based line of the decoded text, or of the XML/HTML source when `paragraph` is `None`
    /// and `part` is set.
    pub line: usize,
    /// 1-based column (in characters) of that line.
    pub column: usize,
    /// What was found and what was expected instead, in Chinese.
    pub message: String,
    /// For a .docx or a saved web page: the part of the file the place is in
    /// ("word/document.xml", "网页正文"); `None` for a plain text.
    #[serde(default)]
    pub part: Option<String>,
    /// For a .docx or a saved web page: the 1-based paragraph of `part` (then equal to `line`).
    #[serde(default)]
    pub paragraph: Option<usize>,
}

impl IngestError {
    pub(crate) fn new(line: usize, column: usize, message: impl Into<String>) -> Self {
        IngestError {
            line,
            column,
            message: message.into(),
            part: None,
            paragraph: None,
        }
    }

    /// The same error placed in a part of a .docx or web page, whose paragraphs were its lines.
    fn in_paragraphs_of(mut self, part: &str) -> Self {
        self.part = Some(part.to_string());
        self.paragraph = Some(self.line);
        self
    }
}

/// "第 3 行第 5 列", "word/document.xml 第 3 段第 5 字", "word/document.xml 第 3 行第 5 列".
fn place(line: usize, column: usize, part: Option<&str>, paragraph: Option<usize>) -> String {
    match (part, paragraph) {
        (Some(part), Some(p)) => format!("{part} 第 {p} 段第 {column} 字"),
        (Some(part), None) => format!("{part} 第 {line} 行第 {column} 列"),
        (None, _) => format!("第 {line} 行第 {column} 列"),
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = place(self.line, self.column, self.part.as_deref(), self.paragraph);
        write!(f, "{place}：{}", self.message)
    }
}

impl std::error::Error for IngestError {}

/// One non-blank source line, trimmed, with its 1-based line number and the 1-based column
/// (in chars) where the trimmed text starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub no: usize,
    pub col: usize,
    pub text: &'a str,
}

/// Converts a file into a report, with the warnings met on the way.
pub fn convert(src: &Source<'_>, limits: &Limits) -> Result<Converted, IngestError> {
    if src.bytes.len() > limits.max_bytes {
        return Err(IngestError::new(
            1,
            1,
            format!(
                "文件有 {} 字节，超过了 {} 字节（{}）的上限。一份报告的原文通常不足 200 KB，请确认选的是报告原文",
                src.bytes.len(),
                limits.max_bytes,
                human_size(limits.max_bytes)
            ),
        ));
    }
    let decoded = decode::decode(src.bytes, src.file_name, limits.max_bytes)?;
    let mut ctx = Ctx {
        limits: *limits,
        warnings: Vec::new(),
    };
    let given = front::Given {
        title: src.title,
        file_name: src.file_name,
    };
    let report = read(&decoded.text, given, &mut ctx).map(|mut r| {
        r.meta.article_url = decoded.url.clone();
        r
    });
    let mut warnings = ctx.warnings;
    match decoded.part {
        None => report.map(|report| Converted { report, warnings }),
        Some(part) => {
            for w in &mut warnings {
                w.line = decoded.paragraph(w.line);
                w.part = Some(part.to_string());
            }
            report
                .map(|report| Converted { report, warnings })
                .map_err(|mut e| {
                    e.line = decoded.paragraph(e.line);
                    e.in_paragraphs_of(part)
                })
        }
    }
}

/// The report JSON as the converter writes it (pretty, with a final newline): the CLI's output
/// and the desk's download, byte for byte.
pub fn to_json(report: &Report) -> String {
    let mut json = serde_json::to_string_pretty(report).unwrap_or_default();
    json.push('\n');
    json
}

/// "8 MB", "512 KB": a limit as a person reads it.
fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Parses a report text into the model with the default limits, dropping the warnings: for tests
/// and tools that start from a `&str`.
pub fn parse(text: &str) -> Result<Report, IngestError> {
    read(
        text,
        front::Given::default(),
        &mut Ctx {
            limits: Limits::default(),
            warnings: Vec::new(),
        },
    )
}

/// What every stage of the reading can reach: the limits, and the warnings so far.
pub(crate) struct Ctx {
    pub limits: Limits,
    pub warnings: Vec<Warning>,
}

impl Ctx {
    pub(crate) fn warn(&mut self, line: usize, column: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            line,
            column,
            message: message.into(),
            part: None,
        });
    }
}

/// The decoded text -> the model.
fn read(text: &str, given: front::Given<'_>, ctx: &mut Ctx) -> Result<Report, IngestError> {
    let lines = lines(text, ctx.limits.max_lines)?;
    if lines.is_empty() {
        return Err(IngestError::new(
            1,
            1,
            "文件是空的：应为一份有标题和章节（一、……）的报告原文",
        ));
    }
    let (mut meta, body) = front::split(&lines);
    front::settle_title(&mut meta, given, body, ctx);
    let blocks = structure::build(body, &meta, ctx)?;
    meta.signed = blocks
        .iter()
        .filter(|b| b.kind == Kind::Signature)
        .find_map(|b| dates::date_line(&b.text));
    let mut report = Report {
        format: FORMAT.to_string(),
        meta,
        blocks,
        facts: Vec::new(),
        checks: Vec::new(),
        cards: Vec::new(),
        card_labels: Vec::new(),
        charts: Vec::new(),
        terms: Vec::new(),
        lookup: Default::default(),
    };
    report.facts = facts::extract(&report, ctx.limits.max_facts)?;
    report.checks = facts::cross_check(&report);
    report.terms = glossary::terms(&report);
    // Charts and cards for every report; a sidecar replaces or amends them (attach_indicators).
    crate::propose::apply(&mut report);
    Ok(report)
}

/// Splits into trimmed, non-blank lines, refusing control characters that no text contains and
/// more lines than `max_lines`.
fn lines(text: &str, max_lines: usize) -> Result<Vec<Line<'_>>, IngestError> {
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let no = i + 1;
        if no > max_lines {
            return Err(IngestError::new(
                no,
                1,
                format!("文本超过 {max_lines} 行的上限：一份报告的原文通常只有几百行，请确认选的是报告原文"),
            ));
        }
        if let Some((col, c)) = raw
            .chars()
            .enumerate()
            .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\r'))
        {
            return Err(IngestError::new(
                no,
                col + 1,
                format!(
                    "出现控制字符 U+{:04X}：这看起来是二进制数据，不是报告的文本",
                    c as u32
                ),
            ));
        }
        let t = raw.trim_matches(is_trim_char);
        if !t.is_empty() {
            let col = raw.chars().take_while(|&c| is_trim_char(c)).count() + 1;
            out.push(Line { no, col, text: t });
        }
    }
    Ok(out)
}
