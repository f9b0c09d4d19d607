//! The shapes real reports come in that once got them refused or misread, one small fixture
//! each (written for these tests, not copied from any government's text): no title line, a
//! salutation, chapters that are years or plans, a date line under the title, a heading running
//! into its body, fourth-level items, a closing glossary, 特此报告。, brackets that split counts,
//! and numbering that skips or starts again.

use fazhi_core::ingest::{convert, Converted, Limits, Source};
use fazhi_core::model::{Field, Kind, Report, TitleFrom};

fn fixture(name: &str) -> Converted {
    let path = format!(
        "{}/tests/fixtures/{name}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let src = Source {
        bytes: &bytes,
        file_name: Some(name),
        title: None,
    };
    convert(&src, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// One line per block: "id kind number title | text @line" ("-" for none).
fn outline(r: &Report) -> Vec<String> {
    r.all_blocks()
        .iter()
        .map(|b| {
            format!(
                "{} {} {} {} | {} @{}",
                b.id,
                b.kind.as_str(),
                b.number.as_deref().unwrap_or("-"),
                b.title.as_deref().unwrap_or("-"),
                b.text,
                b.line
            )
        })
        .collect()
}

fn warnings(c: &Converted) -> Vec<String> {
    c.warnings.iter().map(|w| w.to_string()).collect()
}

#[test]
fn a_lead_line_and_no_title_take_the_file_name() {
    let name = "某区人民政府关于2021年度法治政府建设情况的报告_2022.txt";
    let c = fixture(name);
    let m = &c.report.meta;
    assert_eq!(m.title, "某区人民政府关于2021年度法治政府建设情况的报告");
    assert_eq!(m.title_from, TitleFrom::File);
    assert_eq!(m.issuer.as_deref(), Some("某区人民政府"));
    assert_eq!(
        (m.year, m.signed.as_deref()),
        (Some(2021), Some("2022-01-20"))
    );
    assert_eq!(
        warnings(&c),
        ["第 1 行第 1 列：正文前没有标题行（正文以“现将有关情况报告如下：”开头），标题取自文件名：“某区人民政府关于2021年度法治政府建设情况的报告”"]
    );
    let o = outline(&c.report);
    assert_eq!(o[0], "p1 paragraph - - | 现将有关情况报告如下： @1");
    assert_eq!(
        o[o.len() - 3..],
        [
            "sign1 signature - - | 特此报告。 @10",
            "sign2 signature - - | 某区人民政府 @11",
            "sign3 signature - - | 2022年1月20日 @12",
        ]
    );
    // 特此报告。 is not a paragraph of the last chapter.
    let last = c.report.blocks.iter().rfind(|b| b.kind == Kind::Chapter);
    assert_eq!(last.map(|b| b.children.len()), Some(1));
}

#[test]
fn a_salutation_a_date_line_and_chapters_that_are_years() {
    let c = fixture("salutation.txt");
    let m = &c.report.meta;
    assert_eq!(m.title, "政府工作报告");
    assert_eq!(
        m.dateline.as_deref(),
        Some("——2024年1月10日在某区第十届人民代表大会第三次会议上")
    );
    assert_eq!(m.dated.as_deref(), Some("2024-01-10"));
    assert!(c.warnings.is_empty(), "{:?}", warnings(&c));
    let chapters: Vec<String> = c
        .report
        .blocks
        .iter()
        .filter(|b| b.kind == Kind::Chapter)
        .map(|b| b.own_source())
        .collect();
    assert_eq!(
        chapters,
        [
            "一、2023年工作回顾",
            "二、2024年工作安排",
            "三、2024年工作计划"
        ]
    );
    let o = outline(&c.report);
    assert_eq!(o[1], "p2 paragraph - - | 各位代表： @4");
    // Years in chapter titles are no figures; the figures of the prose are.
    let texts: Vec<&str> = c.report.facts.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts[..3], ["3260户", "18.6万件", "达98.5%"]);
    assert!(!texts
        .iter()
        .any(|t| t.contains("2023") || t.contains("2024")));
}

#[test]
fn a_date_line_under_the_title_is_no_part_of_it() {
    let c = fixture("dateline.txt");
    let m = &c.report.meta;
    assert_eq!(m.title, "某县人民政府关于2023年法治政府建设情况的报告");
    assert_eq!(m.dateline.as_deref(), Some("（2024年1月10日）"));
    assert_eq!(m.dated.as_deref(), Some("2024-01-10"));
    assert_eq!(
        c.report.body_lines()[..3],
        [
            "某县人民政府关于2023年法治政府建设情况的报告",
            "（2024年1月10日）",
            "2023年，我县法治政府建设各项工作有序推进。"
        ]
    );
}

#[test]
fn headings_running_into_their_body_without_a_full_stop() {
    let c = fixture("same-line-headings.txt");
    let heads: Vec<(Option<&str>, String)> = c
        .report
        .all_blocks()
        .iter()
        .filter(|b| matches!(b.kind, Kind::Chapter | Kind::Section))
        .map(|b| (b.title.as_deref(), b.text.chars().take(8).collect()))
        .collect();
    let should_be: Vec<(Option<&str>, String)> = vec![
        (Some("总体情况\u{3000}"), "2023年，全县".into()),
        (Some("加强组织领导 "), "县政府召开常务会".into()),
        (Some("深化政务公开："), "全年主动公开政府".into()),
        (Some("推进依法决策"), "2023年，县政".into()),
        (Some("下一步打算"), "".into()),
    ];
    assert_eq!(heads, should_be);
}

#[test]
fn fourth_level_items_are_addressable() {
    let c = fixture("subitems.txt");
    let subs: Vec<(String, String)> = c
        .report
        .all_blocks()
        .iter()
        .filter(|b| b.kind == Kind::SubItem)
        .map(|b| (b.id.clone(), b.number.clone().unwrap_or_default()))
        .collect();
    let should_be = [
        ("c1s1i1j1", "（1）"),
        ("c1s1i1j2", "（2）"),
        ("c1s1i1j3", "(3)"),
        ("c1s1i2j1", "①"),
        ("c1s1i2j2", "②"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()));
    assert_eq!(subs, should_be);
    assert!(c.warnings.is_empty(), "{:?}", warnings(&c));
    assert_eq!(c.report.facts[1].id, "c1s1i1j1-f1");
}

#[test]
fn the_closing_glossary_is_its_own_part_and_its_terms_are_found() {
    let c = fixture("glossary.txt");
    let r = &c.report;
    let g = r.blocks.iter().find(|b| b.kind == Kind::Glossary).unwrap();
    assert_eq!(
        (g.id.as_str(), g.title.as_deref()),
        ("g1", Some("有关名词解释"))
    );
    assert_eq!(g.children.len(), 5);
    assert!(g.children.iter().all(|t| t.kind == Kind::Term));
    // The last chapter keeps only its own paragraph.
    assert_eq!(r.blocks[2].children.len(), 1);
    let uses = |term: &str| -> Vec<(String, usize, usize)> {
        let t = r.terms.iter().find(|t| t.term == term).unwrap();
        t.uses
            .iter()
            .map(|u| (u.block.clone(), u.start, u.end))
            .collect()
    };
    let at = |b: &str, s: usize, e: usize| (b.to_string(), s, e);
    assert_eq!(
        uses("放管服"),
        [at("p1", 15, 18), at("c1s1", 3, 6), at("c1s1", 23, 26)]
    );
    let fields: Vec<Field> = r.terms[0].uses.iter().map(|u| u.field).collect();
    assert_eq!(fields, [Field::Text, Field::Title, Field::Text]);
    assert_eq!(uses("双随机、一公开"), [at("c2p1", 5, 12)]);
    // The longer term wins where two overlap; the shorter one is found elsewhere.
    assert_eq!(uses("互联网+政务服务"), [at("c2p1", 19, 27)]);
    assert_eq!(uses("政务服务"), [at("c2p1", 34, 38)]);
    // Every use slices out its term.
    for t in &r.terms {
        assert_eq!(t.block.chars().next(), Some('g'));
        for u in &t.uses {
            let b = r.block(&u.block).unwrap();
            let field = match u.field {
                Field::Text => b.text.as_str(),
                Field::Title => b.title.as_deref().unwrap_or(""),
            };
            let s: String = field.chars().skip(u.start).take(u.end - u.start).collect();
            assert_eq!(s, t.term);
        }
    }
    assert_eq!(r.meta.signed.as_deref(), Some("2023-01-16"));
}

#[test]
fn counts_split_in_brackets_are_labelled_and_not_summed() {
    let c = fixture("parenthetical.txt");
    let labels: Vec<(&str, &str)> = c
        .report
        .facts
        .iter()
        .map(|f| (f.text.as_str(), f.label.as_str()))
        .collect();
    assert_eq!(
        labels[..4],
        [
            ("103宗", "行政复议申请"),
            ("10宗", "行政复议申请 · 转送"),
            ("1宗", "行政复议申请 · 不予受理"),
            ("96宗", "审结"),
        ]
    );
    assert_eq!(labels[7], ("95.6%", "行政机关负责人出庭应诉率"));
    // 10 + 1 is a selection of 103, not a sum that fails; 30 + 15 = 45 still holds.
    let details: Vec<&str> = c.report.checks.iter().map(|k| k.detail.as_str()).collect();
    assert_eq!(details, ["30 + 15 = 45"]);
}

#[test]
fn numbering_that_skips_or_starts_again_is_a_warning() {
    let c = fixture("numbering.txt");
    assert_eq!(
        warnings(&c),
        [
            "第 6 行第 1 列：编号不连续：“四、”的前一个同级编号是“二、”",
            "第 9 行第 1 列：编号不连续：“3.”的前一个同级编号是“1.”",
            "第 12 行第 1 列：编号重复：“1.”与前一个同级编号“1.”相同",
        ]
    );
    let chapters: Vec<&str> = c
        .report
        .blocks
        .iter()
        .filter(|b| b.kind == Kind::Chapter)
        .filter_map(|b| b.number.as_deref())
        .collect();
    assert_eq!(chapters.len(), 11);
    assert_eq!(chapters[9..], ["十一、", "十二、"]);
}

#[test]
fn numerals_past_ninety_nine_are_chapters() {
    let mut text = String::from("某县人民政府关于2023年法治政府建设情况的报告\n");
    for n in 1..=102 {
        let numeral = cn(n);
        text.push_str(&format!("{numeral}、第{n}部分\n收到申请{n}件。\n"));
    }
    let src = Source {
        bytes: text.as_bytes(),
        ..Source::default()
    };
    let c = convert(&src, &Limits::default()).unwrap();
    let chapters = c.report.blocks.iter().filter(|b| b.kind == Kind::Chapter);
    assert_eq!(chapters.count(), 102);
    assert!(c.warnings.is_empty(), "{:?}", warnings(&c));
    assert_eq!(c.report.blocks[100].number.as_deref(), Some("一百零一、"));
}

/// Chinese numerals for the test's own input, written out independently of the converter's.
fn cn(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        100 => "一百".into(),
        101..=109 => format!("一百零{}", D[(n % 10) as usize]),
        _ => format!("一百{}", cn(n - 100)),
    }
}
