//! What the charts draw, read back from the SVG: labels and values as text, one bar per figure,
//! bars proportional to values, honest parts-of-a-whole and rates, small multiples per unit, the
//! legend of the hatching, themes, and errors for bad input. Every sample is drawn and checked;
//! set `CHARTS_SVG_DIR` to also write the samples there for a visual check.

#[allow(dead_code)]
#[path = "charts_svg.rs"]
mod svg;

use fazhi_core::charts::{draw, ChartError, ChartSpec, Datum, Drawn, Form, Theme};
use fazhi_core::model::{Fact, Field, Qualifier};
use svg::{parse, Tag};

fn datum(label: &str, value: f64, display: &str, qualifier: Option<Qualifier>) -> Datum {
    Datum {
        label: label.to_string(),
        value,
        display: display.to_string(),
        qualifier,
        fact: format!("f-{label}"),
    }
}

fn exact(label: &str, value: f64) -> Datum {
    datum(
        label,
        value,
        &fazhi_core::format::bare(value, "件", None),
        None,
    )
}

fn spec(form: Form, data: Vec<Datum>) -> ChartSpec {
    ChartSpec {
        id: "k1".to_string(),
        title: "行政复议案件办理情况".to_string(),
        unit: "件".to_string(),
        form,
        data,
        credit: Vec::new(),
    }
}

fn drawn(spec: &ChartSpec, width: u32, theme: Theme) -> (Drawn, Vec<Tag>) {
    let d = draw(spec, width, theme).unwrap();
    let tags = parse(&d.svg).unwrap_or_else(|e| panic!("{e}\n{}", d.svg));
    (d, tags)
}

