//! The validator accepts everything the converter makes and the report the site ships, and
//! refuses what the reader cannot show: the converter and the validator must agree, or a
//! report converted in the browser would be refused by the reader that converted it.

use fazhi_core::ingest::{convert, Limits, Source};
use fazhi_core::model::{validate, ReadError, Report};

fn root() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
}

#[test]
fn the_shipped_report_reads() {
    let text = std::fs::read_to_string(format!("{}/public/shangcheng-2022.json", root())).unwrap();
    let r = Report::from_json(&text).unwrap();
    assert!(r.facts.len() > 50 && r.charts.len() > 10);
    // The fact index finds every fact, and nothing else.
    for (i, f) in r.facts.iter().enumerate() {
        assert_eq!(r.fact_index(&f.id), Some(i));
        assert_eq!(r.fact(&f.id), Some(f));
    }
    assert_eq!(r.fact("nowhere"), None);
}

#[test]
fn blocks_and_their_parents_are_found_by_id_even_after_the_tree_changes() {
    let text = std::fs::read_to_string(format!("{}/public/shangcheng-2022.json", root())).unwrap();
    let mut r = Report::from_json(&text).unwrap();
    fn check(r: &Report) {
        for top in &r.blocks {
            assert_eq!(r.block(&top.id).map(|b| &b.id), Some(&top.id));
            assert!(r.parent(&top.id).is_none(), "{} is top-level", top.id);
            top.walk(&mut |b| {
                for c in &b.children {
                    assert_eq!(r.block(&c.id).map(|x| &x.id), Some(&c.id));
                    assert_eq!(r.parent(&c.id).map(|p| &p.id), Some(&b.id), "{}", c.id);
                }
            });
        }
        assert!(r.block("nowhere").is_none() && r.parent("nowhere").is_none());
    }
    check(&r);
    // The index was built on the first lookup; a block moved since is still found, by a walk.
    let moved = r.blocks[1].children.remove(0);
    r.blocks[2].children.insert(0, moved);
    check(&r);
}

#[test]
fn everything_the_converter_makes_is_valid() {
    let mut files = vec![format!("{}/seeds/shangcheng-2022.txt", root())];
    for e in std::fs::read_dir(format!("{}/tests/fixtures", root())).unwrap() {
        files.push(e.unwrap().path().to_string_lossy().into_owned());
    }
    let mut converted = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let src = Source {
            bytes: &bytes,
            file_name: Some(f),
            title: None,
        };
        if let Ok(c) = convert(&src, &Limits::default()) {
            validate(&c.report).unwrap_or_else(|e| panic!("{f}: {e}"));
            converted += 1;
        }
    }
    assert!(
        converted >= 10,
        "only {converted} of {} files converted",
        files.len()
    );
}

#[test]
fn json_errors_say_where_and_what() {
    let e =
        Report::from_json("{\n  \"format\": \"fazhi-report/1\",\n  \"meta\": 1\n}").unwrap_err();
    assert!(matches!(e, ReadError::Json { line: 3, .. }), "{e:?}");
    // Another format in the same shape is named; another shape gets serde's message.
    let seed = std::fs::read_to_string(format!("{}/public/shangcheng-2022.json", root())).unwrap();
    let other = seed.replacen("\"fazhi-report/1\"", "\"fazhi-report/2\"", 1);
    let e = Report::from_json(&other).unwrap_err();
    assert_eq!(
        e.to_string(),
        "的格式为 “fazhi-report/2”，本阅读器只支持 “fazhi-report/1”"
    );
    let e = Report::from_json("{\"format\": \"other/1\", \"pages\": []}").unwrap_err();
    assert!(matches!(e, ReadError::Json { line: 1, .. }), "{e:?}");
    let e = Report::from_json("[1, 2]").unwrap_err();
    assert!(matches!(e, ReadError::Json { line: 1, .. }), "{e:?}");
    let e = Report::from_json("{}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "不是有效的报告 JSON（第 1 行第 2 列）：缺少字段 “format”"
    );
}

/// Found by the fuzzer (report_props): an empty or blank file was "第 1 行第 0 列", serde's
/// column before the first character, where every other place is 1-based.
#[test]
fn an_empty_file_is_placed_at_line_1_column_1() {
    for text in ["", "\n", "{\n"] {
        let e = Report::from_json(text).unwrap_err();
        assert!(
            matches!(e, ReadError::Json { line, column: 1, .. } if line >= 1),
            "{text:?}: {e:?}"
        );
    }
}

#[test]
fn a_changed_fact_list_is_still_looked_up_right() {
    let text = std::fs::read_to_string(format!("{}/public/shangcheng-2022.json", root())).unwrap();
    let mut r = Report::from_json(&text).unwrap();
    let first = r.facts[0].id.clone();
    assert_eq!(r.fact_index(&first), Some(0));
    // After the index was built: removed, moved and added facts.
    let moved = r.facts.remove(0);
    r.facts.push(moved);
    assert_eq!(r.fact_index(&first), Some(r.facts.len() - 1));
    assert_eq!(
        r.fact(&r.facts[0].id.clone()).map(|f| &f.id),
        Some(&r.facts[0].id)
    );
}

