//! Number markers at the start of a line and the Chinese numerals they are written in: "一、"
//! (chapter), "（一）" (section), "1." (item), "（1）" / "(1)" / "①" (sub-item), and "一是" inside
//! prose (point). Numerals are read for the whole range the reports write: "十一", "二十",
//! "一百", "一百零一", "一千零二十".

use crate::model::Kind;

/// A number marker found at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marker {
    pub kind: Kind,
    /// Its length in bytes, punctuation included.
    pub len: usize,
    /// The number it writes (1 for "一、", "（一）", "1.", "①").
    pub value: u32,
}

const CN_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn cn_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' => Some(0),
        '两' => Some(2),
        _ => CN_DIGITS.iter().position(|&d| d == c).map(|v| v as u32),
    }
}

fn cn_unit(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// Reads the Chinese numeral that starts `s`: its value and its length in chars. Only a
/// well-formed numeral counts: "二〇二二" (a year written digit by digit) and "十百" are none.
pub(super) fn cn_number(s: &str) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    let mut zero = false;
    let mut n = 0;
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            // Two digits in a row only across a 零: "一百零一".
            if pending.is_some() || (d == 0 && (zero || value == 0)) {
                return None;
            }
            zero = d == 0;
            pending = (d != 0).then_some(d);
        } else if let Some(u) = cn_unit(c) {
            // "十" alone starts "十一"; any other unit needs its digit ("一百").
            let m = match pending {
                Some(d) => d,
                None if u == 10 && value == 0 && !zero => 1,
                None => return None,
            };
            if u >= last_unit {
                return None;
            }
            value += m * u;
            last_unit = u;
            pending = None;
            zero = false;
        } else {
            break;
        }
        n += 1;
    }
    if zero {
        return None;
    }
    value += pending.unwrap_or(0);
    (value > 0).then_some((value, n))
}

/// The Chinese numeral for `n` (1 to 9999), as the reports write it: "十一", "二十", "一百零一".
pub(super) fn cn_numeral(n: u32) -> String {
    let mut out = String::new();
    let mut zero = false;
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let d = (n / unit) % 10;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // "十一", not "一十一", at the start; "一百一十" inside.
        if !(unit == 10 && d == 1 && out.is_empty()) {
            out.push(CN_DIGITS[d as usize]);
        }
        out.push_str(name);
    }
    out
}

