//! The shapes real report texts come in, one small fixture each (`tests/fixtures/*.txt`):
//! punctuation variants, line endings, odd indentation, missing portal lines, headings with
//! their body, lead paragraphs, date and number spellings, ranges.

use fazhi_core::ingest::{convert, Limits, Source};
use fazhi_core::model::{Meta, Qualifier, Report, TitleFrom};

fn fixture(name: &str) -> Report {
    let path = format!(
        "{}/tests/fixtures/{name}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    convert(
        &Source {
            bytes: &bytes,
            ..Source::default()
        },
        &Limits::default(),
    )
    .map(|c| c.report)
    .unwrap_or_else(|e| panic!("{name}: {e}"))
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

/// One entry per fact: (text, value, unit, qualifier).
fn facts(r: &Report) -> Vec<(&str, f64, &str, Option<Qualifier>)> {
    r.facts
        .iter()
        .map(|f| (f.text.as_str(), f.value, f.unit.as_str(), f.qualifier))
        .collect()
}

const TITLE: &str = "某县人民政府关于2023年法治政府建设情况的报告";

fn titled(heading: &[&str]) -> Meta {
    Meta {
        title: TITLE.to_string(),
        heading: heading.iter().map(|s| s.to_string()).collect(),
        issuer: Some("某县人民政府".to_string()),
        year: Some(2023),
        ..Meta::default()
    }
}

#[test]
fn ascii_and_full_width_markers() {
    let r = fixture("punctuation.txt");
    let should_be = [
        "c1 chapter 一、 主要工作 |  @2",
        "c1s1 section (一) ASCII括号的小节。 | 收到申请10件。 @3",
        "c1s1i1 item 1. ASCII点的条目。 | 办理案件5件。 @4",
        "c1s1i2 item 2． 全角点的条目。 | 培训20人次。 @5",
        "c1s2 section （二） 全角括号的小节。 | 发布信息30条。 @6",
        "c1s2i1 item 1、 顿号的条目。 | 审核文件7件。 @7",
        "c1s2i2 item ２． 全角数字的条目。 | 满意度达96.5%。 @8",
        "c2 chapter 二、 下一步打算 |  @9",
        "c2p1 paragraph - - | 继续努力。 @10",
        "sign1 signature - - | 2024年1月10日 @11",
    ];
    assert_eq!(outline(&r), should_be);
    let should_be = vec![
        ("10件", 10.0, "件", None),
        ("5件", 5.0, "件", None),
        ("20人次", 20.0, "人次", None),
        ("30条", 30.0, "条", None),
        ("7件", 7.0, "件", None),
        ("达96.5%", 96.5, "%", Some(Qualifier::Reaches)),
    ];
    assert_eq!(facts(&r), should_be);
}

/// The small report that `crlf-bom.txt` and `indentation.txt` both hold.
const SMALL: [&str; 6] = [
    "c1 chapter 一、 主要工作 |  @{a}",
    "c1s1 section （一） 加强领导。 | 召开会议3次。 @{b}",
    "c1s1i1 item 1{dot} 完善制度。 | 制定制度5项。 @{c}",
    "c2 chapter 二、 下一步打算 |  @{d}",
    "c2p1 paragraph - - | 继续努力。 @{e}",
    "sign1 signature - - | 2024年1月10日 @{f}",
];

fn small(dot: &str, lines: [usize; 6]) -> Vec<String> {
    SMALL
        .iter()
        .zip(lines)
        .map(|(s, n)| {
            let s = s.replace("{dot}", dot);
            ["{a}", "{b}", "{c}", "{d}", "{e}", "{f}"]
                .iter()
                .fold(s, |s, k| s.replace(k, &n.to_string()))
        })
        .collect()
}

#[test]
fn crlf_line_ends_and_a_byte_order_mark() {
    let r = fixture("crlf-bom.txt");
    assert_eq!(outline(&r), small("．", [3, 4, 5, 6, 7, 8]));
    let should_be = Meta {
        heading: vec![TITLE.to_string()],
        signed: Some("2024-01-10".to_string()),
        ..titled(&[])
    };
    assert_eq!(r.meta, should_be);
    // No '\r' and no BOM survive anywhere.
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("\\r") && !json.contains('\u{feff}'));
}

#[test]
fn ideographic_and_no_break_space_indentation() {
    let r = fixture("indentation.txt");
    assert_eq!(outline(&r), small(".", [4, 5, 6, 7, 8, 9]));
    let should_be = Meta {
        signed: Some("2024-01-10".to_string()),
        ..titled(&["某县人民政府", "关于2023年法治政府建设情况的报告"])
    };
    assert_eq!(r.meta, should_be);
}

