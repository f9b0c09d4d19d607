//! What the charts draw, read back from the SVG: labels and values as text, one bar per figure,
//! bars proportional to values, honest parts-of-a-whole and rates, themes, and errors for bad
//! input. Set `CHARTS_SVG_DIR` to also write a sample of each form there for a visual check.

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
    assert_eq!(d.width, 280, "width 0 is clamped, not refused");
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
fn long_labels_are_shortened_but_kept_whole_in_marks() {
    let long = "推进严格规范公正文明执法全面推行行政执法公示制度执法全过程记录制度";
    let (d, tags) = drawn(&spec(Form::Bars, vec![exact(long, 5.0)]), 400, Theme::Light);
    let texts = texts(&tags);
    let shown = texts.iter().find(|t| t.ends_with('…')).unwrap();
    assert!(long.starts_with(shown.trim_end_matches('…')));
    assert!(!texts.contains(&long));
    assert_eq!(d.marks[0].label, long);
    // The shortened label stays left of the bars.
    assert!(shown.chars().count() as f64 * 14.0 <= d.marks[0].x);
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
    assert_eq!(caps.len(), 3, "only 280余, 近200 and 约120 are hedged");
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
    assert!(stripes.count() >= 3 * 4);
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
fn parts_that_fall_short_leave_a_labelled_remainder() {
    let total = datum("化解矛盾纠纷", 280.0, "280余", Some(Qualifier::Over));
    let s = spec(Form::PartOfWhole { total }, vec![exact("调解成功", 250.0)]);
    let (d, tags) = drawn(&s, 500, Theme::Light);
    let (t, part) = (&d.marks[0], &d.marks[1]);
    assert!((part.w - t.w * 250.0 / 280.0).abs() <= 1.0);
    let texts = texts(&tags);
    assert!(texts.contains(&"其余（未分项）"));
    assert!(
        texts.contains(&"≈30"),
        "hedged total makes the remainder approximate"
    );
    assert!(texts.contains(&"280余"));
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
    assert!(texts.contains(&"分项之和超出总数"));
    assert!(texts.contains(&"+2"));
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
fn grouped_bars_follow_their_series() {
    let series = vec!["2021年".to_string(), "2022年".to_string()];
    let data = vec![
        exact("行政复议", 30.0),
        exact("行政复议", 33.0),
        exact("行政诉讼", 12.0),
        exact("行政诉讼", 16.0),
    ];
    let (d, tags) = drawn(&spec(Form::Grouped { series }, data), 600, Theme::Dark);
    assert_eq!(d.marks.len(), 4);
    assert_eq!(d.marks[1].label, "行政复议 · 2022年");
    let p = Theme::Dark.palette();
    assert_eq!(
        solid(&tags, p.series[0]).len(),
        3,
        "two bars + legend swatch"
    );
    assert_eq!(solid(&tags, p.series[1]).len(), 3);
    let texts = texts(&tags);
    for t in ["2021年", "2022年", "行政复议", "行政诉讼", "33", "16"] {
        assert!(texts.contains(&t), "{t}");
    }
    assert!(d.marks.windows(2).all(|w| w[0].y < w[1].y));
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
    let series = vec!["a".to_string(), "b".to_string()];
    assert_eq!(
        err(Form::Grouped { series }, vec![exact("a", 1.0)]),
        ChartError::Ragged { series: 2, data: 1 }
    );
    assert!(matches!(
        err(Form::Grouped { series: vec![] }, vec![exact("a", 1.0)]),
        ChartError::Ragged { .. }
    ));
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
            Form::Grouped {
                series: vec![String::new()],
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

#[test]
fn writes_samples_when_asked() {
    let Some(dir) = std::env::var_os("CHARTS_SVG_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let samples = [
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
            "grouped",
            Form::Grouped {
                series: vec!["2021年".to_string(), "2022年".to_string()],
            },
            vec![
                exact("行政复议", 30.0),
                exact("行政复议", 33.0),
                exact("行政应诉", 12.0),
                datum("行政应诉", 16.0, "16余", Some(Qualifier::Over)),
            ],
        ),
    ];
    for (name, form, data) in samples {
        for (theme, suffix) in [(Theme::Light, ""), (Theme::Dark, "-dark")] {
            let mut s = spec(form.clone(), data.clone());
            if name == "rate" {
                s.unit = "%".to_string();
            }
            let (d, _) = drawn(&s, 560, theme);
            std::fs::write(dir.join(format!("charts-{name}{suffix}.svg")), d.svg).unwrap();
        }
    }
}

#[test]
fn writes_edge_samples_when_asked() {
    let Some(dir) = std::env::var_os("CHARTS_SVG_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let long = vec![
        exact("推进严格规范公正文明执法全面推行行政执法公示制度", 12.0),
        exact("A", 1e9),
        datum("", 3.0, "3", None),
        datum("零", 0.0, "近0", Some(Qualifier::Nearly)),
    ];
    let (d, _) = drawn(&spec(Form::Bars, long), 0, Theme::Light);
    std::fs::write(dir.join("charts-edge-narrow.svg"), d.svg).unwrap();
    let mut s = spec(Form::Bars, vec![exact("很长的数值", 5.0)]);
    s.data[0].display = "9".repeat(60);
    s.title = "一个非常非常非常非常非常非常非常非常非常非常非常非常长的标题".to_string();
    let (d, _) = drawn(&s, 300, Theme::Dark);
    std::fs::write(dir.join("charts-edge-wide-value.svg"), d.svg).unwrap();
}

#[test]
fn a_remainder_of_decimals_prints_without_float_noise() {
    let total = datum("总数", 1.0, "1", None);
    let parts = vec![datum("甲", 0.1, "0.1", None), datum("乙", 0.2, "0.2", None)];
    let (_, tags) = drawn(&spec(Form::PartOfWhole { total }, parts), 500, Theme::Light);
    assert!(texts(&tags).contains(&"0.7"), "{:?}", texts(&tags));
}