fn texts(tags: &[Tag]) -> Vec<&str> {
    tags.iter()
        .filter(|t| t.name == "text")
        .map(|t| t.text.as_str())
        .collect()
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// Solid rects of a colour: bars, segments, tracks (caps are translucent).
fn solid(tags: &[Tag], colour: (u8, u8, u8)) -> Vec<&Tag> {
    let fill = hex(colour);
    tags.iter()
        .filter(|t| {
            t.name == "rect" && t.attr("fill") == Some(&fill) && t.attr("opacity") == Some("1")
        })
        .collect()
}

fn sample() -> Vec<Datum> {
    vec![
        exact("行政复议申请", 33.0),
        exact("受理", 25.0),
        datum("化解矛盾纠纷", 280.0, "280余", Some(Qualifier::Over)),
        datum("法律援助", 200.0, "近200", Some(Qualifier::Nearly)),
        datum("普法宣传活动", 120.0, "约120", Some(Qualifier::About)),
        exact("办理行政诉讼案件", 1118.0),
    ]
}

#[test]
fn bars_show_every_label_and_value_as_text() {
    let s = spec(Form::Bars, sample());
    let (_, tags) = drawn(&s, 600, Theme::Light);
    let texts = texts(&tags);
    for d in &s.data {
        assert!(texts.contains(&d.label.as_str()), "label {}", d.label);
        assert!(texts.contains(&d.display.as_str()), "display {}", d.display);
    }
    assert!(texts.contains(&"行政复议案件办理情况"));
    assert!(texts.contains(&"单位：件"));
    assert!(texts.contains(&"1118"));
}

#[test]
fn one_bar_per_datum_in_data_order() {
    let s = spec(Form::Bars, sample());
    let (d, tags) = drawn(&s, 600, Theme::Light);
    let bars = solid(&tags, Theme::Light.palette().series[0]);
    assert_eq!(bars.len(), s.data.len());
    assert_eq!(d.marks.len(), s.data.len());
    for ((m, datum), bar) in d.marks.iter().zip(&s.data).zip(&bars) {
        assert_eq!(m.fact, datum.fact);
        assert_eq!(m.label, datum.label);
        assert_eq!(m.display, datum.display);
        assert_eq!((bar.num("x"), bar.num("y")), (m.x, m.y));
        assert_eq!((bar.num("width"), bar.num("height")), (m.w, m.h));
    }
    assert!(d.marks.windows(2).all(|w| w[0].y + w[0].h <= w[1].y));
}

#[test]
fn marks_lie_within_the_view_box() {
    for form in [Form::Bars, Form::Rate] {
        let s = spec(form, sample());
        for width in [0, 280, 600, 5000] {
            let (d, tags) = drawn(&s, width, Theme::Light);
            assert_eq!(
                tags[0].attr("viewBox"),
                Some(format!("0 0 {} {}", d.width, d.height).as_str())
            );
            for m in &d.marks {
                assert!(m.x >= 0.0 && m.y >= 0.0 && m.w >= 0.0 && m.h > 0.0, "{m:?}");
                assert!(m.x + m.w <= f64::from(d.width), "{m:?}");
                assert!(m.y + m.h <= f64::from(d.height), "{m:?}");
            }
        }
    }
}

#[test]
fn the_svg_scales_to_its_container() {
    let (d, tags) = drawn(&spec(Form::Bars, sample()), 0, Theme::Light);
    let root = &tags[0];
    assert_eq!(root.name, "svg");
    let (least, _) = drawn(&spec(Form::Bars, sample()), 190, Theme::Light);
    assert_eq!(d.width, least.width, "width 0 is clamped, not refused");
    assert_eq!(root.attr("width"), Some("100%"));
    assert_eq!(root.attr("height"), None);
    assert_eq!(root.attr("xmlns"), Some("http://www.w3.org/2000/svg"));
    assert_eq!(root.attr("role"), Some("img"));
    let name = root.attr("aria-label").unwrap();
    assert!(name.starts_with("行政复议案件办理情况："));
    assert!(name.contains("化解矛盾纠纷 280余"));
    let (wide, _) = drawn(&spec(Form::Bars, sample()), 100_000, Theme::Light);
    assert_eq!(wide.width, 1200);
}

#[test]
fn height_grows_by_a_row_per_datum() {
    let five = draw(&spec(Form::Bars, sample()[..5].to_vec()), 600, Theme::Light).unwrap();
    let mut ten = sample();
    ten.extend(sample()[..4].iter().cloned());
    let ten = draw(&spec(Form::Bars, ten), 600, Theme::Light).unwrap();
    assert_eq!(ten.height - five.height, 5 * 36);
}

#[test]
fn text_is_cjk_first_and_escaped() {
    let mut data = sample();
    data[0].label = "A<B> & \"C\"".to_string();
    let (d, tags) = drawn(&spec(Form::Bars, data), 600, Theme::Light);
    assert!(texts(&tags).contains(&"A<B> & \"C\""));
    assert!(d.svg.contains("A&lt;B&gt; &amp; &quot;C&quot;"));
    for t in tags.iter().filter(|t| t.name == "text") {
        let family = t.attr("font-family").unwrap();
        assert!(family.starts_with("Noto Sans CJK SC,"), "{family}");
        assert!(family.ends_with("sans-serif"));
        assert!(["12", "14", "16"].contains(&t.attr("font-size").unwrap()));
    }
}

#[test]
fn a_longer_value_gives_a_proportionally_longer_bar() {
    let values = [1.0, 7.0, 33.0, 50.0, 99.5, 280.0, 1118.0];
    let data = values.iter().map(|&v| exact("x", v)).collect();
    let (d, _) = drawn(&spec(Form::Bars, data), 700, Theme::Light);
    let full = d.marks[values.len() - 1].w;
    for (m, v) in d.marks.iter().zip(values) {
        assert!((m.w - full * v / 1118.0).abs() <= 1.0, "{v}: {}", m.w);
    }
    assert!(d.marks.windows(2).all(|w| w[0].w < w[1].w));
}

#[test]
fn a_long_label_takes_the_lines_it_needs_and_its_row_grows() {
    let long = "推进严格规范公正文明执法全面推行行政执法公示制度执法全过程记录制度";
    let short = vec![exact("受理", 3.0), exact("办结", 5.0)];
    let (one, _) = drawn(&spec(Form::Bars, short.clone()), 400, Theme::Light);
    let mut data = short;
    data.insert(1, exact(long, 4.0));
    let (d, tags) = drawn(&spec(Form::Bars, data), 400, Theme::Light);
    let texts = texts(&tags);
    // Four lines of at most ten characters (the column is 150 px at 400), none shortened.
    let i = texts.iter().position(|t| long.starts_with(t)).unwrap();
    assert_eq!(texts[i..i + 4].concat(), long);
    assert!(!texts.iter().any(|t| t.contains('…')), "{texts:?}");
    assert_eq!(d.marks[1].label, long);
    // Its row is two lines taller than a row of one or two lines; the others keep theirs.
    assert_eq!(d.height - one.height, 36 + 2 * 16);
    let gaps: Vec<f64> = d.marks.windows(2).map(|w| w[1].y - w[0].y).collect();
    assert_eq!(gaps, [36.0 / 2.0 + (36.0 + 32.0) / 2.0; 2]);
    // The lines are centred on the bar and stay left of it.
    let ys: Vec<f64> = tags
        .iter()
        .filter(|t| t.name == "text" && long.contains(t.text.as_str()))
        .map(|t| t.num("y"))
        .collect();
    let centre = d.marks[1].y + d.marks[1].h / 2.0;
    assert_eq!(
        ys,
        [centre - 24.0, centre - 8.0, centre + 8.0, centre + 24.0]
    );
    assert!(texts[i].chars().count() as f64 * 14.0 <= d.marks[1].x);
}

#[test]
fn only_a_label_past_the_line_guard_is_shortened_and_it_is_kept_whole_in_marks() {
    let long = "推进严格规范公正文明执法全面推行行政执法公示制度执法全过程记录制度".repeat(2);
    let (d, tags) = drawn(
        &spec(Form::Bars, vec![exact(&long, 5.0)]),
        400,
        Theme::Light,
    );
    let texts = texts(&tags);
    // Six lines (the guard), the last shortened: together they read as the start of the label.
    let i = texts.iter().position(|t| t.ends_with('…')).unwrap();
    let shown = texts[i - 5..=i].concat();
    assert!(long.starts_with(shown.trim_end_matches('…')), "{shown}");
    assert!(!texts.contains(&long.as_str()));
    assert_eq!(d.marks[0].label, long);
    // The shortened label stays left of the bars.
    assert!(texts[i - 1].chars().count() as f64 * 14.0 <= d.marks[0].x);
}

#[test]
fn a_label_too_long_for_its_column_wraps_instead_of_being_cut() {
    let label = "行政机关负责人出庭应诉率";
    let data = vec![datum(label, 82.14, "82.14%", None)];
    let (_, tags) = drawn(&spec(Form::Rate, data), 300, Theme::Light);
    let texts = texts(&tags);
    assert!(!texts.iter().any(|t| t.contains('…')), "{texts:?}");
    let i = texts
        .iter()
        .position(|t| label.starts_with(t) && !t.is_empty())
        .unwrap();
    assert_eq!(format!("{}{}", texts[i], texts[i + 1]), label);
}

#[test]
fn hedged_values_get_a_hatched_cap_where_the_truth_lies() {
    let s = spec(Form::Bars, sample());
    let (d, tags) = drawn(&s, 600, Theme::Light);
    let blue = hex(Theme::Light.palette().series[0]);
    let caps: Vec<&Tag> = tags
        .iter()
        .filter(|t| {
            t.name == "rect" && t.attr("fill") == Some(&blue) && t.attr("opacity") == Some("0.35")
        })
        .collect();
    // Only 280余, 近200 and 约120 are hedged; then come the legend's three swatches.
    assert_eq!(caps.len(), 6);
    let legend_top = d.marks.last().map(|m| m.y + m.h).unwrap();
    assert!(caps[..3].iter().all(|c| c.num("y") < legend_top));
    assert!(caps[3..].iter().all(|c| c.num("y") > legend_top));
    let end = |i: usize| d.marks[i].x + d.marks[i].w;
    // 余: past the end; 近: inside the end; 约: across it.
    assert_eq!(
        (caps[0].num("x"), caps[0].num("x") + caps[0].num("width")),
        (end(2), end(2) + 10.0)
    );
    assert_eq!(
        (caps[1].num("x"), caps[1].num("x") + caps[1].num("width")),
        (end(3) - 10.0, end(3))
    );
    assert_eq!(
        (caps[2].num("x"), caps[2].num("x") + caps[2].num("width")),
        (end(4) - 5.0, end(4) + 5.0)
    );
    let stripes = tags
        .iter()
        .filter(|t| t.name == "polyline" && t.attr("stroke") == Some(&blue));
    assert!(stripes.count() >= 6 * 4);
}

#[test]
fn parts_that_add_up_fill_the_total_exactly() {
    let total = exact("收到行政复议申请", 33.0);
    let s = spec(
        Form::PartOfWhole { total },
        vec![exact("受理", 25.0), exact("不予受理", 8.0)],
    );
    let (d, tags) = drawn(&s, 500, Theme::Light);
    let (t, parts) = (&d.marks[0], &d.marks[1..]);
    assert_eq!(t.label, "收到行政复议申请");
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].x, t.x);
    assert_eq!(parts[0].x + parts[0].w, parts[1].x);
    assert_eq!(parts.iter().map(|m| m.w).sum::<f64>(), t.w);
    let texts = texts(&tags);
    for label in ["收到行政复议申请", "33", "受理", "25", "不予受理", "8"] {
        assert!(texts.contains(&label), "{label}");
    }
    assert!(!texts
        .iter()
        .any(|t| t.contains("其余") || t.contains("超出")));
    let p = Theme::Light.palette();
    assert_eq!(
        solid(&tags, p.series[0]).len(),
        2,
        "segment + legend swatch"
    );
    assert_eq!(solid(&tags, p.series[1]).len(), 2);
}

