//! A portal page saved from the browser (.html/.htm) -> the lines a .txt copy of it would have:
//! the breadcrumb, the page title and the "时间/来源" line before the article, then the article's
//! paragraphs. Navigation, scripts, styles, forms and footers are dropped. `html5gum` tokenizes
//! (entities, raw-text script/style, broken markup as browsers read it); the small tree below
//! and the choice of the article (the element whose paragraphs hold the most text that is not
//! link text, as readability tools do) are ours.

use super::Decoded;
use crate::ingest::front;
use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};

/// What [`Decoded::part`] names for a web page: the paragraphs counted are the page's.
const PART: &str = "网页正文";

/// Elements whose content is never text of the report.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "iframe", "svg", "select", "button",
    "textarea", "object", "canvas", "audio", "video", "map",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "blockquote",
    "pre",
    "form",
    "dl",
    "dt",
    "dd",
    "center",
    "main",
    "body",
    "html",
    "address",
    "figure",
    "figcaption",
    "caption",
];
/// Page furniture: never the article, whatever text it holds.
const FURNITURE: &[&str] = &["nav", "header", "footer", "aside", "form"];

/// True for a saved web page: by its extension, or by a text that starts as HTML does.
pub(super) fn is_html(text: &str, file_name: Option<&str>) -> bool {
    let ext = file_name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    if matches!(ext.as_deref(), Some("html" | "htm" | "shtml" | "xhtml")) {
        return true;
    }
    let head: String = text
        .trim_start_matches(crate::sentence::is_trim_char)
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with('<')
        && ["<!doctype html", "<html", "<body", "<head"]
            .iter()
            .any(|t| head.contains(t))
}

/// One element of the page.
#[derive(Debug, Default)]
struct Node {
    tag: String,
    children: Vec<Child>,
}

#[derive(Debug)]
enum Child {
    Node(usize),
    Text(String),
    Break,
}

/// The page as a tree: nodes in an arena, 0 the document; and the page's own address, if it
/// names one (see [`PageUrl`]).
fn tree(text: &str) -> (Vec<Node>, Option<String>) {
    let mut emitter = DefaultEmitter::default();
    // Script and style content is raw text, as a browser reads it.
    emitter.naively_switch_states(true);
    let mut nodes = vec![Node::default()];
    let mut open: Vec<usize> = vec![0];
    let mut skip: Option<String> = None;
    let mut url = PageUrl::default();
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::Comment(c) => url.saved_from(&String::from_utf8_lossy(&c)),
            Token::StartTag(t) => {
                let tag = String::from_utf8_lossy(&t.name).to_ascii_lowercase();
                // In <head>, which is skipped for text.
                url.tag(&tag, &t);
                if skip.is_some() {
                    continue;
                }
                if SKIPPED.contains(&tag.as_str()) {
                    if !t.self_closing {
                        skip = Some(tag);
                    }
                    continue;
                }
                start(&mut nodes, &mut open, tag, t.self_closing);
            }
            Token::EndTag(t) => {
                let tag = String::from_utf8_lossy(&t.name).to_ascii_lowercase();
                match &skip {
                    Some(s) if *s == tag => skip = None,
                    Some(_) => {}
                    None => end(&mut open, &nodes, &tag),
                }
            }
            Token::String(s) if skip.is_none() => {
                let parent = *open.last().unwrap_or(&0);
                let s = String::from_utf8_lossy(&s).into_owned();
                nodes[parent].children.push(Child::Text(s));
            }
            _ => {}
        }
    }
    (nodes, url.best())
}

/// The address of the page itself, by what names it, best first: `<link rel="canonical">`,
/// `<meta property="og:url">`, the `Url` meta tag every government portal page carries (政府网站
/// 发展指引, 2017), the "saved from url" note a browser writes into a saved page. Only an
/// absolute `http(s)` URL without spaces counts: the reader links to it.
#[derive(Default)]
struct PageUrl(Option<(u8, String)>);

