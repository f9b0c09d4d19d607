//! Layout and drawing of each [`Form`] on plotters' SVG backend, in whole user units.
//!
//! Every form is the same grid: a header (title, unit), a label column sized to the longest
//! label (at most 40% of the width), a plot column, and a value column sized to the widest
//! display string, so values are never cut and bars never overlap them.
//!
//! Words are never cut: a label too long for its column, a legend entry too long for its room
//! and a title too long for the header wrap onto more lines, and their row grows to fit (see
//! [`Grid::row_height`]); everything in a row (bar, hatching, value, mark) is centred on it.
//! Only past [`MAX_LINES`] lines, a guard against absurd input, does a text end in "…".

use super::text::{clean, escape, fit, width, wrap};
use super::theme::{Palette, Rgb};
use super::{ChartError, ChartSpec, Datum, Derived, Drawn, Form, Mark};
use crate::format;
use crate::model::Qualifier;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// CJK-first, so Chinese never falls back to a font without the glyphs; every name is a plain
/// CSS identifier sequence, valid unquoted in the `font-family` attribute.
const FONTS: &str = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, \
                     Hiragino Sans GB, Microsoft YaHei, sans-serif";
// Font sizes that survive plotters' `size / 1.24` as whole numbers in the SVG.
const TITLE_PX: f64 = 16.0;
const LABEL_PX: f64 = 14.0;
const SMALL_PX: f64 = 12.0;
const PAD: i32 = 12;
const HEADER: i32 = 30;
/// Height of a row whose label takes one or two lines; each further line adds [`LINE`].
const ROW: i32 = 36;
const BAR: i32 = 20;
const STACK: i32 = 28;
/// Height of a one-line legend entry; each further line adds [`LINE`].
const LEGEND_ROW: i32 = 22;
/// Line spacing of the credit under a downloaded chart.
const CREDIT_LINE: i32 = 17;
/// Line spacing of a label or legend entry on several lines.
const LINE: i32 = 16;
/// Line spacing of a title on several lines.
const TITLE_LINE: i32 = 20;
/// Most lines a label, legend entry or title may take: only a guard against absurd input (a
/// 200-character label), far beyond what a report's labels need on a 190 px drawing (a phone
/// at the largest font).
const MAX_LINES: usize = 6;
/// Height of a small multiple's unit line.
const PANEL_HEAD: i32 = 24;
/// Space between a bar's end and its value.
const GAP: i32 = 6;
/// Length of the hatched cap on a hedged figure (and of the arrow on a rate over 100%).
const CAP: i32 = 10;
const MIN_PLOT: i32 = 80;
const MIN_WIDTH: u32 = 190;
const MAX_WIDTH: u32 = 1200;

pub(super) fn chart(spec: &ChartSpec, width: u32, p: Palette) -> Result<Drawn, ChartError> {
    let width = width.clamp(MIN_WIDTH, MAX_WIDTH) as i32;
    let mut svg = String::new();
    let (w, h, marks, derived) = match &spec.form {
        Form::Bars => bars(&mut svg, spec, width, p)?,
        Form::Rate => rates(&mut svg, spec, width, p)?,
        Form::PartOfWhole { total } => part_of_whole(&mut svg, spec, total, width, p)?,
        Form::Units { units } => panels(&mut svg, spec, units, width, p)?,
    };
    let svg = responsive(&svg, w, h, &accessible_name(spec))?;
    Ok(Drawn {
        svg,
        width: w.unsigned_abs(),
        height: h.unsigned_abs(),
        marks,
        derived,
    })
}

type Layout = (i32, i32, Vec<Mark>, Vec<Derived>);

fn bars(svg: &mut String, spec: &ChartSpec, width: i32, p: Palette) -> Result<Layout, ChartError> {
    let data = &spec.data;
    let right = GAP + beyond(data) + widest(data.iter().map(|d| d.display.as_str()), LABEL_PX);
    let g = Grid::new(width, data.iter().map(|d| d.label.as_str()), right);
    let top = header_height(spec, g.w);
    let legend = hedges(data);
    let rows = g.rows(data, top);
    let rows_end = rows.last().map_or(top, |r| r.bottom());
    let foot = rows_end + legend_height(&legend, g.w);
    let h = foot + credit_height(spec, g.w) + PAD;
    let c = Canvas::new(svg, g.w, h, p)?;
    c.header(spec, g.w)?;
    let max = data.iter().map(|d| d.value).fold(0.0, f64::max);
    let mut marks = Vec::with_capacity(data.len());
    for (d, &row) in data.iter().zip(&rows) {
        marks.push(c.bar_row(d, &g, row, max)?);
    }
    c.line(&[(g.x0, top), (g.x0, rows_end)], p.axis, 1)?;
    c.hedge_legend(&legend, PAD, rows_end + 4, g.w)?;
    c.credit(spec, g.w, foot)?;
    c.finish()?;
    Ok((g.w, h, marks, Vec::new()))
}

