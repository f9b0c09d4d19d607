//! Body lines -> the block tree. A line's number marker decides its kind ("一、" chapter,
//! "（一）" section, "1." item, "（1）"/"①" sub-item, none: paragraph); a short first sentence
//! after the marker is its heading; "一是……二是……" inside its prose become `point` children.
//! A closing glossary ("有关名词解释") is its own part with one `term` per entry, and the
//! closing lines (特此报告。, the signer, the date) are `signature` blocks.

use super::dates::date_line;
use super::numbering::{cn_numeral, marker};
use super::{glossary, Ctx, IngestError, Line};
use crate::model::{Block, Kind, Meta};
use std::collections::HashMap;
use std::ops::Range;

/// A heading is a short first sentence; longer ones are prose that happens to start the line.
const MAX_TITLE_CHARS: usize = 40;

/// Builds the tree from the body lines (heading excluded, closing lines included).
pub(super) fn build(
    body: &[Line<'_>],
    meta: &Meta,
    ctx: &mut Ctx,
) -> Result<Vec<Block>, IngestError> {
    let first_numbered = body.iter().position(|l| marker(l.text).is_some());
    let Some(first_numbered) = first_numbered else {
        let (no, col, text) = body.first().map_or((1, 1, ""), |l| (l.no, l.col, l.text));
        return Err(IngestError::new(
            no,
            col,
            format!(
                "没有找到以“一、”“二、”……编号的章节；正文开头是“{}”",
                text.chars().take(30).collect::<String>()
            ),
        ));
    };
    let glossary_at = glossary::heading_index(body, first_numbered);
    let closing = closing_lines(body, first_numbered, glossary_at, meta.issuer.as_deref());
    let mut top: Vec<Block> = Vec::new();
    let mut count = 0;
    for (idx, l) in body.iter().enumerate() {
        let kind = if closing.contains(&idx) {
            Kind::Signature
        } else if Some(idx) == glossary_at {
            Kind::Glossary
        } else {
            let k = marker(l.text).map_or(Kind::Paragraph, |m| m.kind);
            match k {
                _ if glossary_at.is_some_and(|g| idx > g) && k != Kind::Paragraph => Kind::Term,
                k => k,
            }
        };
        let block = block(l, kind);
        count += 1 + block.children.len();
        if count > ctx.limits.max_blocks {
            return Err(IngestError::new(
                l.no,
                l.col,
                format!(
                    "正文超过 {} 个段落和条目的上限：一份报告通常只有几百个，请确认选的是报告原文",
                    ctx.limits.max_blocks
                ),
            ));
        }
        place(&mut top, block);
    }
    if !top.iter().any(|b| b.kind == Kind::Chapter) {
        let l = &body[first_numbered];
        ctx.warn(
            l.no,
            l.col,
            "没有以“一、”“二、”……编号的章节：报告没有目录，各部分按原文的编号排列",
        );
    }
    assign_ids(&mut top, "");
    let columns: HashMap<usize, usize> = body.iter().map(|l| (l.no, l.col)).collect();
    check_numbering(&top, &columns, ctx);
    Ok(top)
}

/// Where a block of `kind` goes: the deepest open block it may belong to.
fn place(top: &mut Vec<Block>, block: Block) {
    use Kind::*;
    let parents: &[Kind] = match block.kind {
        Chapter | Glossary | Signature => &[],
        Section => &[Chapter],
        Item => &[Section, Chapter],
        SubItem => &[Item, Section, Chapter],
        Term => &[Glossary],
        Paragraph | Point => &[Term, Glossary, SubItem, Item, Section, Chapter],
    };
    if parents.is_empty() {
        top.push(block);
    } else {
        attach(top, block, parents);
    }
}

/// One line as a block: its marker, heading and text, and its inline points.
fn block(l: &Line<'_>, kind: Kind) -> Block {
    let num_len = match kind {
        Kind::Signature | Kind::Paragraph => 0,
        _ => marker(l.text).map_or(0, |m| m.len),
    };
    let rest = &l.text[num_len..];
    let (title, text) = match kind {
        Kind::Chapter | Kind::Section => split_heading(rest),
        Kind::Item | Kind::SubItem => split_title(rest, false),
        Kind::Glossary => (Some(rest), ""),
        Kind::Term => glossary::split_term(rest),
        _ => (None, rest),
    };
    let mut block = Block {
        id: String::new(),
        kind,
        number: (num_len > 0).then(|| l.text[..num_len].to_string()),
        title: title.map(String::from),
        text: text.to_string(),
        line: l.no,
        children: Vec::new(),
    };
    if !matches!(kind, Kind::Signature | Kind::Glossary) {
        split_points(&mut block);
    }
    block
}

/// The closing lines at the end of the body or, when a glossary follows them, before it:
/// "特此报告。" / "专此报告。", the signer(s) and the signing date, as body indices.
fn closing_lines(
    body: &[Line<'_>],
    first_numbered: usize,
    glossary_at: Option<usize>,
    issuer: Option<&str>,
) -> Range<usize> {
    let g = glossary_at.unwrap_or(body.len());
    let after = closing_start(&body[g..], issuer).map(|s| g + s..body.len());
    let before = || closing_start(&body[..g], issuer).map(|s| s..g);
    after
        .or_else(before)
        .filter(|r| r.start > first_numbered)
        .unwrap_or(0..0)
}

/// Where the closing lines at the end of `lines` start: a date, the signers above it, and a
/// closing formula above them. Signers alone close nothing: a short last line is prose.
fn closing_start(lines: &[Line<'_>], issuer: Option<&str>) -> Option<usize> {
    let mut i = lines.len();
    let mut found = false;
    if i > 0 && date_line(lines[i - 1].text).is_some() {
        i -= 1;
        found = true;
    }
    let mut signers = 0;
    while i > 0 && signers < 3 && is_signer(lines[i - 1].text, issuer) {
        i -= 1;
        signers += 1;
    }
    if i > 0 && is_closing_formula(lines[i - 1].text) {
        i -= 1;
        found = true;
    }
    found.then_some(i)
}

/// "特此报告。", "专此报告。", "以上报告，请审议。" and their like.
fn is_closing_formula(s: &str) -> bool {
    let s = s.trim_end_matches(['。', '.', '！']);
    matches!(
        s,
        "特此报告"
            | "专此报告"
            | "此报告"
            | "特此报告如上"
            | "以上报告，请审议"
            | "以上报告,请审议"
    )
}

/// Bodies that sign reports: the name of an office ends with one of these.
const SIGNER_ENDS: &[&str] = &[
    "政府",
    "委员会",
    "办公室",
    "领导小组",
    "小组",
    "中心",
    "局",
    "委",
    "办",
    "厅",
    "部",
    "院",
    "署",
    "司法所",
    "所",
    "站",
    "队",
    "处",
    "室",
    "会",
];

/// A signer's line: a short unnumbered name of an office, or the issuer as the title names it.
fn is_signer(s: &str, issuer: Option<&str>) -> bool {
    if issuer == Some(s) {
        return true;
    }
    s.chars().count() <= 40
        && !s.contains(['。', '，', '；', '：', ':', ',', ';', '！', '？'])
        && marker(s).is_none()
        && SIGNER_ENDS.iter().any(|e| s.ends_with(e))
}

/// Splits a heading sentence off the front of `rest` when it is short enough to be one.
/// `whole_if_short`: a line with no sentence end (e.g. "工作总体开展情况") is all heading.
fn split_title(rest: &str, whole_if_short: bool) -> (Option<&str>, &str) {
    for (count, (i, c)) in rest.char_indices().enumerate() {
        if count >= MAX_TITLE_CHARS {
            break;
        }
        if matches!(c, '。' | '！' | '？') {
            let end = i + c.len_utf8();
            return (Some(&rest[..end]), &rest[end..]);
        }
    }
    if whole_if_short && rest.chars().count() <= MAX_TITLE_CHARS && !rest.is_empty() {
        return (Some(rest), "");
    }
    (None, rest)
}

/// A chapter's or section's heading. Besides a first sentence, the heading may run into its
/// body on the same line without a "。": separated by spaces ("加强组织领导　县政府…"), by a
/// colon, or by the year that starts the body ("坚持党的领导2021年，区委…").
fn split_heading(rest: &str) -> (Option<&str>, &str) {
    if let Some(at) = space_break(rest) {
        return (Some(&rest[..at]), &rest[at..]);
    }
    match split_title(rest, true) {
        (None, _) => match colon_break(rest).or_else(|| year_break(rest)) {
            Some(at) => (Some(&rest[..at]), &rest[at..]),
            None => (None, rest),
        },
        split => split,
    }
}

/// After a run of spaces inside the first [`MAX_TITLE_CHARS`] chars, when the words before it
/// are a phrase (no clause punctuation) of at least two chars.
fn space_break(rest: &str) -> Option<usize> {
    let (i, _) = rest
        .char_indices()
        .take(MAX_TITLE_CHARS)
        .find(|&(_, c)| c.is_whitespace())?;
    let head = &rest[..i];
    let end = i + rest[i..]
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(rest.len() - i, |(k, _)| k);
    let phrase = head.chars().count() >= 2 && !head.contains(CLAUSE_MARKS);
    // What follows is prose, not the rest of a heading with a space in it ("工作 总体情况").
    let prose = rest[end..].contains(['。', '，', '；']);
    (phrase && prose).then_some(end)
}

const CLAUSE_MARKS: &[char] = &['，', ',', '；', ';', '。', '：', ':'];

/// After the first colon inside the first [`MAX_TITLE_CHARS`] chars, when the words before it
/// are a phrase.
fn colon_break(rest: &str) -> Option<usize> {
    let (i, c) = rest
        .char_indices()
        .take(MAX_TITLE_CHARS)
        .find(|&(_, c)| matches!(c, '：' | ':'))?;
    let head = &rest[..i];
    (head.chars().count() >= 2 && !head.contains(['，', ',', '；', ';']))
        .then_some(i + c.len_utf8())
}

/// Before a year that starts the body ("2021年，" / "2021年以来"), when at least four chars of
/// heading without punctuation come before it.
fn year_break(rest: &str) -> Option<usize> {
    let cs: Vec<(usize, char)> = rest.char_indices().take(MAX_TITLE_CHARS + 8).collect();
    (4..cs.len().min(MAX_TITLE_CHARS)).find_map(|k| {
        let year = cs.get(k..k + 5)?;
        let starts = year[..4].iter().all(|(_, c)| c.is_ascii_digit()) && year[4].1 == '年';
        let after: String = cs[k + 5..].iter().take(2).map(|&(_, c)| c).collect();
        let head = &rest[..cs[k].0];
        let phrase = !head.contains(CLAUSE_MARKS) && !cs[k - 1].1.is_ascii_digit();
        (starts && phrase && (after.starts_with(['，', ',']) || after == "以来")).then_some(cs[k].0)
    })
}

/// Appends `block` under the last open block whose kind is one of `parents` (searched from the
/// deepest), or at the top level when there is none. "Open" means: the last child chain.
fn attach(top: &mut Vec<Block>, block: Block, parents: &[Kind]) {
    // Depth of the deepest acceptable parent along the last-child chain.
    let mut depth = None;
    {
        let mut cur: &[Block] = top;
        let mut d = 0;
        while let Some(b) = cur.last() {
            if b.kind == Kind::Signature {
                break;
            }
            if parents.contains(&b.kind) {
                depth = Some(d);
            }
            cur = &b.children;
            d += 1;
            // Skip trailing points: they are inline, never containers.
            if cur.last().is_some_and(|c| c.kind == Kind::Point) {
                break;
            }
        }
    }
    match depth {
        // Paragraphs after points stay after them in the text; children order is document order.
        Some(depth) => push_under_last(top, depth, block),
        None => top.push(block),
    }
}

/// Pushes `block` into the children of the block `depth` levels down the last-child chain.
/// Recursive rather than a loop of `last_mut().expect(..)`, so a chain shorter than `depth`
/// (which `attach` never asks for) appends where the chain ends instead of panicking.
fn push_under_last(blocks: &mut Vec<Block>, depth: usize, block: Block) {
    match blocks.last_mut() {
        Some(last) if depth > 0 => push_under_last(&mut last.children, depth - 1, block),
        Some(last) => last.children.push(block),
        None => blocks.push(block),
    }
}

/// Ids from position: chapters c1.., then per parent s (section), i (item), j (sub-item),
/// p (paragraph), e (point); the glossary g1 with its terms g1t1..; signature lines sign1...
fn assign_ids(blocks: &mut [Block], parent: &str) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for b in blocks {
        let letter = match b.kind {
            Kind::Chapter => "c",
            Kind::Section => "s",
            Kind::Item => "i",
            Kind::SubItem => "j",
            Kind::Paragraph => "p",
            Kind::Point => "e",
            Kind::Glossary => "g",
            Kind::Term => "t",
            Kind::Signature => "sign",
        };
        let n = counts.entry(letter).or_default();
        *n += 1;
        b.id = format!("{parent}{letter}{n}");
        let id = b.id.clone();
        assign_ids(&mut b.children, &id);
    }
}

/// Numbering that skips ("一、" then "三、") or starts again ("3." then "1.") under one parent is
/// worth a look: a line may have lost its marker, or a marker was typed wrong.
fn check_numbering(blocks: &[Block], columns: &HashMap<usize, usize>, ctx: &mut Ctx) {
    let mut last: HashMap<Kind, (u32, &str)> = HashMap::new();
    for b in blocks {
        let numbered = matches!(
            b.kind,
            Kind::Chapter | Kind::Section | Kind::Item | Kind::SubItem | Kind::Term
        );
        let value = b.number.as_deref().and_then(marker).map(|m| m.value);
        if let (true, Some(v), Some(n)) = (numbered, value, b.number.as_deref()) {
            let col = columns.get(&b.line).copied().unwrap_or(1);
            let message = match last.get(&b.kind) {
                Some(&(p, prev)) if v == p => {
                    Some(format!("编号重复：“{n}”与前一个同级编号“{prev}”相同"))
                }
                Some(&(_, prev)) if v == 1 => {
                    Some(format!("编号重新从“{n}”开始，前一个同级编号是“{prev}”"))
                }
                Some(&(p, prev)) if v != p + 1 => {
                    Some(format!("编号不连续：“{n}”的前一个同级编号是“{prev}”"))
                }
                None if v != 1 => Some(format!("编号从“{n}”开始，前面没有同级的第一个编号")),
                _ => None,
            };
            if let Some(m) = message {
                ctx.warn(b.line, col, m);
            }
            last.insert(b.kind, (v, n));
        }
        check_numbering(&b.children, columns, ctx);
    }
}

/// Moves an inline enumeration "一是……二是……" out of `block.text` into `point` children.
/// Needs at least "一是" and "二是" in order, each at the start of a clause.
fn split_points(block: &mut Block) {
    let text = &block.text;
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (byte offset, marker length)
    let mut search_from = 0;
    for n in 1.. {
        let m = format!("{}是", cn_numeral(n));
        let found = text[search_from..]
            .match_indices(&m)
            .map(|(i, _)| search_from + i)
            .find(|&i| clause_start(text, i) && !follows_numeral(text, i));
        match found {
            Some(i) => {
                starts.push((i, m.len()));
                search_from = i + m.len();
            }
            None => break,
        }
    }
    if starts.len() < 2 {
        return;
    }
    let mut points = Vec::new();
    for (k, &(at, mlen)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |&(n, _)| n);
        let (title, body) = split_title(&text[at + mlen..end], false);
        points.push(Block {
            id: String::new(),
            kind: Kind::Point,
            number: Some(text[at..at + mlen].to_string()),
            title: title.map(String::from),
            text: body.to_string(),
            line: block.line,
            children: Vec::new(),
        });
    }
    block.text.truncate(starts[0].0);
    block.children.extend(points);
}

/// "十一是" must not be read as "一是" after a "十".
fn follows_numeral(s: &str, i: usize) -> bool {
    s[..i]
        .chars()
        .next_back()
        .is_some_and(|c| "零一二三四五六七八九十百".contains(c))
}

/// True when byte offset `i` of `s` starts a clause: the start, or after punctuation.
fn clause_start(s: &str, i: usize) -> bool {
    s[..i].chars().next_back().is_none_or(|c| {
        matches!(
            c,
            '。' | '；'
                | ';'
                | '，'
                | ','
                | '：'
                | ':'
                | '！'
                | '？'
                | '”'
                | '」'
                | ' '
                | '\u{3000}'
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_split() {
        assert_eq!(
            split_title("切实加强组织领导。一年来", false),
            (Some("切实加强组织领导。"), "一年来")
        );
        assert_eq!(
            split_title("工作总体开展情况", true),
            (Some("工作总体开展情况"), "")
        );
        assert_eq!(
            split_title("工作总体开展情况", false),
            (None, "工作总体开展情况")
        );
    }

    #[test]
    fn headings_running_into_their_body() {
        let long = "县政府召开常务会议专题研究法治政府建设工作，听取各部门工作汇报，部署全年重点任务，确保各项工作落到实处。";
        let with = |sep: &str| format!("加强组织领导{sep}{long}");
        let s = with("\u{3000}");
        assert_eq!(split_heading(&s), (Some("加强组织领导\u{3000}"), long));
        let s = with("  ");
        assert_eq!(split_heading(&s), (Some("加强组织领导  "), long));
        let s = with("：");
        assert_eq!(split_heading(&s), (Some("加强组织领导："), long));
        let s = format!("坚持党的领导2021年，{long}");
        assert_eq!(
            split_heading(&s),
            (Some("坚持党的领导"), &s["坚持党的领导".len()..])
        );
        // A heading that is a whole sentence keeps its "。"; prose with commas is no heading.
        assert_eq!(
            split_heading("加强组织领导。召开会议3次。"),
            (Some("加强组织领导。"), "召开会议3次。")
        );
        assert_eq!(split_heading(long).0, None);
        assert_eq!(
            split_heading("2021年工作情况"),
            (Some("2021年工作情况"), "")
        );
    }

    #[test]
    fn closing_lines_and_signers() {
        assert!(is_closing_formula("特此报告。"));
        assert!(is_closing_formula("专此报告"));
        assert!(!is_closing_formula("特此报告如下："));
        assert!(is_signer("某县人民政府", None));
        assert!(is_signer("中共某县委员会 某县人民政府", None));
        assert!(is_signer("某某", Some("某某")));
        assert!(!is_signer("继续努力", None));
        assert!(!is_signer("一、工作委员会", None));
    }

    #[test]
    fn points_need_two_in_order() {
        let mut b = Block {
            id: String::new(),
            kind: Kind::Item,
            number: None,
            title: None,
            text: "前言。一是甲。乙。二是丙，统一是丁。".into(),
            line: 1,
            children: vec![],
        };
        split_points(&mut b);
        assert_eq!(b.text, "前言。");
        assert_eq!(b.children.len(), 2);
        assert_eq!(b.children[0].own_source(), "一是甲。乙。");
        assert_eq!(b.children[1].own_source(), "二是丙，统一是丁。");
        let mut lone = Block {
            text: "一是甲。".into(),
            children: vec![],
            ..b.clone()
        };
        split_points(&mut lone);
        assert!(lone.children.is_empty());
    }

    #[test]
    fn points_past_ten() {
        let text: String = (1..=12)
            .map(|n| format!("{}是第{n}项。", cn_numeral(n)))
            .collect();
        let mut b = Block {
            id: String::new(),
            kind: Kind::Paragraph,
            number: None,
            title: None,
            text,
            line: 1,
            children: vec![],
        };
        split_points(&mut b);
        let numbers: Vec<&str> = b
            .children
            .iter()
            .filter_map(|c| c.number.as_deref())
            .collect();
        assert_eq!(numbers.len(), 12);
        assert_eq!(numbers[10..], ["十一是", "十二是"]);
    }
}
