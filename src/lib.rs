//! The reader: a Leptos app, compiled to WebAssembly, that loads a report JSON (the format in
//! `fazhi_core::model`) and renders it. Everything that is not the browser UI lives in
//! `fazhi_core`.

#[cfg(target_arch = "wasm32")]
pub mod app;

/// The editor's desk: its own wasm (`src/bin/desk.rs`), loaded instead of the reader under
/// `?edit`.
#[cfg(target_arch = "wasm32")]
pub mod desk;