fn rates(svg: &mut String, spec: &ChartSpec, width: i32, p: Palette) -> Result<Layout, ChartError> {
    let data = &spec.data;
    let ext = if data.iter().any(|d| d.value > 100.0) {
        CAP
    } else {
        beyond(data)
    };
    let right = GAP + ext + widest(data.iter().map(|d| d.display.as_str()), LABEL_PX);
    let g = Grid::new(width, data.iter().map(|d| d.label.as_str()), right);
    let top = header_height(spec, g.w);
    let rows = g.rows(data, top);
    let scale_y = rows.last().map_or(top, |r| r.bottom());
    let legend = hedges(data);
    let foot = scale_y + 18 + legend_height(&legend, g.w);
    let h = foot + credit_height(spec, g.w) + PAD;
    let c = Canvas::new(svg, g.w, h, p)?;
    c.header(spec, g.w)?;
    let mut marks = Vec::with_capacity(data.len());
    for (d, &row) in data.iter().zip(&rows) {
        marks.push(c.rate_row(d, &g, row, ext)?);
    }
    let track_end = g.x0 + g.plot_w;
    c.line(&[(g.x0, top), (g.x0, scale_y)], p.axis, 1)?;
    let muted = |h| text_style(SMALL_PX, p.muted, h, VPos::Top, false);
    c.area
        .draw(&Text::new("0", (g.x0, scale_y + 2), muted(HPos::Center)))?;
    c.area.draw(&Text::new(
        "100%",
        (track_end, scale_y + 2),
        muted(HPos::Center),
    ))?;
    c.hedge_legend(&legend, PAD, scale_y + 18 + 4, g.w)?;
    c.credit(spec, g.w, foot)?;
    c.finish()?;
    Ok((g.w, h, marks, Vec::new()))
}

/// How the parts of a whole compare with it, from the stated figures only.
struct Whole {
    /// The longer of the total and the sum of the parts: the length of the scale.
    max: f64,
    /// The parts fall short of the total: the rest is drawn, unlabelled.
    short: bool,
    /// The parts add up to more than the total: a marker shows where the total ends.
    over: bool,
}

impl Whole {
    fn new(total: &Datum, parts: &[Datum]) -> Whole {
        let sum: f64 = parts.iter().map(|d| d.value).sum();
        let max = total.value.max(sum);
        let tolerance = 1e-9 * max.max(1.0);
        Whole {
            max,
            short: total.value - sum > tolerance,
            over: sum - total.value > tolerance,
        }
    }
}

fn part_of_whole(
    svg: &mut String,
    spec: &ChartSpec,
    total: &Datum,
    width: i32,
    p: Palette,
) -> Result<Layout, ChartError> {
    let parts = &spec.data;
    let whole = Whole::new(total, parts);
    let right =
        GAP + beyond(std::slice::from_ref(total)) + widest([total.display.as_str()], LABEL_PX);
    let g = Grid::new(width, [total.label.as_str()], right);
    let top = header_height(spec, g.w);
    let row = Row {
        top,
        h: g.row_height(&total.label),
    };
    let entries = legend_entries(parts, whole.over, g.w - PAD - g.x0 - 18);
    let legend_top = row.bottom() + 6;
    let legend = hedges(parts.iter().chain([total]));
    let rows_end = legend_top + entries.iter().map(|e| e.height()).sum::<i32>();
    let foot = rows_end + legend_height(&legend, g.w);
    let h = foot + credit_height(spec, g.w) + PAD;
    let c = Canvas::new(svg, g.w, h, p)?;
    c.header(spec, g.w)?;
    let (marks, derived) = c.stack(total, parts, &whole, &g, row)?;
    let mut y = legend_top;
    for (i, e) in entries.iter().enumerate() {
        let ly = y + LEGEND_ROW / 2;
        if i < parts.len() {
            let colour = p.series[i % p.series.len()];
            c.rect((g.x0, ly - 6), (g.x0 + 12, ly + 6), colour, 1.0)?;
        } else {
            // The excess is not stated by the text, so it gets no number: the marker says
            // where the stated total ends and the parts are drawn as written.
            c.line(&[(g.x0 + 6, ly - 8), (g.x0 + 6, ly + 8)], p.text, 2)?;
        }
        c.legend_text(e, (g.x0 + 18, ly))?;
        y += e.height();
    }
    c.hedge_legend(&legend, PAD, rows_end + 4, g.w)?;
    c.credit(spec, g.w, foot)?;
    c.finish()?;
    Ok((g.w, h, marks, derived))
}

