//! Figure labels a reader can trust: on the seed and every fixture, no label has an unbalanced
//! bracket ("（其"), fewer than two Han characters ("公", "村"), a digit ("12人"), or is the
//! figure's own text. The share of such thin labels is printed (`cargo test -p fazhi-core --test
//! ingest_labels -- --nocapture`) and must be 0.

use fazhi_core::ingest::{convert, Limits, Source};
use fazhi_core::model::Fact;
use std::path::PathBuf;

fn inputs() -> Vec<PathBuf> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut out = vec![root.join("seeds/shangcheng-2022.txt")];
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    fixtures.sort();
    out.extend(fixtures);
    out
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2EBEF}')
}

fn balanced(s: &str) -> bool {
    let mut depth = Vec::new();
    for c in s.chars() {
        match c {
            '（' | '(' | '《' | '“' => depth.push(c),
            '）' | ')' | '》' | '”' => {
                let want = match c {
                    '）' | ')' => ['（', '('],
                    '》' => ['《', '《'],
                    _ => ['“', '“'],
                };
                if !depth.pop().is_some_and(|o| want.contains(&o)) {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth.is_empty()
}

/// Why a label is thin, or `None` when it names something.
fn thin(f: &Fact) -> Option<&'static str> {
    let l = &f.label;
    if !balanced(l) {
        Some("unbalanced bracket")
    } else if l.chars().filter(|c| is_han(*c)).count() < 2 {
        Some("fewer than two Han characters")
    } else if l
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        Some("a digit")
    } else if *l == f.text {
        Some("the figure's own text")
    } else {
        None
    }
}

#[test]
fn no_thin_labels_on_the_seed_and_fixtures() {
    let (mut all, mut bad) = (0, Vec::new());
    for path in inputs() {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let src = Source {
            bytes: &bytes,
            file_name: Some(&name),
            title: None,
        };
        let report = convert(&src, &Limits::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .report;
        for f in &report.facts {
            all += 1;
            if let Some(why) = thin(f) {
                bad.push(format!("{name} {} {:?} {:?}: {why}", f.id, f.text, f.label));
            }
        }
    }
    let share = bad.len() as f64 / all.max(1) as f64;
    println!(
        "thin labels: {} of {all} ({:.1}%) on the seed and fixtures",
        bad.len(),
        share * 100.0
    );
    for b in &bad {
        println!("  {b}");
    }
    assert!(all > 100, "only {all} figures: inputs missing?");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_measure_catches_each_kind_of_thin_label() {
    let fact = |text: &str, label: &str| Fact {
        id: "c1p1-f1".into(),
        value: 1.0,
        unit: "件".into(),
        qualifier: None,
        text: text.into(),
        label: label.into(),
        block: "c1p1".into(),
        field: Default::default(),
        start: 0,
        end: 1,
    };
    assert_eq!(thin(&fact("3宗", "（其")), Some("unbalanced bracket"));
    assert_eq!(
        thin(&fact("3宗", "公")),
        Some("fewer than two Han characters")
    );
    assert_eq!(
        thin(&fact("12人", "12人")),
        Some("fewer than two Han characters")
    );
    assert_eq!(thin(&fact("12人", "培训12人")), Some("a digit"));
    assert_eq!(thin(&fact("3项", "打造项目")), None);
    assert_eq!(thin(&fact("3个", "乡镇(街道)")), None);
    assert_eq!(
        thin(&fact("3件", "随机抽查行政执法案卷（包含行")),
        Some("unbalanced bracket")
    );
}
