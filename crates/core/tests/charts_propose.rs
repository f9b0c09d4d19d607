//! The converter's proposed charts and cards: made for every report with no sidecar, honest by
//! the same rules as an editor's, and close to what an editor chose for the bundled report.
//! The report texts below are written for these tests, in the shape real reports have.

use fazhi_core::ingest::{attach_indicators, parse};
use fazhi_core::model::{ChartDef, ChartForm, Origin, Report};
use fazhi_core::propose::rules::check_chart;
use std::collections::BTreeSet;

fn root() -> String {
    format!("{}/../..", env!("CARGO_MANIFEST_DIR"))
}

/// The facts a chart draws, its whole included, as written ("33件").
fn figures(r: &Report, c: &ChartDef) -> Vec<String> {
    c.total
        .iter()
        .chain(&c.facts)
        .map(|id| r.facts.iter().find(|f| &f.id == id).unwrap().text.clone())
        .collect()
}

fn ids(c: &ChartDef) -> BTreeSet<&str> {
    c.total.iter().chain(&c.facts).map(String::as_str).collect()
}

/// What every proposal must be, for any report.
fn assert_honest(r: &Report, name: &str) {
    let mut blocks = BTreeSet::new();
    for c in &r.charts {
        assert_eq!(c.origin, Origin::Proposed, "{name}: {}", c.id);
        check_chart(r, c).unwrap_or_else(|e| panic!("{name}: {}: {e}", c.id));
        // At most one chart per block, named after it.
        assert!(
            blocks.insert(c.id.clone()),
            "{name}: two charts for {}",
            c.id
        );
        assert!(r.block(&c.id).is_some(), "{name}: {} is not a block", c.id);
        assert!(!c.title.trim().is_empty(), "{name}: {} has no title", c.id);
        for id in c.total.iter().chain(&c.facts) {
            let f = r.facts.iter().find(|f| &f.id == id).unwrap();
            let b = r.block(&f.block).unwrap();
            let before: String = b.text.chars().take(f.start).collect();
            assert!(
                !before.ends_with('第'),
                "{name}: charts the ordinal {}",
                f.text
            );
            assert!(
                !f.unit.starts_with(['年', '月', '日']),
                "{name}: charts the date {}",
                f.text
            );
        }
        for l in &c.labels {
            assert!(!l.chars().any(|c| c.is_ascii_digit()), "{name}: label {l}");
        }
    }
    assert!(r.charts.len() <= 16, "{name}: {} charts", r.charts.len());
    assert!(r.cards.len() <= 8, "{name}: {} cards", r.cards.len());
    assert_eq!(r.cards.len(), r.card_labels.len(), "{name}");
    for l in &r.card_labels {
        assert!(l.chars().count() >= 3, "{name}: card label {l}");
    }
}

#[test]
fn the_seed_without_its_sidecar_gets_most_of_the_editors_charts() {
    let text = std::fs::read_to_string(format!("{}/seeds/shangcheng-2022.txt", root())).unwrap();
    let proposed = parse(&text).unwrap();
    assert_honest(&proposed, "seed");
    let sidecar =
        std::fs::read_to_string(format!("{}/seeds/shangcheng-2022.charts.json", root())).unwrap();
    let mut edited = proposed.clone();
    attach_indicators(&mut edited, &sidecar).unwrap();
    eprintln!(
        "proposed for the seed, against the editor's {} charts:",
        edited.charts.len()
    );
    let mut same = 0;
    for p in &proposed.charts {
        let exact = edited.charts.iter().find(|e| ids(e) == ids(p));
        let overlap = edited.charts.iter().find(|e| !ids(e).is_disjoint(&ids(p)));
        let verdict = match (exact, overlap) {
            (Some(e), _) => {
                same += 1;
                format!("= {}", e.id)
            }
            (None, Some(e)) => format!("~ {} (shares some figures)", e.id),
            (None, None) => "new".to_string(),
        };
        eprintln!(
            "  {:10} {:?} {} {:?}  {verdict}",
            p.id,
            p.form,
            p.title,
            figures(&proposed, p)
        );
    }
    for c in &proposed.cards {
        let f = proposed.facts.iter().find(|f| &f.id == c).unwrap();
        eprintln!("  card {} {}", f.text, f.label);
    }
    assert!(
        (6..=16).contains(&proposed.charts.len()),
        "{}",
        proposed.charts.len()
    );
    assert!(
        same >= 5,
        "{same} proposals draw the same figures as an editor's chart"
    );
    // The court-appearance rate is in the same item as the litigation cases: one chart per item.
    let litigation = proposed.charts.iter().find(|c| c.id == "c1s6i2").unwrap();
    assert_eq!(litigation.form, ChartForm::Part);
    assert_eq!(
        figures(&proposed, litigation),
        ["60件", "27件", "26件", "7件"]
    );
    // Cards: the stated totals and the rates, the rate labelled as the rate.
    let card = |text: &str| {
        proposed
            .cards
            .iter()
            .zip(&proposed.card_labels)
            .find(|(id, _)| {
                proposed
                    .facts
                    .iter()
                    .any(|f| &f.id == *id && f.text == text)
            })
            .map(|(_, l)| l.as_str())
    };
    assert_eq!(card("82.14%"), Some("行政机关负责人出庭应诉率"));
    assert_eq!(card("33件"), Some("行政复议申请"));
    assert_eq!(card("100%"), Some("调解率"));
}

