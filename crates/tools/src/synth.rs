//! Synthetic reports for the scale benchmark: the seed report repeated `factor` times, its
//! chapters and sections renumbered so the converter parses the result like a real report, its
//! title marked 【合成测试数据，非真实报告】 and its charts and cards repeated with the fact ids of
//! each copy. Nothing here is real data: it exists to find out how the converter and the reader
//! behave on reports far longer than any county publishes.
//!
//! The converter's markers allow at most three Chinese digits ("九十九、"), so a report can have
//! at most 99 chapters and 99 sections per chapter. Copy `k` of the seed therefore lives in
//! "group" `k / per_group`: each group holds one synthetic chapter per seed chapter, and that
//! chapter holds `per_group` copies of the seed chapter's contents, sections renumbered on.

use fazhi_core::ingest::{attach_indicators, parse, IngestError};
use fazhi_core::model::{Block, ChartDef, Kind, Report};
use serde::Serialize;
use std::collections::HashMap;

/// The words that open the synthetic report's title, so no one mistakes it for a real one.
pub const MARK: &str = "【合成测试数据，非真实报告】";

/// A synthetic report: the text the converter reads and the sidecar with its charts.
#[derive(Debug, Clone, PartialEq)]
pub struct Synthetic {
    /// The report text, in the layout of an official text (portal lines, heading, body).
    pub text: String,
    /// The sidecar (`<report>.charts.json`): every chart and card of the seed, once per copy.
    pub sidecar: String,
    /// How many copies of the seed's body the text holds.
    pub copies: usize,
    /// The number of chapters in the synthetic body.
    pub chapters: usize,
}

/// Why a synthetic report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// The seed text or sidecar does not convert.
    #[error("the seed does not convert: {0}")]
    Seed(IngestError),
    /// The factor is 0 or needs more chapters or sections than the markers can number.
    #[error("cannot make {factor} copies: {why}")]
    Factor {
        /// The requested factor.
        factor: usize,
        /// What limit it breaks.
        why: String,
    },
    /// The generated text or sidecar does not convert back, or a repeated chart names a figure
    /// other than the one it names in the seed: a bug in this module.
    #[error("the synthetic report does not round-trip: {0}")]
    RoundTrip(String),
}

/// The largest number the converter reads as a chapter or section marker.
const MAX_MARKER: usize = 99;

/// Makes a report `factor` times as long as `seed` (with its sidecar `seed_sidecar`), and checks
/// that the converter reads it back with every repeated chart naming the same figures.
pub fn synthesize(seed: &str, seed_sidecar: &str, factor: usize) -> Result<Synthetic, SynthError> {
    let mut report = parse(seed).map_err(SynthError::Seed)?;
    attach_indicators(&mut report, seed_sidecar).map_err(SynthError::Seed)?;
    let layout = Layout::new(&report, factor)?;
    let text = layout.text(&report);
    let sidecar = layout.sidecar(&report)?;
    let synthetic = Synthetic {
        text,
        sidecar,
        copies: factor,
        chapters: layout.groups * layout.seed_chapters.len(),
    };
    check_round_trip(&report, &synthetic, &layout)?;
    Ok(synthetic)
}

/// Where each copy of the seed goes.
struct Layout {
    factor: usize,
    /// Copies of each seed chapter's contents per synthetic chapter.
    per_group: usize,
    /// Number of groups (each: one synthetic chapter per seed chapter).
    groups: usize,
    /// Indices into `report.blocks` of the seed's chapters.
    seed_chapters: Vec<usize>,
}

