//! The editor's desk's entry point: mounts the desk and nothing else. Trunk builds it for
//! wasm32 as its own wasm (index.html), which the start-up script loads under `?edit`.

#[cfg(target_arch = "wasm32")]
fn main() {
    fazhi_reader::desk::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The desk runs in the browser: `trunk build` builds it with the reader (see README.md)."
    );
    std::process::exit(2);
}