impl PageUrl {
    fn tag(&mut self, tag: &str, t: &StartTag<()>) {
        let attr = |name: &str| {
            t.attributes
                .get(name.as_bytes())
                .map(|v| String::from_utf8_lossy(v).trim().to_string())
        };
        let lower = |name: &str| attr(name).unwrap_or_default().to_ascii_lowercase();
        let found = match tag {
            "link" if lower("rel") == "canonical" => attr("href").map(|u| (0, u)),
            "meta" if lower("property") == "og:url" => attr("content").map(|u| (1, u)),
            "meta" if lower("name") == "url" => attr("content").map(|u| (2, u)),
            _ => None,
        };
        if let Some((rank, u)) = found {
            self.offer(rank, u);
        }
    }

    /// `<!-- saved from url=(0047)https://www.example.gov.cn/art/1.html -->`.
    fn saved_from(&mut self, comment: &str) {
        let Some((_, rest)) = comment.split_once("saved from url=(") else {
            return;
        };
        let Some((_, u)) = rest.split_once(')') else {
            return;
        };
        self.offer(
            3,
            u.split_whitespace().next().unwrap_or_default().to_string(),
        );
    }

    fn offer(&mut self, rank: u8, url: String) {
        let web = url.starts_with("http://") || url.starts_with("https://");
        let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
        let better = self.0.as_ref().is_none_or(|(r, _)| rank < *r);
        if web && clean && url.len() > "https://".len() && better {
            self.0 = Some((rank, url));
        }
    }

    fn best(self) -> Option<String> {
        self.0.map(|(_, u)| u)
    }
}

/// Opens an element, first closing what its start implicitly ends (a `<p>` before a block, an
/// `<li>` before the next, a cell before the next).
fn start(nodes: &mut Vec<Node>, open: &mut Vec<usize>, tag: String, self_closing: bool) {
    let closes: &[&str] = match tag.as_str() {
        "li" => &["li"],
        "td" | "th" => &["td", "th"],
        "tr" => &["tr", "td", "th"],
        "dt" | "dd" => &["dt", "dd"],
        t if BLOCKS.contains(&t) => &["p"],
        _ => &[],
    };
    if let Some(&top) = open.last() {
        if open.len() > 1 && closes.contains(&nodes[top].tag.as_str()) {
            open.pop();
        }
    }
    let parent = *open.last().unwrap_or(&0);
    if tag == "br" {
        nodes[parent].children.push(Child::Break);
        return;
    }
    let id = nodes.len();
    nodes.push(Node {
        tag: tag.clone(),
        children: Vec::new(),
    });
    nodes[parent].children.push(Child::Node(id));
    if !self_closing && !VOID.contains(&tag.as_str()) {
        open.push(id);
    }
}

/// Closes the innermost open element named `tag`, and everything opened inside it; an end tag
/// that matches nothing open is ignored, as browsers do.
fn end(open: &mut Vec<usize>, nodes: &[Node], tag: &str) {
    if let Some(k) = open.iter().rposition(|&n| n > 0 && nodes[n].tag == tag) {
        open.truncate(k);
    }
}

/// A line of the page and the element it belongs to (the innermost block around it).
struct Line {
    text: String,
    /// Every element the line is inside, outermost first.
    path: Vec<usize>,
    /// Characters of it that are link text.
    link_chars: usize,
}

/// The page's lines in document order, whitespace collapsed as a browser shows it.
fn lines(nodes: &[Node]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut cur = Line {
        text: String::new(),
        path: Vec::new(),
        link_chars: 0,
    };
    let mut path = Vec::new();
    walk(nodes, 0, &mut path, &mut cur, &mut out, false);
    flush(&mut cur, &path, &mut out);
    out
}

fn flush(cur: &mut Line, path: &[usize], out: &mut Vec<Line>) {
    let text = cur.text.trim_matches(|c: char| c.is_ascii_whitespace());
    if !text.is_empty() {
        out.push(Line {
            text: text.to_string(),
            path: std::mem::take(&mut cur.path),
            link_chars: cur.link_chars,
        });
    }
    cur.text.clear();
    cur.path = path.to_vec();
    cur.link_chars = 0;
}

