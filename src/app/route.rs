//! Hash-based navigation. `leptos_router` has no hash mode and fails on file:// (the path is
//! the file's path), and it costs ~100 KB of wasm; the reader only needs "which block is
//! addressed", which fits in the fragment: `#/b/<block id>`. Works on any static host, under
//! any sub-path, from file:// and inside an iframe; back/forward fire `hashchange`.

use leptos::prelude::*;

/// Where the reader is pointed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The top of the report.
    Top,
    /// A block (chapter, section, item, paragraph, point) or a check, by id.
    Block(String),
}

/// The link to a block, relative to the current page.
pub fn href(id: &str) -> String {
    format!("#/b/{id}")
}

/// Reads a fragment; a bare `#c1s2` (what a plain anchor would write) is accepted too.
pub fn parse(hash: &str) -> Route {
    let h = hash.trim_start_matches('#');
    let id = h.strip_prefix("/b/").unwrap_or(h);
    let valid = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Route::Block(id.to_string())
    } else {
        Route::Top
    }
}

fn current() -> Route {
    parse(&window().location().hash().unwrap_or_default())
}

/// The route as a signal, kept in step with the address bar.
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(current());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| set_route.set(current()));
    on_cleanup(move || handle.remove());
    route
}

/// The page's address with the fragment for `id`, for copying and QR codes.
pub fn absolute(id: Option<&str>) -> String {
    let loc = window().location();
    let href = loc.href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default().to_string();
    match id {
        Some(id) => format!("{base}{}", self::href(id)),
        None => href,
    }
}

/// The element the address points at (`#/b/<id>`), for `class:is-target`: a memo of the
/// address's id. When it changes, each addressable element compares its own id with it (a
/// string comparison, a few hundred per change) and only the old and the new target change
/// class. A `Selector` would spare the comparisons, at 4 KB of gzipped wasm.
#[derive(Clone, Copy)]
pub struct Target(Memo<Option<String>>);

impl Target {
    /// Follows `route`; provided as context for every element with an addressable id.
    pub fn provide(route: ReadSignal<Route>) -> Target {
        let target = Target(Memo::new(move |_| match route.get() {
            Route::Block(id) => Some(id),
            Route::Top => None,
        }));
        provide_context(target);
        target
    }

    /// Whether the element with this id is the one addressed (reactive).
    pub fn is(&self, id: &str) -> bool {
        self.0.with(|t| t.as_deref() == Some(id))
    }
}
