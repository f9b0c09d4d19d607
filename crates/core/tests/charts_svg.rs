//! A small, strict reader for the SVG the charts write, shared by the chart tests
//! (`#[path = "charts_svg.rs"] mod svg;`): it checks the document is well-formed XML and returns
//! its elements with their attributes and text, so tests can ask what was drawn.

/// One element: its name, attributes and (for `<text>`) its unescaped, trimmed content.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
}

impl Tag {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A numeric attribute, NaN when missing or not a number.
    pub fn num(&self, key: &str) -> f64 {
        self.attr(key)
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    }
}

fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').ok_or(format!("bare & in {s:?}"))? + i;
        out.push(match &rest[i..=end] {
            "&lt;" => '<',
            "&gt;" => '>',
            "&amp;" => '&',
            "&quot;" => '"',
            "&apos;" => '\'',
            other => return Err(format!("unknown entity {other}")),
        });
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    if let Some(c) = out
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(format!("control character {c:?} in {s:?}"));
    }
    Ok(out)
}

/// Every element in document order, or why the document is not well-formed.
pub fn parse(svg: &str) -> Result<Vec<Tag>, String> {
    let mut tags: Vec<Tag> = Vec::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut rest = svg;
    loop {
        let lt = rest.find('<').unwrap_or(rest.len());
        let text = unescape(&rest[..lt])?;
        match open.last() {
            Some((_, i)) => tags[*i].text.push_str(&text),
            None if !text.trim().is_empty() => return Err(format!("text outside root: {text:?}")),
            None => {}
        }
        if lt == rest.len() {
            break;
        }
        let gt = rest[lt..].find('>').ok_or("unclosed tag")? + lt;
        let inner = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = inner.strip_prefix('/') {
            match open.pop() {
                Some((n, _)) if n == name.trim() => continue,
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        }
        if open.is_empty() && !tags.is_empty() {
            return Err(format!("second root <{inner}>"));
        }
        let (body, empty) = match inner.strip_suffix('/') {
            Some(b) => (b, true),
            None => (inner, false),
        };
        let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
        let mut tag = Tag {
            name: body[..name_end].to_string(),
            attrs: Vec::new(),
            text: String::new(),
        };
        let mut a = body[name_end..].trim_start();
        while !a.is_empty() {
            let eq = a.find("=\"").ok_or(format!("bad attribute in <{inner}>"))?;
            let close = a[eq + 2..].find('"').ok_or("unclosed attribute")? + eq + 2;
            let key = a[..eq].trim().to_string();
            if tag.attrs.iter().any(|(k, _)| *k == key) {
                return Err(format!("duplicate attribute {key}"));
            }
            tag.attrs.push((key, unescape(&a[eq + 2..close])?));
            a = a[close + 1..].trim_start();
        }
        if !empty {
            open.push((tag.name.clone(), tags.len()));
        }
        tags.push(tag);
    }
    if let Some((n, _)) = open.last() {
        return Err(format!("<{n}> never closed"));
    }
    for t in &mut tags {
        t.text = t.text.trim().to_string();
    }
    Ok(tags)
}

#[test]
fn reads_a_small_document() {
    let doc = "<svg a=\"1\">\n<rect x=\"2\" fill=\"#FFF\"/>\n<text x=\"3\">商城 &amp; 县\n</text>\n</svg>";
    let tags = parse(doc).unwrap();
    assert_eq!(tags.len(), 3);
    assert_eq!(tags[1].num("x"), 2.0);
    assert_eq!(tags[1].attr("fill"), Some("#FFF"));
    assert!(tags[1].num("y").is_nan());
    assert_eq!(tags[2].text, "商城 & 县");
}

#[test]
fn refuses_broken_documents() {
    for bad in [
        "<svg><g></svg>",
        "<svg>",
        "<svg></svg><svg></svg>",
        "<svg>a &nbsp; b</svg>",
        "<svg>\u{1}</svg>",
        "<svg x=\"1\" x=\"2\"/>",
        "text<svg/>",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}
