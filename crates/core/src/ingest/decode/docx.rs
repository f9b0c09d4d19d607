//! Word 2007+ (.docx) -> one line per paragraph. The package is a zip (`zip`) of XML parts
//! (`quick-xml`): the paragraphs of `word/document.xml` in order, table cells and text boxes
//! included, deleted revisions and field codes left out. Word's automatic list numbering
//! ("一、", "（一）", "1." generated from `word/numbering.xml`, directly or through a paragraph
//! style in `word/styles.xml`) is written out as if it had been typed, so a .docx reads exactly
//! like the same text saved as .txt.

use super::{Decoded, SAVE_AS};
use crate::ingest::numbering::cn_numeral;
use crate::ingest::IngestError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;

const DOCUMENT: &str = "word/document.xml";

/// The paragraphs of a .docx, with their numbering restored.
pub(super) fn paragraphs(bytes: &[u8], max_part: usize) -> Result<Decoded<'static>, IngestError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        IngestError::new(
            1,
            1,
            format!("文件是 zip 压缩包，但无法打开（{e}）。{SAVE_AS}"),
        )
    })?;
    let Some(document) = part(&mut zip, DOCUMENT, max_part)? else {
        return Err(IngestError::new(
            1,
            1,
            format!("这个压缩包不是 Word 文档（没有 {DOCUMENT}）。{SAVE_AS}"),
        ));
    };
    let styles = match part(&mut zip, "word/styles.xml", max_part)? {
        Some(xml) => styles(&xml)?,
        None => HashMap::new(),
    };
    let mut numbering = match part(&mut zip, "word/numbering.xml", max_part)? {
        Some(xml) => Numbering::read(&xml)?,
        None => Numbering::default(),
    };
    let lines = body(&document, &styles, &mut numbering)?;
    Ok(Decoded::paragraphs(lines, DOCUMENT))
}

/// A part of the package as text, no larger than `max` once inflated (a zip bomb stops there).
fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &'static str,
    max: usize,
) -> Result<Option<String>, IngestError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(IngestError::new(1, 1, format!("{name} 无法读取：{e}"))),
    };
    let mut bytes = Vec::new();
    let read = file.take(max as u64 + 1).read_to_end(&mut bytes);
    read.map_err(|e| IngestError::new(1, 1, format!("{name} 无法解压：{e}")))?;
    if bytes.len() > max {
        return Err(IngestError::new(
            1,
            1,
            format!("{name} 解压后超过 {max} 字节的上限"),
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| IngestError::new(1, 1, format!("{name} 不是 UTF-8 编码的 XML")))
}

/// An XML syntax error, placed in its part by line and column.
fn xml_error(name: &str, xml: &str, at: u64, e: impl std::fmt::Display) -> IngestError {
    let at = (at as usize).min(xml.len());
    let before = xml.get(..at).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    IngestError {
        part: Some(name.to_string()),
        ..IngestError::new(line, column, format!("XML 格式错误：{e}"))
    }
}

/// The value of attribute `w:name` (any prefix).
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref().as_bytes() == name)
        .map(|a| a.value.to_string())
}

fn local(e: &BytesStart<'_>) -> Vec<u8> {
    e.local_name().as_ref().as_bytes().to_vec()
}

