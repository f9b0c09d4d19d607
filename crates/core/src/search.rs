//! Full-text search over a report, and splitting a block's text into marked segments.
//!
//! Chinese has no spaces, so a substring match over the text is the right tool and needs no
//! tokenizer. Both the text and the query are folded the same way before matching: full-width
//! ASCII to ASCII, ASCII lowercase, and the hedges 余/近 and the percent sign next to a digit
//! dropped, so "280件" finds "280余件" and "82.14" finds "82.14%". Positions are mapped back to
//! the original characters so hits can be highlighted in the text as written.

use crate::model::{Block, Field, Kind, Report};

/// One searchable string: a field of a block, as a range of the index's folded chars.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    block: usize,
    field: Field,
    /// Where the field's folded chars start and end in [`Index::folded`].
    from: usize,
    to: usize,
    /// Length of the original field in chars.
    len: usize,
}

/// A search index over a report, built once.
///
/// Every field's folded text lies in one array, and for each char the index keeps where it
/// occurs: a query is checked only where its rarest char is, so a keystroke costs what its
/// candidates cost, not what the report's length costs (a hundred times the bundled report is
/// half a million chars; a scan over them is most of a frame's budget in wasm on a slow phone).
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// Block ids in document order.
    ids: Vec<String>,
    /// For each block, its chapter (or itself) for grouping results.
    chapter: Vec<Option<usize>>,
    /// For each block, the block it is a child of (indices into `ids`).
    parent: Vec<Option<usize>>,
    /// Each block's heading text for showing where a hit is.
    labels: Vec<String>,
    /// Each block's kind: which of its ancestors name a hit's place.
    kinds: Vec<Kind>,
    /// The fields (titles and texts), in document order.
    entries: Vec<Entry>,
    /// Every field's chars folded (see [`fold`]), field after field.
    folded: Vec<char>,
    /// `orig[i]` is the index in its field of `folded[i]` (u32: a field is far shorter than
    /// 4G chars, and this array is as long as the report).
    orig: Vec<u32>,
    /// Every position in `folded`, grouped by its char's [`bucket`], ascending in each group.
    at: Vec<u32>,
    /// Where each bucket's group starts in `at` (and, one further, ends).
    starts: Vec<u32>,
}

/// A match: which block and field, and the char range in that field. Only positions, so that
/// finding every match costs no allocation per match; [`Index::describe`] says what a
/// results list shows about the few it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The block, by its position in document order ([`Report::all_blocks`]); its id is
    /// [`Index::id`].
    pub block: usize,
    /// Which field of the block.
    pub field: Field,
    /// Start (inclusive) in chars of the field.
    pub start: usize,
    /// End (exclusive) in chars of the field.
    pub end: usize,
}

/// What a results list shows about a hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
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

/// Folds a string onto `folded`, pushing each kept char's original position onto `orig`.
/// Only [`droppable`] chars are ever dropped, which [`Index::search`] relies on.
fn fold_into(s: &str, folded: &mut Vec<char>, orig: &mut Vec<u32>) {
    let chars: Vec<char> = s.chars().map(fold_char).collect();
    for (i, &c) in chars.iter().enumerate() {
        let near_digit = (i > 0 && chars[i - 1].is_ascii_digit())
            || chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if droppable(c) && near_digit {
            continue;
        }
        folded.push(c);
        orig.push(i as u32);
    }
}

