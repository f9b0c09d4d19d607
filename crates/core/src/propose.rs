//! Charts and key-figure cards for any report, proposed from what its text states, and the
//! rules every chart and card must keep, whoever chose it.

pub mod rules;
