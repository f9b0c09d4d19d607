//! `floor REPORT.json -o OUT.html`: the benchmark's floor, the least a browser can be asked to do
//! to show a report: one static HTML page with the report's text and every chart pre-rendered as
//! inline SVG by our chart code, laid out as the reader lays them out (the overview first with the
//! key figures and the list of charts, each chart once after the block that states its figures),
//! with no JavaScript at all.
//!
//! The text is written by the same renderer as the reader's pre-rendered first paint
//! (`fazhi_core::page::tree`); the chart data are resolved from the facts by
//! `fazhi_core::charts::resolve`, as in the reader.

use fazhi_core::charts::resolve::{anchor, cards, spec, summary};
use fazhi_core::charts::{draw, Theme};
use fazhi_core::model::{Block, ChartDef, Report};
use fazhi_core::page::codec::{html_attr, html_text};
use fazhi_core::page::tree::{masthead, Tree};
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
    fazhi_tools::main_of("floor", run)
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

/// The whole page: the report as the pre-render writes it (`fazhi_core::page::tree`), with
/// element ids and each chart after the block that states its figures.
fn page(report: &Report, width: u32) -> Result<String, String> {
    let figures = Figures::draw(report, width)?;
    let title = html_text(&report.meta.title);
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"description\" content=\"{title}\">\n<title>{title}</title>\n\
         <link rel=\"icon\" href=\"data:,\">\n<style>{CSS}</style>\n</head>\n<body>\n"
    );
    masthead(&report.meta, &mut h);
    h.push_str("<main id=\"main\">\n");
    overview(&mut h, report, &figures);
    let after = |b: &Block, out: &mut String| {
        for fig in figures.after(&b.id) {
            figure(out, "chart-", fig);
        }
    };
    Tree {
        ids: true,
        after: &after,
    }
    .write(&report.blocks, &mut h);
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

/// Every chart drawn once, shown once: after the block that states its figures, or in the
/// overview when no block does (as the reader shows them).
struct Figures {
    charts: Vec<Fig>,
}

impl Figures {
    fn draw(report: &Report, width: u32) -> Result<Figures, String> {
        let mut charts = Vec::new();
        for def in &report.charts {
            let spec = spec(report, def).map_err(|e| format!("chart {}: {e}", def.id))?;
            // The figcaption carries the title, as in the reader.
            let mut untitled = spec.clone();
            untitled.title.clear();
            let svg = draw(&untitled, width, Theme::Light)
                .map_err(|e| format!("chart {}: {e}", def.id))?
                .svg;
            charts.push(Fig {
                anchor: anchor(report, def),
                def: def.clone(),
                summary: summary(report, def, &spec),
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
    let id = html_attr(&format!("{prefix}{}", fig.def.id));
    let _ = writeln!(
        h,
        "<figure id=\"{id}\" class=\"chart\" aria-labelledby=\"{id}-t\"><figcaption>\
         <span class=\"chart-title\" id=\"{id}-t\">{}</span><span class=\"chart-summary\">{}</span>\
         </figcaption>{}</figure>",
        html_text(&fig.def.title),
        html_text(&fig.summary),
        fig.svg
    );
}

fn overview(h: &mut String, report: &Report, figures: &Figures) {
    if report.charts.is_empty() && report.cards.is_empty() {
        return;
    }
    h.push_str("<section id=\"indicators\" aria-labelledby=\"indicators-h\"><h2 id=\"indicators-h\">主要数据</h2>\n<ul class=\"cards\">");
    for card in cards(report) {
        // The reader's card: the figure as the text writes it, its unit set smaller.
        let (number, unit) = fazhi_core::format::fact_parts(card.fact);
        let _ = write!(
            h,
            "<li class=\"card\"><span class=\"card-value\">{}{}</span><span>{}</span></li>",
            html_text(&number),
            if unit.is_empty() {
                String::new()
            } else {
                format!("<small>{}</small>", html_text(&unit))
            },
            html_text(&card.label)
        );
    }
    h.push_str("</ul>\n<details class=\"chart-list\"><summary>全部图表</summary><ol>");
    for fig in &figures.charts {
        let id = html_attr(&format!("chart-{}", fig.def.id));
        let _ = write!(
            h,
            "<li><a href=\"#{id}\">{}</a></li>",
            html_text(&fig.def.title)
        );
    }
    h.push_str("</ol></details>\n");
    for fig in figures.charts.iter().filter(|f| f.anchor.is_none()) {
        figure(h, "chart-", fig);
    }
    h.push_str("</section>\n");
}