/// A legend entry of a part-of-whole chart: its label's lines and the value after the last.
struct Entry {
    lines: Vec<String>,
    display: String,
}

impl Entry {
    /// The entry for `label` and `display` in `room` pixels: the label wraps in what the value
    /// leaves, so the value is never pushed past the edge.
    fn new(label: &str, display: &str, room: i32) -> Entry {
        let display = clean(display);
        let room = room - width_px(&display, LABEL_PX) - 10;
        Entry {
            lines: wrap(&clean(label), f64::from(room.max(0)), LABEL_PX, MAX_LINES),
            display,
        }
    }

    fn height(&self) -> i32 {
        LEGEND_ROW + LINE * (self.lines.len() as i32 - 1)
    }
}

/// The legend of the parts, in order, and the entry for the marker at the total when the parts
/// exceed it.
fn legend_entries(parts: &[Datum], over: bool, room: i32) -> Vec<Entry> {
    let marker = over.then(|| Entry::new("竖线：原文所述的总数", "", room));
    parts
        .iter()
        .map(|d| Entry::new(&d.label, &d.display, room))
        .chain(marker)
        .collect()
}

/// Small multiples: a panel per unit, each headed by its unit and drawn on its own scale.
fn panels(
    svg: &mut String,
    spec: &ChartSpec,
    units: &[String],
    width: i32,
    p: Palette,
) -> Result<Layout, ChartError> {
    let data = &spec.data;
    let groups = by_unit(units);
    let right = GAP + beyond(data) + widest(data.iter().map(|d| d.display.as_str()), LABEL_PX);
    let g = Grid::new(width, data.iter().map(|d| d.label.as_str()), right);
    let top = header_height(spec, g.w);
    let legend = hedges(data);
    // A panel is its unit line and its rows, each as tall as its label needs.
    let panel_h = |members: &[usize]| {
        let rows: i32 = members.iter().map(|&i| g.row_height(&data[i].label)).sum();
        PANEL_HEAD + rows
    };
    let rows_end = top + groups.iter().map(|(_, m)| panel_h(m)).sum::<i32>();
    let foot = rows_end + legend_height(&legend, g.w);
    let h = foot + credit_height(spec, g.w) + PAD;
    let c = Canvas::new(svg, g.w, h, p)?;
    c.header(spec, g.w)?;
    let mut marks: Vec<Option<Mark>> = vec![None; data.len()];
    let mut y = top;
    for (unit, members) in &groups {
        let panel: Vec<&Datum> = members.iter().map(|&i| &data[i]).collect();
        for (&i, m) in members.iter().zip(c.panel(unit, &panel, &g, y)?) {
            marks[i] = Some(m);
        }
        y += panel_h(members);
    }
    c.hedge_legend(&legend, PAD, rows_end + 4, g.w)?;
    c.credit(spec, g.w, foot)?;
    c.finish()?;
    Ok((g.w, h, marks.into_iter().flatten().collect(), Vec::new()))
}

/// A row's vertical extent; everything in the row is centred on it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Row {
    top: i32,
    h: i32,
}

impl Row {
    fn mid(self) -> i32 {
        self.top + self.h / 2
    }

    fn bottom(self) -> i32 {
        self.top + self.h
    }
}

/// The columns of a chart: labels, then the plot, then values.
struct Grid {
    /// Width of the whole chart: the requested width, or more if the plot would be too narrow.
    w: i32,
    /// Where bars start.
    x0: i32,
    /// Width of the label column (labels are right-aligned against it).
    label_w: i32,
    /// Width of the plot column: the length of the longest bar.
    plot_w: i32,
}

impl Grid {
    fn new<'a>(width: i32, labels: impl IntoIterator<Item = &'a str>, right: i32) -> Grid {
        let inner = width - 2 * PAD;
        let need = widest(labels, LABEL_PX);
        let label_w = need.min(inner * 2 / 5);
        let gap = if label_w > 0 { 8 } else { 0 };
        let plot_w = inner - label_w - gap - right;
        // Values are never shortened, so a very long display string widens the chart instead.
        let w = width + (MIN_PLOT - plot_w).max(0);
        Grid {
            w,
            x0: PAD + label_w + gap,
            label_w,
            plot_w: plot_w.max(MIN_PLOT),
        }
    }

    /// `label` broken into the lines its column holds.
    fn lines(&self, label: &str) -> Vec<String> {
        wrap(&clean(label), f64::from(self.label_w), LABEL_PX, MAX_LINES)
    }

    /// Height of the row of `label`: today's [`ROW`] holds two lines, each further line adds
    /// one [`LINE`], so a long label grows its own row instead of losing words.
    fn row_height(&self, label: &str) -> i32 {
        let lines = self.lines(label).len() as i32;
        ROW + LINE * (lines - 2).max(0)
    }

    /// The rows of `data` one under another from `top`.
    fn rows<'a>(&self, data: impl IntoIterator<Item = &'a Datum>, top: i32) -> Vec<Row> {
        let mut y = top;
        data.into_iter()
            .map(|d| {
                let row = Row {
                    top: y,
                    h: self.row_height(&d.label),
                };
                y = row.bottom();
                row
            })
            .collect()
    }
}