impl Layout {
    fn new(report: &Report, factor: usize) -> Result<Layout, SynthError> {
        let fail = |why: String| Err(SynthError::Factor { factor, why });
        if factor == 0 {
            return fail("the factor must be at least 1".into());
        }
        let seed_chapters: Vec<usize> = (0..report.blocks.len())
            .filter(|&i| report.blocks[i].kind == Kind::Chapter)
            .collect();
        let n = seed_chapters.len();
        let max_groups = MAX_MARKER / n;
        let per_group = factor.div_ceil(max_groups);
        let groups = factor.div_ceil(per_group);
        let widest = seed_chapters
            .iter()
            .map(|&i| count(&report.blocks[i], Kind::Section))
            .max()
            .unwrap_or(0);
        if widest * per_group > MAX_MARKER {
            return fail(format!(
                "{per_group} copies of a chapter with {widest} sections need more than {MAX_MARKER} sections"
            ));
        }
        Ok(Layout {
            factor,
            per_group,
            groups,
            seed_chapters,
        })
    }

    /// Copies of a seed chapter in `group` (the last group may hold fewer).
    fn copies_in(&self, group: usize) -> usize {
        self.per_group.min(self.factor - group * self.per_group)
    }

    /// The synthetic chapter number (1-based) of seed chapter `c` (0-based among chapters) in
    /// `group`.
    fn chapter_no(&self, group: usize, c: usize) -> usize {
        group * self.seed_chapters.len() + c + 1
    }

    fn text(&self, report: &Report) -> String {
        let meta = &report.meta;
        let mut lines: Vec<String> = Vec::new();
        for l in &meta.front {
            // The portal's page title repeats the report's title: mark it too.
            lines.push(if *l == meta.title {
                format!("{MARK}{l}")
            } else {
                l.clone()
            });
        }
        for (i, h) in meta.heading.iter().enumerate() {
            lines.push(if i == 0 {
                format!("{MARK}{h}")
            } else {
                h.clone()
            });
        }
        let first = self.seed_chapters[0];
        let last = *self.seed_chapters.last().unwrap_or(&first);
        for b in &report.blocks[..first] {
            own_lines(b, &mut lines);
        }
        for group in 0..self.groups {
            for (c, &bi) in self.seed_chapters.iter().enumerate() {
                let chapter = &report.blocks[bi];
                let mut head = chapter.clone();
                head.number = Some(format!("{}、", cn(self.chapter_no(group, c))));
                lines.push(line_of(&head));
                let sections = count(chapter, Kind::Section);
                for m in 0..self.copies_in(group) {
                    for child in chapter.children.iter().filter(|b| b.kind != Kind::Point) {
                        let mut child = child.clone();
                        if child.kind == Kind::Section {
                            let n = section_no(&child) + m * sections;
                            child.number = child.number.as_deref().map(|s| renumber(s, n));
                        }
                        own_lines(&child, &mut lines);
                    }
                }
            }
        }
        // Between chapters there is nothing but chapters; after the last, the signature.
        for b in &report.blocks[last + 1..] {
            own_lines(b, &mut lines);
        }
        lines.extend(meta.back.iter().cloned());
        let mut text = lines.join("\n\n");
        text.push('\n');
        text
    }

    /// The id a seed block id has in copy `k`, or `None` when the block is not repeated (the
    /// chapter's own line, the lead paragraphs, the signature).
    fn map_block(&self, report: &Report, id: &str, k: usize) -> Option<String> {
        let (group, m) = (k / self.per_group, k % self.per_group);
        let rest = id.strip_prefix('c')?;
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let c_no: usize = rest[..digits].parse().ok()?;
        let c = self
            .seed_chapters
            .iter()
            .position(|&i| report.blocks[i].id == format!("c{c_no}"))?;
        let chapter = &report.blocks[self.seed_chapters[c]];
        let rest = &rest[digits..];
        let letter = rest.chars().next()?;
        let kind = match letter {
            's' => Kind::Section,
            'i' => Kind::Item,
            'p' => Kind::Paragraph,
            // Points and the chapter's own text belong to the chapter line, which is not repeated.
            _ => return (k == 0).then(|| id.to_string()),
        };
        let tail = &rest[1..];
        let d = tail.chars().take_while(char::is_ascii_digit).count();
        let n: usize = tail[..d].parse().ok()?;
        let n = n + m * count(chapter, kind);
        let chapter_no = self.chapter_no(group, c);
        Some(format!("c{chapter_no}{letter}{n}{}", &tail[d..]))
    }

