//! The editor's desk as data (`fazhi_core::desk`): a draft starts from what the report shows
//! plus the proposals it does not, every edit keeps the rules or is refused with the reason, undo
//! takes edits back, and what the desk publishes is what the converter makes from the same text
//! with the desk's sidecar, byte for byte.

use fazhi_core::desk::{forms, make_chart, Desk, DeskError, Draft, Edit};
use fazhi_core::ingest::{attach_indicators, convert, to_json, Limits, Source};
use fazhi_core::model::{ChartForm, Report};
use fazhi_core::propose::rules::RuleError;

fn root() -> String {
    format!("{}/../..", env!("CARGO_MANIFEST_DIR"))
}

/// What `ingest FILE` makes (no sidecar beside a fixture): the proposals.
fn converted(file: &str) -> Report {
    let bytes = std::fs::read(format!("{}/tests/fixtures/{file}", root())).unwrap();
    let src = Source {
        bytes: &bytes,
        file_name: Some(file),
        title: None,
    };
    convert(&src, &Limits::default()).unwrap().report
}

fn fact<'a>(r: &'a Report, text: &str) -> &'a str {
    &r.facts.iter().find(|f| f.text == text).unwrap().id
}

#[test]
fn the_seed_published_unedited_is_the_shipped_json() {
    let shipped =
        std::fs::read_to_string(format!("{}/public/shangcheng-2022.json", root())).unwrap();
    let report: Report = serde_json::from_str(&shipped).unwrap();
    let draft = Draft::new(&report);
    // The editor's sixteen, shown, then the proposals that draw other figures, hidden.
    let shown: Vec<&str> = draft
        .charts
        .iter()
        .filter(|c| c.on)
        .map(|c| c.def.id.as_str())
        .collect();
    assert_eq!(shown.len(), 16);
    assert_eq!(
        shown,
        report
            .charts
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
    );
    let hidden: Vec<&str> = draft
        .charts
        .iter()
        .filter(|c| !c.on)
        .map(|c| c.def.id.as_str())
        .collect();
    assert_eq!(
        hidden,
        ["c1s6i4e2"],
        "the only proposal no editor's chart draws"
    );
    assert_eq!(draft.cards.iter().filter(|c| c.on).count(), 8);
    let published = draft.publish(&report).unwrap();
    assert_eq!(to_json(&published), shipped);
}

#[test]
fn a_report_with_no_sidecar_starts_from_its_proposals() {
    let r = converted("county-2023.txt");
    assert!(r.charts.len() >= 3, "{}", r.charts.len());
    let draft = Draft::new(&r);
    assert!(draft.charts.iter().all(|c| c.on && !c.made));
    assert_eq!(draft.charts.len(), r.charts.len());
    assert_eq!(draft.cards.len(), r.cards.len());
    assert_eq!(draft.publish(&r).unwrap().charts.len(), r.charts.len());
}

#[test]
fn edits_keep_the_rules_or_say_why_not() {
    let r = converted("county-2023.txt");
    let mut desk = Desk::new(&r);
    let first = desk.draft.charts[0].def.id.clone();
    // Digits are refused in titles and labels, with the reason; the draft stays as it was.
    let before = desk.draft.clone();
    let e = desk
        .edit(&r, &Edit::Title(first.clone(), "2023年政务服务".into()))
        .unwrap_err();
    assert!(
        matches!(e, DeskError::Rule(RuleError::TitleDigit(_))),
        "{e}"
    );
    assert!(e.to_string().contains("含有数字"), "{e}");
    let e = desk
        .edit(&r, &Edit::Label(first.clone(), 0, "县级1420项".into()))
        .unwrap_err();
    assert!(e.to_string().contains("数字只能来自原文"), "{e}");
    let e = desk
        .edit(&r, &Edit::Label(first.clone(), 0, "其中县级".into()))
        .unwrap_err();
    assert!(e.to_string().contains("以“其中”开头"), "{e}");
    assert_eq!(desk.draft, before);
    assert!(!desk.can_undo());
    // Words are taken.
    desk.edit(&r, &Edit::Title(first.clone(), "政务服务事项".into()))
        .unwrap();
    desk.edit(&r, &Edit::Label(first.clone(), 1, "乡镇".into()))
        .unwrap();
    let def = &desk.draft.chart(&first).unwrap().def;
    assert_eq!(def.title, "政务服务事项");
    assert_eq!(def.labels, ["县级事项", "乡镇", "村级事项"]);
    // A part-of-whole chart may become bars (the parts) and back; never a rate chart.
    assert_eq!(forms(&r, def), [ChartForm::Bars, ChartForm::Part]);
    desk.edit(&r, &Edit::Form(first.clone(), ChartForm::Bars))
        .unwrap();
    assert_eq!(desk.draft.chart(&first).unwrap().def.total, None);
    let e = desk
        .edit(&r, &Edit::Form(first.clone(), ChartForm::Rate))
        .unwrap_err();
    assert_eq!(e.to_string(), "这些数据不能画成比率图");
    desk.edit(&r, &Edit::Form(first.clone(), ChartForm::Part))
        .unwrap();
    assert_eq!(
        desk.draft.chart(&first).unwrap().def.total.as_deref(),
        Some(fact(&r, "1865项"))
    );
    // A proposal can be hidden, not deleted.
    let e = desk.edit(&r, &Edit::Delete(first.clone())).unwrap_err();
    assert!(e.to_string().contains("只能隐藏"), "{e}");
}

