//! What ends a sentence, and the sentence around a span of text. One list for the whole crate:
//! the converter scopes a "其中" and a rate by it, the downloads print a figure's sentence by it,
//! and the proposals group figures by it, so they all agree on where a sentence stops.

/// The whitespace the converter removes around lines: ASCII and Unicode spaces (U+3000, U+00A0
/// are `char::is_whitespace`) and a byte-order mark. Here rather than in `ingest` because the
/// proposals trim labels by the same rule and must not depend on the converter.
pub fn is_trim_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Where a sentence ends, full-width and ASCII: 。；！？ ; ! ?
pub const SENTENCE_ENDS: &[char] = &['。', '；', ';', '！', '!', '？', '?'];

/// True for a character that ends a sentence.
pub fn is_end(c: char) -> bool {
    SENTENCE_ENDS.contains(&c)
}

/// True for a character that ends a clause: a sentence end, a comma or a colon (full-width
/// or ASCII). The clause is the scope of a rate's name and of a comparison ("较去年有大幅提升").
pub fn is_clause_end(c: char) -> bool {
    is_end(c) || matches!(c, '，' | ',' | '：' | ':')
}

/// The chars `from..to` of the sentence of `chars` around `start..end`: from after the
/// previous sentence end to the next one inclusive.
pub fn bounds(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let from = chars[..start.min(chars.len())]
        .iter()
        .rposition(|&c| is_end(c))
        .map_or(0, |i| i + 1);
    let end = end.min(chars.len()).max(from);
    let to = chars[end..]
        .iter()
        .position(|&c| is_end(c))
        .map_or(chars.len(), |i| end + i + 1);
    (from, to)
}

/// The sentence of `text` around chars `start..end` (see [`bounds`]).
pub fn around(text: &str, start: usize, end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (from, to) = bounds(&chars, start, end);
    chars[from..to].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_around_a_span() {
        let t = "甲。收到申请33件，其中受理25件；乙";
        assert_eq!(around(t, 6, 9), "收到申请33件，其中受理25件；");
        assert_eq!(around(t, 0, 1), "甲。");
        assert_eq!(around(t, 18, 19), "乙");
        assert_eq!(around("", 0, 0), "");
        assert_eq!(around("甲", 5, 9), "甲");
    }

    #[test]
    fn ascii_and_full_width_ends_both_count() {
        assert_eq!(around("好吗?是的!完成99件。", 7, 10), "完成99件。");
        assert_eq!(around("好吗？是的！完成99件。", 7, 10), "完成99件。");
        assert_eq!(around("甲;乙", 2, 3), "乙");
    }
}
