//! Full-text search over a report, and splitting a block's text into marked segments.
//!
//! Chinese has no spaces, so a substring match over the text is the right tool and needs no
//! tokenizer. Both the text and the query are folded the same way before matching: full-width
//! ASCII to ASCII, ASCII lowercase, and the hedges 余/近 and the percent sign next to a digit
//! dropped, so "280件" finds "280余件" and "82.14" finds "82.14%". Positions are mapped back to
//! the original characters so hits can be highlighted in the text as written.

use crate::model::{Block, Field, Kind, Report};

/// One searchable string: a field of a block, folded, with a map back to the original chars.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    block: usize,
    field: Field,
    folded: Vec<char>,
    /// `orig[i]` is the index in the original field of `folded[i]`.
    orig: Vec<usize>,
    /// Length of the original field in chars.
    len: usize,
}

/// A search index over a report, built once.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// Block ids in document order.
    ids: Vec<String>,
    /// For each block, the id of its chapter (or itself) for grouping results.
    chapter: Vec<Option<usize>>,
    /// For each block, the block it is a child of (indices into `ids`).
    parent: Vec<Option<usize>>,
    /// Each block's heading text for showing where a hit is.
    labels: Vec<String>,
    /// Each block's kind: which of its ancestors name a hit's place.
    kinds: Vec<Kind>,
    entries: Vec<Entry>,
    /// The original text of each entry, for snippets.
    texts: Vec<Vec<char>>,
}

/// A match: which block and field, and the char range in that field.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The block id.
    pub block: String,
    /// Which field of the block.
    pub field: Field,
    /// Start (inclusive) in chars of the field.
    pub start: usize,
    /// End (exclusive) in chars of the field.
    pub end: usize,
    /// Text before the match (up to a few dozen chars), the match, and text after it.
    pub snippet: (String, String, String),
    /// Where the hit is: the chapter's number and title ("一、工作总体开展情况"), if any.
    pub chapter: Option<String>,
    /// Where in the chapter: the headings of the section and item that hold the hit,
    /// outermost first ("（三）强化行政执法监督 › 2.落实执法责任制"); empty in a chapter's
    /// own text.
    pub place: Vec<String>,
}

/// Characters removed next to a digit: hedges and the percent sign.
fn droppable(c: char) -> bool {
    matches!(c, '余' | '近' | '%' | '％')
}

fn fold_char(c: char) -> char {
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Folds a string, returning the folded chars and their original positions.
fn fold(s: &str) -> (Vec<char>, Vec<usize>) {
    let chars: Vec<char> = s.chars().map(fold_char).collect();
    let mut folded = Vec::with_capacity(chars.len());
    let mut orig = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let near_digit = (i > 0 && chars[i - 1].is_ascii_digit())
            || chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if droppable(c) && near_digit {
            continue;
        }
        folded.push(c);
        orig.push(i);
    }
    (folded, orig)
}

/// The query as the index sees it (folded, hedges dropped, trimmed).
pub fn fold_query(q: &str) -> Vec<char> {
    let (f, _) = fold(q.trim());
    f
}

impl Index {
    /// Indexes every block's title and text.
    pub fn new(report: &Report) -> Index {
        let blocks = report.all_blocks();
        let mut ids = Vec::with_capacity(blocks.len());
        let mut chapter = Vec::with_capacity(blocks.len());
        let mut labels = Vec::with_capacity(blocks.len());
        let mut kinds = Vec::with_capacity(blocks.len());
        let mut entries = Vec::new();
        let mut texts = Vec::new();
        let mut current_chapter = None;
        for (i, b) in blocks.iter().enumerate() {
            if b.kind == Kind::Chapter {
                current_chapter = Some(i);
            }
            ids.push(b.id.clone());
            chapter.push(current_chapter);
            labels.push(heading(b));
            kinds.push(b.kind);
            let mut add = |field, s: &str| {
                if s.is_empty() {
                    return;
                }
                let (folded, orig) = fold(s);
                entries.push(Entry {
                    block: i,
                    field,
                    folded,
                    orig,
                    len: s.chars().count(),
                });
                texts.push(s.chars().collect());
            };
            if let Some(t) = &b.title {
                add(Field::Title, t);
            }
            add(Field::Text, &b.text);
        }
        let mut parent = Vec::with_capacity(ids.len());
        parents(&report.blocks, None, &mut parent);
        Index {
            ids,
            chapter,
            parent,
            kinds,
            labels,
            entries,
            texts,
        }
    }

    /// Every match of `query` in document order (an empty query matches nothing).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let q = fold_query(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for (e, text) in self.entries.iter().zip(&self.texts) {
            let mut from = 0;
            while let Some(pos) = find(&e.folded[from..], &q).map(|p| p + from) {
                let mut start = e.orig[pos];
                // Likewise over hedges right before it ("200件" in "近200件").
                while start > 0
                    && droppable(text[start - 1])
                    && (pos == 0 || e.orig[pos - 1] < start - 1)
                {
                    start -= 1;
                }
                let last = e.orig[pos + q.len() - 1];
                // Extend over dropped hedges right after the match ("280" in "280余件").
                let mut end = last + 1;
                while end < e.len
                    && droppable(text[end])
                    && (pos + q.len() >= e.orig.len() || e.orig[pos + q.len()] > end)
                {
                    end += 1;
                }
                hits.push(Hit {
                    block: self.ids[e.block].clone(),
                    field: e.field,
                    start,
                    end,
                    snippet: snippet(text, start, end),
                    chapter: self.chapter[e.block].map(|c| self.labels[c].clone()),
                    place: self.place(e.block),
                });
                from = pos + q.len();
            }
        }
        hits
    }
}

