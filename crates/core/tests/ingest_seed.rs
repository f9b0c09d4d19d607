//! Every statistical figure of the seed report, found by reading `seeds/shangcheng-2022.txt` by
//! hand, with its value, unit and hedge; and the arithmetic the seed states. The extracted list
//! must equal this one exactly, in document order.

use fazhi_core::ingest::{convert, Limits, Source};
use fazhi_core::model::{Kind, Outcome, Qualifier, Relation, Report};

/// A check as (id, relation, total, parts, outcome, detail).
type CheckRow<'a> = (&'a str, Relation, &'a str, Vec<&'a str>, Outcome, &'a str);

fn seed() -> Report {
    let path = concat!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
        "/seeds/shangcheng-2022.txt"
    );
    let bytes = std::fs::read(path).unwrap();
    let src = Source {
        bytes: &bytes,
        ..Source::default()
    };
    convert(&src, &Limits::default()).unwrap().report
}

#[test]
fn every_figure_of_the_seed() {
    use Qualifier::*;
    #[rustfmt::skip]
    let should_be: Vec<(&str, &str, f64, &str, Option<Qualifier>)> = vec![
        // 会前学法4次: a count of sessions. (c1s1i1 has none: 第三次会议 is an ordinal in Chinese numerals, and 2022-2025年 sits in a 《》 title.)
        ("c1s1i2-f1", "4次", 4.0, "次", None),
        ("c1s1i2-f2", "1次", 1.0, "次", None),
        ("c1s2i1e1-f1", "2142个", 2142.0, "个", None),
        ("c1s2i1e1-f2", "2142项", 2142.0, "项", None),
        ("c1s2i1e1-f3", "154项", 154.0, "项", None),
        ("c1s2i1e1-f4", "33项", 33.0, "项", None),
        // 共193项 right after 《…清单》; then 24家. "一张表单", "一次性告知单" and "百项" are Chinese numerals: not read.
        ("c1s2i1e2-f1", "共193项", 193.0, "项", Some(Total)),
        ("c1s2i1e2-f2", "24家", 24.0, "家", None),
        ("c1s2i1e2-f3", "704个", 704.0, "个", None),
        // "涉及120件事".
        ("c1s2i1e2-f4", "120件", 120.0, "件", None),
        ("c1s2i1e3-f1", "19个", 19.0, "个", None),
        ("c1s2i1e3-f2", "377个", 377.0, "个", None),
        ("c1s2i1e3-f3", "154项", 154.0, "项", None),
        ("c1s2i1e3-f4", "33项", 33.0, "项", None),
        // 12340余条, 其中 8321条: a single part, so no check.
        ("c1s2i2-f1", "12340余条", 12340.0, "条", Some(Over)),
        ("c1s2i2-f2", "8321条", 8321.0, "条", None),
        ("c1s2i2-f3", "8起", 8.0, "起", None),
        ("c1s2i2-f4", "178件", 178.0, "件", None),
        ("c1s2i2-f5", "10个", 10.0, "个", None),
        ("c1s2i2-f6", "15个", 15.0, "个", None),
        ("c1s3i1-f1", "6家", 6.0, "家", None),
        ("c1s3i1-f2", "20余名", 20.0, "名", Some(Over)),
        ("c1s3i1-f3", "51家", 51.0, "家", None),
        ("c1s3i2-f1", "30人", 30.0, "人", None),
        ("c1s3i2-f2", "20余次", 20.0, "次", Some(Over)),
        // 280余件, 其中 12 + 65 + 30余 + 近200: approx.
        ("c1s3i3e1-f1", "280余件", 280.0, "件", Some(Over)),
        ("c1s3i3e1-f2", "12件", 12.0, "件", None),
        ("c1s3i3e1-f3", "65件", 65.0, "件", None),
        ("c1s3i3e1-f4", "30余件", 30.0, "件", Some(Over)),
        ("c1s3i3e1-f5", "近200件", 200.0, "件", Some(Nearly)),
        ("c1s3i3e2-f1", "47件", 47.0, "件", None),
        ("c1s3i3e3-f1", "12件", 12.0, "件", None),
        ("c1s4i1-f1", "79名", 79.0, "名", None),
        ("c1s4i1-f2", "85件", 85.0, "件", None),
        ("c1s4i1-f3", "157件", 157.0, "件", None),
        ("c1s4i1-f4", "1118人", 1118.0, "人", None),
        ("c1s4i3e1-f1", "1381件", 1381.0, "件", None),
        // "备案重大行政处罚案件共16件"; 1381件 before it is "共公示…1381件", 共 too far to count.
        ("c1s4i3e2-f1", "共16件", 16.0, "件", Some(Total)),
        ("c1s4i3e4-f1", "10名", 10.0, "名", None),
        ("c1s4i3e4-f2", "6个", 6.0, "个", None),
        // "第四批" (c1s5i1) and "第一名" (c1s4i2) are ordinals; "第二届" (c1s5i3) too.
        ("c1s5i1-f1", "1个", 1.0, "个", None),
        ("c1s5i1-f2", "1个", 1.0, "个", None),
        // "我县共有20个单位".
        ("c1s5i2-f1", "共有20个", 20.0, "个", Some(Total)),
        ("c1s5i3-f1", "达95%", 95.0, "%", Some(Reaches)),
        ("c1s5i3-f2", "达80%", 80.0, "%", Some(Reaches)),
        ("c1s5i3-f3", "3场", 3.0, "场", None),
        // 33件, 其中 25 + 8 = 33, then 24 + 1 = 25 (受理); 60件, 其中 27 + 26 + 7 = 60, then 54 + 6 = 60.
        ("c1s6i2-f1", "33件", 33.0, "件", None),
        ("c1s6i2-f2", "25件", 25.0, "件", None),
        ("c1s6i2-f3", "8件", 8.0, "件", None),
        ("c1s6i2-f4", "24件", 24.0, "件", None),
        ("c1s6i2-f5", "1件", 1.0, "件", None),
        ("c1s6i2-f6", "60件", 60.0, "件", None),
        ("c1s6i2-f7", "27件", 27.0, "件", None),
        ("c1s6i2-f8", "26件", 26.0, "件", None),
        ("c1s6i2-f9", "7件", 7.0, "件", None),
        ("c1s6i2-f10", "54件", 54.0, "件", None),
        ("c1s6i2-f11", "6件", 6.0, "件", None),
        ("c1s6i2-f12", "82.14%", 82.14, "%", None),
        // "2022年共有4个案件"; "2022年12月份" and "第一次联席会议" are no figures.
        ("c1s6i3-f1", "共有4个", 4.0, "个", Some(Total)),
        ("c1s6i4e1-f1", "8个", 8.0, "个", None),
        ("c1s6i4e2-f1", "377个", 377.0, "个", None),
        ("c1s6i4e2-f2", "100场次", 100.0, "场次", None),
        ("c1s6i4e2-f3", "200余件", 200.0, "件", Some(Over)),
        ("c1s6i4e2-f4", "5000余人次", 5000.0, "人次", Some(Over)),
        ("c1s6i4e2-f5", "100余件", 100.0, "件", Some(Over)),
        ("c1s6i4e2-f6", "30余个", 30.0, "个", Some(Over)),
        ("c1s6i4e2-f7", "200余件", 200.0, "件", Some(Over)),
        // 1626件次, 1590件, 调解率100% (no count named 调解: unchecked), 调解成功率达98% (1590 / 1626).
        ("c1s6i4e3-f1", "1626件次", 1626.0, "件次", None),
        ("c1s6i4e3-f2", "1590件", 1590.0, "件", None),
        ("c1s6i4e3-f3", "100%", 100.0, "%", None),
        ("c1s6i4e3-f4", "达98%", 98.0, "%", Some(Reaches)),
    ];
    let r = seed();
    let got: Vec<(&str, &str, f64, &str, Option<Qualifier>)> = r
        .facts
        .iter()
        .map(|f| {
            (
                f.id.as_str(),
                f.text.as_str(),
                f.value,
                f.unit.as_str(),
                f.qualifier,
            )
        })
        .collect();
    assert_eq!(got, should_be);
}

