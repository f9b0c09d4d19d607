//! `floor REPORT.json -o OUT.html`: the benchmark's floor, the least a browser can be asked to do
//! to show a report: one static HTML page with the report's text and every chart pre-rendered as
//! inline SVG by our chart code, laid out as the reader lays them out (each chart after the block
//! that states its figures, and again in the overview), with no JavaScript at all.
//!
//! The chart data are resolved from the facts by `fazhi_core::charts::resolve`, as in the reader.

use fazhi_core::charts::resolve::{anchor, best_label, spec, summary};
use fazhi_core::charts::{draw, Theme};
use fazhi_core::model::{Block, ChartDef, Kind, Report};
use std::fmt::Write as _;
use std::process::ExitCode;

const USAGE: &str = "usage: floor REPORT.json -o OUT.html [--width PX]\n\
    Writes the report as one static HTML page with its charts as inline SVG and no JavaScript.";

/// Enough style to read comfortably; the floor is about what the browser must do, not looks.
const CSS: &str = "body{margin:0;font:18px/1.8 \"Noto Sans CJK SC\",\"Source Han Sans SC\",\
\"PingFang SC\",\"Microsoft YaHei\",sans-serif;color:#1a1a1a;background:#fff}\
header,main{max-width:46rem;margin:0 auto;padding:0 1rem}h1{font-size:1.6rem;line-height:1.4}\
h2{font-size:1.3rem}h3{font-size:1.1rem}.dates{color:#555}figure{margin:1.5rem 0}\
figcaption{display:flex;flex-direction:column;margin-bottom:.5rem}.chart-title{font-weight:700}\
.chart-summary{color:#555;font-size:.9rem}.cards{display:flex;flex-wrap:wrap;gap:.5rem;\
list-style:none;padding:0}.card{border:1px solid #ccc;border-radius:6px;padding:.5rem .75rem}\
.card-value{display:block;font-size:1.3rem;font-weight:700}svg{max-width:100%;height:auto}";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("floor: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut input = None;
    let mut output = None;
    // About the width of the reader's text column, at which the reader draws its charts.
    let mut width = 680;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" | "--output" => output = Some(it.next().ok_or("-o needs a file name")?),
            "--width" => {
                let v = it.next().ok_or("--width needs a number")?;
                width = v.parse().map_err(|e| format!("--width {v}: {e}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ if a.starts_with('-') => return Err(format!("unknown option {a}\n{USAGE}")),
            _ if input.is_none() => input = Some(a),
            _ => return Err(format!("unexpected argument {a}\n{USAGE}")),
        }
    }
    let (Some(input), Some(output)) = (input, output) else {
        return Err(USAGE.to_string());
    };
    let json = std::fs::read_to_string(&input).map_err(|e| format!("{input}: {e}"))?;
    let report: Report = serde_json::from_str(&json).map_err(|e| format!("{input}: {e}"))?;
    let html = page(&report, width)?;
    std::fs::write(&output, html).map_err(|e| format!("{output}: {e}"))
}

/// The whole page.
fn page(report: &Report, width: u32) -> Result<String, String> {
    let figures = Figures::draw(report, width)?;
    let meta = &report.meta;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"description\" content=\"{}\">\n<title>{}</title>\n\
         <link rel=\"icon\" href=\"data:,\">\n<style>{CSS}</style>\n\
         </head>\n<body>\n<header>\n",
        esc(&meta.title),
        esc(&meta.title)
    );
    if let Some(i) = &meta.issuer {
        let _ = writeln!(h, "<p class=\"issuer\">{}</p>", esc(i));
    }
    let _ = writeln!(h, "<h1 id=\"top\">{}</h1>", esc(&meta.title));
    let dates: Vec<String> = [
        meta.signed.as_ref().map(|d| format!("成文日期 {d}")),
        meta.published.as_ref().map(|d| format!("发布日期 {d}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let _ = writeln!(
        h,
        "<p class=\"dates\">{}</p>\n</header>",
        esc(&dates.join(" · "))
    );
    h.push_str("<main id=\"main\">\n");
    for b in &report.blocks {
        block(&mut h, b, &figures);
    }
    overview(&mut h, report, &figures);
    h.push_str("</main>\n</body>\n</html>\n");
    Ok(h)
}

/// One chart, drawn.
struct Fig {
    /// The block it follows in the text.
    anchor: Option<String>,
    def: ChartDef,
    summary: String,
    svg: String,
}

/// Every chart drawn once (each is shown twice, in the text and in the overview).
struct Figures {
    charts: Vec<Fig>,
}

impl Figures {
    fn draw(report: &Report, width: u32) -> Result<Figures, String> {
        let mut charts = Vec::new();
        for def in &report.charts {
            let spec = spec(report, def)
                .ok_or_else(|| format!("chart {} names a fact the report lacks", def.id))?;
            // The figcaption carries the title, as in the reader.
            let mut untitled = spec.clone();
            untitled.title.clear();
            let svg = draw(&untitled, width, Theme::Light)
                .map_err(|e| format!("chart {}: {e}", def.id))?
                .svg;
            charts.push(Fig {
                anchor: anchor(report, def),
                def: def.clone(),
                summary: summary(report, &spec),
                svg,
            });
        }
        Ok(Figures { charts })
    }

    fn after<'a>(&'a self, block: &'a str) -> impl Iterator<Item = &'a Fig> + 'a {
        self.charts
            .iter()
            .filter(move |c| c.anchor.as_deref() == Some(block))
    }
}

fn figure(h: &mut String, prefix: &str, fig: &Fig) {
    let id = format!("{prefix}{}", fig.def.id);
    let _ = writeln!(
        h,
        "<figure id=\"{id}\" class=\"chart\" aria-labelledby=\"{id}-t\"><figcaption>\
         <span class=\"chart-title\" id=\"{id}-t\">{}</span><span class=\"chart-summary\">{}</span>\
         </figcaption>{}</figure>",
        esc(&fig.def.title),
        esc(&fig.summary),
        fig.svg
    );
}

fn block(h: &mut String, b: &Block, figures: &Figures) {
    let own = |h: &mut String| {
        for fig in figures.after(&b.id) {
            figure(h, "chart-", fig);
        }
        for c in b.children.iter().filter(|c| c.kind != Kind::Point) {
            block(h, c, figures);
        }
    };
    let number = esc(b.number.as_deref().unwrap_or(""));
    let title = esc(b.title.as_deref().unwrap_or(""));
    match b.kind {
        Kind::Chapter | Kind::Section | Kind::Glossary => {
            let tag = if b.kind == Kind::Chapter { "h2" } else { "h3" };
            let _ = writeln!(
                h,
                "<section id=\"{id}\" aria-labelledby=\"{id}-h\"><{tag} id=\"{id}-h\">{number}{title}</{tag}>",
                id = b.id
            );
            if !b.text.is_empty() || b.children.iter().any(|c| c.kind == Kind::Point) {
                let _ = writeln!(h, "<p>{}</p>", prose(b));
            }
            own(h);
            h.push_str("</section>\n");
        }
        Kind::Signature => {
            let _ = writeln!(
                h,
                "<p id=\"{}\" class=\"signature\">{}</p>",
                b.id,
                esc(&b.text)
            );
        }
        Kind::Item | Kind::SubItem | Kind::Term | Kind::Paragraph | Kind::Point => {
            let heading = if title.is_empty() {
                number
            } else {
                format!("<strong>{number}{title}</strong>")
            };
            let _ = writeln!(h, "<div id=\"{}\"><p>{heading}{}</p>", b.id, prose(b));
            own(h);
            h.push_str("</div>\n");
        }
    }
}

/// A block's own text followed by its inline points, each addressable as in the reader.
fn prose(b: &Block) -> String {
    let mut s = esc(&b.text);
    for p in b.children.iter().filter(|c| c.kind == Kind::Point) {
        let _ = write!(
            s,
            "<span id=\"{}\">{}{}{}</span>",
            p.id,
            esc(p.number.as_deref().unwrap_or("")),
            esc(p.title.as_deref().unwrap_or("")),
            esc(&p.text)
        );
    }
    s
}

fn overview(h: &mut String, report: &Report, figures: &Figures) {
    if report.charts.is_empty() && report.cards.is_empty() {
        return;
    }
    h.push_str("<section id=\"indicators\" aria-labelledby=\"indicators-h\"><h2 id=\"indicators-h\">主要数据</h2>\n<ul class=\"cards\">");
    for f in report
        .cards
        .iter()
        .filter_map(|id| report.facts.iter().find(|f| &f.id == id))
    {
        // The reader's card: the figure as the text writes it, its unit set smaller.
        let (number, unit) = fazhi_core::format::fact_parts(f);
        let _ = write!(
            h,
            "<li class=\"card\"><span class=\"card-value\">{}{}</span><span>{}</span></li>",
            esc(&number),
            if unit.is_empty() {
                String::new()
            } else {
                format!("<small>{}</small>", esc(&unit))
            },
            esc(&best_label(report, f))
        );
    }
    h.push_str("</ul>\n");
    for fig in &figures.charts {
        figure(h, "overview-", fig);
    }
    h.push_str("</section>\n");
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}
