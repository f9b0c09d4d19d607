//! The one renderer of the report tree to plain, semantic HTML, shared by the pre-rendered
//! first paint, the offline file and the benchmark's floor page. Class names follow the app's
//! markup (`src/app/body.rs`) so one style sheet lays out both, and the text is shown as the
//! app shows it ([`crate::typeset`]), so the first paint and the app read alike.

use super::codec::{html_attr, html_text};
use crate::model::{Block, Kind, Meta};
use crate::typeset::{display, pieces, Piece};

/// How the tree is written.
pub struct Tree<'a> {
    /// Whether each block gets an `id` (a page without the app, whose deep links must land on
    /// something) or only `data-b` (a copy the app replaces: its ids must stay unique).
    pub ids: bool,
    /// Written inside each block after its own text and before its children, e.g. the floor's
    /// charts after the block that states their figures.
    pub after: &'a dyn Fn(&Block, &mut String),
}

impl Tree<'_> {
    /// Every block of `blocks`, in order, with their children.
    pub fn write(&self, blocks: &[Block], out: &mut String) {
        for b in blocks {
            self.block(b, out);
        }
    }

    fn block(&self, b: &Block, out: &mut String) {
        let kind = b.kind.as_str();
        let key = if self.ids { "id" } else { "data-b" };
        let id = html_attr(&b.id);
        match b.kind {
            Kind::Chapter | Kind::Section | Kind::Glossary => {
                let h = if b.kind == Kind::Chapter { "h2" } else { "h3" };
                // With ids, headings are named as in the app: `<id>-h`, labelling the section.
                let (label, h_id) = if self.ids {
                    (
                        format!(" aria-labelledby=\"{id}-h\""),
                        format!(" id=\"{id}-h\""),
                    )
                } else {
                    (String::new(), String::new())
                };
                out.push_str(&format!(
                    "<section class=\"block {kind}\" {key}=\"{id}\"{label}><{h}{h_id}>{}{}</{h}>\n",
                    shown(b.number.as_deref().unwrap_or("")),
                    shown(b.title.as_deref().unwrap_or(""))
                ));
                if !b.text.is_empty() || has_points(b) {
                    self.prose(b, false, out);
                }
                self.rest(b, out);
                out.push_str("</section>\n");
            }
            Kind::Signature => out.push_str(&format!(
                "<p class=\"block {kind}\" {key}=\"{id}\">{}</p>\n",
                shown(&b.text)
            )),
            Kind::Item | Kind::SubItem | Kind::Term | Kind::Paragraph | Kind::Point => {
                out.push_str(&format!("<div class=\"block {kind}\" {key}=\"{id}\">"));
                self.prose(b, true, out);
                self.rest(b, out);
                out.push_str("</div>\n");
            }
        }
    }

    /// What follows a block's own text: [`Tree::after`], then its child blocks.
    fn rest(&self, b: &Block, out: &mut String) {
        (self.after)(b, out);
        for c in b.children.iter().filter(|c| c.kind != Kind::Point) {
            self.block(c, out);
        }
    }

    /// A block's paragraph: number and heading (when `with_heading`), text, then its inline
    /// points (一是……), each addressable when blocks have ids.
    fn prose(&self, b: &Block, with_heading: bool, out: &mut String) {
        out.push_str("<p>");
        if with_heading {
            lead_in(b, out);
        }
        out.push_str(&shown(&b.text));
        for p in b.children.iter().filter(|c| c.kind == Kind::Point) {
            if self.ids {
                out.push_str(&format!(
                    "<span class=\"point\" id=\"{}\">",
                    html_attr(&p.id)
                ));
            } else {
                out.push_str("<span class=\"point\">");
            }
            lead_in(p, out);
            out.push_str(&shown(&p.text));
            out.push_str("</span>");
        }
        out.push_str("</p>\n");
    }
}

fn has_points(b: &Block) -> bool {
    b.children.iter().any(|c| c.kind == Kind::Point)
}

fn lead_in(b: &Block, out: &mut String) {
    if let Some(n) = &b.number {
        out.push_str(&format!("<span class=\"num\">{}</span>", shown(n)));
    }
    if let Some(t) = &b.title {
        out.push_str(&format!("<strong class=\"lead\">{}</strong>", shown(t)));
    }
}

/// A field of the report as the app shows it, escaped: each character shown other than written
/// is `<span class="fw" data-o="…">` with the official character, which copying puts back
/// (`public/boot.js`).
fn shown(official: &str) -> String {
    let display = display(official);
    let mut out = String::with_capacity(display.len());
    for piece in pieces(official, &display) {
        match piece {
            Piece::Same(s) => out.push_str(&html_text(s)),
            Piece::Wide { shown, official } => out.push_str(&format!(
                "<span class=\"fw\" data-o=\"{}\">{shown}</span>",
                html_attr(&official.to_string())
            )),
        }
    }
    out
}

/// The report's masthead: issuer, title, dates and source, as the app shows them.
pub fn masthead(meta: &Meta, out: &mut String) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Report;

    fn seed() -> Report {
        serde_json::from_str(include_str!("../../../../public/shangcheng-2022.json")).unwrap()
    }

    fn render(report: &Report, tree: &Tree) -> String {
        let mut out = String::new();
        tree.write(&report.blocks, &mut out);
        out
    }

    #[test]
    fn ids_or_data_attributes() {
        let r = seed();
        let none = |_: &Block, _: &mut String| {};
        let copy = render(
            &r,
            &Tree {
                ids: false,
                after: &none,
            },
        );
        assert!(copy.contains("<section class=\"block chapter\" data-b=\"c1\"><h2>"));
        assert!(!copy.contains(" id=\""));
        let page = render(
            &r,
            &Tree {
                ids: true,
                after: &none,
            },
        );
        assert!(page.contains(
            "<section class=\"block chapter\" id=\"c1\" aria-labelledby=\"c1-h\"><h2 id=\"c1-h\">"
        ));
        // Inline points are addressable too.
        fn first_point(bs: &[Block]) -> Option<&Block> {
            bs.iter().find_map(|b| {
                (b.kind == Kind::Point)
                    .then_some(b)
                    .or_else(|| first_point(&b.children))
            })
        }
        let p = first_point(&r.blocks).expect("the seed has 一是…二是… points");
        assert!(page.contains(&format!("<span class=\"point\" id=\"{}\">", p.id)));
    }

    #[test]
    fn after_comes_after_the_blocks_text_and_before_its_children() {
        let r = seed();
        let mark = |b: &Block, out: &mut String| {
            if b.id == "c1" {
                out.push_str("<figure>after c1</figure>");
            }
        };
        let html = render(
            &r,
            &Tree {
                ids: true,
                after: &mark,
            },
        );
        let at = html.find("<figure>after c1</figure>").unwrap();
        assert!(html.find("一、工作总体开展情况</h2>").unwrap() < at);
        assert!(at < html.find("id=\"c1s1\"").unwrap());
        assert_eq!(html.matches("<figure>").count(), 1);
    }
}