    fn map_fact(&self, report: &Report, fact: &str, k: usize) -> Option<String> {
        let (block, f) = fact.rsplit_once("-f")?;
        Some(format!("{}-f{f}", self.map_block(report, block, k)?))
    }

    fn sidecar(&self, report: &Report) -> Result<String, SynthError> {
        #[derive(Serialize)]
        struct Sidecar {
            cards: Vec<String>,
            charts: Vec<ChartDef>,
        }
        let mut out = Sidecar {
            cards: Vec::new(),
            charts: Vec::new(),
        };
        for k in 0..self.factor {
            out.cards.extend(
                report
                    .cards
                    .iter()
                    .filter_map(|id| self.map_fact(report, id, k)),
            );
            for def in &report.charts {
                let facts: Option<Vec<String>> = def
                    .facts
                    .iter()
                    .map(|f| self.map_fact(report, f, k))
                    .collect();
                let total = match &def.total {
                    Some(t) => self.map_fact(report, t, k).map(Some),
                    None => Some(None),
                };
                // A chart about the chapter's own sentence exists once, in the first copy.
                let (Some(facts), Some(total)) = (facts, total) else {
                    continue;
                };
                let mut def = def.clone();
                if k > 0 {
                    def.id = format!("{}-copy{}", def.id, k + 1);
                    def.title = format!("{}（第{}份）", def.title, k + 1);
                }
                def.facts = facts;
                def.total = total;
                out.charts.push(def);
            }
        }
        serde_json::to_string_pretty(&out).map_err(|e| SynthError::RoundTrip(e.to_string()))
    }
}

/// Converts the synthetic text and sidecar back and checks that each chart of each copy draws
/// the same figures (same text, same value) as the seed's chart.
fn check_round_trip(seed: &Report, s: &Synthetic, layout: &Layout) -> Result<(), SynthError> {
    let err = |e: IngestError| SynthError::RoundTrip(e.to_string());
    let mut back = parse(&s.text).map_err(err)?;
    attach_indicators(&mut back, &s.sidecar).map_err(err)?;
    if !back.meta.title.starts_with(MARK) {
        return Err(SynthError::RoundTrip(format!(
            "the title \"{}\" lost its mark",
            back.meta.title
        )));
    }
    let facts: HashMap<&str, &fazhi_core::model::Fact> =
        back.facts.iter().map(|f| (f.id.as_str(), f)).collect();
    let seed_facts: HashMap<&str, &fazhi_core::model::Fact> =
        seed.facts.iter().map(|f| (f.id.as_str(), f)).collect();
    for k in 0..layout.factor {
        for def in &seed.charts {
            for id in def.facts.iter().chain(def.total.iter()) {
                let Some(new) = layout.map_fact(seed, id, k) else {
                    continue;
                };
                let (Some(a), Some(b)) = (seed_facts.get(id.as_str()), facts.get(new.as_str()))
                else {
                    return Err(SynthError::RoundTrip(format!(
                        "copy {}: fact {id} became {new}, which the converter did not find",
                        k + 1
                    )));
                };
                if (a.text.as_str(), a.value) != (b.text.as_str(), b.value) {
                    return Err(SynthError::RoundTrip(format!(
                        "copy {}: {id} is \"{}\" but {new} is \"{}\"",
                        k + 1,
                        a.text,
                        b.text
                    )));
                }
            }
        }
    }
    Ok(())
}

/// Direct children of `b` of `kind`.
fn count(b: &Block, kind: Kind) -> usize {
    b.children.iter().filter(|c| c.kind == kind).count()
}

/// The source line of a block: its own text followed by its inline points.
fn line_of(b: &Block) -> String {
    let mut line = b.own_source();
    for p in b.children.iter().filter(|c| c.kind == Kind::Point) {
        line.push_str(&p.own_source());
    }
    line
}

/// A block's line and those of its non-point descendants, in document order.
fn own_lines(b: &Block, out: &mut Vec<String>) {
    out.push(line_of(b));
    for c in b.children.iter().filter(|c| c.kind != Kind::Point) {
        own_lines(c, out);
    }
}

