//! What `trunk build` wrote, read back: the page's start-up script and what it loads, the style
//! sheet, the classic scripts and the icon the page links, and the worker's files. Everything
//! Trunk-specific the packager knows is here and in `hosted.rs`.

use super::html::Tag;
use super::{page_err, PackageError, Read};
use fazhi_core::page::codec::{hex, sha256};
use fazhi_core::page::{Manifest, MANIFEST_FORMAT};

/// The worker's bin name (index.html: `<link data-trunk rel="rust" … data-bin="worker">`), which
/// Trunk uses as is for its files: `worker.js` and `worker_bg.wasm`.
pub const WORKER_BIN: &str = "worker";

/// What Trunk's inline start-up script loads.
#[derive(Debug, Clone, PartialEq)]
pub struct StartUp {
    /// Which of the page's tags the script is.
    pub tag: usize,
    /// The wasm-bindgen glue (an ES module), relative to the page, e.g. `reader-<hash>.js`.
    pub glue: String,
    /// The wasm, relative to the page.
    pub wasm: String,
}

/// The files Trunk's page uses, by name relative to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub start: StartUp,
    pub style: String,
    pub head_scripts: Vec<String>,
    /// The icon's file and MIME type.
    pub icon: Option<(String, String)>,
}

/// Finds Trunk's inline start-up script (`import init, * as bindings from './x.js'; … init({
/// module_or_path: './x_bg.wasm' })`) and what it loads.
pub fn find_start_up(page: &str, tags: &[Tag]) -> Option<StartUp> {
    tags.iter().enumerate().find_map(|(i, t)| {
        if !(t.is_executable_script() && t.attr("src").is_none()) {
            return None;
        }
        let text = &page[t.text.clone()?];
        let quoted_after = |key: &str| {
            let at = text.find(key)? + key.len();
            let rest = text[at..].trim_start();
            let q = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
            let end = rest[1..].find(q)?;
            Some(rest[1..1 + end].trim_start_matches("./").to_string())
        };
        let glue = quoted_after("import init, * as bindings from")?;
        let wasm = quoted_after("module_or_path:")?;
        Some(StartUp { tag: i, glue, wasm })
    })
}

/// Reads the files Trunk's `index.html` uses, refusing anything an offline file could not carry
/// (it would silently lose it otherwise).
pub fn read_page(page: &str, tags: &[Tag]) -> Result<Page, PackageError> {
    let file = "index.html";
    let start = find_start_up(page, tags).ok_or_else(|| {
        page_err(
            file,
            "no inline Trunk start-up script (`import init, * as bindings from …`): was the \
             folder packaged already? Run `trunk build` again.",
        )
    })?;
    let (mut style, mut head_scripts, mut icon) = (None, Vec::new(), None);
    for t in tags {
        let name_of = |attr| {
            t.attr(attr)
                .filter(|s| !s.is_empty())
                .map(|s| s.trim_start_matches("./").to_string())
        };
        let (src, href) = (name_of("src"), name_of("href"));
        let rel = t.attr("rel").unwrap_or("").to_ascii_lowercase();
        match (t.name.as_str(), rel.as_str()) {
            ("script", _)
                if src.is_some() && t.is_executable_script() && t.attr("type").is_none() =>
            {
                head_scripts.extend(src)
            }
            ("script", _) if src.is_some() => {
                return Err(page_err(
                    file,
                    format!(
                        "cannot inline <script type=\"{}\" src>",
                        t.attr("type").unwrap_or("")
                    ),
                ))
            }
            ("link", "stylesheet") if style.is_none() => style = href,
            ("link", "icon" | "shortcut icon") => icon = href.map(|h| icon_with_type(t, h)),
            // Preloads only help a page that fetches; everything else must be inlined.
            ("link", "modulepreload" | "preload") => {}
            ("link", _) if href.is_some() => {
                return Err(page_err(
                    file,
                    format!("cannot inline <link rel=\"{rel}\" href>"),
                ))
            }
            _ => {}
        }
    }
    let style = style.ok_or_else(|| page_err(file, "no <link rel=stylesheet>"))?;
    Ok(Page {
        start,
        style,
        head_scripts,
        icon,
    })
}

