//! How the report's text is shown: ASCII punctuation inside Chinese text in its full-width
//! form, as GB/T 15834-2011 (标点符号用法) writes Chinese text, without changing the text.
//!
//! Official texts often carry ASCII punctuation where the drafter's input method was in the
//! wrong mode ("取得了成绩,但", "表现在:一是", "(一)"). The stored text stays as published
//! (search, facts, glossary uses and copying all work on it); only what is shown changes, one
//! character for one, so every char offset into the official text is also an offset into the
//! shown text.
//!
//! The rule, for each character:
//! - `,` `;` `:` `?` `!` becomes `，` `；` `：` `？` `！` when a character right beside it is
//!   Chinese: a Han character or a CJK mark (、。“”《》…, full-width forms, or punctuation this
//!   rule has already converted). Between two ASCII characters it stays: "1,000", "A,B",
//!   "第1,2项", "10:30", "http://x", "50%,60%".
//! - `(` and `)` become `（` `）` as a pair, matched innermost first, when the pair encloses a
//!   Chinese character ("(一)", "(2022年)", "(试行)"), touches one outside ("县(区)",
//!   "增长(GDP)较"), or is the whole text: a sub-item's number "(1)" stands alone in its field
//!   and is written "（1）" in Chinese. Otherwise it stays: "(GDP)" in Latin text, "f(x)".
//!   An unmatched parenthesis stays as it is.
//!
//! Nothing else changes: "1." keeps its full stop, quotes keep their form, spaces stay.

/// `text` with its ASCII punctuation shown full-width where it sits in Chinese text (see the
/// module's rule). Always exactly as many chars as `text`.
pub fn display(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    convert_parentheses(&mut chars);
    convert_marks(&mut chars);
    chars.into_iter().collect()
}

/// The full-width form of an ASCII mark the rule converts.
fn full_width(c: char) -> Option<char> {
    match c {
        ',' => Some('，'),
        ';' => Some('；'),
        ':' => Some('：'),
        '?' => Some('？'),
        '!' => Some('！'),
        '(' => Some('（'),
        ')' => Some('）'),
        _ => None,
    }
}

/// A character that makes its neighbourhood Chinese text: Han, CJK symbols and punctuation,
/// full-width forms, and the marks Chinese text shares with Western text in their Chinese use
/// (curly quotes, ellipsis, dash, middle dot).
fn chinese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}'     // CJK symbols and punctuation: 、。〈〉《》「」【】〇
        | '\u{3400}'..='\u{4dbf}'   // Han, extension A
        | '\u{4e00}'..='\u{9fff}'   // Han
        | '\u{f900}'..='\u{faff}'   // Han compatibility
        | '\u{fe30}'..='\u{fe4f}'   // CJK compatibility forms
        | '\u{ff00}'..='\u{ffef}'   // full-width forms: （），：；？！ and full-width digits
        | '\u{20000}'..='\u{3ffff}' // Han, extensions B onwards
        | '‘' | '’' | '“' | '”' | '…' | '—' | '·')
}

/// Converts each matched pair of ASCII parentheses that the rule puts in Chinese text.
fn convert_parentheses(chars: &mut [char]) {
    let mut open = Vec::new();
    let mut pairs = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' => open.push(i),
            ')' => {
                if let Some(o) = open.pop() {
                    pairs.push((o, i));
                }
            }
            _ => {}
        }
    }
    let whole = chars.len();
    for (o, c) in pairs {
        let inside = chars[o + 1..c].iter().any(|&x| chinese(x));
        let beside =
            (o > 0 && chinese(chars[o - 1])) || chars.get(c + 1).is_some_and(|&x| chinese(x));
        if inside || beside || (o == 0 && c + 1 == whole) {
            chars[o] = '（';
            chars[c] = '）';
        }
    }
}

/// Converts `, ; : ? !` beside Chinese text. Two sweeps, so a run of marks ("?!") converts
/// whole whichever end touches the Chinese text: left to right sees converted marks on the
/// left, right to left those on the right.
fn convert_marks(chars: &mut [char]) {
    let is_mark = |c: char| matches!(c, ',' | ';' | ':' | '?' | '!');
    for i in (0..chars.len()).chain((0..chars.len()).rev()) {
        if !is_mark(chars[i]) {
            continue;
        }
        let before = i > 0 && chinese(chars[i - 1]);
        let after = chars.get(i + 1).is_some_and(|&x| chinese(x));
        if before || after {
            chars[i] = full_width(chars[i]).unwrap_or(chars[i]);
        }
    }
}

/// A run of shown text: as written, or one character shown other than written.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece<'a> {
    /// Shown as written.
    Same(&'a str),
    /// One character shown as `shown`, written `official` in the report.
    Wide { shown: char, official: char },
}

