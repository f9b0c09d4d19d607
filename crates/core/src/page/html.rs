//! Just enough of an HTML tokenizer to rewrite the page Trunk writes: start tags with their
//! attributes, end tags, comments, and the raw text of `script`, `style` and `title`. Not a
//! general parser: it reads pages this project generates, and refuses what it cannot read
//! rather than guessing.

use std::ops::Range;

/// A start tag in a page; for `script`, `style` and `title` also their text and end tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    /// The element's name, lower-case.
    pub name: String,
    /// Attributes in source order: lower-case name and value (entities decoded), `None` for a
    /// bare attribute such as `async`.
    pub attrs: Vec<(String, Option<String>)>,
    /// The whole element's bytes: the start tag, and for raw-text elements up to and including
    /// the end tag.
    pub span: Range<usize>,
    /// The raw text of a `script`, `style` or `title` element.
    pub text: Option<Range<usize>>,
}

impl Tag {
    /// The value of attribute `name` (lower-case); `Some("")` for a bare attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref().unwrap_or(""))
    }

    /// Whether a `<script>` element runs as JavaScript (classic or module) rather than holding
    /// data such as `application/json`.
    pub fn is_executable_script(&self) -> bool {
        if self.name != "script" {
            return false;
        }
        let ty = self.attr("type").unwrap_or("").trim().to_ascii_lowercase();
        matches!(
            ty.as_str(),
            "" | "module" | "text/javascript" | "application/javascript" | "text/ecmascript"
        )
    }
}

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("HTML byte {at}: {message}")]
pub struct HtmlError {
    pub at: usize,
    pub message: String,
}

const RAW_TEXT: [&str; 3] = ["script", "style", "title"];

/// Every start tag of `html` in order (end tags and comments are skipped, raw text is not
/// searched for tags).
pub fn tags(html: &str) -> Result<Vec<Tag>, HtmlError> {
    let bytes = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let err = |at: usize, message: &str| HtmlError {
        at,
        message: message.to_string(),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            let end = html[start + 4..]
                .find("-->")
                .ok_or_else(|| err(start, "comment without -->"))?;
            i = start + 4 + end + 3;
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("</") || rest.starts_with("<?") {
            let end = html[start..]
                .find('>')
                .ok_or_else(|| err(start, "tag without >"))?;
            i = start + end + 1;
            continue;
        }
        if !bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            // A bare `<` in text.
            i = start + 1;
            continue;
        }
        let mut p = start + 1;
        while p < bytes.len() && (bytes[p].is_ascii_alphanumeric() || bytes[p] == b'-') {
            p += 1;
        }
        let name = lower[start + 1..p].to_string();
        let mut attrs = Vec::new();
        loop {
            while p < bytes.len() && bytes[p].is_ascii_whitespace() {
                p += 1;
            }
            match bytes.get(p) {
                None => return Err(err(start, "tag without >")),
                Some(b'>') => {
                    p += 1;
                    break;
                }
                Some(b'/') if bytes.get(p + 1) == Some(&b'>') => {
                    p += 2;
                    break;
                }
                Some(b'/') => {
                    p += 1;
                    continue;
                }
                _ => {}
            }
            let name_start = p;
            while p < bytes.len()
                && !bytes[p].is_ascii_whitespace()
                && !matches!(bytes[p], b'=' | b'>' | b'/')
            {
                p += 1;
            }
            let attr = lower[name_start..p].to_string();
            while p < bytes.len() && bytes[p].is_ascii_whitespace() {
                p += 1;
            }
            if bytes.get(p) != Some(&b'=') {
                attrs.push((attr, None));
                continue;
            }
            p += 1;
            while p < bytes.len() && bytes[p].is_ascii_whitespace() {
                p += 1;
            }
            let value = match bytes.get(p) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = html[p + 1..]
                        .find(char::from(q))
                        .ok_or_else(|| err(p, "attribute value without closing quote"))?;
                    let v = &html[p + 1..p + 1 + end];
                    p += end + 2;
                    v
                }
                _ => {
                    let v_start = p;
                    while p < bytes.len() && !bytes[p].is_ascii_whitespace() && bytes[p] != b'>' {
                        p += 1;
                    }
                    &html[v_start..p]
                }
            };
            attrs.push((attr, Some(decode_entities(value))));
        }
        let mut tag = Tag {
            name,
            attrs,
            span: start..p,
            text: None,
        };
        if RAW_TEXT.contains(&tag.name.as_str()) {
            let close = format!("</{}", tag.name);
            let end = lower[p..]
                .find(&close)
                .ok_or_else(|| err(start, &format!("<{}> without {close}>", tag.name)))?;
            let gt = html[p + end..]
                .find('>')
                .ok_or_else(|| err(p + end, "end tag without >"))?;
            tag.text = Some(p..p + end);
            tag.span = start..p + end + gt + 1;
        }
        i = tag.span.end;
        out.push(tag);
    }
    Ok(out)
}