#[test]
fn parts_that_fall_short_leave_an_unlabelled_rest_explained_for_a_tooltip() {
    let total = datum(
        "县政府网站发布信息",
        12340.0,
        "12340余",
        Some(Qualifier::Over),
    );
    let s = spec(
        Form::PartOfWhole { total },
        vec![exact("主动公开政务信息", 8321.0)],
    );
    let (d, tags) = drawn(&s, 500, Theme::Light);
    let (t, part) = (&d.marks[0], &d.marks[1]);
    assert!((part.w - t.w * 8321.0 / 12340.0).abs() <= 1.0);
    let texts = texts(&tags);
    // The text never states 4019: no number, no label for the rest.
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("4019") || t.contains("其余")),
        "{texts:?}"
    );
    assert_eq!(numbers(&texts), ["12340余", "8321"]);
    // It is described for a tooltip instead: where it is, that it is derived, and how.
    assert_eq!(d.derived.len(), 1);
    let rest = &d.derived[0];
    assert_eq!(rest.x, part.x + part.w);
    assert!((rest.x + rest.w - (t.x + t.w)).abs() < 1e-9);
    assert!(
        rest.note.contains("县政府网站发布信息12340余"),
        "{}",
        rest.note
    );
    assert!(
        rest.note
            .contains("减去所列分项（主动公开政务信息8321）推算"),
        "{}",
        rest.note
    );
    assert!(rest.note.contains("原文没有这个数"), "{}", rest.note);
}

