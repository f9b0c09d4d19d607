//! Which report files a reader on a static host may load by name: `?report=` in its address
//! (and the names a site lists for its report switcher). Only a `.json` file in the reader's
//! own folder or below it, named by a plain relative path, so that a link to the reader cannot
//! make it show, and appear to vouch for, a file from another site, another folder of the same
//! site, or another protocol. Pure: the reader resolves the accepted path against its page.

use percent_encoding::percent_decode_str;
use thiserror::Error;

/// The longest path accepted, in characters: real report names are a few dozen.
pub const MAX_PATH: usize = 200;

/// Why a path was refused; each message completes "参数 report …而它" for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Refusal {
    #[error("为空")]
    Empty,
    #[error("超过 {MAX_PATH} 个字符")]
    TooLong,
    #[error("的百分号编码无效，或解码后仍含有 “%”")]
    Encoding,
    #[error("含有控制字符或首尾空白")]
    Control,
    #[error("含有 “:”，指向了其他网站或协议")]
    Scheme,
    #[error("含有 “\\”")]
    Backslash,
    #[error("以 “/” 开头，不是相对路径")]
    Absolute,
    #[error("含有 “?” 或 “#”")]
    QueryOrFragment,
    #[error("含有空的、“.” 或 “..” 路径段，会跳出阅读器所在的文件夹")]
    Segment,
    #[error("不是 .json 文件")]
    NotJson,
}

/// The path to fetch for `wanted`, the value of `?report=` as the address gives it (already
/// decoded once, as `URLSearchParams` does), or why it is refused. The value is percent-decoded
/// again before it is checked, because the URL parser reads `%2e%2e` as `..` and a server may
/// decode `%2f` into `/`; the decoded path is what is returned, and it can then be resolved
/// against the page's address without leaving the page's folder.
pub fn report_path(wanted: &str) -> Result<String, Refusal> {
    if wanted.is_empty() {
        return Err(Refusal::Empty);
    }
    if wanted.chars().count() > MAX_PATH {
        return Err(Refusal::TooLong);
    }
    let path = percent_decode_str(wanted)
        .decode_utf8()
        .map_err(|_| Refusal::Encoding)?;
    if path.contains('%') {
        return Err(Refusal::Encoding);
    }
    // The URL parser drops tabs and newlines anywhere and trims spaces at the ends, so
    // "java\tscript:" would be read as "javascript:".
    if path.chars().any(char::is_control) || path.trim() != path {
        return Err(Refusal::Control);
    }
    if path.contains(':') {
        return Err(Refusal::Scheme);
    }
    // Browsers read `\` as `/` in http(s) addresses: `\\evil.example` is another host.
    if path.contains('\\') {
        return Err(Refusal::Backslash);
    }
    if path.starts_with('/') {
        return Err(Refusal::Absolute);
    }
    if path.contains(['?', '#']) {
        return Err(Refusal::QueryOrFragment);
    }
    if path.split('/').any(|s| matches!(s, "" | "." | "..")) {
        return Err(Refusal::Segment);
    }
    let is_json = path.rsplit_once('.').is_some_and(|(name, ext)| {
        !name.is_empty() && !name.ends_with('/') && ext.eq_ignore_ascii_case("json")
    });
    if !is_json {
        return Err(Refusal::NotJson);
    }
    Ok(path.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_relative_json_paths_pass() {
        for ok in [
            "shangcheng-2022.json",
            "reports/2023.json",
            "2021/某区人民政府关于2021年度法治政府建设情况的报告.json",
            "a/b/c/REPORT.JSON",
            "reports%2F2023.json",
            "%E6%8A%A5%E5%91%8A.json",
            "with space.json",
        ] {
            let decoded = percent_decode_str(ok).decode_utf8().unwrap();
            assert_eq!(report_path(ok).as_deref(), Ok(decoded.as_ref()), "{ok}");
        }
    }

    #[test]
    fn every_trick_is_refused_with_its_reason() {
        use Refusal::*;
        let long = format!("{}.json", "a".repeat(MAX_PATH));
        let cases: &[(&str, Refusal)] = &[
            ("", Empty),
            (&long, TooLong),
            ("%zz.json", Encoding),
            ("%252e%252e/x.json", Encoding),
            ("%ff.json", Encoding),
            ("java\tscript:alert(1)", Control),
            ("x.json\n", Control),
            (" x.json", Control),
            ("https://example.com/r.json", Scheme),
            ("javascript:alert(1)", Scheme),
            ("data:application/json,{}", Scheme),
            ("HTTPS%3A%2F%2Fexample.com%2Fr.json", Scheme),
            ("C:/r.json", Scheme),
            ("\\\\example.com\\r.json", Backslash),
            ("reports\\..\\..\\r.json", Backslash),
            ("%5C%5Cexample.com/r.json", Backslash),
            ("//example.com/r.json", Absolute),
            ("/other/r.json", Absolute),
            ("%2F%2Fexample.com/r.json", Absolute),
            ("r.json?x=1", QueryOrFragment),
            ("r.json#x", QueryOrFragment),
            ("../r.json", Segment),
            ("a/../../r.json", Segment),
            ("%2e%2e/r.json", Segment),
            ("%2E%2E%2Fr.json", Segment),
            ("./r.json", Segment),
            ("a//r.json", Segment),
            ("reports/", Segment),
            ("r.txt", NotJson),
            ("r.json.html", NotJson),
            ("reports", NotJson),
            (".json", NotJson),
            ("a/.json", NotJson),
            ("index.html", NotJson),
        ];
        for (wanted, why) in cases {
            assert_eq!(report_path(wanted), Err(*why), "{wanted:?}");
        }
    }
}