/// An icon's file and its MIME type: the tag's `type`, else the one its name says.
fn icon_with_type(t: &Tag, h: String) -> (String, String) {
    let mime = t
        .attr("type")
        .map_or_else(|| mime_of(&h).to_string(), str::to_string);
    (h, mime)
}

impl Page {
    /// The manifest of these files and the worker's.
    pub fn manifest(&self, worker: &Worker) -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT.to_string(),
            style: self.style.clone(),
            head_scripts: self.head_scripts.clone(),
            glue: self.start.glue.clone(),
            wasm: self.start.wasm.clone(),
            worker: worker.js_name.clone(),
            worker_wasm: worker.wasm_name.clone(),
            icon: self.icon.clone(),
        }
    }
}

/// The worker as it ships: Trunk writes `worker.js` (wasm-bindgen's `no-modules` glue) and
/// `worker_bg.wasm` under fixed names, which a long cache would serve stale after an update; the
/// packager adds the start-up (`worker-start.js`) to the glue and names both by their content.
#[derive(Debug, Clone, PartialEq)]
pub struct Worker {
    pub js_name: String,
    pub js: String,
    pub wasm_name: String,
    pub wasm: Vec<u8>,
}

/// The names of Trunk's worker files, which the packaged folder no longer has.
pub fn trunk_worker_files() -> [String; 2] {
    [format!("{WORKER_BIN}.js"), format!("{WORKER_BIN}_bg.wasm")]
}

/// Reads Trunk's worker files and makes the shipped worker.
pub fn worker(read: &Read) -> Result<Worker, PackageError> {
    let [js_file, wasm_file] = trunk_worker_files();
    let glue = String::from_utf8(read(&js_file)?).map_err(|_| page_err(&js_file, "not UTF-8"))?;
    let js = format!("{glue}\n{}", include_str!("worker-start.js"));
    let wasm = read(&wasm_file)?;
    Ok(Worker {
        js_name: hashed_name(WORKER_BIN, ".js", js.as_bytes()),
        wasm_name: hashed_name(WORKER_BIN, "_bg.wasm", &wasm),
        js,
        wasm,
    })
}

/// `<stem>-<16 hex digits of SHA-256><suffix>`: the shape of Trunk's own hashed names, which
/// the deployment examples cache for a year.
pub fn hashed_name(stem: &str, suffix: &str, body: &[u8]) -> String {
    format!("{stem}-{}{suffix}", &hex(&sha256(body))[..16])
}

fn mime_of(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// The editor's desk's bin name (index.html: `<link data-trunk rel="rust" … data-bin="desk">`,
/// built like the worker, with `data-bindgen-target="web"`): Trunk writes `desk.js` (an ES
/// module) and `desk_bg.wasm` under fixed names, and copies its style sheet as `desk.css`.
pub const DESK_BIN: &str = "desk";

/// The desk as it ships, under content-hashed names: its glue, its wasm and its style sheet,
/// loaded only by the start-up script under `?edit`, never by a reader.
#[derive(Debug, Clone, PartialEq)]
pub struct Desk {
    pub js_name: String,
    pub js: Vec<u8>,
    pub wasm_name: String,
    pub wasm: Vec<u8>,
    pub css_name: String,
    pub css: Vec<u8>,
}

/// The names of the desk's files as Trunk writes them, which the packaged folder no longer has.
pub fn trunk_desk_files() -> [String; 3] {
    [
        format!("{DESK_BIN}.js"),
        format!("{DESK_BIN}_bg.wasm"),
        format!("{DESK_BIN}.css"),
    ]
}

/// Reads the desk's files and names them by their content.
pub fn desk(read: &Read) -> Result<Desk, PackageError> {
    let [js_file, wasm_file, css_file] = trunk_desk_files();
    let (js, wasm, css) = (read(&js_file)?, read(&wasm_file)?, read(&css_file)?);
    Ok(Desk {
        js_name: hashed_name(DESK_BIN, ".js", &js),
        wasm_name: hashed_name(DESK_BIN, "_bg.wasm", &wasm),
        css_name: hashed_name(DESK_BIN, ".css", &css),
        js,
        wasm,
        css,
    })
}
