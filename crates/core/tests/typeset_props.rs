//! The display form of arbitrary text ([`display`]) keeps what the reader relies on: exactly
//! as many chars as the official text (so facts, glossary uses and search hits measured on it
//! stay in place), changes only ASCII `, ; : ? ! ( )` into their full-width forms, and
//! [`pieces`] gives back both the shown and the official text, cut anywhere.

// proptest is a native-only dev-dependency (its RNG does not build for wasm32).
#![cfg(not(target_arch = "wasm32"))]

use fazhi_core::typeset::{display, pieces, Piece};
use proptest::prelude::*;

#[path = "support/fuzz.rs"]
mod fuzz;

/// Inputs per target in CI; scripts/fuzz.sh runs each for a given time instead.
const CASES: u32 = 256;

/// Text made of what the rule looks at: Han, CJK marks, ASCII letters, digits, the converted
/// marks and their full-width forms, spaces and a few others.
fn text() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = "成绩但年一（），：；？！、。“”《》…aZ09%.-/ ,;:?!()\"\n"
        .chars()
        .collect();
    prop::collection::vec(prop::sample::select(alphabet), 0..40)
        .prop_map(|cs| cs.into_iter().collect())
}

fn full_width(c: char) -> Option<char> {
    let i = ",;:?!()".find(c)?;
    "，；：？！（）".chars().nth(i)
}

/// Writes back the official text from the pieces of a shown one.
fn official(ps: &[Piece]) -> String {
    ps.iter()
        .map(|p| match p {
            Piece::Same(s) => s.to_string(),
            Piece::Wide { official, .. } => official.to_string(),
        })
        .collect()
}

#[test]
fn display_changes_only_ascii_marks_one_char_for_one() {
    fuzz::run("typeset/display", CASES, text(), |t| {
        let shown = display(&t);
        prop_assert_eq!(shown.chars().count(), t.chars().count());
        for (s, o) in shown.chars().zip(t.chars()) {
            prop_assert!(
                s == o || full_width(o) == Some(s),
                "{o:?} shown as {s:?} in {t:?}"
            );
        }
        // Text with no Chinese character in it is left alone, except a lone "(1)"-like whole.
        if t.is_ascii() && !(t.starts_with('(') && t.ends_with(')')) {
            prop_assert_eq!(&shown, &t);
        }
        Ok(())
    });
}

#[test]
fn pieces_give_back_the_shown_and_the_official_text_of_any_slice() {
    let input = (text(), 0usize..41, 0usize..41);
    fuzz::run("typeset/pieces", CASES, input, |(t, a, b)| {
        let shown = display(&t);
        let n = t.chars().count();
        let (a, b) = (a.min(b).min(n), a.max(b).min(n));
        let slice = |s: &str| -> String { s.chars().skip(a).take(b - a).collect() };
        let (o, s) = (slice(&t), slice(&shown));
        let ps = pieces(&o, &s);
        let joined: String = ps
            .iter()
            .map(|p| match p {
                Piece::Same(x) => x.to_string(),
                Piece::Wide { shown, .. } => shown.to_string(),
            })
            .collect();
        prop_assert_eq!(official(&ps), o);
        prop_assert_eq!(&joined, &s);
        Ok(())
    });
}
