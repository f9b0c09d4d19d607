//! Every card and chart of the bundled report, checked against the sentence that states each of
//! its figures, the way a careful journalist would before quoting it:
//!
//! - the value shown is the value written (digits, hedge, unit), and nothing else on a chart is
//!   a number: no remainder or excess the text does not state;
//! - one unit per axis, and rates are percentages;
//! - a label has no digit, does not lean on its sentence ("其中…"), is made of the words of its
//!   sentence or of the headings above it, and a percentage's label names the rate its sentence
//!   names ("出庭应诉率", not the cases it was computed over);
//! - a chart's note is the sentence's own words.
//!
//! The checks are written here from scratch, not with the converter's rules, so that the two
//! can disagree.

use fazhi_core::charts::resolve::{cards, spec};
use fazhi_core::charts::{draw, Datum, Form, Theme};
use fazhi_core::model::{Fact, Field, Report};

fn seed() -> Report {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let json = std::fs::read_to_string(format!("{root}/public/shangcheng-2022.json")).unwrap();
    serde_json::from_str(&json).unwrap()
}

fn fact<'a>(r: &'a Report, id: &str) -> &'a Fact {
    r.facts.iter().find(|f| f.id == id).unwrap()
}

/// The sentence of a fact and the headings of the blocks around it.
fn context(r: &Report, f: &Fact) -> (String, String) {
    let b = r.block(&f.block).unwrap();
    let field: Vec<char> = match f.field {
        Field::Text => b.text.chars().collect(),
        Field::Title => b.title.clone().unwrap_or_default().chars().collect(),
    };
    let end = |c: &char| "。；;！!？?".contains(*c);
    let from = field[..f.start].iter().rposition(end).map_or(0, |i| i + 1);
    let to = field[f.end..]
        .iter()
        .position(end)
        .map_or(field.len(), |i| f.end + i + 1);
    let sentence: String = field[from..to].iter().collect();
    let mut headings = String::new();
    for a in r.all_blocks() {
        let mut inside = false;
        a.walk(&mut |x| inside |= x.id == b.id);
        if inside {
            headings.push_str(a.title.as_deref().unwrap_or(""));
        }
    }
    (sentence, headings)
}

fn digits(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect()
}

/// What a label must be for the figure `f`; returns the problems found.
fn label_problems(r: &Report, f: &Fact, label: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (sentence, headings) = context(r, f);
    if label.chars().any(|c| c.is_ascii_digit()) {
        out.push("has a digit".to_string());
    }
    for w in ["其中", "其余", "共计", "合计", "以及"] {
        if label.starts_with(w) {
            out.push(format!("starts with {w}"));
        }
    }
    // Words of the sentence or the headings; the particles that join them are free.
    let han = |c: &char| ('\u{4E00}'..='\u{9FFF}').contains(c);
    let foreign: String = label
        .chars()
        .filter(han)
        .filter(|c| !"的和与及之".contains(*c))
        .filter(|c| !sentence.contains(*c) && !headings.contains(*c))
        .collect();
    if !foreign.is_empty() {
        out.push(format!(
            "has words not in its sentence or headings: {foreign}"
        ));
    }
    if f.unit == "%" {
        // The clause before the number, without the verb that joins it: if it names a rate,
        // the label must name it too.
        let before: String = sentence
            .split(&f.text)
            .next()
            .unwrap_or("")
            .rsplit(['，', ',', '；', '。', '：'])
            .next()
            .unwrap_or("")
            .trim_end_matches(['为', '达', '是'])
            .to_string();
        if let Some(i) = before.rfind('率') {
            let name: String = before[..i + '率'.len_utf8()].to_string();
            let tail: String = {
                let cs: Vec<char> = name.chars().collect();
                cs[cs.len().saturating_sub(3)..].iter().collect()
            };
            if !label.contains(&tail) {
                out.push(format!("does not name the rate {name}"));
            }
        }
    }
    out
}

