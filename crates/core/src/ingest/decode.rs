//! Bytes -> text. Tells the formats offices hand over apart by their content (a file's name can
//! lie), and refuses the ones it cannot read with a message that says what to do instead.

use super::IngestError;
use std::borrow::Cow;

/// The text of a file, and for a .docx or web page the part whose paragraphs are its lines.
pub(super) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// `None` for a plain text, whose lines are the file's lines.
    pub part: Option<&'static str>,
}

/// What to tell someone whose file is in a format the converter does not read.
const SAVE_AS: &str = "能读取的格式：纯文本 .txt（UTF-8、GBK/GB18030 或 UTF-16 编码均可）、Word 2007 及以后的 .docx、从政府网站另存的网页 .html/.htm。请在 Word 或 WPS 中用“另存为”保存为 .docx 或“纯文本(.txt)”后再打开";

pub(super) fn decode<'a>(
    bytes: &'a [u8],
    file_name: Option<&str>,
) -> Result<Decoded<'a>, IngestError> {
    refuse_legacy(bytes, file_name)?;
    let text = utf8(bytes)?;
    Ok(Decoded {
        text: Cow::Borrowed(text),
        part: None,
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

/// Checks that bytes are UTF-8 text, pointing at the first offending byte otherwise.
fn utf8(bytes: &[u8]) -> Result<&str, IngestError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // Safe by construction: `valid_up_to` marks a UTF-8 prefix.
            let prefix = std::str::from_utf8(good).unwrap_or("");
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let byte = bytes[e.valid_up_to()];
            let hint = if bytes.contains(&0) {
                "这看起来是二进制数据，不是报告的文本"
            } else {
                "文件可能是 GBK/GB18030 编码，请另存为 UTF-8"
            };
            Err(IngestError::new(
                line,
                column,
                format!("不是 UTF-8 文本：遇到字节 0x{byte:02X}；{hint}"),
            ))
        }
    }
}