/// A plotters drawing area over the output string, with the few primitives the charts use.
struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
    p: Palette,
}

impl<'a> Canvas<'a> {
    fn new(svg: &'a mut String, w: i32, h: i32, p: Palette) -> Result<Self, ChartError> {
        let size = (w.unsigned_abs(), h.unsigned_abs());
        let area = SVGBackend::with_string(svg, size).into_drawing_area();
        area.fill(&color(p.background))?;
        Ok(Canvas { area, p })
    }

    fn finish(self) -> Result<(), ChartError> {
        self.area.present()?;
        Ok(())
    }

    fn rect(&self, a: (i32, i32), b: (i32, i32), c: Rgb, alpha: f64) -> Result<(), ChartError> {
        let style = color(c).mix(alpha).filled();
        self.area.draw(&Rectangle::new([a, b], style))?;
        Ok(())
    }

    fn line(&self, points: &[(i32, i32)], c: Rgb, w: u32) -> Result<(), ChartError> {
        let style = color(c).stroke_width(w);
        self.area.draw(&PathElement::new(points.to_vec(), style))?;
        Ok(())
    }

    /// Title on the left, on as many lines as it needs (see [`header_height`]); "单位：…" on
    /// the right.
    fn header(&self, spec: &ChartSpec, w: i32) -> Result<(), ChartError> {
        let (note, title) = header_text(spec, w);
        if let Some(note) = note {
            let style = text_style(SMALL_PX, self.p.muted, HPos::Right, VPos::Top, false);
            self.area
                .draw(&Text::new(note, (w - PAD, PAD + 3), style))?;
        }
        let style = text_style(TITLE_PX, self.p.text, HPos::Left, VPos::Top, true);
        for (i, line) in title.into_iter().enumerate() {
            let y = PAD + TITLE_LINE * i as i32;
            self.area.draw(&Text::new(line, (PAD, y), style.clone()))?;
        }
        Ok(())
    }

    /// A category label, right-aligned against the plot and centred on `cy`, on as many lines
    /// as its column needs (its row is as tall as they are, see [`Grid::row_height`]).
    fn label(&self, label: &str, g: &Grid, cy: i32) -> Result<(), ChartError> {
        let lines = g.lines(label);
        let style = text_style(LABEL_PX, self.p.text, HPos::Right, VPos::Center, false);
        let first = cy - LINE * (lines.len() as i32 - 1) / 2;
        for (i, line) in lines.into_iter().enumerate() {
            if !line.is_empty() {
                let y = first + LINE * i as i32;
                self.area
                    .draw(&Text::new(line, (PAD + g.label_w, y), style.clone()))?;
            }
        }
        Ok(())
    }

    /// A value, printed exactly as given, starting at `at`.
    fn value(&self, display: &str, at: (i32, i32), px: f64) -> Result<(), ChartError> {
        let style = text_style(px, self.p.text, HPos::Left, VPos::Center, true);
        self.area.draw(&Text::new(clean(display), at, style))?;
        Ok(())
    }

    /// A legend entry whose first line is centred on `at`: the label's lines, then the value
    /// in bold after the last.
    fn legend_text(&self, e: &Entry, at: (i32, i32)) -> Result<(), ChartError> {
        let style = text_style(LABEL_PX, self.p.text, HPos::Left, VPos::Center, false);
        let mut end = at;
        for (i, line) in e.lines.iter().enumerate() {
            end = (at.0 + width_px(line, LABEL_PX), at.1 + LINE * i as i32);
            self.area
                .draw(&Text::new(line.as_str(), (at.0, end.1), style.clone()))?;
        }
        if e.display.is_empty() {
            return Ok(());
        }
        self.value(&e.display, (end.0 + 10, end.1), LABEL_PX)
    }

