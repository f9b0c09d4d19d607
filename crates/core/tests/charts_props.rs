#![cfg(not(target_arch = "wasm32"))]
//! Property tests for the charts (native only: proptest does not build for wasm32). Any input is
//! either drawn as well-formed SVG with its marks inside the viewBox, or refused for a reason the
//! input really has; nothing panics.

#[allow(dead_code)]
#[path = "charts_svg.rs"]
mod svg;

use fazhi_core::charts::{draw, ChartError, ChartSpec, Datum, Form, Theme};
use fazhi_core::model::Qualifier;
use proptest::collection::vec;
use proptest::prelude::*;

#[path = "support/fuzz.rs"]
mod fuzz;

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 0.0..2000.0f64,
        1 => any::<f64>(),
        1 => Just(0.0),
        1 => Just(f64::NAN),
        1 => Just(-1.0),
        1 => Just(1e300),
    ]
}

fn qualifier() -> impl Strategy<Value = Option<Qualifier>> {
    prop_oneof![
        Just(None),
        Just(Some(Qualifier::Over)),
        Just(Some(Qualifier::Nearly)),
        Just(Some(Qualifier::About)),
        Just(Some(Qualifier::Reaches)),
        Just(Some(Qualifier::Total)),
        Just(Some(Qualifier::Exceeds)),
    ]
}

fn datum() -> impl Strategy<Value = Datum> {
    (any::<String>(), value(), qualifier(), any::<bool>()).prop_map(|(label, value, q, own)| {
        Datum {
            display: if own {
                label.clone()
            } else {
                fazhi_core::format::bare(value, "件", q)
            },
            label,
            value,
            qualifier: q,
            fact: "f".to_string(),
        }
    })
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![
        Just(Form::Bars),
        Just(Form::Rate),
        datum().prop_map(|total| Form::PartOfWhole { total }),
        vec("[件项%]", 0..10).prop_map(|units| Form::Units { units }),
    ]
}

/// Inputs per run in CI (proptest's default); scripts/fuzz.sh runs more.
const CASES: u32 = 256;

#[test]
fn any_input_is_drawn_or_refused() {
    let strings = (any::<String>(), any::<String>(), vec(any::<String>(), 0..3));
    let input = (
        form(),
        vec(datum(), 0..10),
        any::<u32>(),
        any::<bool>(),
        strings,
    );
    fuzz::run(
        "draw/arbitrary-spec",
        CASES,
        input,
        |(form, data, width, dark, (title, unit, credit))| {
            let spec = ChartSpec {
                id: String::new(),
                title,
                unit,
                form,
                data,
                credit,
            };
            let theme = if dark { Theme::Dark } else { Theme::Light };
            let total = match &spec.form {
                Form::PartOfWhole { total } => Some(total),
                _ => None,
            };
            let bad = spec
                .data
                .iter()
                .chain(total)
                .any(|d| !d.value.is_finite() || d.value < 0.0);
            match draw(&spec, width, theme) {
                Ok(d) => {
                    prop_assert!(!bad);
                    let tags = svg::parse(&d.svg).map_err(TestCaseError::fail)?;
                    let view_box = format!("0 0 {} {}", d.width, d.height);
                    prop_assert_eq!(tags[0].attr("viewBox"), Some(view_box.as_str()));
                    prop_assert!(d.width >= 280);
                    let expected = spec.data.len() + usize::from(total.is_some());
                    prop_assert_eq!(d.marks.len(), expected);
                    for m in &d.marks {
                        prop_assert!(m.x >= 0.0 && m.w >= 0.0 && m.x + m.w <= f64::from(d.width));
                        prop_assert!(m.y >= 0.0 && m.h > 0.0 && m.y + m.h <= f64::from(d.height));
                    }
                }
                Err(ChartError::NoData) => prop_assert!(spec.data.is_empty()),
                Err(ChartError::NotFinite { .. } | ChartError::Negative { .. }) => {
                    prop_assert!(bad)
                }
                Err(ChartError::UnitsMismatch { units, data }) => prop_assert_ne!(units, data),
                Err(e @ ChartError::Draw(_)) => prop_assert!(false, "{}", e),
            }
            Ok(())
        },
    );
}