#[test]
fn a_chart_made_from_picked_figures_takes_the_form_they_allow() {
    let r = converted("county-2023.txt");
    let ids = |texts: &[&str]| {
        texts
            .iter()
            .map(|t| fact(&r, t).to_string())
            .collect::<Vec<_>>()
    };
    // Two shares in one sentence: rates, titled by the heading above, labelled by the text.
    let c = make_chart(&r, &ids(&["达98.6%", "达100%"]), &[]).unwrap();
    assert_eq!(c.form, ChartForm::Rate);
    assert_eq!(c.title, "落实行政执法“三项制度”");
    assert_eq!(c.labels, ["重大执法决定法制审核率", "执法全过程记录率"]);
    assert_eq!(c.id, "c1s3i2");
    // A whole and its parts, picked in any order: part of whole.
    let c = make_chart(&r, &ids(&["46件", "52件", "6件"]), &["c1s4i1"]).unwrap();
    assert_eq!(
        (c.form, c.total.as_deref()),
        (ChartForm::Part, Some(fact(&r, "52件")))
    );
    assert_eq!(c.labels, ["受理", "不予受理"]);
    assert_eq!(c.id, "c1s4i1-2", "an id no chart has");
    // One unit: bars; two units: small multiples.
    let c = make_chart(&r, &ids(&["320卷", "210卷"]), &[]).unwrap();
    assert_eq!(c.form, ChartForm::Bars);
    let c = make_chart(&r, &ids(&["46次", "93份"]), &[]).unwrap();
    assert_eq!(c.form, ChartForm::Units);
    assert_eq!(
        make_chart(&r, &[], &[]).unwrap_err(),
        DeskError::NothingPicked
    );
}

#[test]
fn undo_and_redo_take_back_whole_edits() {
    let r = converted("county-2023.txt");
    let mut desk = Desk::new(&r);
    let start = desk.draft.clone();
    let id = start.charts[1].def.id.clone();
    desk.edit(&r, &Edit::Show(id.clone(), false)).unwrap();
    // Typing a title character by character is one step.
    for t in ["合", "合法", "合法性审查"] {
        desk.edit(&r, &Edit::Title(id.clone(), t.into())).unwrap();
    }
    desk.edit(&r, &Edit::Move(id.clone(), 0)).unwrap();
    assert_eq!(desk.draft.charts[0].def.id, id);
    assert_eq!(
        desk.undo().as_deref(),
        Some("已撤销：已将图表“合法性审查”移到第 1 位")
    );
    assert_eq!(
        desk.undo().as_deref(),
        Some("已撤销：图表标题已改为“合法性审查”")
    );
    assert_eq!(
        desk.draft.chart(&id).unwrap().def.title,
        start.charts[1].def.title
    );
    assert!(desk.undo().is_some());
    assert_eq!(desk.draft, start);
    assert!(desk.undo().is_none());
    assert!(desk.redo().is_some());
    assert!(!desk.draft.chart(&id).unwrap().on);
}

/// The browser's desk and the command line agree: the sidecar the desk writes, given to the
/// converter with the same text, makes the JSON the desk publishes, byte for byte.
#[test]
fn the_sidecar_reproduces_the_published_report() {
    let r = converted("county-2023.txt");
    let mut desk = Desk::new(&r);
    let (a, b) = (
        desk.draft.charts[0].def.id.clone(),
        desk.draft.charts[1].def.id.clone(),
    );
    desk.edit(&r, &Edit::Show(a, false)).unwrap();
    desk.edit(&r, &Edit::Title(b.clone(), "审查的文件和合同".into()))
        .unwrap();
    desk.edit(
        &r,
        &Edit::Make(vec![fact(&r, "320卷").into(), fact(&r, "210卷").into()]),
    )
    .unwrap();
    let card = desk.draft.cards[2].fact.clone();
    desk.edit(&r, &Edit::CardLabel(card, "行政诉讼一审案件".into()))
        .unwrap();
    desk.edit(&r, &Edit::MakeCard(fact(&r, "达1086人").into()))
        .unwrap();
    let published = desk.draft.publish(&r).unwrap();
    let side = desk.draft.sidecar().to_json();
    let mut cli = converted("county-2023.txt");
    attach_indicators(&mut cli, &side).unwrap();
    assert_eq!(to_json(&cli), to_json(&published));
    assert!(published
        .charts
        .iter()
        .any(|c| c.title == "审查的文件和合同"));
    assert_eq!(published.charts.len(), r.charts.len());
    assert!(published
        .card_labels
        .contains(&"行政诉讼一审案件".to_string()));
}