#[test]
fn every_card_shows_its_figure_as_written_under_a_label_that_names_it() {
    let r = seed();
    let cards = cards(&r);
    assert_eq!(cards.len(), r.cards.len(), "every card names a fact");
    let mut problems = Vec::new();
    for c in &cards {
        let f = c.fact;
        let (sentence, _) = context(&r, f);
        assert!(
            sentence.contains(&f.text),
            "{}: {} in {sentence}",
            f.id,
            f.text
        );
        let shown = fazhi_core::format::fact(f);
        if digits(&shown) != digits(&f.text.replace(',', "")) || !shown.ends_with(&f.unit) {
            problems.push(format!("{}: shows {shown} for {}", f.id, f.text));
        }
        for p in label_problems(&r, f, &c.label) {
            problems.push(format!("card {} “{}” ({}): {p}", f.id, c.label, f.text));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_chart_keeps_one_unit_per_axis_and_labels_that_name_its_figures() {
    let r = seed();
    assert!(!r.charts.is_empty());
    let mut problems = Vec::new();
    for def in &r.charts {
        let s = match spec(&r, def) {
            Ok(s) => s,
            Err(e) => {
                problems.push(format!("{}: {e}", def.id));
                continue;
            }
        };
        let total = match &s.form {
            Form::PartOfWhole { total } => Some(total),
            _ => None,
        };
        let data: Vec<&Datum> = total.into_iter().chain(&s.data).collect();
        let units: Vec<&str> = data
            .iter()
            .map(|d| fact(&r, &d.fact).unit.as_str())
            .collect();
        match &s.form {
            Form::Units { .. } => {}
            Form::Rate if units.iter().any(|u| *u != "%") => {
                problems.push(format!("{}: a rate chart with {units:?}", def.id))
            }
            _ if units.iter().any(|u| *u != units[0]) => {
                problems.push(format!("{}: one axis, units {units:?}", def.id))
            }
            _ => {}
        }
        for d in &data {
            let f = fact(&r, &d.fact);
            if digits(&d.display) != digits(&f.text.replace(',', "")) {
                problems.push(format!("{}: draws {} for {}", def.id, d.display, f.text));
            }
            for p in label_problems(&r, f, &d.label) {
                problems.push(format!("{} “{}” ({}): {p}", def.id, d.label, f.text));
            }
        }
        if let Some(note) = &def.note {
            let (sentence, _) = context(&r, fact(&r, &def.facts[0]));
            if !sentence.contains(note.as_str()) {
                problems.push(format!("{}: note {note} is not in {sentence}", def.id));
            }
        }
        problems.extend(unstated_numbers(&s, &data));
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Every text with a digit in the drawn chart must be a figure of the chart (or the 0 and 100%
/// of a rate's scale): a number the text does not state is never drawn.
fn unstated_numbers(s: &fazhi_core::charts::ChartSpec, data: &[&Datum]) -> Vec<String> {
    let Ok(d) = draw(s, 640, Theme::Light) else {
        return vec![format!("{}: cannot be drawn", s.id)];
    };
    let mut out = Vec::new();
    let mut rest = d.svg.as_str();
    while let Some(i) = rest.find("<text") {
        rest = &rest[i..];
        let Some(open) = rest.find('>') else { break };
        let Some(close) = rest.find("</text>") else {
            break;
        };
        let t = rest[open + 1..close].trim();
        let allowed = data.iter().any(|d| d.display.trim() == t)
            || (matches!(s.form, Form::Rate) && (t == "0" || t == "100%"));
        if t.chars().any(|c| c.is_ascii_digit()) && !allowed {
            out.push(format!(
                "{}: draws {t}, which the text does not state",
                s.id
            ));
        }
        rest = &rest[close..];
    }
    out
}

#[test]
fn the_checks_catch_the_labels_that_misled_before() {
    let r = seed();
    let rate = r.facts.iter().find(|f| f.text == "82.14%").unwrap();
    let online = r.facts.iter().find(|f| f.text == "2142项").unwrap();
    assert!(!label_problems(&r, rate, "县政府作为被告的一审案件").is_empty());
    assert!(label_problems(&r, rate, "行政机关负责人出庭应诉率").is_empty());
    assert!(!label_problems(&r, online, "其中“网上办”事项").is_empty());
    assert!(!label_problems(&r, online, "网上办2142项").is_empty());
    assert!(!label_problems(&r, online, "省级政务服务事项").is_empty());
}
