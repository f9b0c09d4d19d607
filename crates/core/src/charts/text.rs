//! Text for charts: estimating how wide a label is, shortening it, making it safe for XML.

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

/// `s` broken into at most `lines` lines that each fit `max` pixels at `px`, breaking between
/// any two characters (Chinese has no spaces to break at); the last line is shortened with "…"
/// if the text still does not fit. A break at a space takes the space: left on a line it would
/// push a right-aligned line off its edge, or a left-aligned one in.
pub(crate) fn wrap(s: &str, max: f64, px: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest: Vec<char> = s.chars().collect();
    while !rest.is_empty()
        && out.len() + 1 < lines
        && width(&rest.iter().collect::<String>(), px) > max
    {
        let mut used = 0.0;
        let take = rest
            .iter()
            .take_while(|&&c| {
                used += em(c) * px;
                used <= max
            })
            .count()
            .max(1);
        let line: String = rest.drain(..take).collect();
        out.push(line.trim_end_matches(' ').to_string());
        let spaces = rest.iter().take_while(|&&c| c == ' ').count();
        rest.drain(..spaces);
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(fit(&rest.iter().collect::<String>(), max, px));
    }
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

/// `s` escaped for an XML attribute value, control characters first made spaces.
pub(crate) fn escape(s: &str) -> String {
    crate::page::codec::html_attr(&clean(s))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn labels_wrap_before_they_are_shortened() {
        assert_eq!(wrap("行政复议", 40.0, 10.0, 2), ["行政复议"]);
        assert_eq!(
            wrap("行政机关负责人出庭应诉率", 60.0, 10.0, 2),
            ["行政机关负责", "人出庭应诉率"]
        );
        assert_eq!(
            wrap("行政机关负责人出庭应诉率", 40.0, 10.0, 2),
            ["行政机关", "负责人…"]
        );
        assert_eq!(wrap("", 40.0, 10.0, 2), [""]);
        assert_eq!(wrap("甲乙", 5.0, 10.0, 3), ["甲", "乙"]);
        // As many lines as allowed before anything is cut.
        assert_eq!(
            wrap("行政机关负责人出庭应诉率", 40.0, 10.0, 4),
            ["行政机关", "负责人出", "庭应诉率"]
        );
    }

    #[test]
    fn a_break_at_a_space_takes_the_space() {
        assert_eq!(
            wrap("行政复议申请 · 受理", 65.0, 10.0, 4),
            ["行政复议申请", "· 受理"]
        );
        assert_eq!(wrap("甲  乙", 10.0, 10.0, 4), ["甲", "乙"]);
    }

    #[test]
    fn control_characters_do_not_reach_the_xml() {
        assert_eq!(clean("a\u{0}b\nc"), "a b c");
        assert_eq!(escape("<\"&\u{1}>"), "&lt;&quot;&amp; &gt;");
    }
}
