//! Report figures -> SVG charts, drawn with `plotters`' SVG backend into a string.
//!
//! Pure functions with no browser in sight: the native tests check exactly the SVG the reader
//! shows. Text is laid out here from a character-count estimate (CJK ~1em, ASCII ~0.6em) rather
//! than by plotters, so plotters never measures text: the output is the same natively and in wasm,
//! and plotters' browser text measurement (which needs a `document.body`) is never called.
//!
//! # Responsive output
//! Plotters writes a root `<svg width=W height=H viewBox=…>`. [`draw`] replaces that tag with
//! `viewBox="0 0 W H" width="100%"` and no height, so the chart fills its container's width and
//! keeps its aspect ratio; CSS `max-width` on the element can cap it. A presentation attribute
//! rather than a `style` attribute, because a strict CSP blocks inline styles. Draw at about the
//! container's width so text stays near its nominal size.
//!
//! # Honest numbers
//! Every mark is labelled with its [`Datum::display`] string, printed as given: the figure as the
//! text writes it, without the unit the chart states once ([`crate::format::bare`]: "280余",
//! "近200", "约200", "达95%"). A hedged figure (余/近/约/超过) also
//! gets a hatched, lighter cap at the end of its bar, placed where the truth lies: past the end
//! for 余/超过 (at least this much), inside the end for 近 (a little under), across the end for 约;
//! a legend under the chart says so for each hedge it shows. The solid bar itself always ends
//! exactly at the stated value. A number the text does not state is never printed: the rest of
//! a whole that the text does not break down is an unlabelled segment, described in
//! [`Drawn::derived`] for the caller's tooltip.

mod draw;
pub mod resolve;
mod text;
mod theme;

use crate::model::{Fact, Qualifier};

pub use theme::{contrast, Palette, Rgb};

/// One figure to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Datum {
    /// The category shown on the axis side (Chinese, any length: a long label wraps onto as
    /// many lines as it needs and its row grows; only an absurdly long one is shortened with
    /// "…", and it is always kept whole in [`Mark::label`]).
    pub label: String,
    /// The value the bar is drawn to; must be finite and not negative.
    pub value: f64,
    /// Exactly how the number is printed next to its mark, hedges included ("280余", "82.14%").
    pub display: String,
    /// How the source hedges the figure; approximate ones get a hatched end cap.
    pub qualifier: Option<Qualifier>,
    /// The id of the fact it comes from (empty if none), handed back in [`Mark::fact`].
    pub fact: String,
}

impl Datum {
    /// A datum for a fact: its label, value, hedge and id, printed with
    /// [`crate::format::bare`].
    pub fn from_fact(fact: &Fact) -> Datum {
        Datum {
            label: fact.label.clone(),
            value: fact.value,
            display: crate::format::bare(fact.value, &fact.unit, fact.qualifier),
            qualifier: fact.qualifier,
            fact: fact.id.clone(),
        }
    }
}

/// What kind of chart to draw from [`ChartSpec::data`].
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// One horizontal bar per datum, all on one scale from zero.
    Bars,
    /// The data are parts of `total`: one stacked bar of the parts over a track as long as the
    /// total. Parts that fall short leave a labelled remainder; parts that exceed it run past a
    /// marker at the total and the excess is labelled. Never silently reconciled.
    PartOfWhole {
        /// The stated whole.
        total: Datum,
    },
    /// Percentages, each a bar on a 0–100% track. Values over 100 fill the track and get an
    /// arrow past its end.
    Rate,
    /// Small multiples: the data grouped by unit (`units[i]` is the unit of `data[i]`), one
    /// panel per unit in order of first appearance, each on its own scale and headed
    /// "单位：…", so no axis ever carries two units. A panel with a single figure prints it
    /// without a bar: alone on its own scale a bar would always be full length and say nothing.
    Units {
        /// The unit of each datum, by position.
        units: Vec<String>,
    },
}

