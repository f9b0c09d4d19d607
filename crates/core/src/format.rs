//! How a figure is written for a reader: its number, hedge and unit, the way the report's own
//! text writes them ("5000余人次", "近200件", "达98%", "82.14%"). Cards, charts, tables,
//! tooltips, downloads, the cross-check lines and the floor page all print figures through here,
//! so a number never reads one way in the text and another on a card.
//!
//! The text writes numbers without thousands separators ("12340余条") and glues the unit to the
//! number ("82.14%", never "82.14 %"), so we do too. A hedge keeps its place: 余 after the number
//! (before the unit, "280余件"), the others before it ("近200件", "约30人", "超过95%", "达98%",
//! "共193项"). The words are the canonical ones for each [`Qualifier`]: "达到95%" and "高达95%"
//! both print "达95%", "逾30" prints "超过30"; the exact wording stays in [`Fact::text`].

use crate::model::{Fact, Outcome, Qualifier};

/// A number as the reports write it: no thousands separators and no float noise ("12340",
/// "82.14", "0.5", "97.79"); at most six decimals. Huge values use an exponent; NaN and
/// infinities print "—".
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    if value.abs() >= 1e15 {
        // Display would print every digit of 1e300.
        return format!("{value:e}");
    }
    let s = format!("{value:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The hedge word as the text writes it: 余, 近, 约, 超过, 达, 共; "" for none.
pub fn hedge_word(q: Option<Qualifier>) -> &'static str {
    match q {
        None => "",
        Some(Qualifier::Over) => "余",
        Some(Qualifier::Nearly) => "近",
        Some(Qualifier::About) => "约",
        Some(Qualifier::Reaches) => "达",
        Some(Qualifier::Total) => "共",
        Some(Qualifier::Exceeds) => "超过",
    }
}

/// What a hedge means, for a tooltip: "余：多于此数".
pub fn hedge_meaning(q: Qualifier) -> String {
    format!("{}：{}", hedge_word(Some(q)), hedge_sense(q))
}

/// What a hedge says about the true number: "多于此数", "略少于此数".
pub fn hedge_sense(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Over | Qualifier::Exceeds => "实数多于此数",
        Qualifier::Nearly => "实数略少于此数",
        Qualifier::About => "实数在此数上下",
        Qualifier::Reaches => "达到此数",
        Qualifier::Total => "合计",
    }
}

/// True for a unit printed with every value even where a chart states its unit once (%, ‰).
pub fn is_percent(unit: &str) -> bool {
    matches!(unit.trim(), "%" | "％" | "‰")
}

/// A figure with its hedge and unit: "5000余人次", "近200件", "达98%", "82.14%", "10余万人".
pub fn figure(value: f64, unit: &str, q: Option<Qualifier>) -> String {
    let (n, u) = parts(value, unit, q, false);
    n + &u
}

/// A figure where its unit is stated once nearby (a chart's "单位：件"): the unit is left out
/// unless it is a percent sign ("5000余", "近200", "达98%").
pub fn bare(value: f64, unit: &str, q: Option<Qualifier>) -> String {
    parts(value, unit, q, false).0
}

/// A fact written as its sentence writes it, hedge and unit included ("1万余人" keeps its 余
/// after the 万, as the text has it).
pub fn fact(f: &Fact) -> String {
    let (n, u) = fact_parts(f);
    n + &u
}

/// [`fact`] in two pieces, the number (with its hedge, and a percent sign) and the unit, for a
/// card that sets the unit smaller: ("5000余", "人次"), ("1万余", "人"), ("达98%", "").
pub fn fact_parts(f: &Fact) -> (String, String) {
    parts(f.value, &f.unit, f.qualifier, over_after_magnitude(f))
}

/// A figure in arithmetic (the cross-check lines): only the hedges that make it approximate
/// (余, 近, 约, 超过), no unit: "280余", "近200", "1590".
pub fn term(value: f64, q: Option<Qualifier>) -> String {
    bare(value, "", q.filter(|q| q.is_approximate()))
}

/// "1万余人": the text put 余 after the magnitude word of the unit, not after the digits.
fn over_after_magnitude(f: &Fact) -> bool {
    f.qualifier == Some(Qualifier::Over)
        && ["万余", "亿余", "千余", "百余"]
            .iter()
            .any(|w| f.text.contains(w))
}

/// The number with its hedge (and a percent sign, which belongs to the number), and the unit.
fn parts(
    value: f64,
    unit: &str,
    q: Option<Qualifier>,
    over_after_magnitude: bool,
) -> (String, String) {
    let n = number(value);
    let unit = unit.trim();
    let (pct, unit) = if is_percent(unit) {
        (unit, "")
    } else {
        ("", unit)
    };
    match q {
        // 余 sits between the number and the unit: after a magnitude (万, 亿) when the text put
        // it there ("1万余人"), after a percent sign, else right after the digits.
        Some(Qualifier::Over) => {
            let mut chars = unit.chars();
            match chars.next() {
                Some(m @ ('万' | '亿' | '千' | '百')) if over_after_magnitude => {
                    (format!("{n}{m}余"), chars.as_str().to_string())
                }
                _ => (format!("{n}{pct}余"), unit.to_string()),
            }
        }
        q => (format!("{}{n}{pct}", hedge_word(q)), unit.to_string()),
    }
}

