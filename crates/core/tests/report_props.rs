//! Mutated report JSON, as a hand-edited or hostile file would be, into everything that reads
//! a report: the validator ([`Report::from_json`]), the exports, the search index and its
//! highlighting, chart resolution, chart drawing and the pre-rendered page. None may panic,
//! whether the validator accepted the report or not (code that slices text clamps anyway), and
//! what they produce must still hold together. The mutations start from real reports (the
//! shipped one, each of its chapters alone, every fixture converted) and change numbers into
//! offsets that run backwards or past their text, strings into markup and reused ids, and
//! delete, duplicate, swap, retype and graft parts of the tree.

// proptest is a native-only dev-dependency (its RNG does not build for wasm32).
#![cfg(not(target_arch = "wasm32"))]

use fazhi_core::charts::{draw, resolve, ChartError, Theme};
use fazhi_core::export::{chart_csv, fact_sentence, facts_csv, facts_json};
use fazhi_core::ingest::{convert, Limits, Source};
use fazhi_core::model::{Block, Field, ReadError, Report};
use fazhi_core::page::prerender::{prerender, Target};
use fazhi_core::search::{segments, Index};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::Value;
use std::cell::Cell;
use std::collections::HashSet;
use std::sync::OnceLock;

#[path = "support/fuzz.rs"]
mod fuzz;

/// Inputs per target in CI; scripts/fuzz.sh runs each for a given time instead.
const CASES: u32 = 128;
/// What every CSV download starts with, so that Excel reads it as UTF-8.
const BOM: char = '\u{feff}';

fn root() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
}

/// The report with only the blocks under `keep` and what refers to them.
fn only(report: &Report, keep: &Block) -> Report {
    let mut ids = HashSet::new();
    keep.walk(&mut |b| {
        ids.insert(b.id.clone());
    });
    let mut r = report.clone();
    r.blocks = vec![keep.clone()];
    r.facts.retain(|f| ids.contains(&f.block));
    let facts: HashSet<String> = r.facts.iter().map(|f| f.id.clone()).collect();
    let has = |id: &String| facts.contains(id);
    r.checks
        .retain(|k| has(&k.total) && k.parts.iter().all(has));
    r.charts
        .retain(|c| c.facts.iter().all(has) && c.total.as_ref().is_none_or(has));
    let labels = std::mem::take(&mut r.card_labels);
    let (cards, labels): (Vec<_>, Vec<_>) = r
        .cards
        .iter()
        .enumerate()
        .filter(|(_, id)| has(id))
        .map(|(i, id)| (id.clone(), labels.get(i).cloned().unwrap_or_default()))
        .unzip();
    (r.cards, r.card_labels) = (cards, labels);
    r.terms.retain(|t| ids.contains(&t.block));
    for t in &mut r.terms {
        t.uses.retain(|u| ids.contains(&u.block));
    }
    r
}

/// The reports mutations start from, as JSON values; each is valid.
fn bases() -> &'static [Value] {
    static BASES: OnceLock<Vec<Value>> = OnceLock::new();
    BASES.get_or_init(|| {
        let shipped = std::fs::read_to_string(format!("{}/public/shangcheng-2022.json", root()));
        let shipped = Report::from_json(&shipped.unwrap()).unwrap();
        let mut reports: Vec<Report> = shipped.blocks.iter().map(|b| only(&shipped, b)).collect();
        reports.push(shipped);
        for e in std::fs::read_dir(format!("{}/tests/fixtures", root())).unwrap() {
            let path = e.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let name = path.to_string_lossy();
            let src = Source {
                bytes: &bytes,
                file_name: Some(&name),
                title: None,
            };
            if let Ok(c) = convert(&src, &Limits::default()) {
                reports.push(c.report);
            }
        }
        reports
            .iter()
            .map(|r| {
                let json = serde_json::to_string(r).unwrap();
                Report::from_json(&json).unwrap_or_else(|e| panic!("a base is invalid: {e}"));
                serde_json::from_str(&json).unwrap()
            })
            .collect()
    })
}

/// Numbers that break offsets, counts and arithmetic.
const NUMBERS: &[f64] = &[
    0.0,
    1.0,
    -1.0,
    0.5,
    65536.0,
    4294967296.0,
    9007199254740993.0,
    1.8446744073709552e19,
    1e300,
    -1e300,
    1e-300,
];

/// Strings that break ids, markup, links and lookups.
const STRINGS: &[&str] = &[
    "",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<meta http-equiv=refresh content=0;url=https://example.com>",
    "javascript:alert(1)",
    "\"><svg onload=alert(1)>",
    "𝄞𝄞𝄞",
    "a\u{0}b\u{202e}c",
    "一、",
    "top",
    "b1",
    "c1",
    "k1",
    "f1",
    "%",
    "-",
    "\r\n\t",
    "0123456789012345678901234567890123456789012345678901234567890123456789",
];

