//! The report as plain, semantic HTML, written into the page at build time: what a reader sees
//! before the wasm has loaded, without JavaScript, or in a browser that cannot run the app. The
//! app removes it when it mounts (src/app/boot.rs). Class names follow the app's markup so the
//! same style sheet lays both out alike; ids are left out so the app's ids stay unique.

use super::codec::{html_attr, html_text};
use crate::model::{Block, Kind, Meta, Report};

/// Where the page will live, which decides what the fallback messages can offer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target<'a> {
    /// On a web server, next to the official text (a file name relative to the page), if any.
    Hosted { text_file: Option<&'a str> },
    /// The single offline file: nothing sits beside it.
    Offline,
}

/// The pre-rendered page body for `report`: masthead, start-up messages and the full text.
pub fn prerender(report: &Report, target: Target) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<div id=\"prerender\" class=\"prerender\">\n");
    masthead(&report.meta, &mut out);
    out.push_str("<div class=\"layout\">\n<div class=\"boot\">\n");
    messages(target, &mut out);
    out.push_str("</div>\n<article class=\"report\" aria-label=\"报告全文\">\n");
    for b in &report.blocks {
        block(b, &mut out);
    }
    out.push_str("</article></div>\n</div>");
    out
}

fn masthead(meta: &Meta, out: &mut String) {
    out.push_str("<header class=\"masthead\">\n");
    if let Some(i) = &meta.issuer {
        out.push_str(&format!("<p class=\"issuer\">{}</p>\n", html_text(i)));
    }
    out.push_str(&format!("<h1>{}</h1>\n", html_text(&meta.title)));
    let dates = meta.dates_line();
    if !dates.is_empty() {
        out.push_str(&format!("<p class=\"dates\">{}</p>\n", html_text(&dates)));
    }
    if let Some(site) = &meta.site {
        let source = meta
            .source
            .as_deref()
            .map(|s| format!("（{s}）"))
            .unwrap_or_default();
        out.push_str(&format!(
            "<p class=\"source\">来源：{}{}</p>\n",
            html_text(site),
            html_text(&source)
        ));
    }
    out.push_str("</header>\n");
}

/// The loading line and the messages for when the app cannot start. The classes
/// `public/boot.js` and the start-up script put on `<html>` choose which one shows, so the
/// right one is there at first paint, before any script has fetched anything.
fn messages(target: Target, out: &mut String) {
    out.push_str(
        "<p class=\"boot-status\" role=\"status\" hidden><progress aria-label=\"加载进度\"></progress>\
         正在加载阅读器（搜索、目录等功能），请稍候。</p>\n",
    );
    let text_link = match target {
        Target::Hosted { text_file: Some(f) } => format!(
            "也可以<a href=\"{}\">查看报告原文（纯文本）</a>。",
            html_attr(f)
        ),
        _ => String::new(),
    };
    out.push_str(&format!(
        "<div id=\"boot-nowasm\" class=\"boot-msg\" role=\"alert\" hidden><p>您的浏览器不支持 \
         WebAssembly 或版本过旧，无法运行交互式阅读器。下面是报告全文；{text_link}\
         使用新版 Chrome、Edge、Firefox 或 Safari 浏览器可以搜索和跳转。</p></div>\n"
    ));
    out.push_str(
        "<div id=\"boot-failed\" class=\"boot-msg\" role=\"alert\" hidden><p>阅读器程序未能加载\
         （可能是网络中断）。下面是报告全文；<a href=\"\">重新加载本页</a>即可使用搜索、目录等功能。\
         </p></div>\n",
    );
    // Not <noscript>: browsers that only emulate "scripts off" still parse it as text. Shown
    // unless public/boot.js ran (it marks <html class="js">).
    out.push_str(
        "<div class=\"boot-msg boot-noscript\"><p>浏览器未启用 JavaScript：下面是报告\
         全文，搜索、目录和数据核对等功能需要启用 JavaScript。</p></div>\n",
    );
}

fn block(b: &Block, out: &mut String) {
    let kind = b.kind.as_str();
    match b.kind {
        Kind::Chapter | Kind::Section | Kind::Glossary => {
            let h = if b.kind == Kind::Chapter { "h2" } else { "h3" };
            out.push_str(&format!(
                "<section class=\"block {kind}\" data-b=\"{}\"><{h}>{}{}</{h}>\n",
                html_attr(&b.id),
                html_text(b.number.as_deref().unwrap_or("")),
                html_text(b.title.as_deref().unwrap_or(""))
            ));
            if !b.text.is_empty() || has_points(b) {
                prose(b, false, out);
            }
            children(b, out);
            out.push_str("</section>\n");
        }
        Kind::Signature => out.push_str(&format!(
            "<p class=\"block {kind}\" data-b=\"{}\">{}</p>\n",
            html_attr(&b.id),
            html_text(&b.text)
        )),
        Kind::Item | Kind::SubItem | Kind::Term | Kind::Paragraph | Kind::Point => {
            out.push_str(&format!(
                "<div class=\"block {kind}\" data-b=\"{}\">",
                html_attr(&b.id)
            ));
            prose(b, true, out);
            children(b, out);
            out.push_str("</div>\n");
        }
    }
}