/// The sign of a cross-check's outcome: ✓ holds, ≈ holds within 余/近, ✗ does not.
pub fn outcome_mark(o: Outcome) -> &'static str {
    match o {
        Outcome::Holds => "✓",
        Outcome::Approx => "≈",
        Outcome::Fails => "✗",
    }
}

/// A cross-check's outcome in words: "成立", "在“余/近”范围内成立", "不成立".
pub fn outcome_words(o: Outcome) -> &'static str {
    match o {
        Outcome::Holds => "成立",
        Outcome::Approx => "在“余/近”范围内成立",
        Outcome::Fails => "不成立",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use Qualifier::*;

    #[test]
    fn figures_read_as_the_text_writes_them() {
        let src = [
            (5000.0, "人次", Some(Over)),
            (12340.0, "条", Some(Over)),
            (200.0, "件", Some(Nearly)),
            (98.0, "%", Some(Reaches)),
            (82.14, "%", None),
            (193.0, "项", Some(Total)),
            (30.0, "人", Some(About)),
            (95.0, "%", Some(Exceeds)),
            (10.0, "万人", Some(Over)),
            (1.5, "‰", None),
            (2142.0, " 项 ", None),
        ];
        let should_be = [
            "5000余人次",
            "12340余条",
            "近200件",
            "达98%",
            "82.14%",
            "共193项",
            "约30人",
            "超过95%",
            "10余万人",
            "1.5‰",
            "2142项",
        ];
        for ((v, u, q), s) in src.into_iter().zip(should_be) {
            assert_eq!(figure(v, u, q), s);
        }
    }

    #[test]
    fn bare_figures_keep_only_the_percent_sign() {
        assert_eq!(bare(5000.0, "人次", Some(Over)), "5000余");
        assert_eq!(bare(200.0, "件", Some(Nearly)), "近200");
        assert_eq!(bare(98.0, "%", Some(Reaches)), "达98%");
        assert_eq!(bare(12.0, "", None), "12");
    }

    #[test]
    fn numbers_have_no_separators_and_no_float_noise() {
        let src = [
            0.0,
            -0.0,
            7.0,
            12340.0,
            82.14,
            0.1 + 0.2,
            97.7859,
            -2142.0,
            1e300,
        ];
        let should_be = [
            "0", "0", "7", "12340", "82.14", "0.3", "97.7859", "-2142", "1e300",
        ];
        for (v, s) in src.into_iter().zip(should_be) {
            assert_eq!(number(v), s);
        }
        assert_eq!(number(f64::NAN), "—");
        assert_eq!(number(f64::INFINITY), "—");
    }

    #[test]
    fn a_fact_keeps_where_its_text_put_the_hedge() {
        let f = |text: &str, value: f64, unit: &str, q| Fact {
            id: "p1-f1".into(),
            value,
            unit: unit.into(),
            qualifier: q,
            text: text.into(),
            label: String::new(),
            block: "p1".into(),
            field: Field::Text,
            start: 0,
            end: text.chars().count(),
        };
        assert_eq!(fact(&f("1万余人", 1.0, "万人", Some(Over))), "1万余人");
        assert_eq!(fact(&f("10余万人", 10.0, "万人", Some(Over))), "10余万人");
        assert_eq!(fact(&f("达到95%", 95.0, "%", Some(Reaches))), "达95%");
        let parts = |text, v, u, q| fact_parts(&f(text, v, u, q));
        assert_eq!(
            parts("5000余人次", 5000.0, "人次", Some(Over)),
            ("5000余".into(), "人次".into())
        );
        assert_eq!(
            parts("1万余人", 1.0, "万人", Some(Over)),
            ("1万余".into(), "人".into())
        );
        assert_eq!(
            parts("达98%", 98.0, "%", Some(Reaches)),
            ("达98%".into(), String::new())
        );
    }

    #[test]
    fn terms_keep_only_the_hedges_that_matter_for_arithmetic() {
        assert_eq!(term(280.0, Some(Over)), "280余");
        assert_eq!(term(200.0, Some(Nearly)), "近200");
        assert_eq!(term(98.0, Some(Reaches)), "98");
        assert_eq!(term(16.0, Some(Total)), "16");
        assert_eq!(term(30.0, Some(Exceeds)), "超过30");
    }

    #[test]
    fn words_for_hedges_and_outcomes() {
        assert_eq!(hedge_word(None), "");
        assert_eq!(hedge_word(Some(Exceeds)), "超过");
        assert_eq!(hedge_meaning(Nearly), "近：实数略少于此数");
        assert_eq!(hedge_sense(Over), "实数多于此数");
        assert_eq!(outcome_mark(Outcome::Approx), "≈");
        assert_eq!(outcome_words(Outcome::Fails), "不成立");
    }
}
