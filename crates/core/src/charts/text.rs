//! Text for charts: printing hedged numbers, estimating how wide a label is, shortening it.

use crate::model::Qualifier;

/// How a figure is printed in charts and tables, hedges included, so a reader never takes an
/// approximate number for an exact one.
///
/// 余 → "280+", 超过 → ">280", 近 → "近200", 约 → "≈200"; 达/共 and no qualifier print the bare
/// number. Integers get thousands separators ("1,118"); other values print as written ("82.14");
/// a percent or permille unit is attached ("82.14%"), other units are left to the chart's
/// "单位" note or the table's unit column. Huge values use an exponent; NaN and infinities "—".
pub fn value_display(value: f64, unit: &str, qualifier: Option<Qualifier>) -> String {
    let mut n = number(value);
    if matches!(unit.trim(), "%" | "％" | "‰") {
        n.push_str(unit.trim());
    }
    match qualifier {
        Some(Qualifier::Over) => format!("{n}+"),
        Some(Qualifier::Exceeds) => format!(">{n}"),
        Some(Qualifier::Nearly) => format!("近{n}"),
        Some(Qualifier::About) => format!("≈{n}"),
        Some(Qualifier::Reaches | Qualifier::Total) | None => n,
    }
}

/// A number as a reader expects it: "1,118", "82.14", "0.5".
pub(crate) fn number(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    if value == 0.0 {
        // Also turns -0 into 0.
        return "0".to_string();
    }
    if value.abs() >= 1e15 {
        // Display would print every digit of 1e300.
        return format!("{value:e}");
    }
    let s = format!("{value}");
    let (sign, rest) = s.split_at(usize::from(s.starts_with('-')));
    let (int, frac) = rest.split_at(rest.find('.').unwrap_or(rest.len()));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(frac);
    out
}

/// Estimated advance of a character in em. CJK text is set on a full-width grid; other scripts
/// vary, so non-ASCII is counted wide (overestimating only costs a little space).
fn em(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        '%' | 'M' | 'W' | 'm' | 'w' | '@' => 0.9,
        'A'..='Z' => 0.68,
        '!'..='~' => 0.6,
        _ => 1.0,
    }
}

/// Estimated width of `s` set at `px` pixels.
pub(crate) fn width(s: &str, px: f64) -> f64 {
    s.chars().map(em).sum::<f64>() * px
}

/// `s` shortened with "…" to fit `max` pixels at `px`, or whole if it fits.
pub(crate) fn fit(s: &str, max: f64, px: f64) -> String {
    if width(s, px) <= max {
        return s.to_string();
    }
    let mut used = em('…') * px;
    let mut out = String::new();
    for c in s.chars() {
        used += em(c) * px;
        if used > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// `s` with control characters (which XML forbids or collapses) turned into spaces.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// `s` escaped for an XML attribute value.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_are_printed() {
        let src = [
            (280.0, "件", Some(Qualifier::Over)),
            (200.0, "件", Some(Qualifier::Nearly)),
            (200.0, "人", Some(Qualifier::About)),
            (95.0, "%", Some(Qualifier::Exceeds)),
            (95.0, "%", Some(Qualifier::Reaches)),
            (1118.0, "人", Some(Qualifier::Total)),
            (82.14, "%", None),
            (1.5, "‰", None),
        ];
        let should_be = [
            "280+", "近200", "≈200", ">95%", "95%", "1,118", "82.14%", "1.5‰",
        ];
        for ((v, u, q), s) in src.into_iter().zip(should_be) {
            assert_eq!(value_display(v, u, q), s);
        }
    }

    #[test]
    fn numbers_group_thousands() {
        let src = [
            0.0, -0.0, 7.0, 999.0, 1000.0, 1234567.0, 1234.5, -2142.0, 0.25, 1e300,
        ];
        let should_be = [
            "0",
            "0",
            "7",
            "999",
            "1,000",
            "1,234,567",
            "1,234.5",
            "-2,142",
            "0.25",
            "1e300",
        ];
        for (v, s) in src.into_iter().zip(should_be) {
            assert_eq!(number(v), s);
        }
        assert_eq!(number(f64::NAN), "—");
        assert_eq!(number(f64::NEG_INFINITY), "—");
    }

    #[test]
    fn widths_count_cjk_as_one_em() {
        assert_eq!(width("行政复议", 10.0), 40.0);
        assert_eq!(width("25", 10.0), 12.0);
        assert_eq!(width("", 10.0), 0.0);
    }

    #[test]
    fn long_labels_are_shortened_to_fit() {
        assert_eq!(fit("行政复议", 40.0, 10.0), "行政复议");
        let s = fit("行政复议申请受理", 40.0, 10.0);
        assert_eq!(s, "行政复…");
        assert!(width(&s, 10.0) <= 40.0);
        assert_eq!(fit("行政", 5.0, 10.0), "…");
    }

    #[test]
    fn control_characters_do_not_reach_the_xml() {
        assert_eq!(clean("a\u{0}b\nc"), "a b c");
        assert_eq!(escape("<\"&\u{1}>"), "&lt;&quot;&amp; &gt;");
    }
}