/// The texts that contain a digit: what a chart states as figures.
fn numbers<'a>(texts: &[&'a str]) -> Vec<&'a str> {
    texts
        .iter()
        .copied()
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

#[test]
fn parts_that_exceed_the_total_are_marked_not_hidden() {
    let s = spec(
        Form::PartOfWhole {
            total: exact("收到", 33.0),
        },
        vec![exact("受理", 25.0), exact("不予受理", 10.0)],
    );
    let (d, tags) = drawn(&s, 500, Theme::Light);
    let (t, parts) = (&d.marks[0], &d.marks[1..]);
    let parts_end = parts[1].x + parts[1].w;
    assert!(parts_end > t.x + t.w);
    assert!((parts_end - t.x - t.w * 35.0 / 33.0).abs() <= 1.0);
    assert!(parts_end <= f64::from(d.width));
    let texts = texts(&tags);
    assert!(texts.contains(&"竖线：原文所述的总数"), "{texts:?}");
    assert_eq!(
        numbers(&texts),
        ["33", "25", "10"],
        "the excess (2) is not stated"
    );
    assert!(d.derived.is_empty());
    // The marker at the total: a 2px line in the text colour crossing the bar.
    let x = (t.x + t.w).to_string();
    let marker = format!("{x},{} {x},{} ", t.y - 5.0, t.y + t.h + 5.0);
    assert!(tags
        .iter()
        .any(|g| g.name == "polyline" && g.attr("points") == Some(&marker)));
}

#[test]
fn a_rate_fills_its_share_of_the_track() {
    let mut s = spec(
        Form::Rate,
        vec![
            datum("行政复议纠错率", 82.14, "82.14%", None),
            datum("案件办结率", 95.0, "超过95%", Some(Qualifier::Exceeds)),
            datum("增长", 130.0, "130%", None),
            datum("零", 0.0, "0%", None),
        ],
    );
    s.unit = "%".to_string();
    let (d, tags) = drawn(&s, 600, Theme::Light);
    let tracks = solid(&tags, Theme::Light.palette().track);
    assert_eq!(tracks.len(), 4);
    let track = tracks[0].num("width");
    assert!((d.marks[0].w - track * 0.8214).abs() <= 1.0);
    assert_eq!(d.marks[2].w, track, "over 100% fills the track");
    assert_eq!(d.marks[3].w, 0.0);
    assert_eq!(
        tags.iter().filter(|t| t.name == "polygon").count(),
        1,
        "and gets an arrow"
    );
    let texts = texts(&tags);
    for t in ["82.14%", "超过95%", "130%", "0%", "0", "100%"] {
        assert!(texts.contains(&t), "{t}");
    }
    assert!(
        !texts.contains(&"单位：件"),
        "a rate needs no unit note when its unit is %"
    );
}