#[test]
fn labels_of_the_seed_examples() {
    let r = seed();
    let label = |id: &str| {
        r.facts
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.label.as_str())
    };
    let should_be = [
        ("c1s6i2-f1", "行政复议申请"),
        ("c1s6i2-f2", "行政复议申请 · 受理"),
        ("c1s6i2-f3", "行政复议申请 · 不予受理"),
        ("c1s6i2-f4", "行政复议申请 · 办结"),
        ("c1s6i2-f5", "行政复议申请 · 正在审理"),
        ("c1s6i2-f7", "行政应诉案件 · 一审案件"),
        ("c1s6i4e2-f2", "法治培训"),
        ("c1s6i4e2-f4", "法律咨询"),
        ("c1s6i4e3-f1", "矛盾纠纷"),
        ("c1s6i4e3-f2", "调解成功"),
        ("c1s6i4e3-f3", "调解率"),
        ("c1s6i4e3-f4", "调解成功率"),
        ("c1s3i3e1-f5", "文件 · 其他文件"),
        ("c1s4i3e4-f1", "行政执法特约监督员"),
    ];
    for (id, l) in should_be {
        assert_eq!(label(id), Some(l), "{id}");
    }
}

#[test]
fn the_arithmetic_of_the_seed() {
    let r = seed();
    let got: Vec<CheckRow> = r
        .checks
        .iter()
        .map(|c| {
            let parts = c.parts.iter().map(String::as_str).collect();
            (
                c.id.as_str(),
                c.relation,
                c.total.as_str(),
                parts,
                c.outcome,
                c.detail.as_str(),
            )
        })
        .collect();
    use Outcome::*;
    use Relation::*;
    let should_be = vec![
        (
            "k1",
            Sum,
            "c1s3i3e1-f1",
            vec!["c1s3i3e1-f2", "c1s3i3e1-f3", "c1s3i3e1-f4", "c1s3i3e1-f5"],
            Approx,
            "12 + 65 + 30余 + 近200 ≈ 280余 (307 vs 280)",
        ),
        (
            "k2",
            Sum,
            "c1s6i2-f1",
            vec!["c1s6i2-f2", "c1s6i2-f3"],
            Holds,
            "25 + 8 = 33",
        ),
        (
            "k3",
            Sum,
            "c1s6i2-f2",
            vec!["c1s6i2-f4", "c1s6i2-f5"],
            Holds,
            "24 + 1 = 25",
        ),
        (
            "k4",
            Sum,
            "c1s6i2-f6",
            vec!["c1s6i2-f7", "c1s6i2-f8", "c1s6i2-f9"],
            Holds,
            "27 + 26 + 7 = 60",
        ),
        (
            "k5",
            Sum,
            "c1s6i2-f6",
            vec!["c1s6i2-f10", "c1s6i2-f11"],
            Holds,
            "54 + 6 = 60",
        ),
        (
            "k6",
            Rate,
            "c1s6i4e3-f4",
            vec!["c1s6i4e3-f2", "c1s6i4e3-f1"],
            Holds,
            "1590 / 1626 = 97.79% ≈ 98%",
        ),
    ];
    assert_eq!(got, should_be);
}

#[test]
fn the_seeds_tree_is_unchanged() {
    let r = seed();
    let count = |k: Kind| r.all_blocks().iter().filter(|b| b.kind == k).count();
    let got = [
        Kind::Chapter,
        Kind::Section,
        Kind::Item,
        Kind::Paragraph,
        Kind::Point,
        Kind::Signature,
    ]
    .map(count);
    assert_eq!(got, [3, 10, 18, 2, 19, 1]);
    assert_eq!(r.meta.signed.as_deref(), Some("2023-02-27"));
    assert_eq!(r.meta.published.as_deref(), Some("2023-03-07"));
}