/// `shown` (the [`display`] form of `official`, or a slice of it at the same char offsets as
/// `official`) cut into what is shown as written and each character shown otherwise, so a
/// writer can mark the latter with the official character for copying.
pub fn pieces<'a>(official: &str, shown: &'a str) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut start = 0;
    for ((at, s), o) in shown.char_indices().zip(official.chars()) {
        if s == o {
            continue;
        }
        if start < at {
            out.push(Piece::Same(&shown[start..at]));
        }
        out.push(Piece::Wide {
            shown: s,
            official: o,
        });
        start = at + s.len_utf8();
    }
    if start < shown.len() {
        out.push(Piece::Same(&shown[start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each case: the official text and how it is shown.
    fn check(cases: &[(&str, &str)]) {
        for (official, should_be) in cases {
            let shown = display(official);
            assert_eq!(&shown, should_be, "display({official:?})");
            assert_eq!(shown.chars().count(), official.chars().count());
        }
    }

    #[test]
    fn marks_beside_han_become_full_width() {
        check(&[
            ("取得了成绩,但", "取得了成绩，但"),
            ("表现在:一是", "表现在：一是"),
            ("2022年,全县", "2022年，全县"),
            ("为什么?因为", "为什么？因为"),
            ("好!", "好！"),
            ("审查;备案", "审查；备案"),
            ("82.14%,较上年", "82.14%，较上年"),
            ("取得成绩,2023年", "取得成绩，2023年"),
            ("时间:2023-03-07", "时间：2023-03-07"),
            ("“一网通办”,线下", "“一网通办”，线下"),
            ("《办法》,要求", "《办法》，要求"),
            ("GDP,增长", "GDP，增长"),
            ("成绩 ,但", "成绩 ，但"),
        ]);
    }

    #[test]
    fn marks_between_ascii_stay() {
        check(&[
            ("共1,000件", "共1,000件"),
            ("A,B类", "A,B类"),
            ("第1,2项", "第1,2项"),
            ("10:30召开", "10:30召开"),
            ("见http://x.cn", "见http://x.cn"),
            ("分别为50%,60%", "分别为50%,60%"),
            ("Hello, world", "Hello, world"),
        ]);
    }

    #[test]
    fn runs_of_marks_convert_from_either_end() {
        check(&[("真的?!", "真的？！"), ("x?!真的", "x？！真的")]);
    }

    #[test]
    fn parentheses_in_chinese_text_become_full_width_as_a_pair() {
        check(&[
            ("(一)", "（一）"),
            ("(1)", "（1）"),
            ("(2022年)", "（2022年）"),
            ("县(区)", "县（区）"),
            (
                "19个乡镇(街道)、377个村(社区)",
                "19个乡镇（街道）、377个村（社区）",
            ),
            ("增长(GDP)较快", "增长（GDP）较快"),
            ("规划(2022-2025年)", "规划（2022-2025年）"),
            ("《办法(试行)》", "《办法（试行）》"),
            ("(见《办法》(试行))", "（见《办法》（试行））"),
            ("(一),全面", "（一），全面"),
        ]);
    }

    #[test]
    fn parentheses_outside_chinese_text_stay() {
        check(&[
            ("the (GDP) rate", "the (GDP) rate"),
            ("f(x)=1", "f(x)=1"),
            ("(1) and (2)", "(1) and (2)"),
            ("见(一", "见(一"),
            ("一)", "一)"),
            (")(", ")("),
            ("", ""),
        ]);
    }

    #[test]
    fn full_width_text_and_other_marks_are_untouched() {
        check(&[
            ("取得了成绩，但", "取得了成绩，但"),
            ("1.切实加强组织领导。", "1.切实加强组织领导。"),
            ("\"依法\"行政", "\"依法\"行政"),
            ("a.b-c/d", "a.b-c/d"),
        ]);
    }

    #[test]
    fn pieces_cut_at_each_shown_character() {
        let official = "成绩,但(一)x";
        let shown = display(official);
        assert_eq!(
            pieces(official, &shown),
            vec![
                Piece::Same("成绩"),
                Piece::Wide {
                    shown: '，',
                    official: ','
                },
                Piece::Same("但"),
                Piece::Wide {
                    shown: '（',
                    official: '('
                },
                Piece::Same("一"),
                Piece::Wide {
                    shown: '）',
                    official: ')'
                },
                Piece::Same("x"),
            ]
        );
        assert_eq!(pieces("", ""), vec![]);
        assert_eq!(pieces("abc", "abc"), vec![Piece::Same("abc")]);
        // A slice at the same offsets cuts the same way.
        assert_eq!(
            pieces(",但", "，但"),
            vec![
                Piece::Wide {
                    shown: '，',
                    official: ','
                },
                Piece::Same("但")
            ]
        );
    }
}