/// The validator refuses a figure whose offsets run backwards or past its text, and what
/// slices text clamps anyway: the exports, search highlighting, the chart data and the
/// pre-rendered page read such a report without a panic (the third failure was a slice
/// index panic in the export).
#[test]
fn offsets_backwards_or_past_the_text_are_refused_and_never_panic() {
    use fazhi_core::model::Field;
    let text = std::fs::read_to_string(format!("{}/public/shangcheng-2022.json", root())).unwrap();
    let mut r = Report::from_json(&text).unwrap();
    (r.facts[0].start, r.facts[0].end) = (40, 3);
    r.facts[1].end = 100_000;
    (r.facts[2].field, r.facts[2].start, r.facts[2].end) = (Field::Title, 7, 9);
    let json = serde_json::to_string(&r).unwrap();
    let e = Report::from_json(&json).unwrap_err();
    assert!(e.to_string().contains("facts[0]"), "{e}");

    fazhi_core::export::facts_csv(&r);
    fazhi_core::export::facts_json(&r);
    for f in &r.facts[..3] {
        fazhi_core::export::fact_sentence(&r, f);
    }
    for c in &r.charts {
        fazhi_core::export::chart_csv(&r, c);
        let _ = fazhi_core::charts::resolve::spec(&r, c);
    }
    let index = fazhi_core::search::Index::new(&r);
    let hits = index.search("行政");
    index.describe(&r, &hits);
    for b in r.all_blocks() {
        let facts: Vec<_> = r
            .facts
            .iter()
            .enumerate()
            .map(|(i, f)| (f.start, f.end, i))
            .collect();
        let runs = fazhi_core::search::segments(&b.text, &facts, &[]);
        assert_eq!(
            runs.iter().map(|s| s.text.as_str()).collect::<String>(),
            b.text
        );
    }
    fazhi_core::page::prerender::prerender(&r, fazhi_core::page::prerender::Target::Offline);
}

/// Figures read back exactly as written: every figure a report states has at most 15
/// significant digits, which serde_json's default parser reads exactly. (The fuzzer found that
/// a value of 16 or 17 digits, 9007199254740991, can come back one unit in the last place off:
/// that parser rounds twice. Its `float_roundtrip` feature is exact but costs 9.5 KB of gzipped
/// reader wasm, measured, which the budget does not have; see report_props.)
#[test]
fn values_read_back_exactly_as_written() {
    let text = std::fs::read_to_string(format!("{}/public/shangcheng-2022.json", root())).unwrap();
    let mut r = Report::from_json(&text).unwrap();
    let values = [
        12.4,
        82.14,
        12340.0,
        0.3,
        123456789012345.0,
        99.99999999999,
        0.000001,
        1e15,
    ];
    for (f, v) in r.facts.iter_mut().zip(values) {
        f.value = v;
    }
    let back = Report::from_json(&serde_json::to_string(&r).unwrap()).unwrap();
    for (f, v) in back.facts.iter().zip(values) {
        assert_eq!(
            f.value.to_bits(),
            v.to_bits(),
            "{v:e} read back as {:e}",
            f.value
        );
    }
}

/// The reader decodes and validates in tasks of their own: `decode` checks the shape and the
/// format only, `validate` the rest, and `from_json` is both. Every fact of a paragraph is
/// compared with its text in one walk, so a wrong one after right ones is still found.
#[test]
fn decode_reads_the_shape_and_validate_the_rest() {
    let text = std::fs::read_to_string(format!("{}/public/shangcheng-2022.json", root())).unwrap();
    let mut r = Report::from_json(&text).unwrap();
    // The last fact of the paragraph that states the most.
    let block = r
        .facts
        .iter()
        .max_by_key(|f| r.facts.iter().filter(|g| g.block == f.block).count())
        .map(|f| f.block.clone())
        .unwrap();
    let i = r.facts.iter().rposition(|f| f.block == block).unwrap();
    assert!(r.facts.iter().filter(|f| f.block == block).count() > 2);
    r.facts[i].text.push('0');
    let json = serde_json::to_string(&r).unwrap();
    let decoded = Report::decode(&json).unwrap();
    let e = validate(&decoded).unwrap_err();
    assert_eq!(e.path, format!("facts[{i}].text"), "{e}");
    match Report::from_json(&json) {
        Err(ReadError::Invalid(same)) => assert_eq!(same, e),
        other => panic!("{other:?}"),
    }
    let other = json.replacen(&format!("\"{}\"", r.format), "\"another-format\"", 1);
    assert!(matches!(
        Report::decode(&other),
        Err(ReadError::Format { .. })
    ));
}