/// A chart to draw: plain data, built from the report by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// A stable id for the chart (for the caller's bookkeeping; not drawn).
    pub id: String,
    /// The heading drawn above the chart and used as its accessible name.
    pub title: String,
    /// The unit of the values ("件"); shown as "单位：件" unless empty or "%".
    pub unit: String,
    /// The kind of chart.
    pub form: Form,
    /// The figures, in the order they are drawn (top to bottom).
    pub data: Vec<Datum>,
    /// Lines printed under the chart when it travels alone (a download): where the figures come
    /// from and when ("数据来源：…"). Empty on the page, which says so itself.
    pub credit: Vec<String>,
}

/// Colours for a light or a dark page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on a near-black background.
    Dark,
}

/// Where a drawn figure is, so the caller can overlay tooltips or click targets.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The fact id from the datum (empty if none).
    pub fact: String,
    /// Left edge of the bar in SVG user units (the viewBox's coordinates).
    pub x: f64,
    /// Top edge of the bar.
    pub y: f64,
    /// Width of the bar: the value on the chart's scale (0 for a zero value).
    pub w: f64,
    /// Height of the bar.
    pub h: f64,
    /// The datum's full label, even when the chart shows it shortened.
    pub label: String,
    /// The datum's display string.
    pub display: String,
}

/// A region of a chart that shows no stated figure (the rest of a whole that the text does not
/// break down): the caller gives it a tooltip saying what it is and how it was derived.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    /// Left edge in SVG user units.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// What the region is and how it follows from stated figures, in Chinese.
    pub note: String,
}

/// A drawn chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// A standalone SVG document (`<svg viewBox="0 0 width height" width="100%">…</svg>`).
    pub svg: String,
    /// Width of the viewBox: the requested width clamped to 190..=1200, or wider when the
    /// value labels need it.
    pub width: u32,
    /// Height of the viewBox, from the rows and the lines their labels and the title take.
    pub height: u32,
    /// One mark per datum in data order; for [`Form::PartOfWhole`] the total comes first.
    pub marks: Vec<Mark>,
    /// Regions drawn but not stated by the text, each with its explanation.
    pub derived: Vec<Derived>,
}

/// Why a chart could not be drawn, worded for the reader (the UI is in Chinese).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    /// There is nothing to draw.
    #[error("图表没有数据")]
    NoData,
    /// A value is NaN or infinite.
    #[error("“{label}”的数值无效（{value}），无法作图")]
    NotFinite {
        /// The datum's label.
        label: String,
        /// The offending value.
        value: f64,
    },
    /// A value is below zero; bars start at zero and cannot show it honestly.
    #[error("“{label}”的数值为负（{value}），条形图无法表示")]
    Negative {
        /// The datum's label.
        label: String,
        /// The offending value.
        value: f64,
    },
    /// Small multiples whose list of units does not match the data.
    #[error("分单位小图有 {units} 个单位，但数据有 {data} 项，两者必须一一对应")]
    UnitsMismatch {
        /// Number of units given.
        units: usize,
        /// Number of data.
        data: usize,
    },
    /// The plotting library failed to write the SVG.
    #[error("绘图失败：{0}")]
    Draw(String),
}

/// Draws `spec` as an SVG about `width` user units wide (clamped to 190..=1200).
///
/// Fails on empty data, a NaN, infinite or negative value, or small multiples whose units do
/// not match the data; any other input (zero-only data, empty or very long labels, huge
/// numbers, width 0) gives a sane drawing.
pub fn draw(spec: &ChartSpec, width: u32, theme: Theme) -> Result<Drawn, ChartError> {
    let total = match &spec.form {
        Form::PartOfWhole { total } => Some(total),
        _ => None,
    };
    if spec.data.is_empty() {
        return Err(ChartError::NoData);
    }
    for d in spec.data.iter().chain(total) {
        if !d.value.is_finite() {
            return Err(ChartError::NotFinite {
                label: d.label.clone(),
                value: d.value,
            });
        }
        if d.value < 0.0 {
            return Err(ChartError::Negative {
                label: d.label.clone(),
                value: d.value,
            });
        }
    }
    if let Form::Units { units } = &spec.form {
        if units.len() != spec.data.len() {
            return Err(ChartError::UnitsMismatch {
                units: units.len(),
                data: spec.data.len(),
            });
        }
    }
    draw::chart(spec, width, theme.palette())
}