/// The 1-based position a section id ends in ("c1s4" -> 4).
fn section_no(b: &Block) -> usize {
    let d = b.id.len() - b.id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    b.id[b.id.len() - d..].parse().unwrap_or(1)
}

/// "(三)" with number 17 -> "(十七)", keeping the brackets as written.
fn renumber(marker: &str, n: usize) -> String {
    let open: String = marker.chars().take(1).collect();
    let close: String = marker.chars().last().into_iter().collect();
    format!("{open}{}{close}", cn(n))
}

/// 1..=99 in Chinese numerals as report markers write them: 一, 十, 十一, 二十, 九十九.
pub fn cn(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10..=19 => format!("十{}", D[n % 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../seeds/shangcheng-2022.txt");
    const SIDECAR: &str = include_str!("../../../seeds/shangcheng-2022.charts.json");

    fn body_chars(r: &Report) -> usize {
        r.body_lines().iter().map(|l| l.chars().count()).sum()
    }

    #[test]
    fn numerals() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 99].map(cn).to_vec();
        assert_eq!(
            got,
            ["一", "九", "十", "十一", "十九", "二十", "二十一", "九十九"]
        );
        assert_eq!(renumber("（三）", 17), "（十七）");
        assert_eq!(renumber("(一)", 6), "(六)");
    }

    #[test]
    fn one_copy_is_the_seed_with_a_marked_title() {
        let s = synthesize(SEED, SIDECAR, 1).unwrap();
        let (seed, synth) = (parse(SEED).unwrap(), parse(&s.text).unwrap());
        assert_eq!(synth.meta.title, format!("{MARK}{}", seed.meta.title));
        assert_eq!(synth.blocks.len(), seed.blocks.len());
        assert_eq!(synth.facts.len(), seed.facts.len());
        assert_eq!(body_chars(&synth), body_chars(&seed) + MARK.chars().count());
    }

    #[test]
    fn ten_copies_are_ten_times_as_long_with_ten_times_the_charts() {
        let s = synthesize(SEED, SIDECAR, 10).unwrap();
        let mut synth = parse(&s.text).unwrap();
        attach_indicators(&mut synth, &s.sidecar).unwrap();
        let seed = parse(SEED).unwrap();
        let chapters = synth.blocks.iter().filter(|b| b.kind == Kind::Chapter);
        assert_eq!(chapters.count(), 30);
        assert_eq!(s.chapters, 30);
        assert_eq!(synth.facts.len(), seed.facts.len() * 10);
        assert_eq!(synth.charts.len(), 16 * 10);
        let ratio = body_chars(&synth) as f64 / body_chars(&seed) as f64;
        assert!((9.5..10.5).contains(&ratio), "{ratio}");
        // blocks[0] is the lead paragraph before the first chapter.
        assert_eq!(synth.blocks[4].number.as_deref(), Some("四、"));
    }

    #[test]
    fn a_hundred_copies_fit_the_markers_by_grouping() {
        let s = synthesize(SEED, SIDECAR, 100).unwrap();
        let synth = parse(&s.text).unwrap();
        assert_eq!(s.copies, 100);
        assert!(s.chapters <= MAX_MARKER, "{} chapters", s.chapters);
        let seed = parse(SEED).unwrap();
        assert_eq!(synth.facts.len(), seed.facts.len() * 100);
        let ratio = body_chars(&synth) as f64 / body_chars(&seed) as f64;
        assert!((95.0..105.0).contains(&ratio), "{ratio}");
    }

    #[test]
    fn refuses_what_the_markers_cannot_number() {
        assert!(matches!(
            synthesize(SEED, SIDECAR, 0),
            Err(SynthError::Factor { .. })
        ));
        // 6 sections per copy: 17 copies in one chapter would need section 102.
        let e = synthesize(SEED, SIDECAR, 33 * 17).unwrap_err();
        assert!(e.to_string().contains("sections"), "{e}");
    }
}