    /// Hatches the end of a hedged bar (see the module docs of `charts`) and returns where the
    /// drawing ends, for placing the value. `inside` keeps the cap within the bar (stacked
    /// segments have neighbours on the right).
    fn cap(
        &self,
        end: i32,
        (y0, y1): (i32, i32),
        len: i32,
        q: Option<Qualifier>,
        c: Rgb,
        inside: bool,
    ) -> Result<i32, ChartError> {
        let (a, b) = match q {
            Some(Qualifier::Over | Qualifier::Exceeds) => (0, CAP),
            Some(Qualifier::Nearly) => (CAP, 0),
            Some(Qualifier::About) => (CAP / 2, CAP / 2),
            _ => (0, 0),
        };
        let (a, b) = if inside { (a + b, 0) } else { (a, b) };
        let (x0, x1) = (end - a.min(len / 2), end + b);
        if x1 - x0 < 2 {
            return Ok(end);
        }
        self.hatch((x0, x1), (y0, y1), c)?;
        Ok(x1)
    }

    /// A lighter, striped box: how a hedged stretch of a bar (and its legend swatch) looks.
    fn hatch(&self, (x0, x1): (i32, i32), (y0, y1): (i32, i32), c: Rgb) -> Result<(), ChartError> {
        self.rect((x0, y0), (x1, y1), self.p.background, 1.0)?;
        self.rect((x0, y0), (x1, y1), c, 0.35)?;
        let h = y1 - y0;
        // 45° stripes: stripe k runs from (s, y1) up to (s + h, y0), clipped to [x0, x1].
        for s in ((x0 - h)..x1).step_by(4) {
            let (t0, t1) = ((x0 - s).max(0), (x1 - s).min(h));
            if t1 > t0 {
                self.line(&[(s + t0, y1 - t0), (s + t1, y1 - t1)], c, 1)?;
            }
        }
        Ok(())
    }

    /// One row of a bar chart: label, bar to `max`'s scale, hatched cap, value.
    fn bar_row(&self, d: &Datum, g: &Grid, row: Row, max: f64) -> Result<Mark, ChartError> {
        let colour = self.p.series[0];
        let cy = row.mid();
        let (y0, y1) = (cy - BAR / 2, cy + BAR / 2);
        let end = g.x0 + scaled(d.value, max, g.plot_w);
        self.rect((g.x0, y0), (end, y1), colour, 1.0)?;
        let after = self.cap(end, (y0, y1), end - g.x0, d.qualifier, colour, false)?;
        self.value(&d.display, (after + GAP, cy), LABEL_PX)?;
        self.label(&d.label, g, cy)?;
        Ok(mark(d, g.x0, end, y0, y1))
    }

    /// One row of a rate chart: label, the share of a 0–100% track, value past the track.
    fn rate_row(&self, d: &Datum, g: &Grid, row: Row, ext: i32) -> Result<Mark, ChartError> {
        let colour = self.p.series[0];
        let cy = row.mid();
        let (y0, y1) = (cy - BAR / 2, cy + BAR / 2);
        let track_end = g.x0 + g.plot_w;
        let end = g.x0 + scaled(d.value.min(100.0), 100.0, g.plot_w);
        self.rect((g.x0, y0), (track_end, y1), self.p.track, 1.0)?;
        self.rect((g.x0, y0), (end, y1), colour, 1.0)?;
        if d.value > 100.0 {
            // Past the track's end: say "more than the whole" instead of drawing off the scale.
            let arrow = [(end + 1, y0), (end + CAP, cy), (end + 1, y1)];
            self.area
                .draw(&Polygon::new(arrow, color(colour).filled()))?;
        } else {
            self.cap(end, (y0, y1), end - g.x0, d.qualifier, colour, false)?;
        }
        self.line(&[(track_end, y0 - 3), (track_end, y1 + 3)], self.p.axis, 1)?;
        self.value(&d.display, (track_end + ext + GAP, cy), LABEL_PX)?;
        self.label(&d.label, g, cy)?;
        Ok(mark(d, g.x0, end, y0, y1))
    }

    /// A row with a figure but no bar (alone in its panel); the mark covers the value.
    fn figure_row(&self, d: &Datum, g: &Grid, row: Row) -> Result<Mark, ChartError> {
        let cy = row.mid();
        self.value(&d.display, (g.x0, cy), LABEL_PX)?;
        self.label(&d.label, g, cy)?;
        let end = g.x0 + width_px(&clean(&d.display), LABEL_PX).min(g.plot_w);
        Ok(mark(d, g.x0, end, cy - BAR / 2, cy + BAR / 2))
    }

