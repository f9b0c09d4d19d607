//! Reading comfort (适老化): font size and colour theme, remembered in localStorage when the
//! browser allows it.
//!
//! `public/boot.js` applies the stored choice to `<html>` before the first paint (the wasm
//! loads later), so nothing flashes; this module changes and stores it. Both read the same
//! keys and values (JSON, as written before): keep them in step.

use leptos::prelude::*;

const FONT_KEY: &str = "fazhi.font";
const THEME_KEY: &str = "fazhi.theme";
/// Font steps as `data-font` values; CSS maps them to sizes (100%, 112.5%, 125%, 150%).
pub const FONT_STEPS: [&str; 4] = ["标准", "大", "较大", "特大"];
/// What each step multiplies the text by: the same factors as the style sheet's
/// `:root[data-font]` sizes, for what CSS does not size (the charts' drawn text).
pub const FONT_SCALE: [f64; 4] = [1.0, 1.125, 1.25, 1.5];

/// The colour theme: follow the system (`prefers-color-scheme`) or a fixed one; high contrast
/// (white and yellow on black) is the one Chinese portals' 适老化 tools offer for poor sight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Auto,
    Light,
    Dark,
    Contrast,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Contrast => "contrast",
        }
    }
    fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            "contrast" => Theme::Contrast,
            _ => Theme::Auto,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Theme::Auto => "跟随系统",
            Theme::Light => "浅色",
            Theme::Dark => "深色",
            Theme::Contrast => "高对比",
        }
    }
    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Contrast,
            Theme::Contrast => Theme::Auto,
        }
    }
}

/// The reader's preferences as signals; changing one updates `<html>` and storage.
#[derive(Clone, Copy)]
pub struct Prefs {
    pub font: RwSignal<usize>,
    pub theme: RwSignal<Theme>,
}

impl Prefs {
    /// The stored choices (defaults where there are none or storage is unavailable), kept on
    /// `<html>` and in storage as they change.
    pub fn load() -> Prefs {
        let font = store::get(FONT_KEY)
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(0)
            .min(FONT_STEPS.len() - 1);
        let theme = store::get(THEME_KEY)
            .and_then(|s| serde_json::from_str::<String>(&s).ok())
            .map_or(Theme::Auto, |t| Theme::parse(&t));
        let prefs = Prefs {
            font: RwSignal::new(font),
            theme: RwSignal::new(theme),
        };
        Effect::new(move |_| {
            let f = prefs.font.get();
            set_root_attr("data-font", &f.to_string());
            store::set(FONT_KEY, &f.to_string());
        });
        Effect::new(move |_| {
            let t = prefs.theme.get();
            set_root_attr("data-theme", t.as_str());
            store::set(THEME_KEY, &format!("\"{}\"", t.as_str()));
        });
        prefs
    }
}

/// localStorage, optional. It can be missing or throw on every access: third-party storage
/// blocked for a cross-site iframe (where portals embed the reader), privacy modes, a
/// sandboxed frame, a full quota. The reader then starts with the defaults and forgets the
/// reader's choices at the end of the visit; nothing else depends on storage.
mod store {
    fn storage() -> Option<web_sys::Storage> {
        // `window.localStorage` itself throws (SecurityError) where storage is blocked:
        // web-sys turns that into Err.
        leptos::prelude::window().local_storage().ok().flatten()
    }

    pub fn get(key: &str) -> Option<String> {
        storage()?.get_item(key).ok().flatten()
    }

    pub fn set(key: &str, value: &str) {
        if let Some(s) = storage() {
            // A full quota or a storage that refuses writes: the choice holds for this visit.
            let _ = s.set_item(key, value);
        }
    }
}

fn set_root_attr(name: &str, value: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(name, value);
    }
}

/// Font size and theme buttons.
#[component]
pub fn PrefsControls() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let font = prefs.font;
    let last = FONT_STEPS.len() - 1;
    view! {
        <div class="prefs" role="group" aria-label="阅读设置">
            <button
                type="button"
                aria-label="A− 减小字号"
                disabled=move || font.get() == 0
                on:click=move |_| font.update(|f| *f = f.saturating_sub(1))
            >
                "A−"
            </button>
            <span class="font-now" aria-live="polite">
                "字号：" {move || FONT_STEPS[font.get()]}
            </span>
            <button
                type="button"
                aria-label="A+ 增大字号"
                disabled=move || font.get() == last
                on:click=move |_| font.update(|f| *f = (*f + 1).min(last))
            >
                "A+"
            </button>
            <button
                type="button"
                on:click=move |_| prefs.theme.update(|t| *t = t.next())
            >
                "主题：" {move || prefs.theme.get().label()}
            </button>
        </div>
    }
}