fn children(b: &Block, out: &mut String) {
    for c in b.children.iter().filter(|c| c.kind != Kind::Point) {
        block(c, out);
    }
}

fn has_points(b: &Block) -> bool {
    b.children.iter().any(|c| c.kind == Kind::Point)
}

/// A block's paragraph: number and heading (when `with_heading`), text, then its inline points.
fn prose(b: &Block, with_heading: bool, out: &mut String) {
    out.push_str("<p>");
    if with_heading {
        lead_in(b, out);
    }
    out.push_str(&html_text(&b.text));
    for p in b.children.iter().filter(|c| c.kind == Kind::Point) {
        out.push_str("<span class=\"point\">");
        lead_in(p, out);
        out.push_str(&html_text(&p.text));
        out.push_str("</span>");
    }
    out.push_str("</p>\n");
}

fn lead_in(b: &Block, out: &mut String) {
    if let Some(n) = &b.number {
        out.push_str(&format!("<span class=\"num\">{}</span>", html_text(n)));
    }
    if let Some(t) = &b.title {
        out.push_str(&format!("<strong class=\"lead\">{}</strong>", html_text(t)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Report {
        serde_json::from_str(include_str!("../../../../public/shangcheng-2022.json")).unwrap()
    }

    /// The text of each `<p>`, `<h2>` and `<h3>`, tags removed and entities decoded.
    fn lines(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(i) = ["<p>", "<h2>", "<h3>", "<p class=\"block signature\""]
            .iter()
            .filter_map(|t| rest.find(t))
            .min()
        {
            rest = &rest[i..];
            let end = ["</p>", "</h2>", "</h3>"]
                .iter()
                .filter_map(|t| rest.find(t))
                .min()
                .unwrap();
            let mut text = String::new();
            let mut in_tag = false;
            for c in rest[..end].chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            out.push(
                text.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            );
            rest = &rest[end..];
        }
        out
    }

    #[test]
    fn shows_the_whole_body_verbatim_in_order() {
        let r = seed();
        let html = prerender(&r, Target::Offline);
        let body_start = html.find("<article").unwrap();
        let shown = lines(&html[body_start..]);
        let should_be = &r.body_lines()[r.meta.heading.len()..];
        // A section heading and its text share a source line but not an element, as in the app.
        assert_eq!(shown.concat(), should_be.concat());
        assert!(shown.len() >= should_be.len());
    }

    #[test]
    fn has_the_title_the_chapters_and_no_ids() {
        let r = seed();
        let html = prerender(&r, Target::Offline);
        assert!(html.contains(&format!("<h1>{}</h1>", r.meta.title)));
        for h in [
            "一、工作总体开展情况",
            "二、存在的问题",
            "三、下一步工作打算",
        ] {
            assert!(html.contains(&format!("<h2>{h}</h2>")), "{h}");
        }
        // Only the container has an id: the app's blocks must stay the only ones with theirs.
        let ids: Vec<&str> = html
            .match_indices(" id=\"")
            .map(|(i, _)| &html[i..i + 20])
            .collect();
        assert_eq!(ids.len(), 3, "{ids:?}");
        assert!(html.contains("<p class=\"dates\">2023年2月27日 印发"));
    }

    #[test]
    fn offers_the_text_file_only_when_hosted() {
        let r = seed();
        let hosted = prerender(
            &r,
            Target::Hosted {
                text_file: Some("shangcheng-2022.txt"),
            },
        );
        assert!(hosted.contains("<a href=\"shangcheng-2022.txt\">查看报告原文（纯文本）</a>"));
        assert!(!prerender(&r, Target::Offline).contains(".txt"));
    }

    #[test]
    fn escapes_markup_in_the_text() {
        let mut r = seed();
        r.meta.title = "<b>&</b>".into();
        r.blocks[0].text = "a<script>b".into();
        let html = prerender(&r, Target::Offline);
        assert!(html.contains("<h1>&lt;b&gt;&amp;&lt;/b&gt;</h1>"));
        assert!(html.contains("a&lt;script&gt;b"));
        assert!(!html.contains("<script"));
    }
}