#[test]
fn small_multiples_give_each_unit_its_own_panel_and_scale() {
    let data = vec![
        exact("开展法治培训", 100.0),
        datum("参与民事调解", 200.0, "200余", Some(Qualifier::Over)),
        datum("解答法律咨询", 5000.0, "5000余", Some(Qualifier::Over)),
        datum("起草法律文书", 100.0, "100余", Some(Qualifier::Over)),
    ];
    let units = ["场次", "件", "人次", "件"].map(String::from).to_vec();
    let mut s = spec(Form::Units { units }, data);
    s.unit = String::new();
    let (d, tags) = drawn(&s, 600, Theme::Light);
    let texts = texts(&tags);
    // One panel per unit, in order of first appearance, each headed by its unit.
    let heads: Vec<&str> = texts
        .iter()
        .copied()
        .filter(|t| t.starts_with("单位："))
        .collect();
    assert_eq!(heads, ["单位：场次", "单位：件", "单位：人次"]);
    // Marks in data order, each datum once.
    let facts: Vec<&str> = d.marks.iter().map(|m| m.fact.as_str()).collect();
    assert_eq!(
        facts,
        [
            "f-开展法治培训",
            "f-参与民事调解",
            "f-解答法律咨询",
            "f-起草法律文书"
        ]
    );
    // The 件 panel is drawn on its own scale: 200余 is the longest bar there, 100余 half of it;
    // figures alone in their panel get no bar (it would always be full length).
    let bars = solid(&tags, Theme::Light.palette().series[0]);
    assert_eq!(bars.len(), 2, "only the 件 panel has bars");
    assert!((d.marks[3].w * 2.0 - d.marks[1].w).abs() <= 1.0);
    assert!(
        d.marks[2].w < d.marks[1].w,
        "5000余 is not drawn on the 件 scale"
    );
    for t in ["100", "200余", "5000余", "100余"] {
        assert!(texts.contains(&t), "{t}");
    }
    // Grouped by unit: the two 件 figures are neighbours, the 人次 panel comes after them.
    let y: Vec<f64> = d.marks.iter().map(|m| m.y).collect();
    assert!(y[0] < y[1] && y[3] - y[1] == 36.0 && y[3] < y[2], "{y:?}");
}

#[test]
fn the_hatching_has_a_legend_for_each_hedge_shown() {
    let (_, tags) = drawn(&spec(Form::Bars, sample()), 600, Theme::Light);
    let texts = texts(&tags);
    let legend: Vec<&str> = texts
        .iter()
        .copied()
        .filter(|t| t.starts_with("斜纹"))
        .collect();
    assert_eq!(
        legend,
        [
            "斜纹：原文为“余”，实数多于此数",
            "斜纹：原文为“近”，实数略少于此数",
            "斜纹：原文为“约”，实数在此数上下"
        ]
    );
    let plain = vec![exact("受理", 25.0), exact("不予受理", 8.0)];
    let (_, tags) = drawn(&spec(Form::Bars, plain), 600, Theme::Light);
    assert!(!texts_of(&tags).iter().any(|t| t.starts_with("斜纹")));
    let rates = vec![datum("调解成功率", 98.0, "达98%", Some(Qualifier::Reaches))];
    let (_, tags) = drawn(&spec(Form::Rate, rates), 600, Theme::Light);
    assert!(
        !texts_of(&tags).iter().any(|t| t.starts_with("斜纹")),
        "达 is exact: no hatching, no legend"
    );
}

fn texts_of(tags: &[Tag]) -> Vec<String> {
    texts(tags).into_iter().map(str::to_string).collect()
}

#[test]
fn dark_theme_changes_the_colours() {
    let s = spec(Form::Bars, sample());
    let (_, light) = drawn(&s, 600, Theme::Light);
    let (_, dark) = drawn(&s, 600, Theme::Dark);
    let text_fills = |tags: &[Tag]| -> Vec<String> {
        let mut f: Vec<String> = tags
            .iter()
            .filter(|t| t.name == "text")
            .filter_map(|t| t.attr("fill").map(str::to_string))
            .collect();
        f.dedup();
        f
    };
    let (lp, dp) = (Theme::Light.palette(), Theme::Dark.palette());
    assert!(text_fills(&light).contains(&hex(lp.text)));
    assert!(!text_fills(&dark).contains(&hex(lp.text)));
    assert!(text_fills(&dark).contains(&hex(dp.text)));
    assert_eq!(dark[1].attr("fill"), Some(hex(dp.background).as_str()));
    assert!(fazhi_core::charts::contrast(dp.text, dp.background) >= 4.5);
}

#[test]
fn bad_input_is_refused_with_a_reason() {
    let err =
        |form: Form, data: Vec<Datum>| draw(&spec(form, data), 600, Theme::Light).unwrap_err();
    assert_eq!(err(Form::Bars, vec![]), ChartError::NoData);
    assert!(matches!(
        err(Form::Bars, vec![exact("a", f64::NAN)]),
        ChartError::NotFinite { .. }
    ));
    assert!(matches!(
        err(Form::Rate, vec![exact("a", f64::INFINITY)]),
        ChartError::NotFinite { .. }
    ));
    assert_eq!(
        err(Form::Bars, vec![exact("a", 1.0), exact("b", -2.0)]),
        ChartError::Negative {
            label: "b".to_string(),
            value: -2.0
        }
    );
    let total = exact("总", f64::NAN);
    assert!(matches!(
        err(Form::PartOfWhole { total }, vec![exact("a", 1.0)]),
        ChartError::NotFinite { .. }
    ));
    let units = vec!["件".to_string(), "项".to_string()];
    assert_eq!(
        err(Form::Units { units }, vec![exact("a", 1.0)]),
        ChartError::UnitsMismatch { units: 2, data: 1 }
    );
    assert_eq!(ChartError::NoData.to_string(), "图表没有数据");
}

