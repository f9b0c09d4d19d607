//! Nothing is lost or rewritten: for every seed and every fixture meant to parse, the report's
//! lines are the source's lines, and every fact points at exactly the text it was read from.
//! Every `tests/fixtures/*.txt` is meant to parse; bad input lives in `tests/ingest_errors.rs`.

use fazhi_core::ingest::{convert, is_trim_char, Limits, Source};
use fazhi_core::model::{Field, Report};
use std::collections::HashSet;
use std::path::PathBuf;

/// Every `.txt` in a directory of the crate, sorted.
fn texts(dir: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    out.sort();
    out
}

fn all_inputs() -> Vec<PathBuf> {
    let mut all = texts("seeds");
    all.extend(texts("tests/fixtures"));
    assert!(all.len() >= 2, "no inputs found");
    all
}

fn load(path: &PathBuf) -> (String, Report) {
    let bytes = std::fs::read(path).unwrap();
    let report = convert(
        &Source {
            bytes: &bytes,
            ..Source::default()
        },
        &Limits::default(),
    )
    .map(|c| c.report)
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (String::from_utf8(bytes).unwrap(), report)
}

/// The number in a fact's text, read independently of the extractor.
fn reparse(text: &str) -> f64 {
    let ascii = |c: char| match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap(),
        '．' => '.',
        c => c,
    };
    let cs: Vec<char> = text.chars().map(ascii).collect();
    let first = cs
        .iter()
        .position(|c| c.is_ascii_digit())
        .expect("a fact without digits");
    let mut s = String::new();
    let mut k = first;
    while k < cs.len() {
        let c = cs[k];
        let next_digit = cs.get(k + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_ascii_digit() {
            s.push(c);
        } else if c == ',' && next_digit {
        } else if c == '.' && next_digit && !s.contains('.') {
            s.push('.');
        } else {
            break;
        }
        k += 1;
    }
    s.parse().unwrap()
}

#[test]
fn source_lines_round_trip() {
    for path in all_inputs() {
        let (text, report) = load(&path);
        let should_be: Vec<String> = text
            .split('\n')
            .map(|l| l.trim_matches(is_trim_char))
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        assert_eq!(report.source_lines(), should_be, "{}", path.display());
    }
}

#[test]
fn facts_slice_out_their_text() {
    for path in all_inputs() {
        let (_, report) = load(&path);
        for f in &report.facts {
            let b = report
                .block(&f.block)
                .unwrap_or_else(|| panic!("{}: no block {}", path.display(), f.block));
            let field = match f.field {
                Field::Text => b.text.as_str(),
                Field::Title => b.title.as_deref().unwrap(),
            };
            let slice: String = field.chars().skip(f.start).take(f.end - f.start).collect();
            assert_eq!(slice, f.text, "{}: {}", path.display(), f.id);
            assert!(
                f.start < f.end && f.end <= field.chars().count(),
                "{}: {}",
                path.display(),
                f.id
            );
            assert_eq!(
                reparse(&f.text),
                f.value,
                "{}: {} {:?}",
                path.display(),
                f.id,
                f.text
            );
            for c in f.label.replace(" · ", "").chars() {
                assert!(
                    field.contains(c),
                    "{}: {} label {:?} has {c:?}, not in its text",
                    path.display(),
                    f.id,
                    f.label
                );
            }
            assert!(
                !f.label.is_empty() && f.label.chars().count() <= 30,
                "{}: {} label {:?}",
                path.display(),
                f.id,
                f.label
            );
        }
    }
}

#[test]
fn ids_are_unique_and_checks_point_at_facts() {
    for path in all_inputs() {
        let (_, report) = load(&path);
        let blocks: Vec<&str> = report.all_blocks().iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            blocks.iter().collect::<HashSet<_>>().len(),
            blocks.len(),
            "{}",
            path.display()
        );
        let facts: HashSet<&str> = report.facts.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(facts.len(), report.facts.len(), "{}", path.display());
        for (i, c) in report.checks.iter().enumerate() {
            assert_eq!(c.id, format!("k{}", i + 1), "{}", path.display());
            for id in c.parts.iter().chain([&c.total]) {
                assert!(
                    facts.contains(id.as_str()),
                    "{}: {} names {id}",
                    path.display(),
                    c.id
                );
            }
        }
        // Facts come in document order: by block, then title before text, then position.
        let order = |f: &fazhi_core::model::Fact| {
            let b = blocks.iter().position(|b| *b == f.block).unwrap();
            (b, f.field == Field::Text, f.start)
        };
        let keys: Vec<_> = report.facts.iter().map(order).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{}", path.display());
    }
}