    /// One panel of small multiples from `top`: its unit line, then its rows on its own scale
    /// (a figure alone gets no bar); the marks in the panel's order.
    fn panel(
        &self,
        unit: &str,
        data: &[&Datum],
        g: &Grid,
        top: i32,
    ) -> Result<Vec<Mark>, ChartError> {
        let head = unit_note(unit).unwrap_or_else(|| "无单位".to_string());
        let style = text_style(SMALL_PX, self.p.muted, HPos::Left, VPos::Bottom, false);
        let y = top + PANEL_HEAD;
        self.area.draw(&Text::new(head, (PAD, y - 4), style))?;
        self.line(&[(PAD, y - 1), (g.w - PAD, y - 1)], self.p.track, 1)?;
        let rows = g.rows(data.iter().copied(), y);
        let max = data.iter().map(|d| d.value).fold(0.0, f64::max);
        let mut marks = Vec::with_capacity(data.len());
        for (d, &row) in data.iter().zip(&rows) {
            marks.push(if data.len() > 1 {
                self.bar_row(d, g, row, max)?
            } else {
                self.figure_row(d, g, row)?
            });
        }
        if data.len() > 1 {
            let end = rows.last().map_or(y, |r| r.bottom());
            self.line(&[(g.x0, y), (g.x0, end)], self.p.axis, 1)?;
        }
        Ok(marks)
    }

    /// The whole as a track with its parts stacked on it; the rest of the track, if the parts
    /// fall short, is left unlabelled and described for a tooltip.
    fn stack(
        &self,
        total: &Datum,
        parts: &[Datum],
        whole: &Whole,
        g: &Grid,
        row: Row,
    ) -> Result<(Vec<Mark>, Vec<Derived>), ChartError> {
        let p = self.p;
        let cy = row.mid();
        let (y0, y1) = (cy - STACK / 2, cy + STACK / 2);
        let total_end = g.x0 + scaled(total.value, whole.max, g.plot_w);
        self.rect((g.x0, y0), (total_end, y1), p.track, 1.0)?;
        self.area.draw(&Rectangle::new(
            [(g.x0, y0), (total_end, y1)],
            color(p.axis).stroke_width(1),
        ))?;
        let after = self.cap(
            total_end,
            (y0, y1),
            total_end - g.x0,
            total.qualifier,
            p.axis,
            false,
        )?;
        let mut marks = vec![mark(total, g.x0, total_end, y0, y1)];
        // Edges from the running sum, so the segments tile exactly and end where the sum does.
        let (mut run, mut left) = (0.0, g.x0);
        for (i, d) in parts.iter().enumerate() {
            run += d.value;
            let edge = g.x0 + scaled(run, whole.max, g.plot_w);
            let colour = p.series[i % p.series.len()];
            self.rect((left, y0), (edge, y1), colour, 1.0)?;
            self.cap(edge, (y0, y1), edge - left, d.qualifier, colour, true)?;
            if i > 0 {
                // A background-coloured seam, so neighbouring segments read as separate pieces.
                self.line(&[(left, y0), (left, y1)], p.background, 2)?;
            }
            marks.push(mark(d, left, edge, y0, y1));
            left = edge;
        }
        if whole.over {
            self.line(&[(total_end, y0 - 5), (total_end, y1 + 5)], p.text, 2)?;
        }
        self.value(&total.display, (after.max(left) + GAP, cy), LABEL_PX)?;
        self.label(&total.label, g, cy)?;
        let derived = whole
            .short
            .then(|| Derived {
                x: f64::from(left),
                y: f64::from(y0),
                w: f64::from(total_end - left),
                h: f64::from(y1 - y0),
                note: rest_note(total, parts),
            })
            .into_iter()
            .collect();
        Ok((marks, derived))
    }

    /// The credit under the chart, from `top` (see [`credit_height`]).
    fn credit(&self, spec: &ChartSpec, w: i32, top: i32) -> Result<(), ChartError> {
        let lines = credit_lines(spec, w);
        if lines.is_empty() {
            return Ok(());
        }
        self.line(&[(PAD, top + 2), (w - PAD, top + 2)], self.p.track, 1)?;
        let style = text_style(SMALL_PX, self.p.muted, HPos::Left, VPos::Top, false);
        for (i, line) in lines.into_iter().enumerate() {
            let y = top + 8 + CREDIT_LINE * i as i32;
            self.area.draw(&Text::new(line, (PAD, y), style.clone()))?;
        }
        Ok(())
    }

    /// A legend row per hedge shown: a hatched swatch and what it means, from `top`.
    fn hedge_legend(
        &self,
        hedges: &[Qualifier],
        x: i32,
        top: i32,
        w: i32,
    ) -> Result<(), ChartError> {
        let mut ly = top + LEGEND_ROW / 2;
        for &q in hedges {
            self.hatch((x, x + 14), (ly - 6, ly + 6), self.p.series[0])?;
            let style = text_style(SMALL_PX, self.p.muted, HPos::Left, VPos::Center, false);
            let lines = hedge_lines(q, w - x);
            for (k, line) in lines.iter().enumerate() {
                let at = (x + 20, ly + LINE * k as i32);
                self.area
                    .draw(&Text::new(line.as_str(), at, style.clone()))?;
            }
            ly += LEGEND_ROW + LINE * (lines.len() as i32 - 1);
        }
        Ok(())
    }
}