fn walk(
    nodes: &[Node],
    n: usize,
    path: &mut Vec<usize>,
    cur: &mut Line,
    out: &mut Vec<Line>,
    in_link: bool,
) {
    let block = BLOCKS.contains(&nodes[n].tag.as_str());
    let pre = nodes[n].tag == "pre";
    path.push(n);
    if block {
        flush(cur, path, out);
    }
    let in_link = in_link || nodes[n].tag == "a";
    for c in &nodes[n].children {
        match c {
            Child::Node(k) => walk(nodes, *k, path, cur, out, in_link),
            Child::Break => flush(cur, path, out),
            Child::Text(t) if pre => {
                for (i, part) in t.split('\n').enumerate() {
                    if i > 0 {
                        flush(cur, path, out);
                    }
                    cur.text.push_str(part);
                }
            }
            Child::Text(t) => push_collapsed(cur, t, in_link),
        }
    }
    path.pop();
    if block {
        flush(cur, path, out);
    }
}

/// Appends text with runs of ASCII whitespace shown as one space (U+00A0 and U+3000 stay, as a
/// browser keeps them).
fn push_collapsed(cur: &mut Line, t: &str, in_link: bool) {
    for c in t.chars() {
        if c.is_ascii_whitespace() {
            if !cur.text.is_empty() && !cur.text.ends_with(' ') {
                cur.text.push(' ');
            }
        } else {
            cur.text.push(c);
            if in_link {
                cur.link_chars += 1;
            }
        }
    }
}

/// The element that holds the article. Prose is what a report's paragraphs are and page
/// furniture is not: each line scores the clause marks (，。；、) of its text outside links (menus, titles,
/// "时间/来源" and copyright lines have next to none), credited to its element and that element's
/// parent in full and to the grandparent by half, as readability tools do. The best-scoring
/// element wins, the deepest on a tie; never page furniture.
fn article(nodes: &[Node], lines: &[Line]) -> usize {
    let mut score = vec![0f64; nodes.len()];
    for l in lines {
        let own = l.text.chars().count().saturating_sub(l.link_chars);
        if own < 8 {
            continue;
        }
        let marks = l
            .text
            .chars()
            .filter(|c| matches!(c, '，' | '。' | '；' | '、' | ','))
            .count() as f64;
        let n = l.path.len();
        for (k, weight) in [(1, 1.0), (2, 1.0), (3, 0.5)] {
            if let Some(&p) = n.checked_sub(k).and_then(|i| l.path.get(i)) {
                score[p] += marks * weight;
            }
        }
    }
    let furniture = |n: usize| FURNITURE.contains(&nodes[n].tag.as_str());
    (1..nodes.len())
        .filter(|&n| !furniture(n))
        .max_by(|&a, &b| score[a].total_cmp(&score[b]))
        .filter(|&n| score[n] > 0.0)
        .unwrap_or(0)
}

