//! Statistical figures in the body -> [`Fact`]s, and the relations between them -> [`Check`]s.
//! (Being written: see issue 3.)

use crate::model::{Check, Fact, Report};

pub(super) fn extract(_report: &Report) -> Vec<Fact> {
    Vec::new()
}

pub(super) fn cross_check(_report: &Report) -> Vec<Check> {
    Vec::new()
}