#[test]
fn odd_but_valid_input_draws_sanely() {
    let cases = vec![
        vec![exact("零", 0.0), exact("也是零", 0.0)],
        vec![exact("", 3.0), exact("", 4.0)],
        vec![exact("巨大", 1e300), exact("微小", 1e-300)],
        vec![datum("控制\u{0}字符\n", 1.0, "1\u{7}", None)],
        vec![datum("很长的数值", 1.0, &"9".repeat(200), None)],
    ];
    for data in cases {
        for form in [
            Form::Bars,
            Form::Rate,
            Form::PartOfWhole {
                total: exact("总计", 0.0),
            },
            Form::Units {
                units: data.iter().map(|_| String::new()).collect(),
            },
        ] {
            let (d, _) = drawn(&spec(form, data.clone()), 0, Theme::Dark);
            assert!(d.marks.len() >= data.len());
            assert!(d.marks.iter().all(|m| m.x + m.w <= f64::from(d.width)));
        }
    }
    let (d, tags) = drawn(
        &spec(Form::Bars, vec![exact("巨大", 1e300)]),
        600,
        Theme::Light,
    );
    assert!(texts(&tags).contains(&"1e300"));
    assert!(d.marks[0].w > 0.0);
}

#[test]
fn data_come_from_facts() {
    let fact = Fact {
        id: "c2s1i1-f3".to_string(),
        value: 280.0,
        unit: "件".to_string(),
        qualifier: Some(Qualifier::Over),
        text: "280余件".to_string(),
        label: "化解矛盾纠纷".to_string(),
        block: "c2s1i1".to_string(),
        field: Field::Text,
        start: 10,
        end: 15,
    };
    let d = Datum::from_fact(&fact);
    assert_eq!(d.display, "280余");
    assert_eq!(d.fact, "c2s1i1-f3");
    assert_eq!(d.qualifier, Some(Qualifier::Over));
    let (drawn, _) = drawn(&spec(Form::Bars, vec![d]), 400, Theme::Light);
    assert_eq!(drawn.marks[0].fact, "c2s1i1-f3");
}

/// One sample of each form, light and dark, as a person would look at them.
fn samples() -> Vec<(&'static str, ChartSpec)> {
    let forms = [
        ("bars", Form::Bars, sample()),
        (
            "part",
            Form::PartOfWhole {
                total: exact("收到行政复议申请", 33.0),
            },
            vec![exact("受理", 25.0), exact("不予受理", 6.0)],
        ),
        (
            "over",
            Form::PartOfWhole {
                total: datum("化解各类矛盾纠纷", 280.0, "280余", Some(Qualifier::Over)),
            },
            vec![
                exact("人民调解", 200.0),
                datum("行政调解", 100.0, "近100", Some(Qualifier::Nearly)),
            ],
        ),
        (
            "rate",
            Form::Rate,
            vec![
                datum("行政复议纠错率", 82.14, "82.14%", None),
                datum("案件办结率", 95.0, "超过95%", Some(Qualifier::Exceeds)),
                datum("同比增长", 130.0, "130%", None),
            ],
        ),
        (
            "units",
            Form::Units {
                units: ["件", "件", "人次"].map(String::from).to_vec(),
            },
            vec![
                exact("行政复议", 33.0),
                datum("行政应诉", 16.0, "16余", Some(Qualifier::Over)),
                datum("法律咨询", 5000.0, "5000余", Some(Qualifier::Over)),
            ],
        ),
    ];
    let mut out = Vec::new();
    for (name, form, data) in forms {
        let mut s = spec(form, data);
        if name == "rate" {
            s.unit = "%".to_string();
        }
        out.push((name, s));
    }
    let mut narrow = spec(
        Form::Bars,
        vec![
            exact("推进严格规范公正文明执法全面推行行政执法公示制度", 12.0),
            exact("A", 1e9),
            datum("", 3.0, "3", None),
            datum("零", 0.0, "近0", Some(Qualifier::Nearly)),
        ],
    );
    narrow.id = "edge-narrow".to_string();
    out.push(("edge-narrow", narrow));
    let mut wide = spec(Form::Bars, vec![exact("很长的数值", 5.0)]);
    wide.data[0].display = "9".repeat(60);
    wide.title = "一个非常非常非常非常非常非常非常非常非常非常非常非常长的标题".to_string();
    out.push(("edge-wide-value", wide));
    out
}