/// The query as the index sees it (folded, hedges dropped, trimmed).
pub fn fold_query(q: &str) -> Vec<char> {
    let mut folded = Vec::new();
    fold_into(q.trim(), &mut folded, &mut Vec::new());
    folded
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
        let (mut folded, mut orig) = (Vec::new(), Vec::new());
        let mut current_chapter = None;
        for (i, b) in blocks.iter().enumerate() {
            if b.kind == Kind::Chapter {
                current_chapter = Some(i);
            }
            ids.push(b.id.clone());
            chapter.push(current_chapter);
            labels.push(heading(b));
            kinds.push(b.kind);
            let fields = [
                (Field::Title, b.title.as_deref()),
                (Field::Text, Some(&b.text)),
            ];
            for (field, s) in fields {
                let Some(s) = s.filter(|s| !s.is_empty()) else {
                    continue;
                };
                let from = folded.len();
                fold_into(s, &mut folded, &mut orig);
                entries.push(Entry {
                    block: i,
                    field,
                    from,
                    to: folded.len(),
                    len: s.chars().count(),
                });
            }
        }
        let mut parent = Vec::with_capacity(ids.len());
        parents(&report.blocks, None, &mut parent);
        let (at, starts) = occurrences(&folded);
        Index {
            ids,
            chapter,
            parent,
            labels,
            kinds,
            entries,
            folded,
            orig,
            at,
            starts,
        }
    }

    /// Where `c` may occur in the folded text (where it does, and for a char past the BMP where
    /// any such char does), ascending.
    fn occurrences(&self, c: char) -> &[u32] {
        let b = bucket(c);
        &self.at[self.starts[b] as usize..self.starts[b + 1] as usize]
    }

    /// Every match of `query` in document order (an empty query matches nothing): the query is
    /// compared where its rarest char occurs.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let q = fold_query(query);
        let mut hits = Vec::new();
        let Some((k, anchors)) = q
            .iter()
            .map(|&c| self.occurrences(c))
            .enumerate()
            .min_by_key(|(_, at)| at.len())
        else {
            return hits;
        };
        // The next match may start no earlier than here (matches do not overlap).
        let mut free = 0;
        let mut e = 0;
        for &a in anchors {
            let Some(pos) = (a as usize).checked_sub(k).filter(|&p| p >= free) else {
                continue;
            };
            let end = pos + q.len();
            if self.folded.get(pos..end) != Some(&q[..]) {
                continue;
            }
            e += self.entries[e..].partition_point(|x| x.to <= pos);
            let entry = &self.entries[e];
            if end > entry.to {
                // It runs on into the next field.
                continue;
            }
            let orig = &self.orig[entry.from..entry.to];
            let p = pos - entry.from;
            // Widened over the hedges dropped right before the match ("200件" in "近200件") and
            // right after it ("280" in "280余件"): the chars between kept neighbours are all
            // dropped, and only hedges are.
            let start = if p == 0 { 0 } else { orig[p - 1] as usize + 1 };
            hits.push(Hit {
                block: entry.block,
                field: entry.field,
                start,
                end: orig.get(p + q.len()).map_or(entry.len, |&o| o as usize),
            });
            free = end;
        }
        hits
    }

    /// The id of the block at `block` in document order (as in [`Hit::block`]).
    pub fn id(&self, block: usize) -> &str {
        &self.ids[block]
    }

    /// The snippet and place of each of `hits` (found in `report`, the report this index was
    /// built from), for the results a list shows.
    pub fn describe(&self, report: &Report, hits: &[Hit]) -> Vec<Detail> {
        let blocks = report.all_blocks();
        hits.iter()
            .map(|h| {
                let b = blocks[h.block];
                let text: Vec<char> = match h.field {
                    Field::Title => b.title.as_deref().unwrap_or(""),
                    Field::Text => &b.text,
                }
                .chars()
                .collect();
                Detail {
                    snippet: snippet(&text, h.start, h.end),
                    chapter: self.chapter[h.block].map(|c| self.labels[c].clone()),
                    place: self.place(h.block),
                }
            })
            .collect()
    }

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

/// Which group of [`Index::at`] a char's positions are in: its own for a char of the Basic
/// Multilingual Plane, where a report's text is, and one for all others. A query is compared
/// at each candidate, so a shared group costs only time, and only for such rare chars.
fn bucket(c: char) -> usize {
    (c as usize).min(0xffff)
}

