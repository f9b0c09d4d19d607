//! Colours: the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies),
//! ordered per theme so the first colours have the most contrast against that background.

use super::Theme;

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// The colours a chart is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The chart's background (filled, so contrast does not depend on the page).
    pub background: Rgb,
    /// Titles, labels and values.
    pub text: Rgb,
    /// Secondary text (the unit, legend notes).
    pub muted: Rgb,
    /// The value axis, track outlines and markers.
    pub axis: Rgb,
    /// The empty part of a track (rates, the remainder of a whole).
    pub track: Rgb,
    /// Series colours in order of use; the first is the colour of single-series bars.
    pub series: [Rgb; 6],
}

const BLUE: Rgb = (0x00, 0x72, 0xB2);
const VERMILLION: Rgb = (0xD5, 0x5E, 0x00);
const GREEN: Rgb = (0x00, 0x9E, 0x73);
const PURPLE: Rgb = (0xCC, 0x79, 0xA7);
const ORANGE: Rgb = (0xE6, 0x9F, 0x00);
const SKY: Rgb = (0x56, 0xB4, 0xE9);
const YELLOW: Rgb = (0xF0, 0xE4, 0x42);

impl Theme {
    /// The palette for this theme. Light matches the reader's `--fg`/`--muted` colours.
    pub fn palette(self) -> Palette {
        match self {
            // Okabe–Ito's yellow is nearly invisible on white, so light leaves it out; blue
            // (5.2:1), vermillion, green and purple clear 3:1 for graphics.
            Theme::Light => Palette {
                background: (0xFF, 0xFF, 0xFF),
                text: (0x1D, 0x23, 0x29),
                muted: (0x5B, 0x66, 0x70),
                axis: (0x76, 0x7F, 0x88),
                track: (0xEC, 0xEA, 0xE4),
                series: [BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY],
            },
            // Okabe–Ito's blue is too dark on near-black (3:1), so dark leads with sky blue.
            Theme::Dark => Palette {
                background: (0x1E, 0x21, 0x24),
                text: (0xE8, 0xE6, 0xE3),
                muted: (0xA9, 0xB1, 0xB8),
                axis: (0x8C, 0x95, 0x9D),
                track: (0x33, 0x38, 0x3D),
                series: [SKY, ORANGE, GREEN, PURPLE, YELLOW, VERMILLION],
            },
        }
    }
}

/// WCAG 2 contrast ratio of two colours (1 to 21); text needs 4.5, graphics 3.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    fn luminance((r, g, b): Rgb) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_readable_on_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let p = theme.palette();
            assert!(contrast(p.text, p.background) >= 7.0, "{theme:?} text");
            assert!(contrast(p.muted, p.background) >= 4.5, "{theme:?} muted");
            assert!(contrast(p.axis, p.background) >= 3.0, "{theme:?} axis");
            // The bars people read first must stand out as graphics (WCAG 1.4.11).
            for c in &p.series[..4] {
                assert!(contrast(*c, p.background) >= 3.0, "{theme:?} {c:?}");
            }
        }
    }

    #[test]
    fn contrast_is_symmetric_and_bounded() {
        let (w, k) = ((255, 255, 255), (0, 0, 0));
        assert!((contrast(w, k) - 21.0).abs() < 1e-9);
        assert_eq!(contrast(w, k), contrast(k, w));
        assert!((contrast(w, w) - 1.0).abs() < 1e-9);
    }
}
