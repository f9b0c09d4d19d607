//! The closing glossary some reports add after their last section ("有关名词解释",
//! "名词、术语注释"), with numbered entries "1.“放管服”：指……". It is its own part of the report,
//! not items of the last section, and each term it explains is found wherever the body uses it,
//! with block, field and offsets like a figure, so the reader can link it.

use super::numbering::marker;
use super::Line;
use crate::model::{Block, Field, Kind, Report, Term, TermUse};

/// Words that name a glossary in its heading.
const GLOSSARY_WORDS: &[&str] = &[
    "名词解释",
    "名词注释",
    "名词注解",
    "名词、术语",
    "名词术语",
    "术语解释",
    "术语注释",
    "词语解释",
    "用语解释",
];

/// Prefixes of an appendix heading ("附：有关名词解释").
const APPENDIX: &[&str] = &["附件：", "附件:", "附录：", "附录:", "附：", "附:"];

/// No more than this many terms are looked up in the body: a real glossary has a few dozen, and
/// each term costs a pass over the text.
pub(super) const MAX_TERMS: usize = 200;

/// A heading line that opens the glossary: short, a phrase, and naming one.
fn is_heading(s: &str) -> bool {
    let rest = match marker(s) {
        Some(m) if m.kind == Kind::Chapter => &s[m.len..],
        Some(_) => return false,
        None => s,
    };
    let rest = APPENDIX
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    rest.chars().count() <= 20
        && !rest.contains(['。', '，', '；'])
        && GLOSSARY_WORDS.iter().any(|w| rest.contains(w))
}

/// The body index of the glossary's heading: the first such line after the first numbered one.
pub(super) fn heading_index(body: &[Line<'_>], first_numbered: usize) -> Option<usize> {
    (first_numbered + 1..body.len()).find(|&i| is_heading(body[i].text))
}

/// A term entry after its number: the term up to and including its colon
/// ("“放管服”：") is the title, the explanation the text.
pub(super) fn split_term(rest: &str) -> (Option<&str>, &str) {
    let colon = rest
        .char_indices()
        .take(40)
        .find(|&(_, c)| matches!(c, '：' | ':'))
        .map(|(i, c)| i + c.len_utf8());
    let quoted = || {
        rest.strip_prefix('“')
            .and_then(|r| r.find('”'))
            .map(|i| '“'.len_utf8() + i + '”'.len_utf8())
    };
    match colon.or_else(quoted) {
        Some(at) if at < rest.len() => (Some(&rest[..at]), &rest[at..]),
        _ => (None, rest),
    }
}

/// The term an entry explains: inside its first quotes if it has them ("“双随机、一公开”监管"
/// -> "双随机、一公开"), else its title without the colon.
fn term_of(entry: &Block) -> Option<String> {
    let title = entry.title.as_deref()?;
    let title = title.trim_end_matches(['：', ':']).trim();
    let inner = title
        .split_once('“')
        .and_then(|(_, r)| r.split_once('”'))
        .map_or(title, |(t, _)| t);
    let t = inner.trim_matches(['"', '「', '」', '《', '》', ' ', '\u{3000}']);
    (t.chars().count() >= 2 && t.chars().count() <= 30).then(|| t.to_string())
}

/// Every term of the glossary and where the rest of the body uses it, in document order.
/// Overlapping uses go to the longer term ("互联网+政务服务" over "政务服务").
pub(super) fn terms(report: &Report) -> Vec<Term> {
    let entries: Vec<&Block> = report
        .blocks
        .iter()
        .filter(|b| b.kind == Kind::Glossary)
        .flat_map(|g| g.children.iter().filter(|c| c.kind == Kind::Term))
        .take(MAX_TERMS)
        .collect();
    let mut terms: Vec<Term> = entries
        .iter()
        .filter_map(|e| {
            term_of(e).map(|term| Term {
                block: e.id.clone(),
                term,
                uses: Vec::new(),
            })
        })
        .collect();
    if terms.is_empty() {
        return terms;
    }
    for b in report.blocks.iter().filter(|b| b.kind != Kind::Glossary) {
        b.walk(&mut |x| {
            for (field, s) in [
                (Field::Title, x.title.as_deref()),
                (Field::Text, Some(&*x.text)),
            ] {
                if let Some(s) = s {
                    find_uses(&mut terms, &x.id, field, s);
                }
            }
        });
    }
    terms
}

/// Records in `terms` each use in `s`, longest term first where uses overlap.
fn find_uses(terms: &mut [Term], block: &str, field: Field, s: &str) {
    // (byte start, byte end, term index) of every occurrence.
    let mut hits: Vec<(usize, usize, usize)> = terms
        .iter()
        .enumerate()
        .flat_map(|(k, t)| {
            s.match_indices(&t.term)
                .map(move |(i, m)| (i, i + m.len(), k))
        })
        .collect();
    hits.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    let (mut taken_to, mut chars, mut byte) = (0, 0, 0);
    for (start, end, k) in hits {
        if start < taken_to {
            continue;
        }
        taken_to = end;
        // Offsets in chars, counted on from the last hit: one pass over the string.
        chars += s[byte..start].chars().count();
        let len = s[start..end].chars().count();
        byte = start;
        terms[k].uses.push(TermUse {
            block: block.to_string(),
            field,
            start: chars,
            end: chars + len,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_headings() {
        assert!(is_heading("有关名词解释"));
        assert!(is_heading("名词、术语注释"));
        assert!(is_heading("附：名词解释"));
        assert!(is_heading("九、有关名词解释"));
        assert!(!is_heading("（一）名词解释"));
        assert!(!is_heading(
            "对有关名词解释不清的问题进行了整改，共整改3处。"
        ));
    }

    #[test]
    fn term_entries() {
        assert_eq!(
            split_term("“放管服”：指简政放权。"),
            (Some("“放管服”："), "指简政放权。")
        );
        assert_eq!(
            split_term("“放管服”改革，指简政放权。"),
            (Some("“放管服”"), "改革，指简政放权。")
        );
        assert_eq!(split_term("指简政放权。"), (None, "指简政放权。"));
        let entry = |title: &str| Block {
            id: "g1t1".into(),
            kind: Kind::Term,
            number: Some("1.".into()),
            title: Some(title.into()),
            text: String::new(),
            line: 1,
            children: vec![],
        };
        assert_eq!(term_of(&entry("“放管服”：")).as_deref(), Some("放管服"));
        assert_eq!(
            term_of(&entry("“双随机、一公开”监管：")).as_deref(),
            Some("双随机、一公开")
        );
        assert_eq!(
            term_of(&entry("行政执法三项制度：")).as_deref(),
            Some("行政执法三项制度")
        );
    }

    #[test]
    fn uses_in_chars_longest_first() {
        let mut terms = vec![
            Term {
                block: "g1t1".into(),
                term: "政务服务".into(),
                uses: vec![],
            },
            Term {
                block: "g1t2".into(),
                term: "互联网+政务服务".into(),
                uses: vec![],
            },
        ];
        find_uses(
            &mut terms,
            "c1p1",
            Field::Text,
            "𠀀推进互联网+政务服务，优化政务服务。",
        );
        let at = |t: &Term| t.uses.iter().map(|u| (u.start, u.end)).collect::<Vec<_>>();
        assert_eq!(at(&terms[1]), [(3, 11)]);
        assert_eq!(at(&terms[0]), [(14, 18)]);
    }
}
