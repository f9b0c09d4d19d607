//! Body lines -> the block tree. A line's number marker decides its kind ("一、" chapter,
//! "(一)" section, "1." item, none: paragraph); a short first sentence after the marker is its
//! heading; "一是……二是……" inside its prose become `point` children.

use super::{front::date_line, Ctx, IngestError, Line};
use crate::model::{Block, Kind, Meta};

const CN_DIGITS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/// A heading is a short first sentence; longer ones are prose that happens to start the line.
const MAX_TITLE_CHARS: usize = 40;

/// Recognises a number marker at the start of a line: its kind and its length in bytes.
pub(super) fn marker(s: &str) -> Option<(Kind, usize)> {
    let cn = |s: &str| s.chars().take_while(|c| CN_DIGITS.contains(c)).count();
    // 一、
    let n = cn(s);
    if (1..=3).contains(&n) {
        let len: usize = s.chars().take(n).map(char::len_utf8).sum();
        if s[len..].starts_with('、') {
            return Some((Kind::Chapter, len + '、'.len_utf8()));
        }
    }
    // (一) or （一）
    if let Some(open) = s.chars().next().filter(|c| matches!(c, '(' | '（')) {
        let inner = &s[open.len_utf8()..];
        let n = cn(inner);
        if (1..=3).contains(&n) {
            let len: usize = inner.chars().take(n).map(char::len_utf8).sum();
            if let Some(close) = inner[len..]
                .chars()
                .next()
                .filter(|c| matches!(c, ')' | '）'))
            {
                return Some((Kind::Section, open.len_utf8() + len + close.len_utf8()));
            }
        }
    }
    // 1. 1． 1、 (ASCII or full-width digits), not a decimal such as "12.4" or a year "2022."
    let digits = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    if (1..=2).contains(&digits) {
        let len: usize = s.chars().take(digits).map(char::len_utf8).sum();
        let mut rest = s[len..].chars();
        if let Some(p) = rest.next().filter(|c| matches!(c, '.' | '．' | '、')) {
            let next_is_digit = rest
                .next()
                .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
            if !next_is_digit {
                return Some((Kind::Item, len + p.len_utf8()));
            }
        }
    }
    None
}

/// Splits a heading sentence off the front of `rest` when it is short enough to be one.
/// `whole_if_short`: a line with no sentence end (e.g. "工作总体开展情况") is all heading.
fn split_title(rest: &str, whole_if_short: bool) -> (Option<&str>, &str) {
    let mut count = 0;
    for (i, c) in rest.char_indices() {
        count += 1;
        if count > MAX_TITLE_CHARS {
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

/// Builds the tree from the body lines (heading excluded, signature included).
pub(super) fn build(
    body: &[Line<'_>],
    meta: &Meta,
    ctx: &mut Ctx,
) -> Result<Vec<Block>, IngestError> {
    let mut top: Vec<Block> = Vec::new();
    let mut saw_chapter = false;
    let mut count = 0;
    for (idx, l) in body.iter().enumerate() {
        let is_last = idx + 1 == body.len();
        let (kind, num_len) = match marker(l.text) {
            Some((k, n)) => (k, n),
            None if date_line(l.text).is_some() && is_last && saw_chapter => (Kind::Signature, 0),
            // The signer's name on the line before the signing date.
            None if saw_chapter
                && idx + 2 == body.len()
                && date_line(body[idx + 1].text).is_some()
                && meta.issuer.as_deref() == Some(l.text) =>
            {
                (Kind::Signature, 0)
            }
            None => (Kind::Paragraph, 0),
        };
        let number = (num_len > 0).then(|| l.text[..num_len].to_string());
        let rest = &l.text[num_len..];
        let (title, text) = match kind {
            Kind::Chapter | Kind::Section => split_title(rest, true),
            Kind::Item => split_title(rest, false),
            _ => (None, rest),
        };
        let mut block = Block {
            id: String::new(),
            kind,
            number,
            title: title.map(String::from),
            text: text.to_string(),
            line: l.no,
            children: Vec::new(),
        };
        split_points(&mut block);
        count += 1 + block.children.len();
        if count > ctx.limits.max_blocks {
            return Err(IngestError::new(
                l.no,
                1,
                format!(
                    "正文超过 {} 个段落和条目的上限：一份报告通常只有几百个，请确认选的是报告原文",
                    ctx.limits.max_blocks
                ),
            ));
        }
        match kind {
            Kind::Chapter => {
                saw_chapter = true;
                top.push(block);
            }
            Kind::Signature => top.push(block),
            Kind::Section => attach(&mut top, block, &[Kind::Chapter]),
            Kind::Item => attach(&mut top, block, &[Kind::Section, Kind::Chapter]),
            _ => attach(&mut top, block, &[Kind::Item, Kind::Section, Kind::Chapter]),
        }
    }
    if !saw_chapter {
        let (no, text) = body.first().map_or((1, ""), |l| (l.no, l.text));
        return Err(IngestError::new(
            no,
            1,
            format!(
                "没有找到以“一、”“二、”……编号的章节；正文开头是“{}”",
                text.chars().take(30).collect::<String>()
            ),
        ));
    }
    assign_ids(&mut top, "");
    Ok(top)
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

/// Ids from position: chapters c1.., then per parent s (section), i (item), p (paragraph),
/// e (point); top-level paragraphs p1.., signature lines sign1...
fn assign_ids(blocks: &mut [Block], parent: &str) {
    let mut counts = [0usize; 6];
    for b in blocks {
        let (slot, letter) = match b.kind {
            Kind::Chapter => (0, "c"),
            Kind::Section => (1, "s"),
            Kind::Item => (2, "i"),
            Kind::Paragraph => (3, "p"),
            Kind::Point => (4, "e"),
            Kind::Signature => (5, "sign"),
        };
        counts[slot] += 1;
        b.id = format!("{parent}{letter}{}", counts[slot]);
        let id = b.id.clone();
        assign_ids(&mut b.children, &id);
    }
}

/// Moves an inline enumeration "一是……二是……" out of `block.text` into `point` children.
/// Needs at least "一是" and "二是" in order, each at the start of a clause.
fn split_points(block: &mut Block) {
    let text = &block.text;
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (byte offset, marker length)
    let mut search_from = 0;
    for (n, digit) in CN_DIGITS.iter().enumerate() {
        let m = format!("{digit}是");
        let found = text[search_from..]
            .match_indices(&m)
            .map(|(i, _)| search_from + i)
            .find(|&i| clause_start(text, i));
        match found {
            Some(i) => {
                starts.push((i, m.len()));
                search_from = i + m.len();
            }
            None => {
                if n < 2 {
                    return;
                }
                break;
            }
        }
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
    fn markers() {
        assert_eq!(marker("一、工作"), Some((Kind::Chapter, 6)));
        assert_eq!(marker("十二、工作").map(|m| m.0), Some(Kind::Chapter));
        assert_eq!(marker("(一)坚持").map(|m| m.0), Some(Kind::Section));
        assert_eq!(marker("（一）坚持").map(|m| m.0), Some(Kind::Section));
        assert_eq!(marker("1.切实").map(|m| m.0), Some(Kind::Item));
        assert_eq!(marker("1．切实").map(|m| m.0), Some(Kind::Item));
        assert_eq!(marker("１．切实").map(|m| m.0), Some(Kind::Item));
        assert_eq!(marker("12.4%的"), None);
        assert_eq!(marker("2022年,我县"), None);
        assert_eq!(marker("一是拓宽"), None);
    }

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
}