/// The positions of the data grouped by unit, units in order of first appearance.
fn by_unit(units: &[String]) -> Vec<(&str, Vec<usize>)> {
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        match groups.iter_mut().find(|(v, _)| *v == u.trim()) {
            Some((_, members)) => members.push(i),
            None => groups.push((u.trim(), vec![i])),
        }
    }
    groups
}

/// The credit lines (source, date) of a chart that travels alone, wrapped to its width.
fn credit_lines(spec: &ChartSpec, w: i32) -> Vec<String> {
    let room = f64::from(w - 2 * PAD);
    spec.credit
        .iter()
        .flat_map(|l| wrap(&clean(l.trim()), room, SMALL_PX, 3))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Height of the credit under a chart of width `w`: a rule and its lines.
fn credit_height(spec: &ChartSpec, w: i32) -> i32 {
    match credit_lines(spec, w).len() as i32 {
        0 => 0,
        n => 8 + CREDIT_LINE * n,
    }
}

/// The hedges among `data` that get a hatched cap, in a fixed order.
fn hedges<'a>(data: impl IntoIterator<Item = &'a Datum>) -> Vec<Qualifier> {
    let present: Vec<Qualifier> = data.into_iter().filter_map(|d| d.qualifier).collect();
    [
        Qualifier::Over,
        Qualifier::Exceeds,
        Qualifier::Nearly,
        Qualifier::About,
    ]
    .into_iter()
    .filter(|q| present.contains(q))
    .collect()
}

/// The height of the hedge legend in a chart `w` wide: a row per hedge, and a line more for
/// each line its note wraps onto.
fn legend_height(hedges: &[Qualifier], w: i32) -> i32 {
    if hedges.is_empty() {
        return 0;
    }
    let extra: usize = hedges
        .iter()
        .map(|&q| hedge_lines(q, w - PAD).len() - 1)
        .sum();
    4 + LEGEND_ROW * hedges.len() as i32 + LINE * extra as i32
}

/// A hedge's note wrapped to the room right of its swatch, in a legend `room` wide from its
/// left edge.
fn hedge_lines(q: Qualifier, room: i32) -> Vec<String> {
    let room = f64::from(room - PAD - 20);
    wrap(&hedge_note(q), room, SMALL_PX, MAX_LINES)
}

/// "斜纹：原文为“余”，实数多于此数".
fn hedge_note(q: Qualifier) -> String {
    format!(
        "斜纹：原文为“{}”，{}",
        format::hedge_word(Some(q)),
        format::hedge_sense(q)
    )
}

/// What the unlabelled rest of a whole is, for its tooltip: derived, how, and why no number.
fn rest_note(total: &Datum, parts: &[Datum]) -> String {
    let listed = parts
        .iter()
        .map(|d| format!("{}{}", d.label.trim(), d.display.trim()))
        .collect::<Vec<_>>()
        .join("、");
    format!(
        "原文未列出的部分：由总数（{}{}）减去所列分项（{listed}）推算，原文没有这个数，图中不标数值",
        total.label.trim(),
        total.display.trim()
    )
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Draw(e.to_string())
    }
}

fn color((r, g, b): Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

fn text_style(px: f64, c: Rgb, h: HPos, v: VPos, bold: bool) -> TextStyle<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    // Plotters writes `font-size = size / 1.24`, so ask for 1.24 times the wanted size.
    FontDesc::new(FontFamily::Name(FONTS), px * 1.24, style)
        .color(&color(c))
        .pos(Pos::new(h, v))
}

/// Room needed past the bar ends for hatched caps that reach beyond the value (余/超过/约).
fn beyond(data: &[Datum]) -> i32 {
    let reaches_past = |d: &Datum| {
        matches!(
            d.qualifier,
            Some(Qualifier::Over | Qualifier::Exceeds | Qualifier::About)
        )
    };
    if data.iter().any(reaches_past) {
        CAP
    } else {
        0
    }
}

fn width_px(s: &str, px: f64) -> i32 {
    // Clamped so absurd strings cannot overflow the layout arithmetic.
    width(s, px).ceil().min(1e6) as i32
}

fn widest<'a>(texts: impl IntoIterator<Item = &'a str>, px: f64) -> i32 {
    texts
        .into_iter()
        .map(|t| width_px(&clean(t), px))
        .max()
        .unwrap_or(0)
}

