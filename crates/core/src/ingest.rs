//! Official report text -> [`Report`]. Pure Rust with no I/O, so the same code runs in the
//! converter binary and in the browser (a reader can drop in a raw `.txt`).
//!
//! The parser works line by line: the portal lines before the body become
//! [`Meta`](crate::model::Meta), numbered lines open chapters/sections/items, "一是……二是……"
//! inside a block become `point` children, and the signing date closes the body. Every string
//! is sliced from the source, never rebuilt, so the text round-trips (see [`crate::model`]).

mod facts;
mod front;
mod indicators;
mod structure;

pub use indicators::attach_indicators;

use crate::model::{Report, FORMAT};
use std::fmt;

/// What went wrong and where: a 1-based line and column (in characters) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// 1-based line of the source.
    pub line: usize,
    /// 1-based column (in characters) of the source line.
    pub column: usize,
    /// What was found and what was expected instead.
    pub message: String,
}

impl IngestError {
    pub(crate) fn new(line: usize, column: usize, message: impl Into<String>) -> Self {
        IngestError {
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for IngestError {}

/// One non-blank source line, trimmed, with its 1-based line number.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub no: usize,
    pub text: &'a str,
}

/// The whitespace the converter removes around lines: ASCII and Unicode spaces (U+3000, U+00A0
/// are `char::is_whitespace`) and a byte-order mark.
pub fn is_trim_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Converts raw bytes, refusing what is not a UTF-8 text with a message that says where.
pub fn parse_bytes(bytes: &[u8]) -> Result<Report, IngestError> {
    let text = decode(bytes)?;
    parse(text)
}

/// Checks that bytes are UTF-8 text, pointing at the first offending byte otherwise.
pub fn decode(bytes: &[u8]) -> Result<&str, IngestError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // Safe by construction: `valid_up_to` marks a UTF-8 prefix.
            let prefix = std::str::from_utf8(good).unwrap_or("");
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let byte = bytes[e.valid_up_to()];
            let hint = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
                // Windows tools save "Unicode" as UTF-16; without this it would pass for GBK.
                "the file is UTF-16: convert it to UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`)"
            } else if bytes.contains(&0) {
                "this looks like binary data, not a report text"
            } else {
                "the file may be in GBK/GB18030: convert it to UTF-8 (e.g. `iconv -f GB18030 -t UTF-8`)"
            };
            Err(IngestError::new(
                line,
                column,
                format!("expected UTF-8 text, found byte 0x{byte:02X}; {hint}"),
            ))
        }
    }
}

/// Parses a report text into the model.
pub fn parse(text: &str) -> Result<Report, IngestError> {
    let lines = lines(text)?;
    if lines.is_empty() {
        return Err(IngestError::new(
            1,
            1,
            "the file is empty: expected a report text with a title and chapters (一、…)",
        ));
    }
    let (meta, body) = front::split(&lines)?;
    let blocks = structure::build(body, &meta)?;
    let mut report = Report {
        format: FORMAT.to_string(),
        meta,
        blocks,
        facts: Vec::new(),
        checks: Vec::new(),
        cards: Vec::new(),
        charts: Vec::new(),
    };
    report.facts = facts::extract(&report);
    report.checks = facts::cross_check(&report);
    Ok(report)
}

/// Splits into trimmed, non-blank lines, refusing control characters that no text contains.
fn lines(text: &str) -> Result<Vec<Line<'_>>, IngestError> {
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let no = i + 1;
        if let Some((col, c)) = raw
            .chars()
            .enumerate()
            .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\r'))
        {
            return Err(IngestError::new(
                no,
                col + 1,
                format!(
                    "expected text, found control character U+{:04X}: this looks like binary data",
                    c as u32
                ),
            ));
        }
        let t = raw.trim_matches(is_trim_char);
        if !t.is_empty() {
            out.push(Line { no, text: t });
        }
    }
    Ok(out)
}