#[test]
fn every_sample_draws_its_title_figures_and_marks_in_both_themes() {
    let dir = std::env::var_os("CHARTS_SVG_DIR").map(std::path::PathBuf::from);
    for (name, s) in samples() {
        for (theme, suffix) in [(Theme::Light, ""), (Theme::Dark, "-dark")] {
            let width = if name.starts_with("edge") { 0 } else { 560 };
            let (d, tags) = drawn(&s, width, theme);
            let texts = texts(&tags);
            let total = match &s.form {
                Form::PartOfWhole { total } => Some(total),
                _ => None,
            };
            assert_eq!(
                d.marks.len(),
                s.data.len() + usize::from(total.is_some()),
                "{name}"
            );
            for datum in total.into_iter().chain(&s.data) {
                let shown = datum.display.trim();
                assert!(texts.contains(&shown), "{name}: {shown} in {texts:?}");
            }
            if !name.starts_with("edge") {
                assert!(texts.contains(&s.title.as_str()), "{name}: title");
            }
            for m in &d.marks {
                assert!(m.x + m.w <= f64::from(d.width) && m.y + m.h <= f64::from(d.height));
            }
            if let Some(dir) = &dir {
                std::fs::write(dir.join(format!("charts-{name}{suffix}.svg")), &d.svg).unwrap();
            }
        }
    }
}

#[test]
fn a_remainder_is_never_printed_even_of_decimals() {
    let total = datum("总数", 1.0, "1", None);
    let parts = vec![datum("甲", 0.1, "0.1", None), datum("乙", 0.2, "0.2", None)];
    let (d, tags) = drawn(&spec(Form::PartOfWhole { total }, parts), 500, Theme::Light);
    assert_eq!(numbers(&texts(&tags)), ["1", "0.1", "0.2"]);
    assert_eq!(d.derived.len(), 1);
}

#[test]
fn a_chart_that_travels_alone_says_where_it_is_from() {
    let source = "数据来源：商城县人民政府《商城县人民政府关于2022年法治政府建设情况的报告》";
    let when = "信阳市人民政府门户网站 2023年3月7日发布";
    for form in [
        Form::Bars,
        Form::Rate,
        Form::PartOfWhole {
            total: exact("收到行政复议申请", 33.0),
        },
        Form::Units {
            units: vec!["件".to_string(); 6],
        },
    ] {
        let mut s = spec(form, sample());
        let (bare, _) = drawn(&s, 900, Theme::Light);
        s.credit = vec![source.to_string(), when.to_string()];
        let (d, tags) = drawn(&s, 900, Theme::Light);
        let texts = texts(&tags);
        assert!(
            texts.contains(&source) && texts.contains(&when),
            "{texts:?}"
        );
        assert_eq!(
            d.height,
            bare.height + 8 + 2 * 17,
            "the chart grows by its credit"
        );
        // Below everything else, and the chart's own drawing is unchanged above it.
        let y = |t: &str| tags.iter().find(|g| g.text == t).unwrap().num("y");
        assert!(y(source) > d.marks.iter().map(|m| m.y + m.h).fold(0.0, f64::max));
        assert_eq!(d.marks, bare.marks);
    }
    // On a phone the source wraps instead of being cut.
    let mut s = spec(Form::Bars, sample());
    s.credit = vec![source.to_string()];
    let (_, tags) = drawn(&s, 320, Theme::Light);
    let lines: Vec<&str> = texts(&tags)
        .into_iter()
        .skip_while(|t| !t.starts_with("数据来源"))
        .collect();
    assert!(lines.len() >= 2, "{lines:?}");
    assert_eq!(lines.concat(), source);
}

/// A label as the chart draws it: control characters (which XML forbids) become spaces.
fn clean(label: &str) -> String {
    label
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn seed() -> fazhi_core::model::Report {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let json = std::fs::read_to_string(format!("{root}/public/shangcheng-2022.json")).unwrap();
    serde_json::from_str(&json).unwrap()
}

/// The texts from `i` on that, joined, spell `label` exactly: its lines, in order. Spaces do
/// not count: a line broken at a space loses it, and the SVG reader trims each text.
fn spelled_from(texts: &[&str], i: usize, label: &str) -> Option<Vec<usize>> {
    let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let mut joined = String::new();
    let mut at = Vec::new();
    for (j, t) in texts.iter().enumerate().skip(i) {
        joined.extend(t.chars().filter(|c| !c.is_whitespace()));
        at.push(j);
        if joined == label {
            return Some(at);
        }
        if !label.starts_with(&joined) {
            return None;
        }
    }
    None
}

/// Where each line of `label` is drawn among the `<text>` tags of one kind (`kind`: a row's
/// label, a legend entry, the title), if the chart spells it whole.
fn label_lines<'a>(tags: &'a [Tag], label: &str, kind: Kind) -> Option<Vec<&'a Tag>> {
    let text_tags: Vec<&Tag> = tags
        .iter()
        .filter(|t| t.name == "text" && kind(t))
        .collect();
    let texts: Vec<&str> = text_tags.iter().map(|t| t.text.as_str()).collect();
    (0..texts.len())
        .find_map(|i| spelled_from(&texts, i, label))
        .map(|at| at.into_iter().map(|j| text_tags[j]).collect())
}