/// `v` on a scale where `max` is `len` long; zero when everything is zero.
fn scaled(v: f64, max: f64, len: i32) -> i32 {
    if max > 0.0 {
        (v / max * f64::from(len)).round() as i32
    } else {
        0
    }
}

fn mark(d: &Datum, x0: i32, x1: i32, y0: i32, y1: i32) -> Mark {
    Mark {
        fact: d.fact.clone(),
        x: f64::from(x0),
        y: f64::from(y0),
        w: f64::from(x1 - x0),
        h: f64::from(y1 - y0),
        label: d.label.clone(),
        display: d.display.clone(),
    }
}

/// The unit note and the title's lines as the header of a chart `w` wide draws them: the title
/// wraps in the room the note leaves rather than being cut.
fn header_text(spec: &ChartSpec, w: i32) -> (Option<String>, Vec<String>) {
    let mut room = w - 2 * PAD;
    let note = unit_note(&spec.unit).map(|n| fit(&n, f64::from(room / 2), SMALL_PX));
    if let Some(n) = &note {
        room -= width_px(n, SMALL_PX) + 12;
    }
    let title = clean(spec.title.trim());
    let lines = if title.trim().is_empty() {
        Vec::new()
    } else {
        wrap(&title, f64::from(room), TITLE_PX, MAX_LINES)
    };
    (note, lines)
}

/// Height of the header: none without title or unit note, else one line's [`HEADER`] and a
/// [`TITLE_LINE`] for each further line of the title.
fn header_height(spec: &ChartSpec, w: i32) -> i32 {
    match header_text(spec, w) {
        (None, title) if title.is_empty() => PAD,
        (_, title) => PAD + HEADER + TITLE_LINE * (title.len() as i32 - 1).max(0),
    }
}

/// "单位：件", unless the unit is empty or printed with every value (%, ‰).
fn unit_note(unit: &str) -> Option<String> {
    let unit = unit.trim();
    (!unit.is_empty() && !format::is_percent(unit)).then(|| format!("单位：{}", clean(unit)))
}

/// The title followed by every figure, for screen readers (the chart is one `role="img"`).
fn accessible_name(spec: &ChartSpec) -> String {
    let total = match &spec.form {
        Form::PartOfWhole { total } => Some(total),
        _ => None,
    };
    let figures: Vec<String> = total
        .into_iter()
        .chain(&spec.data)
        .map(|d| format!("{} {}", d.label.trim(), d.display.trim()))
        .collect();
    match spec.title.trim() {
        "" => figures.join("；"),
        title => format!("{title}：{}", figures.join("；")),
    }
}

/// Replaces plotters' fixed-size root tag with one that scales to its container.
fn responsive(svg: &str, w: i32, h: i32, name: &str) -> Result<String, ChartError> {
    let body = svg
        .strip_prefix("<svg ")
        .and_then(|s| s.find('>').map(|i| &s[i + 1..]))
        .ok_or_else(|| ChartError::Draw("plotters wrote no <svg> root".to_string()))?;
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         role=\"img\" aria-label=\"{}\">{body}",
        escape(name)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_is_proportional_and_safe() {
        assert_eq!(scaled(50.0, 100.0, 300), 150);
        assert_eq!(scaled(0.0, 0.0, 300), 0);
        assert_eq!(scaled(1.0, 1e300, 300), 0);
        assert_eq!(scaled(1e300, 1e300, 300), 300);
    }

    #[test]
    fn grid_keeps_room_for_labels_plot_and_values() {
        let g = Grid::new(400, ["行政复议", "行政诉讼"], 40);
        assert_eq!(g.label_w, 56);
        assert_eq!(g.x0, PAD + 56 + 8);
        assert_eq!(g.x0 + g.plot_w + 40, 400 - PAD);
        // Long labels are capped at 40% of the inner width.
        let g = Grid::new(400, ["很长很长很长很长很长很长很长很长很长很长很长"], 40);
        assert_eq!(g.label_w, (400 - 2 * PAD) * 2 / 5);
        // A display too wide for the chart widens it rather than squeezing the bars away.
        let g = Grid::new(300, ["x"], 400);
        assert_eq!(g.plot_w, MIN_PLOT);
        assert!(g.w > 300);
    }

    #[test]
    fn root_tag_is_replaced() {
        let svg = "<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" xmlns=\"x\">\n<rect/></svg>";
        let out = responsive(svg, 10, 5, "a<b").ok();
        assert_eq!(
            out.as_deref(),
            Some(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 5\" width=\"100%\" \
                 role=\"img\" aria-label=\"a&lt;b\">\n<rect/></svg>"
            )
        );
        assert!(responsive("<g>", 1, 1, "").is_err());
    }
}