#[test]
fn every_fixture_gets_only_honest_proposals() {
    let mut names: Vec<_> = std::fs::read_dir(format!("{}/tests/fixtures", root()))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 10);
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Ok(r) = parse(text.trim_start_matches('\u{feff}')) else {
            continue;
        };
        assert_honest(&r, &name);
        eprintln!(
            "{name}: {} facts, {} charts, {} cards",
            r.facts.len(),
            r.charts.len(),
            r.cards.len()
        );
    }
}

const REPORT: &str = "\
某县人民政府关于2023年法治政府建设情况的报告
一、主要工作
（一）行政复议和应诉
1.办理行政复议案件。全年收到行政复议申请40件，其中受理36件，不予受理4件。群众满意率达97.5%，按期办结率为100%，案件量同比增长12%。
2.规范执法培训。培训执法人员320人次、网格员1200人次、村干部860人次。召开第3次专题会议，全年召开协调会议12次。
3.应诉工作。行政复议纠错率为8.3%，较去年下降2.1个百分点。
4.优化营商环境。新增市场主体3260户，办理政务服务事项18600件，上线高频事项120个。
（二）普法宣传
开展普法活动45场，其中线上20场，线下25场；发放资料3000份。
2024年1月10日
";

fn chart<'a>(r: &'a Report, block: &str) -> Option<&'a ChartDef> {
    r.charts.iter().find(|c| c.id == block)
}

#[test]
fn each_kind_of_statement_gets_its_chart() {
    let r = parse(REPORT).unwrap();
    assert_honest(&r, "report");
    // A stated total and its parts: the whole and what it breaks into, from the item heading.
    let part = chart(&r, "c1s1i1").unwrap();
    assert_eq!(part.form, ChartForm::Part);
    assert_eq!(figures(&r, part), ["40件", "36件", "4件"]);
    assert_eq!(part.title, "办理行政复议案件");
    assert_eq!(part.labels, ["受理", "不予受理"]);
    // Three figures in one unit: bars; the ordinal 第3次 and the 12次 beside it are not.
    let bars = chart(&r, "c1s1i2").unwrap();
    assert_eq!(bars.form, ChartForm::Bars);
    assert_eq!(figures(&r, bars), ["320人次", "1200人次", "860人次"]);
    // Three figures in three units: nothing to draw on one axis.
    assert!(chart(&r, "c1s1i4").is_none());
    // A paragraph under a section: its chart is titled by the section.
    assert_eq!(chart(&r, "c1s2p1").unwrap().title, "普法宣传");
    // A short text gets few charts (3 for these 500 characters): the rate compared with last
    // year, which says least, is left out; alone it is shown with the text's own words.
    assert_eq!(r.charts.len(), 3);
    assert!(chart(&r, "c1s1i3").is_none());
    let text = "某县人民政府关于2023年法治政府建设情况的报告\n一、主要工作\n\
                1.应诉工作。行政复议纠错率为8.3%，较去年下降2.1个百分点。\n\
                2.受理案件。收到申请120件，同比增长20%。\n2024年1月10日\n";
    let r = parse(text).unwrap();
    assert_honest(&r, "compared");
    let rate = chart(&r, "c1i1").unwrap();
    assert_eq!(rate.form, ChartForm::Rate);
    assert_eq!(figures(&r, rate), ["8.3%"]);
    assert_eq!(rate.note.as_deref(), Some("较去年下降2.1个百分点"));
    let count = chart(&r, "c1i2").unwrap();
    assert_eq!(
        figures(&r, count),
        ["120件"],
        "the change itself is not drawn"
    );
    assert_eq!(count.note.as_deref(), Some("同比增长20%"));
}

