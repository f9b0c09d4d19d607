//! The report as plain HTML inside the page, written at build time: what a reader sees before
//! the wasm has loaded, without JavaScript, or in a browser that cannot run the app. The app
//! removes it when it mounts (src/app/boot.rs). The blocks carry `data-b`, not ids, so the
//! app's ids stay unique.

use super::codec::html_attr;
use super::tree::{masthead, Tree};
use crate::model::Report;

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
    out.push_str(&messages(target));
    out.push_str("</div>\n<article class=\"report\" aria-label=\"报告全文\">\n");
    let tree = Tree {
        ids: false,
        after: &|_, _| {},
    };
    tree.write(&report.blocks, &mut out);
    out.push_str("</article></div>\n</div>");
    out
}

/// The loading line and the messages for when the app cannot start (`prerender-messages.html`).
/// The classes `public/boot.js` and the start-up script put on `<html>` choose which one shows,
/// so the right one is there at first paint, before any script has fetched anything. The
/// no-JavaScript note is not a `<noscript>`: browsers that only emulate "scripts off" still
/// parse that as text. It shows unless `public/boot.js` ran (it marks `<html class="js">`).
fn messages(target: Target) -> String {
    let text_link = match target {
        Target::Hosted { text_file: Some(f) } => format!(
            "也可以<a href=\"{}\">查看报告原文（纯文本）</a>。",
            html_attr(f)
        ),
        _ => String::new(),
    };
    include_str!("prerender-messages.html").replace("{{text_link}}", &text_link)
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

    /// `html` with each character shown full-width replaced by the official one it carries.
    fn official(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(at) = rest.find("<span class=\"fw\" data-o=\"") {
            out.push_str(&rest[..at]);
            rest = &rest[at + "<span class=\"fw\" data-o=\"".len()..];
            let quote = rest.find('"').unwrap();
            out.push_str(&rest[..quote]);
            rest = &rest[rest.find("</span>").unwrap() + "</span>".len()..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn shows_the_whole_body_verbatim_in_order() {
        let r = seed();
        let html = prerender(&r, Target::Offline);
        let body_start = html.find("<article").unwrap();
        let kept = lines(&official(&html[body_start..]));
        let should_be = &r.body_lines()[r.meta.heading.len()..];
        // A section heading and its text share a source line but not an element, as in the app.
        assert_eq!(kept.concat(), should_be.concat());
        assert!(kept.len() >= should_be.len());
        // What is shown is the same text in its display form, char for char.
        let shown = lines(&html[body_start..]).concat();
        assert_eq!(shown, crate::typeset::display(&should_be.concat()));
        assert!(
            shown.contains("2022年，我县坚持"),
            "ASCII commas shown full-width"
        );
        assert!(shown.contains("（一）坚持统筹谋划，全面夯实法治建设基础"));
        assert!(html.contains("<span class=\"fw\" data-o=\",\">，</span>"));
        assert!(!shown.contains(",我县"));
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
        assert_eq!(ids.len(), 4, "{ids:?}");
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
        assert!(!hosted.contains("{{"), "every placeholder filled");
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