/// Every position of `folded` grouped by its char's [`bucket`], and where each group starts: a
/// counting sort, two passes over the report with no hashing or comparing.
fn occurrences(folded: &[char]) -> (Vec<u32>, Vec<u32>) {
    let mut starts = vec![0u32; 0x10000 + 1];
    for &c in folded {
        starts[bucket(c) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut next = starts.clone();
    let mut at = vec![0; folded.len()];
    for (&c, i) in folded.iter().zip(0..) {
        let slot = &mut next[bucket(c)];
        at[*slot as usize] = i;
        *slot += 1;
    }
    (at, starts)
}

/// Up to `CONTEXT` chars either side of the match.
fn snippet(text: &[char], start: usize, end: usize) -> (String, String, String) {
    const CONTEXT: usize = 24;
    let (start, end) = (start.min(text.len()), end.min(text.len()));
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
}

/// Marked ranges of a field's text (char offsets, end exclusive), each with the index of what
/// it marks.
pub type Spans = [(usize, usize, usize)];

/// Splits `text` at fact and glossary-term boundaries (char ranges), so the caller can wrap
/// each run. Overlapping ranges are fine: a run can be both a fact and a term.
pub fn segments(text: &str, facts: &Spans, terms: &Spans) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut cuts: Vec<usize> = vec![0, chars.len()];
    for &(s, e, _) in facts.iter().chain(terms) {
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

    /// The matched text of each hit of `q`.
    fn matched(q: &str) -> Vec<String> {
        let r = report();
        let idx = Index::new(&r);
        let hits = idx.search(q);
        idx.describe(&r, &hits)
            .into_iter()
            .map(|d| d.snippet.1)
            .collect()
    }

    #[test]
    fn finds_chinese_substrings_with_their_chapter() {
        let r = report();
        let idx = Index::new(&r);
        let hits = idx.search("行政复议");
        assert_eq!(hits.len(), 1);
        assert_eq!(idx.id(hits[0].block), "c1s1i1");
        assert_eq!(
            (hits[0].field, hits[0].start, hits[0].end),
            (Field::Text, 2, 6)
        );
        let d = &idx.describe(&r, &hits)[0];
        assert_eq!(d.snippet.1, "行政复议");
        assert_eq!(d.chapter.as_deref(), Some("一、工作"));
        assert_eq!(d.place, ["(一)复议", "1.办理。"]);
    }

    #[test]
    fn numbers_match_with_or_without_hedges_and_percent() {
        assert_eq!(matched("82.14%"), ["82.14%"]);
        assert_eq!(matched("82.14"), ["82.14%"]);
        assert_eq!(matched("280件"), ["280余件"]);
        assert_eq!(matched("280余件"), ["280余件"]);
        assert_eq!(matched("200件"), ["近200件"]);
        assert_eq!(matched("近200件"), ["近200件"]);
        assert!(matched("   ").is_empty());
        assert!(matched("不存在的词").is_empty());
    }

    #[test]
    fn full_width_and_case_fold() {
        assert_eq!(
            matched("（一）").len(),
            0,
            "titles hold the heading, not the number"
        );
        assert_eq!(matched("３３件"), ["33件"]);
    }

    #[test]
    fn every_match_in_document_order_and_none_across_fields() {
        let r = parse("标题报告\n一、复议工作\n复议复议，再复议。\n(一)复议\n复议\n").unwrap();
        let idx = Index::new(&r);
        let at: Vec<_> = idx
            .search("复议")
            .iter()
            .map(|h| (idx.id(h.block).to_string(), h.field, h.start))
            .collect();
        let hit = |b: &str, f, s| (b.to_string(), f, s);
        assert_eq!(
            at,
            [
                hit("c1", Field::Title, 0),
                hit("c1p1", Field::Text, 0),
                hit("c1p1", Field::Text, 2),
                hit("c1p1", Field::Text, 6),
                hit("c1s1", Field::Title, 0),
                hit("c1s1p1", Field::Text, 0),
            ]
        );
        // The chapter's title ends in 工作 and the paragraph after it starts with 复议: no match.
        assert!(idx.search("工作复议").is_empty());
        // Matches do not overlap, and the leftmost wins, whichever of its chars the query is
        // looked up by (here the rarer 再, the third).
        assert_eq!(idx.search("复议复议").len(), 1);
        let starts = |q| idx.search(q).iter().map(|h| h.start).collect::<Vec<_>>();
        assert_eq!(starts("议，再"), [3]);
        assert_eq!(starts("议复"), [1]);
        assert_eq!(starts("复议复"), [0]);
    }

    #[test]
    fn chars_past_the_bmp_share_a_group_and_still_match_only_themselves() {
        let r = parse("标题报告\n一、工作\n𠀀𠀁𠀀，𠀁𠀁。\n").unwrap();
        let idx = Index::new(&r);
        let starts = |q| idx.search(q).iter().map(|h| h.start).collect::<Vec<_>>();
        assert_eq!(starts("𠀀"), [0, 2]);
        assert_eq!(starts("𠀁"), [1, 4, 5]);
        assert_eq!(starts("𠀁𠀀"), [1]);
        assert_eq!(starts("𠀂"), [] as [usize; 0]);
    }

    #[test]
    fn describes_only_the_hits_asked_about() {
        let r = report();
        let idx = Index::new(&r);
        let hits = idx.search("件");
        assert_eq!(hits.len(), 3);
        let d = idx.describe(&r, &hits[1..2]);
        assert_eq!(d.len(), 1);
        // The hedge before it goes with the match, as with "280件".
        assert_eq!(d[0].snippet.1, "余件");
        assert!(d[0].snippet.0.ends_with("审核280"), "{:?}", d[0].snippet);
    }

    #[test]
    fn segments_split_at_every_boundary() {
        let s = segments(
            "收到33件其中25件",
            &[(2, 5, 0), (7, 10, 1)],
            &[(0, 2, 4), (3, 6, 5)],
        );
        let texts: Vec<_> = s
            .iter()
            .map(|x| (x.text.as_str(), x.fact, x.term))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("收到", None, Some(4)),
                ("3", Some(0), None),
                ("3件", Some(0), Some(5)),
                ("其", None, Some(5)),
                ("中", None, None),
                ("25件", Some(1), None),
            ]
        );
        assert_eq!(segments("", &[], &[]), vec![]);
    }
}
