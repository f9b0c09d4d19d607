//! Just enough of an HTML tokenizer to rewrite the page Trunk writes: start tags with their
//! attributes, end tags, comments, and the raw text of `script`, `style` and `title`. Not a
//! general parser: it reads pages this project generates (Trunk's `index.html`, and our own
//! offline file in the tests), and refuses what it cannot read rather than guessing.

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
    let mut s = Scanner {
        html,
        bytes: html.as_bytes(),
        lower: html.to_ascii_lowercase(),
        p: 0,
    };
    let mut out = Vec::new();
    while let Some(off) = html[s.p..].find('<') {
        let start = s.p + off;
        let rest = &html[start..];
        s.p = if rest.starts_with("<!--") {
            let end = html[start + 4..]
                .find("-->")
                .ok_or_else(|| err(start, "comment without -->"))?;
            start + 4 + end + 3
        } else if rest.starts_with("<!") || rest.starts_with("</") || rest.starts_with("<?") {
            let end = rest.find('>').ok_or_else(|| err(start, "tag without >"))?;
            start + end + 1
        } else if !s.bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            // A bare `<` in text.
            start + 1
        } else {
            let tag = s.element(start)?;
            let end = tag.span.end;
            out.push(tag);
            end
        };
    }
    Ok(out)
}

fn err(at: usize, message: &str) -> HtmlError {
    HtmlError {
        at,
        message: message.to_string(),
    }
}

/// A position in the page, moving forward.
struct Scanner<'a> {
    html: &'a str,
    bytes: &'a [u8],
    /// The page in ASCII lower case (same byte offsets), for case-insensitive names.
    lower: String,
    p: usize,
}

impl Scanner<'_> {
    /// The element whose start tag begins at `start` (a `<` followed by a letter).
    fn element(&mut self, start: usize) -> Result<Tag, HtmlError> {
        self.p = start + 1;
        self.skip(|b| b.is_ascii_alphanumeric() || b == b'-');
        let name = self.lower[start + 1..self.p].to_string();
        let mut attrs = Vec::new();
        loop {
            self.skip(|b| b.is_ascii_whitespace());
            match self.bytes.get(self.p) {
                None => return Err(err(start, "tag without >")),
                Some(b'>') => {
                    self.p += 1;
                    break;
                }
                Some(b'/') if self.bytes.get(self.p + 1) == Some(&b'>') => {
                    self.p += 2;
                    break;
                }
                Some(b'/') => self.p += 1,
                _ => attrs.push(self.attribute()?),
            }
        }
        let mut tag = Tag {
            name,
            attrs,
            span: start..self.p,
            text: None,
        };
        if RAW_TEXT.contains(&tag.name.as_str()) {
            self.raw_text(&mut tag)?;
        }
        Ok(tag)
    }

    /// One attribute: lower-case name and, unless bare, its value with entities decoded.
    fn attribute(&mut self) -> Result<(String, Option<String>), HtmlError> {
        let name_start = self.p;
        self.skip(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'));
        let name = self.lower[name_start..self.p].to_string();
        self.skip(|b| b.is_ascii_whitespace());
        if self.bytes.get(self.p) != Some(&b'=') {
            return Ok((name, None));
        }
        self.p += 1;
        self.skip(|b| b.is_ascii_whitespace());
        let value = match self.bytes.get(self.p) {
            Some(&q @ (b'"' | b'\'')) => {
                let from = self.p + 1;
                let end = self.html[from..]
                    .find(char::from(q))
                    .ok_or_else(|| err(self.p, "attribute value without closing quote"))?;
                self.p = from + end + 1;
                &self.html[from..from + end]
            }
            _ => {
                let from = self.p;
                self.skip(|b| !b.is_ascii_whitespace() && b != b'>');
                &self.html[from..self.p]
            }
        };
        Ok((name, Some(decode_entities(value))))
    }

    /// The text of a `script`, `style` or `title` element up to its end tag, which the span
    /// then includes.
    fn raw_text(&mut self, tag: &mut Tag) -> Result<(), HtmlError> {
        let close = format!("</{}", tag.name);
        let end = self.lower[self.p..]
            .find(&close)
            .ok_or_else(|| err(tag.span.start, &format!("<{}> without {close}>", tag.name)))?;
        let gt = self.html[self.p + end..]
            .find('>')
            .ok_or_else(|| err(self.p + end, "end tag without >"))?;
        tag.text = Some(self.p..self.p + end);
        tag.span = tag.span.start..self.p + end + gt + 1;
        self.p = tag.span.end;
        Ok(())
    }

    fn skip(&mut self, while_: impl Fn(u8) -> bool) {
        while self.p < self.bytes.len() && while_(self.bytes[self.p]) {
            self.p += 1;
        }
    }
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
