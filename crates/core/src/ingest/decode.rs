//! Bytes -> text. Tells the formats offices hand over apart by their content (a file's name can
//! lie): a zip package is a Word .docx ([`super::docx`]), a text that is HTML is a saved web
//! page ([`super::html`]), anything else a plain text in UTF-8, UTF-16 with a byte-order mark,
//! or a legacy encoding that `chardetng` recognises (GBK/GB18030 in practice). Formats it cannot
//! read (.doc, .wps, .pdf, other zip files) are refused with what to do instead.

mod docx;
mod html;

use super::IngestError;
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_8};
use std::borrow::Cow;

/// The text of a file. For a .docx or web page, its paragraphs one per line, the part they come
/// from, and for each line the paragraph it belongs to (a soft line break splits one paragraph
/// into lines).
pub(super) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// `None` for a plain text, whose lines are the file's lines.
    pub part: Option<&'static str>,
    /// `paragraph_of[line - 1]`: the 1-based paragraph of each line, for `part`.
    pub paragraph_of: Vec<usize>,
    /// The address of the page itself, when a saved web page names it (`meta.article_url`).
    pub url: Option<String>,
}

impl Decoded<'_> {
    /// A .docx's or web page's paragraphs, already split into lines.
    pub(super) fn paragraphs(lines: Vec<(usize, String)>, part: &'static str) -> Decoded<'static> {
        let paragraph_of = lines.iter().map(|(p, _)| *p).collect();
        let text = lines
            .into_iter()
            .map(|(_, l)| l)
            .collect::<Vec<_>>()
            .join("\n");
        Decoded {
            text: Cow::Owned(text),
            part: Some(part),
            paragraph_of,
            url: None,
        }
    }

    /// The paragraph a line of the text belongs to.
    pub(super) fn paragraph(&self, line: usize) -> usize {
        line.checked_sub(1)
            .and_then(|i| self.paragraph_of.get(i))
            .copied()
            .unwrap_or(line)
    }
}

/// What to tell someone whose file is in a format the converter does not read.
pub(super) const SAVE_AS: &str = "能读取的格式：纯文本 .txt（UTF-8、GBK/GB18030 或 UTF-16 编码均可）、Word 2007 及以后的 .docx、从政府网站另存的网页 .html/.htm。请在 Word 或 WPS 中用“另存为”保存为 .docx 或“纯文本(.txt)”后再打开";

pub(super) fn decode<'a>(
    bytes: &'a [u8],
    file_name: Option<&str>,
    max_part: usize,
) -> Result<Decoded<'a>, IngestError> {
    refuse_legacy(bytes, file_name)?;
    if bytes.starts_with(b"PK\x03\x04") {
        return docx::paragraphs(bytes, max_part);
    }
    let text = text(bytes)?;
    if html::is_html(&text, file_name) {
        return Ok(html::paragraphs(&text));
    }
    Ok(Decoded {
        text,
        part: None,
        paragraph_of: Vec::new(),
        url: None,
    })
}

/// Word 97-2003 (.doc), WPS and PDF files: recognised by their first bytes and by name.
fn refuse_legacy(bytes: &[u8], file_name: Option<&str>) -> Result<(), IngestError> {
    let ext = file_name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    // The OLE compound file that .doc, .wps and .xls share.
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let what = if bytes.starts_with(b"%PDF") || ext.as_deref() == Some("pdf") {
        "PDF 文件"
    } else if ext.as_deref() == Some("wps") {
        "WPS 文字的 .wps 文件"
    } else if ole || ext.as_deref() == Some("doc") {
        "Word 97-2003 的 .doc 文件"
    } else {
        return Ok(());
    };
    Err(IngestError::new(
        1,
        1,
        format!("这是{what}，无法直接读取。{SAVE_AS}"),
    ))
}

/// A text in whatever encoding it was saved in: a byte-order mark decides (UTF-8, UTF-16 LE/BE),
/// else valid UTF-8 is UTF-8, else `chardetng` guesses (told the text is Chinese by the `cn`
/// top-level domain, so GBK wins where it is plausible). GBK is read as GB18030, its superset.
fn text(bytes: &[u8]) -> Result<Cow<'_, str>, IngestError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return strict(enc, &bytes[bom..]);
    }
    let err = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok(Cow::Borrowed(s)),
        Err(e) => e,
    };
    // A long run of valid UTF-8 Chinese before a bad byte is a UTF-8 file that was damaged,
    // not a GBK file: say where the damage is rather than guess.
    let prefix = &bytes[..err.valid_up_to()];
    if prefix.iter().filter(|&&b| b >= 0xC0).count() >= 16 {
        return strict(UTF_8, bytes);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    strict(if guess == GBK { GB18030 } else { guess }, bytes)
}

/// Decodes all of `bytes` as `enc`, refusing (with the place) a byte sequence that is not
/// valid in it rather than putting in a replacement character: the text must stay the text.
fn strict<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Result<Cow<'a, str>, IngestError> {
    if enc == UTF_8 {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return Ok(Cow::Borrowed(s));
        }
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(Cow::Owned(out)),
        DecoderResult::Malformed(bad, _) => {
            let at = read.saturating_sub(bad as usize);
            let line = out.matches('\n').count() + 1;
            let column = out.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let hint = if bytes.contains(&0) && enc != encoding_rs::UTF_16LE {
                "这看起来是二进制数据，不是报告的文本".to_string()
            } else {
                "文件可能已损坏，或混用了几种编码；请用记事本或 WPS 打开后另存为 UTF-8".to_string()
            };
            Err(IngestError::new(
                line,
                column,
                format!(
                    "按 {} 编码读取时遇到无法识别的字节 0x{:02X}：{hint}",
                    enc.name(),
                    bytes.get(at).copied().unwrap_or(0)
                ),
            ))
        }
        // Cannot happen with a buffer of the maximum length; refuse rather than truncate.
        DecoderResult::OutputFull => Err(IngestError::new(1, 1, "文本解码失败：输出缓冲区不足")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        let mut out = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in s.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn encodings_are_detected() {
        let s = "某县人民政府关于2022年法治政府建设情况的报告\n一、工作\n收到申请3件。";
        assert_eq!(text(s.as_bytes()).unwrap(), s);
        let bom = [b"\xEF\xBB\xBF".as_slice(), s.as_bytes()].concat();
        assert_eq!(text(&bom).unwrap(), s);
        assert_eq!(text(&utf16(s, true)).unwrap(), s);
        assert_eq!(text(&utf16(s, false)).unwrap(), s);
        let (gbk, _, bad) = GB18030.encode(s);
        assert!(!bad);
        assert_eq!(text(&gbk).unwrap(), s);
        // A character outside GBK, in GB18030's four-byte form.
        let rare = "𠀀县收到申请3件。某县人民政府";
        let (gb, _, _) = GB18030.encode(rare);
        assert_eq!(text(&gb).unwrap(), rare);
    }

    #[test]
    fn damaged_utf8_is_placed_not_guessed() {
        let mut bytes = "某县人民政府关于2022年法治政府建设情况的报告\n一、"
            .as_bytes()
            .to_vec();
        bytes.push(0xFF);
        let e = text(&bytes).unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        assert!(
            e.message
                .contains("按 UTF-8 编码读取时遇到无法识别的字节 0xFF"),
            "{e}"
        );
    }
}
