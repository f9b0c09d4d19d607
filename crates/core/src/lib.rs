//! The pure core of the reader for Chinese governments' annual reports on building rule-of-law
//! government (法治政府建设年度报告): the report format, the converter from the official text,
//! the charts, search, export and the HTML writer. No I/O and no browser APIs, so the same code
//! runs in the command-line tools, in the reader and in its worker.
//!
//! Data flows one way: text -> [`ingest`] -> [`model`] -> ([`charts`] | [`search`] | [`export`]
//! | [`page`]); [`desk`] is the editor's choice of charts and cards, published as a sidecar
//! that [`ingest`] applies. [`format`] (how a figure is written) and [`sentence`] (where a
//! sentence ends) are shared by all of them; [`site`] says which report files a hosted reader
//! may load; [`typeset`] shows ASCII punctuation in Chinese text full-width without changing
//! the text.

pub mod charts;
pub mod desk;
pub mod export;
pub mod format;
pub mod ingest;
pub mod model;
pub mod page;
pub mod propose;
pub mod search;
pub mod sentence;
pub mod site;
pub mod typeset;