impl Index {
    /// The headings of the sections and items from the chapter down to block `i` (itself
    /// included when it is one), outermost first.
    fn place(&self, i: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = Some(i);
        while let Some(b) = at {
            if matches!(
                self.kinds[b],
                Kind::Section | Kind::Item | Kind::SubItem | Kind::Term
            ) {
                out.push(self.labels[b].clone());
            }
            at = self.parent[b];
        }
        out.reverse();
        out
    }
}

/// The parent of every block in pre-order (the order of [`Report::all_blocks`]).
fn parents(blocks: &[Block], parent: Option<usize>, out: &mut Vec<Option<usize>>) {
    for b in blocks {
        let me = out.len();
        out.push(parent);
        parents(&b.children, Some(me), out);
    }
}

/// Naive substring search over chars: the report is small and queries short, so this beats
/// building anything cleverer (measured well under a millisecond on the bundled report).
fn find(hay: &[char], needle: &[char]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// Up to `CONTEXT` chars either side of the match.
fn snippet(text: &[char], start: usize, end: usize) -> (String, String, String) {
    const CONTEXT: usize = 24;
    let from = start.saturating_sub(CONTEXT);
    let to = (end + CONTEXT).min(text.len());
    let mut before: String = text[from..start].iter().collect();
    if from > 0 {
        before.insert(0, '…');
    }
    let mut after: String = text[end..to].iter().collect();
    if to < text.len() {
        after.push('…');
    }
    (before, text[start..end].iter().collect(), after)
}

/// A block's number and title, or the start of its text, for labelling.
pub fn heading(b: &Block) -> String {
    let mut s = String::new();
    s.push_str(b.number.as_deref().unwrap_or(""));
    s.push_str(b.title.as_deref().unwrap_or(""));
    if s.is_empty() {
        s = b.text.chars().take(16).collect();
    }
    s
}

/// A run of a field's text and how it is marked.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The text of the run, verbatim.
    pub text: String,
    /// Index into the report's facts when the run is (part of) a stated figure.
    pub fact: Option<usize>,
    /// Index into the report's glossary terms when the run is (part of) a use of one.
    pub term: Option<usize>,
    /// True when the run is part of a search hit.
    pub hit: bool,
}

/// Marked ranges of a field's text (char offsets, end exclusive), each with the index of what
/// it marks.
pub type Spans = [(usize, usize, usize)];

/// Splits `text` at fact, glossary-term and hit boundaries (char ranges), so the caller can
/// wrap each run. Overlapping ranges are fine: a run can be both a fact and a hit.
pub fn segments(text: &str, facts: &Spans, terms: &Spans, hits: &[(usize, usize)]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut cuts: Vec<usize> = vec![0, chars.len()];
    for &(s, e, _) in facts.iter().chain(terms) {
        cuts.extend([s.min(chars.len()), e.min(chars.len())]);
    }
    for &(s, e) in hits {
        cuts.extend([s.min(chars.len()), e.min(chars.len())]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            Segment {
                text: chars[a..b].iter().collect(),
                fact: facts.iter().find(|f| f.0 <= a && b <= f.1).map(|f| f.2),
                term: terms.iter().find(|t| t.0 <= a && b <= t.1).map(|t| t.2),
                hit: hits.iter().any(|h| h.0 <= a && b <= h.1),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::parse;

    fn report() -> Report {
        parse("标题报告\n一、工作\n(一)复议\n1.办理。收到行政复议申请33件，审核280余件，出庭应诉率为82.14%，近200件。\n2023年2月27日\n")
            .unwrap()
    }

    #[test]
    fn finds_chinese_substrings_with_their_chapter() {
        let idx = Index::new(&report());
        let hits = idx.search("行政复议");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].block, "c1s1i1");
        assert_eq!(hits[0].snippet.1, "行政复议");
        assert_eq!(hits[0].chapter.as_deref(), Some("一、工作"));
        assert_eq!(hits[0].place, ["(一)复议", "1.办理。"]);
    }

    #[test]
    fn numbers_match_with_or_without_hedges_and_percent() {
        let idx = Index::new(&report());
        assert_eq!(idx.search("82.14%")[0].snippet.1, "82.14%");
        assert_eq!(idx.search("82.14")[0].snippet.1, "82.14%");
        assert_eq!(idx.search("280件")[0].snippet.1, "280余件");
        assert_eq!(idx.search("280余件")[0].snippet.1, "280余件");
        assert_eq!(idx.search("200件")[0].snippet.1, "近200件");
        assert_eq!(idx.search("近200件")[0].snippet.1, "近200件");
        assert!(idx.search("   ").is_empty());
        assert!(idx.search("不存在的词").is_empty());
    }

    #[test]
    fn full_width_and_case_fold() {
        let idx = Index::new(&report());
        assert_eq!(
            idx.search("（一）").len(),
            0,
            "titles hold the heading, not the number"
        );
        assert_eq!(idx.search("３３件")[0].snippet.1, "33件");
    }

    #[test]
    fn segments_split_at_every_boundary() {
        let s = segments(
            "收到33件其中25件",
            &[(2, 5, 0), (7, 10, 1)],
            &[(0, 2, 4)],
            &[(4, 8)],
        );
        let texts: Vec<_> = s
            .iter()
            .map(|x| (x.text.as_str(), x.fact, x.term, x.hit))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("收到", None, Some(4), false),
                ("33", Some(0), None, false),
                ("件", Some(0), None, true),
                ("其中", None, None, true),
                ("2", Some(1), None, true),
                ("5件", Some(1), None, false),
            ]
        );
        assert_eq!(segments("", &[], &[], &[]), vec![]);
    }
}
