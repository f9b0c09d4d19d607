//! The reader's entry point: mounts the app and nothing else. Trunk builds it for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    fazhi_reader::app::crash::install();
    leptos::mount::mount_to_body(fazhi_reader::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The reader runs in the browser: build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