/// One edit: a kind and two numbers that pick where and what.
type Edit = (u8, usize, usize);

/// JSON pointers to every node under `v`, sorted by the kind of node.
#[derive(Default)]
struct Nodes {
    all: Vec<String>,
    numbers: Vec<String>,
    strings: Vec<String>,
    arrays: Vec<String>,
}

fn nodes(v: &Value, at: String, out: &mut Nodes) {
    match v {
        Value::Number(_) => out.numbers.push(at.clone()),
        Value::String(_) => out.strings.push(at.clone()),
        Value::Array(items) => {
            out.arrays.push(at.clone());
            for (i, x) in items.iter().enumerate() {
                nodes(x, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                nodes(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
    if !at.is_empty() {
        out.all.push(at);
    }
}

fn pick(list: &[String], n: usize) -> Option<&str> {
    (!list.is_empty()).then(|| list[n % list.len()].as_str())
}

fn number(n: f64) -> Value {
    serde_json::Number::from_f64(n).map_or(Value::Null, |x| {
        // Whole numbers as integers, as the converter writes offsets.
        if n.fract() == 0.0 && (0.0..1.8e19).contains(&n) {
            Value::from(n as u64)
        } else {
            Value::Number(x)
        }
    })
}

/// Removes the node at `at` from its array or object.
fn remove(doc: &mut Value, at: &str) {
    let (parent, key) = at.rsplit_once('/').unwrap_or(("", at));
    match doc.pointer_mut(parent) {
        Some(Value::Array(items)) => {
            if let Ok(i) = key.parse::<usize>() {
                if i < items.len() {
                    items.remove(i);
                }
            }
        }
        Some(Value::Object(map)) => {
            map.remove(&key.replace("~1", "/").replace("~0", "~"));
        }
        _ => {}
    }
}

fn apply(doc: &mut Value, (kind, a, b): Edit) {
    let mut n = Nodes::default();
    nodes(doc, String::new(), &mut n);
    let replace = |doc: &mut Value, at: Option<&str>, new: Value| {
        if let Some(slot) = at.and_then(|at| doc.pointer_mut(at)) {
            *slot = new;
        }
    };
    match kind % 8 {
        // A number nudged: offsets one past, one short, doubled.
        0 => {
            let at = pick(&n.numbers, a);
            let old = at.and_then(|p| doc.pointer(p)).and_then(Value::as_f64);
            let new = old.map_or(0.0, |x| [x + 1.0, x - 1.0, x * 2.0, x + 7.0][b % 4]);
            replace(doc, at, number(new));
        }
        1 => replace(doc, pick(&n.numbers, a), number(NUMBERS[b % NUMBERS.len()])),
        2 => replace(
            doc,
            pick(&n.strings, a),
            Value::from(STRINGS[b % STRINGS.len()]),
        ),
        // Another string of the same report: ids reused where they must be unique or resolve.
        3 => {
            let other = pick(&n.strings, b).and_then(|p| doc.pointer(p)).cloned();
            replace(doc, pick(&n.strings, a), other.unwrap_or_default());
        }
        4 => {
            if let Some(at) = pick(&n.all, a) {
                remove(doc, at);
            }
        }
        5 => {
            if let Some(Value::Array(items)) = pick(&n.arrays, a).and_then(|p| doc.pointer_mut(p)) {
                if !items.is_empty() {
                    let (i, j) = (b % items.len(), (b / 7) % items.len());
                    if b % 2 == 0 {
                        items.swap(i, j);
                    } else {
                        items.insert(j, items[i].clone());
                    }
                }
            }
        }
        6 => {
            let new = [
                Value::Null,
                Value::Bool(true),
                Value::Array(vec![]),
                Value::Object(Default::default()),
            ];
            replace(doc, pick(&n.all, a), new[b % new.len()].clone());
        }
        // A subtree grafted elsewhere: blocks inside facts, facts inside blocks, deeper trees.
        _ => {
            let graft = pick(&n.all, b).and_then(|p| doc.pointer(p)).cloned();
            if let Some(g) = graft.filter(|g| g.to_string().len() < 20_000) {
                replace(doc, pick(&n.all, a), g);
            }
        }
    }
}

/// A base with `edits` applied, as JSON text.
fn mutated(base: usize, edits: &[Edit]) -> Value {
    let bases = bases();
    let mut doc = bases[base % bases.len()].clone();
    for &e in edits {
        apply(&mut doc, e);
    }
    doc
}

/// Edits weighted towards those that keep the report's shape (numbers, strings, array
/// elements), so that most inputs reach the code behind serde.
fn edits() -> impl Strategy<Value = (usize, Vec<Edit>)> {
    let kind = prop_oneof![
        3 => Just(0u8),
        3 => Just(1u8),
        2 => Just(2u8),
        3 => Just(3u8),
        1 => Just(4u8),
        3 => Just(5u8),
        1 => Just(6u8),
        1 => Just(7u8),
    ];
    let edit = (kind, any::<usize>(), any::<usize>());
    (any::<usize>(), prop::collection::vec(edit, 1..5))
}

/// Byte-level damage after the edits: cut short, or a character inserted.
fn damaged(text: String, damage: Option<(usize, char)>) -> String {
    let Some((at, c)) = damage else {
        return text;
    };
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if c == '\u{0}' {
        text[..at].to_string()
    } else {
        let mut t = text;
        t.insert(at, c);
        t
    }
}

/// Runs `test` on the reports the mutations make (with `extra` input), whether the validator
/// accepts them or not (the `bool`): downstream code must survive both. Mutations that break
/// the report's shape are skipped, and must leave at least a third, so that the targets test code and
/// not serde.
fn on_reports<S>(
    target: &str,
    extra: S,
    test: impl Fn(&Report, bool, S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let (read, valid) = (Cell::new(0usize), Cell::new(0usize));
    let n = fuzz::run(target, CASES, (edits(), extra), |((base, edits), extra)| {
        let text = mutated(base, &edits).to_string();
        let Ok(r) = serde_json::from_str::<Report>(&text) else {
            return Ok(());
        };
        let ok = Report::from_json(&text).is_ok();
        read.set(read.get() + 1);
        valid.set(valid.get() + usize::from(ok));
        test(&r, ok, extra)
    });
    let (read, valid) = (read.get(), valid.get());
    eprintln!("report_props: {target}: {read} of {n} read as reports, {valid} valid");
    assert!(
        read * 3 >= n && valid * 10 >= n,
        "{target}: {read} read, {valid} valid of {n}"
    );
}

fn field(b: &Block, f: Field) -> &str {
    match f {
        Field::Text => &b.text,
        Field::Title => b.title.as_deref().unwrap_or(""),
    }
}

#[test]
fn the_validator_never_panics_and_what_it_accepts_is_sound() {
    let accepted = Cell::new(0usize);
    let damage = prop::option::weighted(0.3, (any::<usize>(), any::<char>()));
    let input = (edits(), damage, any::<bool>());
    let n = fuzz::run(
        "validate/mutated-json",
        CASES,
        input,
        |((base, edits), damage, pretty)| {
            let doc = mutated(base, &edits);
            let text = if pretty {
                serde_json::to_string_pretty(&doc).unwrap()
            } else {
                doc.to_string()
            };
            match Report::from_json(&damaged(text, damage)) {
                Err(ReadError::Json { line, column, .. }) => prop_assert!(line >= 1 && column >= 1),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
                Ok(r) => {
                    accepted.set(accepted.get() + 1);
                    for f in &r.facts {
                        let b = r.block(&f.block);
                        prop_assert!(b.is_some(), "{} names no block", f.id);
                        let len = field(b.unwrap(), f.field).chars().count();
                        prop_assert!(
                            f.start <= f.end && f.end <= len,
                            "{}: {}..{} of {len}",
                            f.id,
                            f.start,
                            f.end
                        );
                        prop_assert!(f.value.is_finite());
                    }
                    let again = serde_json::to_string(&r).unwrap();
                    let mut back = Report::from_json(&again);
                    // A value of 16 or 17 significant digits may come back one unit in the
                    // last place off (serde_json's default float parser; see model_validate's
                    // values_read_back_exactly_as_written): allowed, and nothing else.
                    if let Ok(back) = &mut back {
                        for (b, f) in back.facts.iter_mut().zip(&r.facts) {
                            let ulp = f.value.abs() * f64::EPSILON;
                            prop_assert!(
                                (b.value - f.value).abs() <= ulp,
                                "{} -> {}",
                                f.value,
                                b.value
                            );
                            b.value = f.value;
                        }
                    }
                    prop_assert_eq!(back, Ok(r));
                }
            }
            Ok(())
        },
    );
    eprintln!(
        "report_props: the validator accepted {} of {n}",
        accepted.get()
    );
    // Enough accepted to mean that the rest of the checks ran on reports, not only on refusals.
    assert!(
        accepted.get() * 20 >= n,
        "only {} of {n} accepted",
        accepted.get()
    );
}

#[test]
fn exports_never_panic() {
    on_reports("export/mutated-report", Just(()), |r, valid, ()| {
        let csv = facts_csv(r);
        prop_assert!(csv.starts_with(BOM), "no BOM");
        let json: Value = serde_json::from_str(&facts_json(r)).unwrap();
        prop_assert_eq!(json.as_array().map(Vec::len), Some(r.facts.len()));
        for def in &r.charts {
            chart_csv(r, def);
        }
        for f in &r.facts {
            let sentence = fact_sentence(r, f);
            if valid {
                let b = r.block(&f.block).unwrap();
                let stated: String = field(b, f.field)
                    .chars()
                    .skip(f.start)
                    .take(f.end - f.start)
                    .collect();
                prop_assert!(
                    sentence.contains(&stated),
                    "{}: {sentence:?} lacks {stated:?}",
                    f.id
                );
            }
        }
        Ok(())
    });
}

#[test]
fn search_and_highlighting_never_panic() {
    let input = (any::<usize>(), any::<String>());
    on_reports(
        "search/mutated-report",
        input,
        |r, valid, (which, other)| {
            let index = Index::new(r);
            let blocks = r.all_blocks();
            // A query the report surely contains (a piece of some block), and an arbitrary one.
            let piece: String = blocks
                .get(which % blocks.len().max(1))
                .map(|b| b.text.chars().skip(which % 5).take(1 + which % 4).collect())
                .unwrap_or_default();
            for q in [piece.as_str(), other.as_str()] {
                let hits = index.search(q);
                for h in &hits {
                    prop_assert!(h.start < h.end, "{}..{}", h.start, h.end);
                    // Hits name their block by id: only unique ids (which the validator
                    // ensures) say which block that is.
                    if valid {
                        let b = r.block(index.id(h.block));
                        prop_assert!(b.is_some(), "hit in no block {}", index.id(h.block));
                        let len = field(b.unwrap(), h.field).chars().count();
                        prop_assert!(h.end <= len, "{}..{} of {len}", h.start, h.end);
                    }
                }
                for (h, d) in hits.iter().zip(index.describe(r, &hits)) {
                    let b = blocks[h.block];
                    let shown: String = field(b, h.field)
                        .chars()
                        .skip(h.start)
                        .take(h.end - h.start)
                        .collect();
                    prop_assert_eq!(d.snippet.1, shown);
                }
            }
            for b in &blocks {
                let facts: Vec<(usize, usize, usize)> = r
                    .facts
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.block == b.id && f.field == Field::Text)
                    .map(|(i, f)| (f.start, f.end, i))
                    .collect();
                let runs = segments(&b.text, &facts, &[]);
                let joined: String = runs.iter().map(|s| s.text.as_str()).collect();
                prop_assert_eq!(&joined, &b.text);
            }
            Ok(())
        },
    );
}

#[test]
fn chart_resolution_never_panics() {
    on_reports("charts/resolve", Just(()), |r, _, ()| {
        for c in resolve::cards(r) {
            let _ = format!("{c:?}");
        }
        resolve::credit(r);
        for def in &r.charts {
            resolve::anchor(r, def);
            match resolve::spec(r, def) {
                Ok(spec) => {
                    prop_assert_eq!(spec.data.len(), def.facts.len());
                    resolve::summary(r, def, &spec);
                    for d in &spec.data {
                        resolve::with_unit(r, d);
                    }
                    resolve::for_download(r, def).unwrap();
                }
                // A chart the rules refuse is shown as a message by the reader: the
                // validator leaves the rules to the charts.
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
        Ok(())
    });
}

#[test]
fn chart_drawing_never_panics() {
    let widths = prop::sample::select(&[0u32, 280, 360, 1280, u32::MAX][..]);
    on_reports(
        "charts/draw",
        (widths, any::<bool>()),
        |r, _, (width, dark)| {
            let theme = if dark { Theme::Dark } else { Theme::Light };
            for def in &r.charts {
                let Ok(spec) = resolve::for_download(r, def) else {
                    continue;
                };
                match draw(&spec, width, theme) {
                    Ok(d) => {
                        for bad in ["<img", "<script", "<meta", "<svg onload"] {
                            prop_assert!(!d.svg.contains(bad), "{bad} in the SVG of {}", def.id);
                        }
                    }
                    Err(ChartError::Draw(e)) => prop_assert!(false, "{}: {e}", def.id),
                    Err(_) => {}
                }
            }
            Ok(())
        },
    );
}

#[test]
fn the_prerendered_page_never_panics_and_carries_no_markup_from_the_report() {
    on_reports("page/prerender", Just(()), |r, _, ()| {
        for target in [
            Target::Offline,
            Target::Hosted {
                text_file: Some("a.txt"),
            },
        ] {
            let html = prerender(r, target);
            for bad in ["<img", "<script", "<meta", "<svg"] {
                prop_assert!(!html.contains(bad), "{bad} in the pre-rendered page");
            }
        }
        Ok(())
    });
}
