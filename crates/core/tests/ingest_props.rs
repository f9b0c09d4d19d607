//! `parse` never panics, whatever it is given, and whenever it succeeds the text round-trips and
//! every fact slices out its own text. Two generators: strings over an alphabet of the tokens
//! the parser cares about (markers, hedges, units, dates, portal lines, odd whitespace) mixed
//! with arbitrary chars, and mutations of the seed report (lines deleted, duplicated, swapped,
//! chars inserted).

// proptest is a native-only dev-dependency (its RNG does not build for wasm32).
#![cfg(not(target_arch = "wasm32"))]

use fazhi_core::ingest::{is_trim_char, parse};
use fazhi_core::model::Field;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::cell::Cell;

#[path = "support/fuzz.rs"]
mod fuzz;

const ARBITRARY_CASES: u32 = 2000;
const MUTATION_CASES: u32 = 500;
/// Shares of inputs that must convert, so that the properties are checked on reports and not
/// only on refusals (measured: 55% of arbitrary texts, 98% of mutated seeds).
const ARBITRARY_MIN_SHARE: f64 = 0.40;
const MUTATION_MIN_SHARE: f64 = 0.90;

const TOKENS: &[&str] = &[
    "一、",
    "二、",
    "十二、",
    "(一)",
    "（二）",
    "(三",
    "1.",
    "2．",
    "１．",
    "3、",
    "12.4",
    "一是",
    "二是",
    "三是",
    "其中",
    "共",
    "共有",
    "余",
    "近",
    "约",
    "达",
    "超过",
    "以上",
    "件",
    "项",
    "人次",
    "件次",
    "%",
    "％",
    "率",
    "年",
    "月",
    "日",
    "月份",
    "第",
    "《",
    "》",
    "“",
    "”",
    "-",
    "—",
    "―",
    "至",
    "～",
    ",",
    "，",
    "。",
    "；",
    "：",
    " ",
    "\u{3000}",
    "\u{a0}",
    "\u{feff}",
    "\t",
    "\n",
    "\r\n",
    "\n\n",
    "2022年",
    "2023年2月27日",
    "2023-03-07",
    "12,340",
    "１２３",
    "280余件",
    "近200件",
    "达95%",
    "首页 > 专题 > 年报",
    "门户网站 www.x.gov.cn 时间:2023-03-07 来源:某县",
    "扫一扫在手机打开当前页",
    "某县人民政府",
    "关于2022年法治政府建设情况的报告",
    "收到申请33件，其中受理25件，不予受理8件",
    "调解成功1590件，调解成功率达98%",
    "0",
    "9",
    "５",
    ".",
    "．",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(TOKENS).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
        1 => "[0-9]{1,6}",
    ]
}

const MARKERS: &[&str] = &[
    "一、",
    "二、",
    "(一)",
    "（二）",
    "1.",
    "2．",
    "3、",
    "一是",
    "",
];

/// Lines that start like report lines, under a title and a first chapter, so that most of
/// them get past the structure checks and exercise the fact extractor.
fn report_like() -> impl Strategy<Value = String> {
    // Control chars other than line ends and tabs are refused up front; leave them out here.
    let text_token = token().prop_filter("no control chars", |t| {
        !t.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    });
    let line = (
        prop::sample::select(MARKERS),
        prop::collection::vec(text_token, 0..24),
    )
        .prop_map(|(m, t)| format!("{m}{}", t.concat()));
    prop::collection::vec(line, 0..16).prop_map(|ls| {
        format!(
            "某县人民政府关于2022年法治政府建设情况的报告\n一、工作\n{}",
            ls.join("\n")
        )
    })
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::collection::vec(token(), 0..120).prop_map(|v| v.concat()),
        1 => any::<String>(),
        3 => report_like(),
    ]
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Insert(usize, usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..200usize).prop_map(Edit::Delete),
        (0..200usize).prop_map(Edit::Duplicate),
        (0..200usize, 0..200usize).prop_map(|(a, b)| Edit::Swap(a, b)),
        (0..200usize, 0..400usize, token()).prop_map(|(l, at, s)| Edit::Insert(l, at, s)),
    ]
}

fn seed_text() -> String {
    std::fs::read_to_string(concat!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
        "/seeds/shangcheng-2022.txt"
    ))
    .unwrap()
}

fn mutate(seed: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = seed.split('\n').map(String::from).collect();
    for e in edits {
        let n = lines.len();
        if n == 0 {
            break;
        }
        match e {
            Edit::Delete(i) => {
                lines.remove(i % n);
            }
            Edit::Duplicate(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Edit::Swap(a, b) => lines.swap(a % n, b % n),
            Edit::Insert(l, at, s) => {
                let line = &mut lines[l % n];
                let chars: Vec<char> = line.chars().collect();
                let at = at % (chars.len() + 1);
                *line = chars[..at]
                    .iter()
                    .chain(s.chars().collect::<Vec<_>>().iter())
                    .chain(&chars[at..])
                    .collect();
            }
        }
    }
    lines.join("\n")
}

/// What must hold for any input.
fn holds(text: &str) -> Result<(), TestCaseError> {
    let report = match parse(text) {
        Ok(r) => r,
        Err(e) => {
            prop_assert!(e.line >= 1 && e.column >= 1, "{e}");
            prop_assert!(!e.message.is_empty());
            return Ok(());
        }
    };
    let should_be: Vec<String> = text
        .split('\n')
        .map(|l| l.trim_matches(is_trim_char))
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    prop_assert_eq!(report.source_lines(), should_be);
    for f in &report.facts {
        let b = report.block(&f.block);
        prop_assert!(b.is_some(), "no block {}", f.block);
        let b = b.unwrap();
        let field = match f.field {
            Field::Text => Some(b.text.as_str()),
            Field::Title => b.title.as_deref(),
        };
        prop_assert!(field.is_some());
        let slice: String = field
            .unwrap()
            .chars()
            .skip(f.start)
            .take(f.end.saturating_sub(f.start))
            .collect();
        prop_assert_eq!(&slice, &f.text, "{}", f.id);
        prop_assert!(f.start < f.end, "{}", f.id);
        prop_assert!(f.value.is_finite(), "{}", f.id);
    }
    // The JSON is well-formed and reads back the same.
    let json = serde_json::to_string(&report).unwrap();
    let back: fazhi_core::model::Report = serde_json::from_str(&json).unwrap();
    prop_assert_eq!(back, report);
    Ok(())
}

#[test]
fn parse_never_panics_on_arbitrary_text() {
    let ok = Cell::new(0usize);
    let run = fuzz::run(
        "parse/arbitrary-text",
        ARBITRARY_CASES,
        arbitrary_text(),
        |text| {
            ok.set(ok.get() + usize::from(parse(&text).is_ok()));
            holds(&text)
        },
    );
    let share = ok.get() as f64 / run.max(1) as f64;
    assert!(share >= ARBITRARY_MIN_SHARE, "only {share:.2} parsed");
}

#[test]
fn parse_never_panics_on_mutated_seeds() {
    let seed = seed_text();
    let ok = Cell::new(0usize);
    let edits = prop::collection::vec(edit(), 1..8);
    let run = fuzz::run("parse/mutated-seed", MUTATION_CASES, edits, |edits| {
        let text = mutate(&seed, &edits);
        ok.set(ok.get() + usize::from(parse(&text).is_ok()));
        holds(&text)
    });
    let share = ok.get() as f64 / run.max(1) as f64;
    assert!(share >= MUTATION_MIN_SHARE, "only {share:.2} parsed");
}