/// Paragraph styles that carry numbering: style id -> (numId, ilvl), inherited through
/// `w:basedOn`.
fn styles(xml: &str) -> Result<HashMap<String, (String, usize)>, IngestError> {
    let mut reader = Reader::from_str(xml);
    let (mut own, mut based) = (HashMap::new(), HashMap::new());
    let mut id = None;
    let mut num: (Option<String>, usize) = (None, 0);
    loop {
        let ev = reader.read_event();
        let ev = ev.map_err(|e| xml_error("word/styles.xml", xml, reader.error_position(), e))?;
        match ev {
            Event::Start(e) | Event::Empty(e) => match local(&e).as_slice() {
                b"style" => {
                    id = attr(&e, b"styleId");
                    num = (None, 0);
                }
                b"basedOn" => {
                    if let (Some(i), Some(v)) = (&id, attr(&e, b"val")) {
                        based.insert(i.clone(), v);
                    }
                }
                b"numId" => num.0 = attr(&e, b"val"),
                b"ilvl" => num.1 = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref().as_bytes() == b"style" => {
                if let (Some(i), Some(n)) = (id.take(), num.0.take()) {
                    own.insert(i, (n, num.1));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Resolve inheritance (bounded: a cycle of basedOn stops after a few steps).
    let ids: Vec<String> = based.keys().cloned().collect();
    for s in ids {
        let mut cur = s.clone();
        for _ in 0..8 {
            if let Some(n) = own.get(&cur).cloned() {
                own.entry(s.clone()).or_insert(n);
                break;
            }
            match based.get(&cur) {
                Some(b) => cur = b.clone(),
                None => break,
            }
        }
    }
    Ok(own)
}

/// One level of a list: how its number is written.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The lists of `word/numbering.xml` and their counters as the document goes.
#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId -> levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// numId -> (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    /// numId -> the current count at each level.
    counters: HashMap<String, Vec<Option<u32>>>,
}

impl Numbering {
    fn read(xml: &str) -> Result<Numbering, IngestError> {
        let mut st = NumberingRead::default();
        let mut reader = Reader::from_str(xml);
        loop {
            let ev = reader.read_event();
            let ev =
                ev.map_err(|e| xml_error("word/numbering.xml", xml, reader.error_position(), e))?;
            match ev {
                Event::Start(e) | Event::Empty(e) => st.element(&e),
                Event::End(e) => st.end(e.local_name().as_ref().as_bytes()),
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(st.n)
    }

    /// The number text of the next paragraph of list `num_id` at level `ilvl`, counting it.
    fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        let level = levels.get(ilvl)?;
        let start = |k: usize| {
            overrides
                .get(&k)
                .copied()
                .unwrap_or_else(|| levels.get(k).map_or(1, |l| l.start.max(1)))
        };
        let counters = self.counters.entry(num_id.to_string()).or_default();
        counters.resize(counters.len().max(levels.len()), None);
        let n = counters[ilvl].map_or(start(ilvl), |c| c + 1);
        counters[ilvl] = Some(n);
        // A higher level restarts the levels below it.
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        if level.format == "bullet" || level.format == "none" {
            return Some(String::new());
        }
        let mut text = level.text.clone();
        for k in (0..=ilvl).rev() {
            let value = counters[k].unwrap_or(start(k));
            let format = levels.get(k).map_or("decimal", |l| l.format.as_str());
            text = text.replace(&format!("%{}", k + 1), &format_number(value, format));
        }
        Some(text)
    }
}

/// Where the reading of `word/numbering.xml` is: inside which abstract list or list instance,
/// and at which level.
#[derive(Default)]
struct NumberingRead {
    n: Numbering,
    abs: Option<String>,
    num: Option<String>,
    levels: Vec<Level>,
    level: usize,
}

impl NumberingRead {
    fn element(&mut self, e: &BytesStart<'_>) {
        let val = || attr(e, b"val");
        let ilvl = || {
            attr(e, b"ilvl")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0usize)
        };
        match local(e).as_slice() {
            b"abstractNum" => {
                self.abs = attr(e, b"abstractNumId");
                self.levels.clear();
            }
            // Levels beyond Word's nine are no list a document has.
            b"lvl" if self.num.is_none() => {
                self.level = ilvl().min(8);
                if self.levels.len() <= self.level {
                    self.levels.resize(self.level + 1, Level::default());
                }
            }
            b"start" | b"numFmt" | b"lvlText" if self.num.is_none() => {
                if let (Some(l), Some(v)) = (self.levels.get_mut(self.level), val()) {
                    match local(e).as_slice() {
                        b"start" => l.start = v.parse().unwrap_or(1),
                        b"numFmt" => l.format = v,
                        _ => l.text = v,
                    }
                }
            }
            b"num" => self.num = attr(e, b"numId"),
            b"abstractNumId" => {
                if let (Some(id), Some(v)) = (&self.num, val()) {
                    self.n.nums.insert(id.clone(), (v, HashMap::new()));
                }
            }
            b"lvlOverride" => self.level = ilvl(),
            b"startOverride" => {
                let start = val().and_then(|v| v.parse().ok()).unwrap_or(1);
                let list = self.num.as_ref().and_then(|id| self.n.nums.get_mut(id));
                if let Some((_, o)) = list {
                    o.insert(self.level, start);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"abstractNum" => {
                if let Some(id) = self.abs.take() {
                    let levels = std::mem::take(&mut self.levels);
                    self.n.abstracts.insert(id, levels);
                }
            }
            b"num" => self.num = None,
            _ => {}
        }
    }
}

/// A list number as Word writes it in `format`.
fn format_number(n: u32, format: &str) -> String {
    const HEAVENLY: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographDigital"
        | "japaneseCounting"
        | "taiwaneseCounting" => cn_numeral(n),
        "ideographTraditional" => HEAVENLY
            .get((n as usize).wrapping_sub(1))
            .map_or_else(|| n.to_string(), |c| c.to_string()),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => circled(n),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect(),
        "decimalZero" => format!("{n:02}"),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let c = (base + ((n.max(1) - 1) % 26) as u8) as char;
            c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        _ => n.to_string(),
    }
}

/// ① to ㊿ (Unicode's circled numbers), else the plain number.
fn circled(n: u32) -> String {
    let c = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32B1 + n - 36,
        _ => return n.to_string(),
    };
    char::from_u32(c).map_or_else(|| n.to_string(), |c| c.to_string())
}

/// The paragraph being read: its text, and its list membership once its properties are read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num: (Option<String>, usize),
    numbered: bool,
}

/// What the reader is inside of while it walks `word/document.xml`.
#[derive(Default)]
struct Walk {
    paras: Vec<Para>,
    in_text: bool,
    in_ppr: bool,
    skip: usize,
    out: Vec<(usize, String)>,
}

impl Walk {
    /// A character reference (`&#x4E00;`) or a predefined entity (`&amp;`) inside `<w:t>`.
    fn push_ref(&mut self, r: quick_xml::events::BytesRef<'_>) {
        let c = r.resolve_char_ref().ok().flatten();
        let name = r.into_inner();
        match c {
            Some(c) => self.push(c.encode_utf8(&mut [0; 4])),
            None => self.push(quick_xml::escape::resolve_predefined_entity(&name).unwrap_or("")),
        }
    }

    /// The paragraph's number, written once its properties end (before its first run).
    fn number(&mut self, styles: &HashMap<String, (String, usize)>, numbering: &mut Numbering) {
        let Some(p) = self.paras.last_mut().filter(|p| !p.numbered) else {
            return;
        };
        p.numbered = true;
        let from_style = || p.style.as_ref().and_then(|s| styles.get(s)).cloned();
        let (id, ilvl) = match &p.num.0 {
            Some(id) => (id.clone(), p.num.1),
            None => match from_style() {
                Some(n) => n,
                None => return,
            },
        };
        // numId 0 switches numbering off for a paragraph whose style has it.
        if id != "0" {
            if let Some(n) = numbering.next(&id, ilvl) {
                p.text.insert_str(0, &n);
            }
        }
    }

    /// Ends a paragraph: its lines (a soft break starts a new one) under its number.
    fn end_paragraph(&mut self) {
        if let Some(p) = self.paras.pop() {
            let no = self.out.last().map_or(0, |(n, _)| *n) + 1;
            for line in p.text.split('\n') {
                self.out.push((no, line.to_string()));
            }
        }
    }

    fn push(&mut self, s: &str) {
        if self.skip == 0 {
            if let Some(p) = self.paras.last_mut() {
                p.text.push_str(s);
            }
        }
    }
}

/// The paragraphs of `word/document.xml`, numbered from 1, one entry per line.
fn body(
    xml: &str,
    styles: &HashMap<String, (String, usize)>,
    numbering: &mut Numbering,
) -> Result<Vec<(usize, String)>, IngestError> {
    let mut reader = Reader::from_str(xml);
    let mut w = Walk::default();
    loop {
        let ev = reader.read_event();
        let ev = ev.map_err(|e| xml_error(DOCUMENT, xml, reader.error_position(), e))?;
        match ev {
            Event::Start(e) => match local(&e).as_slice() {
                b"p" => w.paras.push(Para::default()),
                b"pPr" => w.in_ppr = true,
                b"t" => w.in_text = true,
                // Deleted revisions and field codes are not text of the document.
                b"del" | b"instrText" | b"delText" | b"Fallback" => w.skip += 1,
                b"r" | b"hyperlink" | b"ins" | b"smartTag" if !w.in_ppr => {
                    w.number(styles, numbering)
                }
                name => prop(&mut w, name, &e),
            },
            Event::Empty(e) => match local(&e).as_slice() {
                b"p" => {
                    w.paras.push(Para::default());
                    w.end_paragraph();
                }
                b"tab" if !w.in_ppr => w.push("\t"),
                b"br" | b"cr" if !w.in_ppr => w.push("\n"),
                b"noBreakHyphen" => w.push("-"),
                name => prop(&mut w, name, &e),
            },
            Event::End(e) => match e.local_name().as_ref().as_bytes() {
                b"p" => {
                    w.number(styles, numbering);
                    w.end_paragraph();
                }
                b"pPr" => w.in_ppr = false,
                b"t" => w.in_text = false,
                b"del" | b"instrText" | b"delText" | b"Fallback" => {
                    w.skip = w.skip.saturating_sub(1)
                }
                _ => {}
            },
            Event::Text(t) if w.in_text => w.push(&t.xml10_content()),
            Event::CData(t) if w.in_text => w.push(&t.into_inner()),
            Event::GeneralRef(r) if w.in_text => w.push_ref(r),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(w.out)
}

/// A paragraph property: its style and its list.
fn prop(w: &mut Walk, name: &[u8], e: &BytesStart<'_>) {
    if !w.in_ppr {
        return;
    }
    let Some(p) = w.paras.last_mut() else { return };
    match name {
        b"pStyle" => p.style = attr(e, b"val"),
        b"numId" => p.num.0 = attr(e, b"val"),
        b"ilvl" => p.num.1 = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(format_number(11, "chineseCounting"), "十一");
        assert_eq!(format_number(101, "chineseCountingThousand"), "一百零一");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(7, "decimal"), "7");
    }
}