/// Bytes of the first `n` chars of `s`.
fn bytes_of(s: &str, n: usize) -> usize {
    s.chars().take(n).map(char::len_utf8).sum()
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of a run of ASCII or full-width digits.
fn digits_value(s: &str) -> u32 {
    s.chars().fold(0u32, |v, c| {
        let d = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else {
            c as u32 - '０' as u32
        };
        v.saturating_mul(10).saturating_add(d)
    })
}

/// A circled number ① to ㊿, as Word and the reports write fourth-level items.
fn circled(c: char) -> Option<u32> {
    let c = c as u32;
    match c {
        0x2460..=0x2473 => Some(c - 0x2460 + 1),
        0x3251..=0x325F => Some(c - 0x3251 + 21),
        0x32B1..=0x32BF => Some(c - 0x32B1 + 36),
        _ => None,
    }
}

/// "一、" and "（一）".
fn chinese(s: &str) -> Option<Marker> {
    if let Some((value, n)) = cn_number(s) {
        let len = bytes_of(s, n);
        if s[len..].starts_with('、') {
            let len = len + '、'.len_utf8();
            let kind = Kind::Chapter;
            return Some(Marker { kind, len, value });
        }
    }
    let open = s.chars().next().filter(|c| matches!(c, '(' | '（'))?;
    let inner = &s[open.len_utf8()..];
    let (value, n) = cn_number(inner)?;
    let len = bytes_of(inner, n);
    let close = inner[len..]
        .chars()
        .next()
        .filter(|c| matches!(c, ')' | '）'))?;
    let len = open.len_utf8() + len + close.len_utf8();
    Some(Marker {
        kind: Kind::Section,
        len,
        value,
    })
}

/// "1." "1．" "1、" (ASCII or full-width digits), not a decimal such as "12.4" or a year
/// "2022."; and "（1）", "(1)", "①".
fn arabic(s: &str) -> Option<Marker> {
    if let Some(value) = s.chars().next().and_then(circled) {
        let len = s.chars().next().map_or(0, char::len_utf8);
        let kind = Kind::SubItem;
        return Some(Marker { kind, len, value });
    }
    let digits = s.chars().take_while(|c| is_digit(*c)).count();
    if (1..=3).contains(&digits) {
        let len = bytes_of(s, digits);
        let mut rest = s[len..].chars();
        if let Some(p) = rest.next().filter(|c| matches!(c, '.' | '．' | '、')) {
            if !rest.next().is_some_and(is_digit) {
                let value = digits_value(&s[..len]);
                let len = len + p.len_utf8();
                return Some(Marker {
                    kind: Kind::Item,
                    len,
                    value,
                });
            }
        }
    }
    let open = s.chars().next().filter(|c| matches!(c, '(' | '（'))?;
    let inner = &s[open.len_utf8()..];
    let digits = inner.chars().take_while(|c| is_digit(*c)).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let len = bytes_of(inner, digits);
    let close = inner[len..]
        .chars()
        .next()
        .filter(|c| matches!(c, ')' | '）'))?;
    Some(Marker {
        kind: Kind::SubItem,
        len: open.len_utf8() + len + close.len_utf8(),
        value: digits_value(&inner[..len]),
    })
}

/// Recognises a number marker at the start of a line.
pub(super) fn marker(s: &str) -> Option<Marker> {
    chinese(s).or_else(|| arabic(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<(Kind, u32)> {
        marker(s).map(|m| (m.kind, m.value))
    }

    #[test]
    fn markers() {
        assert_eq!(
            marker("一、工作"),
            Some(Marker {
                kind: Kind::Chapter,
                len: 6,
                value: 1
            })
        );
        assert_eq!(kind("十二、工作"), Some((Kind::Chapter, 12)));
        assert_eq!(kind("(一)坚持"), Some((Kind::Section, 1)));
        assert_eq!(kind("（十一）坚持"), Some((Kind::Section, 11)));
        assert_eq!(kind("1.切实"), Some((Kind::Item, 1)));
        assert_eq!(kind("1．切实"), Some((Kind::Item, 1)));
        assert_eq!(kind("１２．切实"), Some((Kind::Item, 12)));
        assert_eq!(kind("（1）切实"), Some((Kind::SubItem, 1)));
        assert_eq!(kind("(12)切实"), Some((Kind::SubItem, 12)));
        assert_eq!(kind("①切实"), Some((Kind::SubItem, 1)));
        assert_eq!(kind("⑳切实"), Some((Kind::SubItem, 20)));
        assert_eq!(kind("㉑切实"), Some((Kind::SubItem, 21)));
        assert_eq!(kind("㊿切实"), Some((Kind::SubItem, 50)));
        assert_eq!(marker("12.4%的"), None);
        assert_eq!(marker("2022年,我县"), None);
        assert_eq!(marker("2022.我县"), None);
        assert_eq!(marker("一是拓宽"), None);
        assert_eq!(marker("二〇二二年"), None);
        assert_eq!(marker("(2022)"), None);
    }

    #[test]
    fn numerals_for_the_whole_range() {
        let cases = [
            ("一", 1),
            ("九", 9),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("九十九", 99),
            ("一百", 100),
            ("一百零一", 101),
            ("一百一十", 110),
            ("一百一十一", 111),
            ("两百", 200),
            ("九百九十九", 999),
            ("一千", 1000),
            ("一千零二十", 1020),
            ("一千零一", 1001),
        ];
        for (s, v) in cases {
            assert_eq!(cn_number(s), Some((v, s.chars().count())), "{s}");
            if !s.starts_with('两') {
                assert_eq!(cn_numeral(v), s, "{v}");
            }
        }
        for s in ["零", "十百", "一二", "百", "一百零", "二〇二二", "一零一"] {
            assert_eq!(cn_number(s), None, "{s}");
        }
        assert_eq!(kind("一百、其他"), Some((Kind::Chapter, 100)));
        assert_eq!(kind("（一百零一）其他"), Some((Kind::Section, 101)));
        for n in 1..=2000 {
            let s = cn_numeral(n);
            assert_eq!(cn_number(&s), Some((n, s.chars().count())), "{s}");
        }
    }
}