/// Which `<text>` tags are of one kind (row labels, legend entries, the title).
type Kind = fn(&Tag) -> bool;

/// A row's label: right-aligned against the plot.
fn row_label(t: &Tag) -> bool {
    t.attr("text-anchor") == Some("end")
}

/// A legend entry's label: left-aligned, plain, at the labels' size.
fn legend_label(t: &Tag) -> bool {
    t.attr("text-anchor") == Some("start")
        && t.attr("font-size") == Some("14")
        && t.attr("font-weight").is_none()
}

fn title(t: &Tag) -> bool {
    t.attr("font-size") == Some("16")
}

/// Each chart of the bundled report on a phone: every label whole (on as many lines as it
/// needs, never "…"), its lines centred on its own row's mark, and the rows one under another
/// inside the drawing. With `CHARTS_SVG_DIR` set, the drawings are written there to look at.
#[test]
fn on_a_phone_every_label_of_the_report_is_shown_whole_beside_its_own_mark() {
    let dir = std::env::var_os("CHARTS_SVG_DIR").map(std::path::PathBuf::from);
    let r = seed();
    let mut problems = Vec::new();
    for def in &r.charts {
        // Downloads draw the title too (the page clears it): it must not be cut either.
        let s = fazhi_core::charts::resolve::spec(&r, def).unwrap();
        for width in [190, 280, 300, 360] {
            let (d, tags) = drawn(&s, width, Theme::Light);
            let name = format!("{} at {width}", def.id);
            if let Some(dir) = &dir {
                let file = dir.join(format!("report-{}-{width}.svg", def.id));
                std::fs::write(file, &d.svg).unwrap();
            }
            for t in texts(&tags) {
                if t.ends_with('…') {
                    problems.push(format!("{name}: cut text {t}"));
                }
            }
            for (label, kind) in labels(&s) {
                if label_lines(&tags, &label, kind).is_none() {
                    problems.push(format!("{name}: label {label} not drawn whole"));
                }
            }
            if label_lines(&tags, &s.title, title).is_none() {
                problems.push(format!("{name}: title {} not drawn whole", s.title));
            }
            problems.extend(rows_problems(&name, &s, &d, &tags));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Each label a chart draws, with the kind of text it is drawn as: a whole's parts are
/// legend entries, every other datum labels its row.
fn labels(s: &ChartSpec) -> Vec<(String, Kind)> {
    let kind: Kind = match &s.form {
        Form::PartOfWhole { .. } => legend_label,
        _ => row_label,
    };
    let mut out: Vec<(String, Kind)> = s.data.iter().map(|d| (clean(&d.label), kind)).collect();
    if let Form::PartOfWhole { total } = &s.form {
        out.push((clean(&total.label), row_label));
    }
    out
}

/// The marks of a chart are rows one under another inside the drawing (a whole's parts lie on
/// its own bar), and each row's label and value are centred on its mark.
fn rows_problems(name: &str, s: &ChartSpec, d: &Drawn, tags: &[Tag]) -> Vec<String> {
    let mut out = Vec::new();
    for m in &d.marks {
        if m.y < 0.0 || m.y + m.h > f64::from(d.height) {
            out.push(format!("{name}: mark {} outside the drawing", m.label));
        }
    }
    let rows: Vec<&fazhi_core::charts::Mark> = match &s.form {
        Form::PartOfWhole { .. } => {
            let t = &d.marks[0];
            for m in &d.marks[1..] {
                if m.y < t.y || m.y + m.h > t.y + t.h {
                    out.push(format!("{name}: part {} off its whole's bar", m.label));
                }
            }
            vec![t]
        }
        _ => d.marks.iter().collect(),
    };
    let mut by_y = rows.clone();
    by_y.sort_by(|a, b| a.y.total_cmp(&b.y));
    for w in by_y.windows(2) {
        if w[0].y + w[0].h > w[1].y {
            out.push(format!("{name}: {} overlaps {}", w[0].label, w[1].label));
        }
    }
    for m in rows {
        let centre = m.y + m.h / 2.0;
        let label = clean(&m.label);
        if let Some(lines) = label_lines(tags, &label, row_label) {
            let mid = lines.iter().map(|t| t.num("y")).sum::<f64>() / lines.len() as f64;
            if (mid - centre).abs() > 1.0 {
                out.push(format!(
                    "{name}: label {label} at {mid}, its mark at {centre}"
                ));
            }
        }
        let value = tags
            .iter()
            .find(|t| t.name == "text" && t.text == m.display.trim() && t.num("y") == centre);
        if value.is_none() {
            out.push(format!("{name}: value {} not beside its mark", m.display));
        }
    }
    out
}