/// The character references this project's pages use in attribute values.
fn decode_entities(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Replaces byte ranges of `html` (sorted, not overlapping) with new text.
pub fn splice(html: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (range, with) in edits {
        out.push_str(&html[last..range.start]);
        out.push_str(&with);
        last = range.end;
    }
    out.push_str(&html[last..]);
    out
}

/// What in `html` a strict Content Security Policy (`script-src 'self'`, `style-src 'self'`,
/// no `'unsafe-inline'`) would block: inline scripts, `<style>` elements, `style` and `on*`
/// attributes, `javascript:` URLs. Empty when the page is clean.
pub fn inline_code(html: &str) -> Result<Vec<String>, HtmlError> {
    let mut found = Vec::new();
    for t in tags(html)? {
        if t.is_executable_script() && t.attr("src").is_none() {
            found.push(format!("inline <script> at byte {}", t.span.start));
        }
        if t.name == "style" {
            found.push(format!("<style> element at byte {}", t.span.start));
        }
        for (name, value) in &t.attrs {
            if name == "style" || name.starts_with("on") {
                found.push(format!(
                    "{name}= attribute on <{}> at byte {}",
                    t.name, t.span.start
                ));
            }
            let is_js_url = value.as_deref().is_some_and(|v| {
                v.trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:")
            });
            if is_js_url {
                found.push(format!(
                    "javascript: URL in <{}> at byte {}",
                    t.name, t.span.start
                ));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_attributes_and_raw_text() {
        let src = r#"<!DOCTYPE html><html lang="zh-CN"><head><!-- <script>x</script> -->
<title>a &lt; b</title><link rel=icon href='f.svg' async>
<script type="module">if (a < b) {}</script><p data-x="1 &amp; 2">t</p></head></html>"#;
        let t = tags(src).unwrap();
        let names: Vec<&str> = t.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["html", "head", "title", "link", "script", "p"]);
        assert_eq!(t[0].attr("lang"), Some("zh-CN"));
        assert_eq!(&src[t[2].text.clone().unwrap()], "a &lt; b");
        assert_eq!(t[3].attr("href"), Some("f.svg"));
        assert_eq!(t[3].attr("rel"), Some("icon"));
        assert_eq!(t[3].attr("async"), Some(""));
        assert_eq!(&src[t[4].text.clone().unwrap()], "if (a < b) {}");
        assert!(src[t[4].span.clone()].ends_with("</script>"));
        assert_eq!(t[5].attr("data-x"), Some("1 & 2"));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(tags("<p class=\"x>").is_err());
        assert!(tags("<script>never closed").is_err());
        assert!(tags("<!-- never closed").is_err());
        // A lone `<` in text is text.
        assert_eq!(tags("1 < 2 <b>").unwrap().len(), 1);
    }

    #[test]
    fn finds_everything_a_strict_csp_blocks() {
        let clean = r##"<script src="a.js"></script><script type="module" src="s.js"></script>
<script type="application/json" id="d">{"a":1}</script><link rel="stylesheet" href="s.css"><a href="#/b/c1">x</a>"##;
        assert_eq!(inline_code(clean).unwrap(), Vec::<String>::new());
        let dirty = r#"<script>go()</script><style>p{}</style><p style="color:red" onclick="x()"><a href=" JavaScript:void(0)">y</a>"#;
        let found = inline_code(dirty).unwrap();
        assert_eq!(found.len(), 5, "{found:?}");
        assert!(found[0].starts_with("inline <script>"));
        assert!(found[1].starts_with("<style>"));
        assert!(found[2].starts_with("style="));
        assert!(found[3].starts_with("onclick="));
        assert!(found[4].starts_with("javascript:"));
    }

    #[test]
    fn splices_in_any_order() {
        let out = splice("abcdef", vec![(4..5, "E".into()), (0..1, "AA".into())]);
        assert_eq!(out, "AAbcdEf");
    }
}