/// The lines a .txt copy of the page would have, paragraph by paragraph.
pub(super) fn paragraphs(text: &str) -> Decoded<'static> {
    let (nodes, url) = tree(text);
    let all = lines(&nodes);
    let art = article(&nodes, &all);
    let first = all.iter().position(|l| l.path.contains(&art));
    let before = &all[..first.unwrap_or(0)];
    let mut out: Vec<String> = Vec::new();
    // The breadcrumb, the page title and the portal line, as front matter of the text.
    let crumb = before.iter().rposition(|l| front::is_breadcrumb(&l.text));
    let portal = before.iter().rposition(|l| front::is_portal_line(&l.text));
    if let Some(c) = crumb {
        out.push(before[c].text.clone());
    }
    if let Some(p) = portal {
        let title = before[..p]
            .iter()
            .rposition(|l| l.link_chars == 0)
            .filter(|&t| crumb.is_none_or(|c| t > c));
        if let Some(t) = title {
            out.push(before[t].text.clone());
        }
        out.push(before[p].text.clone());
    }
    out.extend(
        all.iter()
            .filter(|l| l.path.contains(&art))
            .map(|l| l.text.clone()),
    );
    let numbered = out
        .into_iter()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    Decoded {
        url,
        ..Decoded::paragraphs(numbered, PART)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_lines(html: &str) -> Vec<String> {
        let d = paragraphs(html);
        d.text.split('\n').map(String::from).collect()
    }

    #[test]
    fn the_article_and_its_front_matter() {
        let html = r##"<!DOCTYPE html><html><head><title>x</title><style>p{}</style>
<script>var s = "<p>不是正文</p>";</script></head><body>
<div class="nav"><a href="/">首页</a><a href="/a">政务公开</a><a href="/b">政策文件</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/b">政务公开</a></div>
<h1>某县人民政府关于2023年法治政府建设情况的报告</h1>
<div class="info">发布时间：2024-01-15 来源：某县司法局</div>
<div id="zoom"><p>&nbsp;&nbsp;一、主要工作</p>
<p>收到行政复议申请12件，<a href="#">办结</a>10件。<br>继续努力。
<p>（一）加强领导。召开会议3次。</p></div>
<div class="footer">版权所有：某县人民政府 网站标识码：1234</div>
<script>document.write("x")</script></body></html>"##;
        assert_eq!(
            page_lines(html),
            [
                "当前位置：首页 > 政务公开",
                "某县人民政府关于2023年法治政府建设情况的报告",
                "发布时间：2024-01-15 来源：某县司法局",
                "\u{a0}\u{a0}一、主要工作",
                "收到行政复议申请12件，办结10件。",
                "继续努力。",
                "（一）加强领导。召开会议3次。",
            ]
        );
    }

    #[test]
    fn the_page_names_its_own_address() {
        let url = |html: &str| paragraphs(html).url;
        let body = "<body><p>一、工作</p></body>";
        let saved = "<!-- saved from url=(0040)https://www.a.gov.cn/art/2024/1/15/1.html -->\n";
        let gov = r#"<meta name="Url" content="http://www.a.gov.cn/art/2.html">"#;
        let og = r#"<meta property="og:url" content="https://www.a.gov.cn/art/3.html">"#;
        let canonical = r#"<link rel="Canonical" href="https://www.a.gov.cn/art/4.html">"#;
        assert_eq!(
            url(&format!("{saved}<html>{body}")).as_deref(),
            Some("https://www.a.gov.cn/art/2024/1/15/1.html")
        );
        let head = |tags: &str| format!("{saved}<html><head><title>t</title>{tags}</head>{body}");
        assert_eq!(
            url(&head(gov)).as_deref(),
            Some("http://www.a.gov.cn/art/2.html")
        );
        assert_eq!(
            url(&head(&format!("{gov}{og}"))).as_deref(),
            Some("https://www.a.gov.cn/art/3.html")
        );
        assert_eq!(
            url(&head(&format!("{canonical}{gov}{og}"))).as_deref(),
            Some("https://www.a.gov.cn/art/4.html")
        );
        // Not a web address the reader may link to: ignored.
        for bad in [
            r#"<link rel="canonical" href="javascript:alert(1)">"#,
            r#"<link rel="canonical" href="/art/4.html">"#,
            r#"<meta name="url" content="https://a b">"#,
        ] {
            assert_eq!(
                url(&format!("<html><head>{bad}</head>{body}")),
                None,
                "{bad}"
            );
        }
        assert_eq!(url(&format!("<html>{body}")), None);
    }

    #[test]
    fn pages_are_told_from_texts() {
        assert!(is_html("<!DOCTYPE html><html>", None));
        assert!(is_html("  <html lang=zh>", None));
        assert!(is_html("随便", Some("a.HTM")));
        assert!(!is_html("某县报告\n一、<b>工作</b>", None));
    }
}