#[test]
fn one_chart_per_item_the_one_that_says_most() {
    let r = parse(REPORT).unwrap();
    // Item 1 states a sum (3 figures, exact) and two shares; the sum says more.
    let c = chart(&r, "c1s1i1").unwrap();
    assert_eq!(c.form, ChartForm::Part);
    assert_eq!(r.charts.iter().filter(|c| c.id == "c1s1i1").count(), 1);
    // The change (增长12%) is never drawn as a share, on a rate chart or anywhere.
    let change = r.facts.iter().find(|f| f.text == "12%").unwrap();
    assert!(!r.charts.iter().any(|c| c.facts.contains(&change.id)));
    assert!(!r.cards.contains(&change.id));
    // The shares become cards, the 100% first, labelled by their rate.
    let labels: Vec<&str> = r.card_labels.iter().map(String::as_str).collect();
    assert!(labels.contains(&"按期办结率"), "{labels:?}");
    assert!(labels.contains(&"群众满意率"), "{labels:?}");
}

#[test]
fn the_total_is_sensible_for_the_length_and_ranked_by_what_they_say() {
    // Forty items, each with a sum; a short text gets few charts, the best first.
    let mut text = String::from("某县人民政府关于2023年法治政府建设情况的报告\n一、主要工作\n");
    for i in 1..=40 {
        let parts = if i % 10 == 0 {
            "其中受理6件，转送3件，不予受理1件"
        } else {
            "其中受理8件，不予受理2件"
        };
        text.push_str(&format!("{i}.事项办理。收到申请10件，{parts}。\n"));
    }
    text.push_str("2024年1月10日\n");
    let r = parse(&text).unwrap();
    assert_honest(&r, "forty items");
    let chars: usize = r
        .all_blocks()
        .iter()
        .map(|b| b.own_source().chars().count())
        .sum();
    assert_eq!(
        r.charts.len(),
        (chars / 375).clamp(3, 16),
        "{chars} characters"
    );
    // The sums with three parts say most and come first, in document order.
    assert!(r.charts.len() < 40);
    let first: Vec<&str> = r.charts.iter().take(4).map(|c| c.id.as_str()).collect();
    let best = ["c1i10", "c1i20", "c1i30", "c1i40"];
    assert_eq!(first, best[..first.len()]);
    assert_eq!(r.charts[0].facts.len(), 3);
}

#[test]
fn a_sidecar_amends_or_replaces_the_proposals() {
    let proposed = parse(REPORT).unwrap();
    let n = proposed.charts.len();
    assert!(n >= 3);
    let mut r = proposed.clone();
    let side = r#"{"proposals": "amend", "drop": ["c1s1i2"],
        "charts": [{"id": "c1s1i1", "title": "行政复议申请的受理", "form": "part",
                    "total": "c1s1i1-f1", "facts": ["c1s1i1-f2", "c1s1i1-f3"]}]}"#;
    attach_indicators(&mut r, side).unwrap();
    assert_eq!(r.charts.len(), n - 1);
    let c = chart(&r, "c1s1i1").unwrap();
    assert_eq!(
        (c.title.as_str(), c.origin),
        ("行政复议申请的受理", Origin::Editor)
    );
    assert!(chart(&r, "c1s1i2").is_none());
    assert_eq!(r.cards, proposed.cards, "cards not named are kept");

    let mut r = proposed.clone();
    attach_indicators(&mut r, r#"{"cards": ["c1s1i1-f1"]}"#).unwrap();
    assert!(r.charts.is_empty(), "the default replaces the proposals");
    assert_eq!(r.cards, ["c1s1i1-f1"]);
}