#[test]
fn no_breadcrumb() {
    let r = fixture("no-breadcrumb.txt");
    let should_be = Meta {
        signed: Some("2024-01-10".to_string()),
        site: Some("某市人民政府门户网站".to_string()),
        site_url: Some("www.example.gov.cn".to_string()),
        published: Some("2024-01-15".to_string()),
        source: Some("某县人民政府".to_string()),
        front: vec![
            TITLE.to_string(),
            "某市人民政府门户网站 www.example.gov.cn 时间:2024-01-15 来源:某县人民政府".to_string(),
        ],
        back: vec!["扫一扫在手机打开当前页".to_string()],
        ..titled(&["某县人民政府", "关于2023年法治政府建设情况的报告"])
    };
    assert_eq!(r.meta, should_be);
    let should_be = [
        "c1 chapter 一、 主要工作 |  @5",
        "c1p1 paragraph - - | 收到行政复议申请12件。 @6",
        "sign1 signature - - | 2024年1月10日 @7",
    ];
    assert_eq!(outline(&r), should_be);
}

#[test]
fn no_portal_line() {
    let r = fixture("no-portal.txt");
    let should_be = Meta {
        signed: Some("2024-01-10".to_string()),
        breadcrumb: vec![
            "首页".into(),
            "政务公开".into(),
            "法治政府建设年度报告".into(),
        ],
        // The page title is told from the heading because it repeats it.
        front: vec![
            "首页 > 政务公开 > 法治政府建设年度报告".to_string(),
            TITLE.to_string(),
        ],
        ..titled(&["某县人民政府", "关于2023年法治政府建设情况的报告"])
    };
    assert_eq!(r.meta, should_be);
}

#[test]
fn no_heading_takes_the_page_title() {
    let r = fixture("no-heading.txt");
    let should_be = Meta {
        site: Some("某市人民政府门户网站".to_string()),
        site_url: Some("www.example.gov.cn".to_string()),
        published: Some("2024-01-15".to_string()),
        source: Some("某县人民政府".to_string()),
        breadcrumb: vec![
            "首页".into(),
            "政务公开".into(),
            "法治政府建设年度报告".into(),
        ],
        front: vec![
            "首页 > 政务公开 > 法治政府建设年度报告".to_string(),
            TITLE.to_string(),
            "某市人民政府门户网站 www.example.gov.cn 发布日期：2024-01-15 来源：某县人民政府"
                .to_string(),
        ],
        title_from: TitleFrom::Page,
        ..titled(&[])
    };
    assert_eq!(r.meta, should_be);
    assert_eq!(
        facts(&r),
        vec![("20余件", 20.0, "件", Some(Qualifier::Over))]
    );
}

#[test]
fn neither_breadcrumb_nor_portal_nor_signature() {
    let r = fixture("bare.txt");
    let should_be = Meta {
        title: "某县2023年法治政府建设年度报告".to_string(),
        heading: vec!["某县2023年法治政府建设年度报告".to_string()],
        year: Some(2023),
        ..Meta::default()
    };
    assert_eq!(r.meta, should_be);
    let should_be = [
        "c1 chapter 一、 主要工作 |  @2",
        "c1p1 paragraph - - | 收到行政复议申请12件。 @3",
    ];
    assert_eq!(outline(&r), should_be);
}

#[test]
fn headings_with_their_body_on_the_same_line() {
    let r = fixture("heading-and-body.txt");
    let should_be = [
        "c1 chapter 一、 工作总体开展情况。 | 2023年，我县收到行政复议申请12件。 @2",
        "c1s1 section （一） 加强组织领导。 | 召开常务会议学法4次，举办培训班2期。 @3",
        "c1s1i1 item 1. 完善制度。 | 制定制度5项，清理文件47件。 @4",
        "c2 chapter 二、 存在的问题 |  @5",
        "sign1 signature - - | 2024年1月10日 @6",
    ];
    assert_eq!(outline(&r), should_be);
    let ids: Vec<&str> = r.facts.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        ["c1-f1", "c1s1-f1", "c1s1-f2", "c1s1i1-f1", "c1s1i1-f2"]
    );
}

