//! A reader for Chinese county governments' annual reports on building rule-of-law government
//! (法治政府建设年度报告): the converter from the official text to JSON, and the Leptos app that
//! reads that JSON in the browser.

pub mod charts;
pub mod export;
pub mod ingest;
pub mod model;
pub mod package;
pub mod search;
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod app;