#[test]
fn lead_paragraphs_before_and_under_chapters() {
    let r = fixture("lead-paragraphs.txt");
    let should_be = [
        "p1 paragraph - - | 2023年，我县坚持依法行政，法治政府建设各项工作有序开展。现将有关情况报告如下。 @3",
        "c1 chapter 一、 工作总体开展情况 |  @4",
        "c1p1 paragraph - - | 2023年，全县各部门协同推进，收到行政复议申请12件，其中受理10件，不予受理2件。 @5",
        "c1s1 section （一） 加强组织领导。 | 召开会议3次。 @6",
        "c2 chapter 二、 存在的问题 |  @7",
        "c2p1 paragraph - - | 虽然取得了一定成绩，但仍存在不足。 @8",
        "c2p1e1 point 一是 意识不强。 |  @8",
        "c2p1e2 point 二是 力量不足。 |  @8",
        "sign1 signature - - | 某县人民政府 @9",
        "sign2 signature - - | 2024年1月10日 @10",
    ];
    assert_eq!(outline(&r), should_be);
    let labels: Vec<&str> = r.facts.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "行政复议申请",
            "行政复议申请 · 受理",
            "行政复议申请 · 不予受理",
            "召开会议"
        ]
    );
    assert_eq!(r.checks.len(), 1);
    assert_eq!(r.checks[0].detail, "10 + 2 = 12");
}

#[test]
fn portal_words_inside_the_body() {
    // "时间：" and "来源：" in numbered lines once made them portal lines and ate the title.
    let r = fixture("portal-words-in-body.txt");
    assert_eq!(r.meta, titled(&[TITLE]));
    let should_be = [
        "c1 chapter 一、 主要工作 |  @2",
        "c1s1 section （一） 明确办理时间：全年受理申请3件。 |  @3",
        "c1s1i1 item 1. 规范来源：收到线索5条。 |  @4",
        "c2 chapter 二、 下一步打算 |  @5",
        "c2p1 paragraph - - | 继续努力。 @6",
    ];
    assert_eq!(outline(&r), should_be);
    // Figures in a title are facts of the title.
    let fields: Vec<_> = r.facts.iter().map(|f| (f.id.as_str(), f.field)).collect();
    use fazhi_core::model::Field::Title;
    assert_eq!(fields, [("c1s1-f1", Title), ("c1s1i1-f1", Title)]);
}

#[test]
fn several_widgets_on_one_line() {
    let r = fixture("widgets.txt");
    let should_be = Meta {
        signed: Some("2024-01-10".to_string()),
        back: vec![
            "【打印本页】 【关闭窗口】".to_string(),
            "扫一扫在手机打开当前页".to_string(),
        ],
        ..titled(&[TITLE])
    };
    assert_eq!(r.meta, should_be);
    assert_eq!(
        outline(&r).last().unwrap(),
        "sign1 signature - - | 2024年1月10日 @4"
    );
}

#[test]
fn dates_in_every_spelling() {
    let r = fixture("dates.txt");
    assert_eq!(r.meta.published.as_deref(), Some("2025-03-28"));
    assert_eq!(r.meta.signed.as_deref(), Some("2023-03-07"));
    assert_eq!(r.meta.year, Some(2024));
    assert_eq!(
        outline(&r).last().unwrap(),
        "sign1 signature - - | 2023-03-07 @7"
    );
    // 2024年2月27日, 2024-03-07, 2025年03月28日, 2024-2026年, 7月份, 12月份: none is a figure.
    assert_eq!(facts(&r), vec![("18家", 18.0, "家", None)]);
}

#[test]
fn decimals_and_quoted_numbers() {
    let r = fixture("decimals.txt");
    let should_be = [
        "c1 chapter 一、 主要工作 |  @2",
        // "12.4%" starts a line without being an item "12.".
        "c1p1 paragraph - - | 12.4%的案件通过调解化解，满意度“12.4”分提升到“98.6”分。 @3",
        "c1i1 item 1. 数据质量。 | 出庭应诉率为82.14%，较上年提高12.4个百分点，财政投入12.5万元，全年发布信息12,340余条。 @4",
        "sign1 signature - - | 2023年2月27日 @5",
    ];
    assert_eq!(outline(&r), should_be);
    // A number closed off by quotes has no unit and is no figure.
    let should_be = vec![
        ("12.4%", 12.4, "%", None),
        ("82.14%", 82.14, "%", None),
        ("12.4个百分点", 12.4, "个百分点", None),
        ("12.5万元", 12.5, "万元", None),
        ("12,340余条", 12340.0, "条", Some(Qualifier::Over)),
    ];
    assert_eq!(facts(&r), should_be);
}

#[test]
fn ranges_with_every_dash() {
    let r = fixture("ranges.txt");
    // 2022-2025年 (in and out of 《》) are years; counts give one fact per end.
    let should_be = vec![
        ("10", 10.0, "场", None),
        ("20场", 20.0, "场", None),
        ("50", 50.0, "人", None),
        ("80人", 80.0, "人", None),
        ("3", 3.0, "家", None),
        ("5家", 5.0, "家", None),
        ("5", 5.0, "件", None),
        ("8件", 8.0, "件", None),
    ];
    assert_eq!(facts(&r), should_be);
    let labels: Vec<&str> = r.facts.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels[..2], ["每季度开展培训", "每季度开展培训"]);
}
