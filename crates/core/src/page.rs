//! Post-build packaging of what `trunk build` writes, so the reader ships everywhere:
//!
//! * **Any static host under a strict CSP.** Trunk writes its start-up script inline (trunk
//!   issue 288: no option to write it to a file), which `script-src 'self'` blocks. It becomes
//!   a content-hashed `start-<hash>.js`; any other inline script becomes a file too (except
//!   the live-reload script only `trunk serve` adds), and the page is refused if anything else
//!   inline remains ([`html::inline_code`]).
//! * **First paint and no JavaScript.** The default report is written into `index.html` as
//!   plain HTML ([`prerender`]), with a loading line and the messages for browsers that cannot
//!   run the app; the page's `<title>` becomes the report's.
//! * **One file that opens offline.** For every report in the folder, `<name>.html` with
//!   everything inside: style sheet, classic scripts, favicon as a `data:` URL, the report JSON
//!   in `<script type="application/json" id="report-data">`, the wasm-bindgen glue as an
//!   inline module (inline modules are not fetched, so file:// works) and the wasm as base64,
//!   instantiated with `__wbg_init({ module_or_path: bytes })`.
//!
//! The page transformations are pure functions over strings and a file reader, so they are
//! tested without a build; [`run`] does the I/O.

pub mod codec;
pub mod html;
pub mod prerender;

use crate::model::{Report, FORMAT};
use codec::{base64, css_for_style, hex, html_attr, html_text, js_for_script, sha256};
use html::{splice, tags, Tag};
use prerender::{prerender, Target};
use std::ops::Range;
use std::path::PathBuf;

/// Where `index.html` asks for the pre-rendered report.
pub const MARKER: &str = "<!-- prerender -->";
/// The id of the inline report data in the offline file; `src/app/load.rs` reads it.
pub const REPORT_DATA_ID: &str = "report-data";
/// The id of the inline wasm (base64) in the offline file.
const WASM_DATA_ID: &str = "reader-wasm";

/// Why packaging failed. Every message names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: {source}")]
    Html {
        file: String,
        source: html::HtmlError,
    },
    #[error("{file}: {message}")]
    Page { file: String, message: String },
    #[error("{file}: not a valid {FORMAT} report: {detail}")]
    Report { file: String, detail: String },
    #[error("{0}")]
    Usage(String),
}

pub fn page_err(file: &str, message: impl Into<String>) -> PackageError {
    PackageError::Page {
        file: file.to_string(),
        message: message.into(),
    }
}

/// Reads a file of the built folder by its name relative to the page.
pub type Read<'a> = dyn Fn(&str) -> Result<Vec<u8>, PackageError> + 'a;

/// A report found in the built folder.
#[derive(Debug, Clone)]
pub struct Bundled {
    /// Its file name, e.g. `shangcheng-2022.json`.
    pub file: String,
    /// The JSON as shipped.
    pub json: String,
    pub report: Report,
    /// The official text beside it (`<stem>.txt`), if shipped.
    pub text_file: Option<String>,
    /// SHA-256 (hex) of that text, recorded in the pages as `<meta name="source-sha256">`.
    pub text_sha256: Option<String>,
}

impl Bundled {
    /// `shangcheng-2022.json` -> `shangcheng-2022`.
    pub fn stem(&self) -> &str {
        self.file.strip_suffix(".json").unwrap_or(&self.file)
    }
}

/// What Trunk's start-up script loads.
#[derive(Debug, Clone, PartialEq)]
pub struct StartUp {
    /// The wasm-bindgen glue (an ES module), relative to the page, e.g. `reader-<hash>.js`.
    pub glue: String,
    /// The wasm, relative to the page.
    pub wasm: String,
}

/// Finds Trunk's inline start-up script (`import init, * as bindings from './x.js'; … init({
/// module_or_path: './x_bg.wasm' })`) and what it loads.
pub fn find_start_up(page: &str, tags: &[Tag]) -> Option<(usize, StartUp)> {
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
        Some((i, StartUp { glue, wasm }))
    })
}

/// The start-up code both pages share. `glue_import` is the statement that brings `init` into
/// scope (absent when the glue is inline) and `module_or_path` what `init` loads. It skips
/// browsers without WebAssembly (`public/boot.js` has already shown the fallback), and marks a
/// failed start on `<html>` so the page says so instead of loading forever.
fn start_code(glue_import: Option<&str>, init: &str, module_or_path: &str) -> String {
    let import = glue_import
        .map(|g| format!("    const {{ default: {init} }} = await import({g});\n"))
        .unwrap_or_default();
    format!(
        "if (typeof WebAssembly === 'object') {{\n  try {{\n{import}    await {init}({{ module_or_path: {module_or_path} }});\n  }} catch (e) {{\n    document.documentElement.classList.add('boot-failed');\n    console.error('阅读器启动失败', e);\n  }}\n}}\n"
    )
}

/// The external start-up script for the hosted page. The glue is imported dynamically so a
/// failed download lands in the same `catch` as a failed instantiation.
pub fn start_script(start: &StartUp) -> String {
    let mut s = String::from(
        "// Written by `package` (src/package.rs) in place of Trunk's inline start-up script,\n\
         // which a strict Content-Security-Policy (script-src 'self') would block.\n",
    );
    s.push_str(&start_code(
        Some(&js_string(&format!("./{}", start.glue))),
        "init",
        &js_string(&format!("./{}", start.wasm)),
    ));
    s
}

fn js_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// Content-hashed name and SRI value of a file the packager writes, e.g. `start-1a2b….js`.
fn hashed(stem: &str, ext: &str, body: &[u8]) -> (String, String) {
    let digest = sha256(body);
    (
        format!("{stem}-{}.{ext}", &hex(&digest)[..16]),
        format!("sha256-{}", base64(&digest)),
    )
}

/// The hosted `index.html` and the files it now needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Hosted {
    pub html: String,
    /// New files (name relative to the page, content).
    pub files: Vec<(String, String)>,
}

/// Rewrites Trunk's `index.html` for static hosting under a strict CSP, with `report`
/// pre-rendered in it.
pub fn hosted_page(page: &str, report: &Bundled) -> Result<Hosted, PackageError> {
    let file = "index.html";
    let all = tags(page).map_err(|source| PackageError::Html {
        file: file.into(),
        source,
    })?;
    let (start_at, start) = find_start_up(page, &all).ok_or_else(|| {
        page_err(
            file,
            "no inline Trunk start-up script (`import init, * as bindings from …`): was the \
             folder packaged already? Run `trunk build` again.",
        )
    })?;
    let mut files = Vec::new();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // Trunk's dev reload script, which `trunk serve` fills in when it serves the page.
    let mut dev_only = Vec::new();
    for (i, t) in all.iter().enumerate() {
        let inline_js = t.is_executable_script() && t.attr("src").is_none();
        if inline_js && is_trunk_autoreload(page, t) {
            // Left inline: in a file its placeholders would never be filled in. Only
            // `trunk serve` writes it, and nobody deploys what `trunk serve` builds.
            dev_only.push(t.span.clone());
        } else if i == start_at {
            let js = start_script(&start);
            let (name, integrity) = hashed("start", "js", js.as_bytes());
            edits.push((
                t.span.clone(),
                format!(
                    "<script type=\"module\" src=\"./{name}\" integrity=\"{integrity}\"></script>"
                ),
            ));
            files.push((name, js));
        } else if inline_js {
            // Anything else inline moves out as is.
            let js = page[t.text.clone().unwrap_or(0..0)].to_string();
            let (name, integrity) = hashed("inline", "js", js.as_bytes());
            let ty = t
                .attr("type")
                .map(|ty| format!(" type=\"{}\"", html_attr(ty)))
                .unwrap_or_default();
            edits.push((
                t.span.clone(),
                format!("<script{ty} src=\"./{name}\" integrity=\"{integrity}\"></script>"),
            ));
            files.push((name, js));
        } else if t.name == "title" {
            edits.push((t.span.clone(), title(&report.report)));
        }
    }
    edits.extend(head_meta(&all, report));
    edits.push(marker(page, file)?.map_or_else(
        || Err(page_err(file, format!("no {MARKER} in <body>"))),
        |r| {
            Ok((
                r,
                prerender(
                    &report.report,
                    Target::Hosted {
                        text_file: report.text_file.as_deref(),
                    },
                ),
            ))
        },
    )?);
    let mut checked = edits.clone();
    checked.extend(dev_only.into_iter().map(|r| (r, String::new())));
    let html = splice(page, edits);
    let blocked =
        html::inline_code(&splice(page, checked)).map_err(|source| PackageError::Html {
            file: file.into(),
            source,
        })?;
    if !blocked.is_empty() {
        return Err(page_err(
            file,
            format!(
                "a strict Content-Security-Policy would block: {}. Move it into a file.",
                blocked.join("; ")
            ),
        ));
    }
    Ok(Hosted { html, files })
}

/// Whether `t` is the live-reload script `trunk serve` injects (its address is a placeholder
/// that the dev server substitutes in the HTML it serves).
fn is_trunk_autoreload(page: &str, t: &Tag) -> bool {
    t.text
        .clone()
        .is_some_and(|r| page[r].contains("{{__TRUNK_ADDRESS__}}"))
}

fn title(report: &Report) -> String {
    format!("<title>{}</title>", html_text(&report.meta.title))
}

/// `<meta name="source-sha256">` after `<meta charset>`: which official text the page shows.
fn head_meta(all: &[Tag], report: &Bundled) -> Option<(Range<usize>, String)> {
    let sha = report.text_sha256.as_ref()?;
    let charset = all
        .iter()
        .find(|t| t.name == "meta" && t.attr("charset").is_some())?;
    let end = charset.span.end;
    Some((
        end..end,
        format!("\n    <meta name=\"source-sha256\" content=\"{sha}\">"),
    ))
}

fn marker(page: &str, file: &str) -> Result<Option<Range<usize>>, PackageError> {
    let mut found = page.match_indices(MARKER);
    let first = found.next().map(|(i, m)| i..i + m.len());
    if found.next().is_some() {
        return Err(page_err(file, format!("{MARKER} appears more than once")));
    }
    Ok(first)
}

/// The offline file for `report`, built from Trunk's `index.html` and the files beside it.
pub fn offline_page(page: &str, read: &Read, report: &Bundled) -> Result<String, PackageError> {
    let file = format!("{}.html", report.stem());
    let all = tags(page).map_err(|source| PackageError::Html {
        file: file.clone(),
        source,
    })?;
    let (start_at, start) = find_start_up(page, &all).ok_or_else(|| {
        page_err(
            &file,
            "no inline Trunk start-up script: build from a fresh `trunk build`",
        )
    })?;
    let text = |name: &str| -> Result<String, PackageError> {
        String::from_utf8(read(name)?).map_err(|_| page_err(name, "not UTF-8"))
    };
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (i, t) in all.iter().enumerate() {
        let src = t.attr("src").filter(|s| !s.is_empty());
        let href = t.attr("href").filter(|s| !s.is_empty());
        let rel = t.attr("rel").unwrap_or("").to_ascii_lowercase();
        let edit = if i == start_at || is_trunk_autoreload(page, t) {
            // The start-up moves to the end of <body>, after the data it needs; the dev reload
            // script has no server to talk to.
            Some(String::new())
        } else if t.name == "title" {
            Some(title(&report.report))
        } else if t.name == "script" && t.is_executable_script() && t.attr("type").is_none() {
            match src {
                Some(s) => Some(format!("<script>{}</script>", js_for_script(&text(s)?))),
                None => None,
            }
        } else if t.name == "script" && src.is_some() {
            return Err(page_err(
                &file,
                format!(
                    "cannot inline <script type=\"{}\" src>",
                    t.attr("type").unwrap_or("")
                ),
            ));
        } else if t.name == "link" && rel == "stylesheet" {
            let s = href.ok_or_else(|| page_err(&file, "<link rel=stylesheet> without href"))?;
            Some(format!("<style>\n{}</style>", css_for_style(&text(s)?)))
        } else if t.name == "link" && (rel == "icon" || rel == "shortcut icon") {
            let s = href.ok_or_else(|| page_err(&file, "<link rel=icon> without href"))?;
            let mime = t
                .attr("type")
                .map(str::to_string)
                .unwrap_or_else(|| mime_of(s).into());
            Some(format!(
                "<link rel=\"icon\" href=\"data:{};base64,{}\" type=\"{}\">",
                html_attr(&mime),
                base64(&read(s)?),
                html_attr(&mime)
            ))
        } else if t.name == "link" && (rel == "modulepreload" || rel == "preload") {
            // Everything is inline: nothing to preload.
            Some(String::new())
        } else if t.name == "link" && href.is_some() {
            return Err(page_err(
                &file,
                format!("cannot inline <link rel=\"{rel}\" href>"),
            ));
        } else {
            None
        };
        if let Some(e) = edit {
            edits.push((t.span.clone(), e));
        }
    }
    edits.extend(head_meta(&all, report));
    let m = marker(page, &file)?.ok_or_else(|| page_err(&file, format!("no {MARKER}")))?;
    edits.push((m, prerender(&report.report, Target::Offline)));
    let body_end = page
        .to_ascii_lowercase()
        .rfind("</body>")
        .ok_or_else(|| page_err(&file, "no </body>"))?;
    let glue = text(&start.glue)?;
    let wasm = read(&start.wasm)?;
    let boot = start_code(None, "__wbg_init", "bytes");
    let tail = format!(
        "<script type=\"application/json\" id=\"{REPORT_DATA_ID}\">{json}</script>\n\
         <script type=\"application/octet-stream\" id=\"{WASM_DATA_ID}\">{wasm}</script>\n\
         <script type=\"module\">\n{glue}\n\
         // Offline start-up (src/package.rs): the wasm comes from the page, not from a fetch,\n\
         // which file:// would refuse. Asynchronous instantiation has no size limit.\n\
         {{\n  const text = document.getElementById('{WASM_DATA_ID}').textContent;\n  \
         const raw = atob(text.trim());\n  const bytes = new Uint8Array(raw.length);\n  \
         for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);\n{boot}}}\n</script>\n",
        json = codec::json_for_script(&report.json),
        wasm = base64(&wasm),
        glue = js_for_script(&glue),
    );
    edits.push((body_end..body_end, tail));
    let html = splice(page, edits);
    let outside = external_refs(&html).map_err(|source| PackageError::Html {
        file: file.clone(),
        source,
    })?;
    if !outside.is_empty() {
        return Err(page_err(
            &file,
            format!("still needs other files: {}", outside.join(", ")),
        ));
    }
    Ok(html)
}

/// Script, style sheet, image and frame URLs in `html` that point outside the page itself.
pub fn external_refs(html: &str) -> Result<Vec<String>, html::HtmlError> {
    Ok(tags(html)?
        .into_iter()
        .filter_map(|t| {
            let url = match t.name.as_str() {
                "script" | "img" | "iframe" | "source" | "audio" | "video" => t.attr("src"),
                "link" => t.attr("href"),
                _ => None,
            }?;
            (!url.is_empty() && !url.starts_with("data:") && !url.starts_with('#'))
                .then(|| format!("<{} {url}>", t.name))
        })
        .collect())
}

fn mime_of(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// The shape of what Trunk 0.21 writes (see dist/index.html after `trunk build`).
    const TRUNK_PAGE: &str = r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
    <meta charset="utf-8">
    <title>法治政府建设年度报告</title>
    <script src="boot.js"></script>
    <link rel="icon" href="favicon.svg" type="image/svg+xml">
<script type="module">
import init, * as bindings from './reader-0123456789abcdef.js';
const wasm = await init({ module_or_path: './reader-0123456789abcdef_bg.wasm' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>
    <link rel="stylesheet" href="./style-0123456789abcdef.css" integrity="sha384-x"/>
<link rel="modulepreload" href="./reader-0123456789abcdef.js" crossorigin="anonymous" integrity="sha384-y"><link rel="preload" href="./reader-0123456789abcdef_bg.wasm" crossorigin="anonymous" integrity="sha384-z" as="fetch" type="application/wasm"></head>
<body>
    <!-- prerender -->
</body>
</html>
"#;

    fn bundled() -> Bundled {
        let json = r#"{"format":"fazhi-report/1","meta":{"title":"某县人民政府关于2022年法治政府建设情况的报告 </script>","issuer":"某县人民政府","year":2022,"signed":null,"site":null,"site_url":null,"published":null,"source":null},"blocks":[{"id":"c1","kind":"chapter","number":"一、","title":"总体情况","text":"","line":1,"children":[{"id":"c1p1","kind":"paragraph","number":null,"title":null,"text":"办理行政复议案件12件 <!-- 注 -->。","line":2}]}]}"#;
        Bundled {
            file: "mou-2022.json".into(),
            json: json.into(),
            report: serde_json::from_str(json).unwrap(),
            text_file: Some("mou-2022.txt".into()),
            text_sha256: Some(hex(&sha256("原文".as_bytes()))),
        }
    }

    fn files() -> HashMap<&'static str, Vec<u8>> {
        HashMap::from([
            ("boot.js", b"(function(){ /* </script> */ })();".to_vec()),
            (
                "favicon.svg",
                b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
            ),
            ("style-0123456789abcdef.css", b"body { margin: 0 }".to_vec()),
            (
                "reader-0123456789abcdef.js",
                b"async function __wbg_init(m) {}\nexport { __wbg_init as default };".to_vec(),
            ),
            (
                "reader-0123456789abcdef_bg.wasm",
                vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
            ),
        ])
    }

    fn reader<'a>(
        files: &'a HashMap<&'static str, Vec<u8>>,
    ) -> impl Fn(&str) -> Result<Vec<u8>, PackageError> + 'a {
        move |name| {
            files
                .get(name.trim_start_matches("./"))
                .cloned()
                .ok_or_else(|| page_err(name, "missing"))
        }
    }

    #[test]
    fn finds_what_trunks_start_up_script_loads() {
        let all = tags(TRUNK_PAGE).unwrap();
        let (i, s) = find_start_up(TRUNK_PAGE, &all).unwrap();
        assert_eq!(all[i].name, "script");
        assert_eq!(
            s,
            StartUp {
                glue: "reader-0123456789abcdef.js".into(),
                wasm: "reader-0123456789abcdef_bg.wasm".into(),
            }
        );
    }

    #[test]
    fn hosted_page_moves_the_start_up_script_into_a_hashed_file() {
        let out = hosted_page(TRUNK_PAGE, &bundled()).unwrap();
        assert_eq!(out.files.len(), 1);
        let (name, js) = &out.files[0];
        let (should_name, integrity) = hashed("start", "js", js.as_bytes());
        assert_eq!(name, &should_name);
        assert!(out.html.contains(&format!(
            "<script type=\"module\" src=\"./{name}\" integrity=\"{integrity}\"></script>"
        )));
        assert!(js.contains("await import(\"./reader-0123456789abcdef.js\")"));
        assert!(js.contains("module_or_path: \"./reader-0123456789abcdef_bg.wasm\""));
        assert!(!out.html.contains("import init"));
        assert_eq!(html::inline_code(&out.html).unwrap(), Vec::<String>::new());
        // Trunk's own links stay: hashed names, SRI.
        assert!(out.html.contains("integrity=\"sha384-x\""));
    }

    #[test]
    fn hosted_page_prerenders_the_report_and_retitles_the_page() {
        let out = hosted_page(TRUNK_PAGE, &bundled()).unwrap();
        assert!(!out.html.contains(MARKER));
        assert!(out.html.contains(
            "<title>某县人民政府关于2022年法治政府建设情况的报告 &lt;/script&gt;</title>"
        ));
        assert!(out.html.contains("<h2>一、总体情况</h2>"));
        assert!(out
            .html
            .contains("办理行政复议案件12件 &lt;!-- 注 --&gt;。"));
        assert!(out.html.contains("<a href=\"mou-2022.txt\">"));
        assert!(out.html.contains(&format!(
            "<meta name=\"source-sha256\" content=\"{}\"",
            hex(&sha256("原文".as_bytes()))
        )));
    }

    #[test]
    fn hosted_page_externalises_other_inline_scripts_and_refuses_inline_styles() {
        let page = TRUNK_PAGE.replace("</head>", "<script>console.log('reload')</script></head>");
        let out = hosted_page(&page, &bundled()).unwrap();
        assert_eq!(out.files.len(), 2);
        assert_eq!(out.files[1].1, "console.log('reload')");
        assert!(out.files[1].0.starts_with("inline-"));
        let styled = TRUNK_PAGE.replace("<body>", "<body style=\"margin:0\">");
        let err = hosted_page(&styled, &bundled()).unwrap_err().to_string();
        assert!(err.contains("style= attribute on <body>"), "{err}");
        let packaged = hosted_page(TRUNK_PAGE, &bundled()).unwrap().html;
        assert!(hosted_page(&packaged, &bundled())
            .unwrap_err()
            .to_string()
            .contains("packaged already"));
    }

    #[test]
    fn offline_page_has_everything_inside() {
        let files = files();
        let read = reader(&files);
        let html = offline_page(TRUNK_PAGE, &read, &bundled()).unwrap();
        assert_eq!(external_refs(&html).unwrap(), Vec::<String>::new());
        // Style sheet and classic script inline; a `</script>` in a comment cannot close it.
        assert!(html.contains("<style>\nbody { margin: 0 }</style>"));
        assert!(html.contains("<script>(function(){ /* <\\/script> */ })();</script>"));
        assert!(html.contains(&format!(
            "<link rel=\"icon\" href=\"data:image/svg+xml;base64,{}\"",
            base64(&files["favicon.svg"])
        )));
        assert!(!html.contains("modulepreload"));
        // The wasm as base64, decoded and instantiated by the inline glue.
        assert!(html.contains(&format!(
            "<script type=\"application/octet-stream\" id=\"reader-wasm\">{}</script>",
            base64(&files["reader-0123456789abcdef_bg.wasm"])
        )));
        assert!(html.contains("export { __wbg_init as default };"));
        assert!(html.contains("await __wbg_init({ module_or_path: bytes });"));
        // The report data: every `<` escaped, and it reads back as the same report.
        let start = html.find("id=\"report-data\">").unwrap() + "id=\"report-data\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        let data = &html[start..end];
        assert!(!data.contains('<'));
        let back: Report = serde_json::from_str(data).unwrap();
        assert_eq!(back, bundled().report);
        // Data before the module that reads it, both after the pre-rendered text.
        let order: Vec<usize> = [
            "<h2>一、总体情况",
            "id=\"report-data\"",
            "id=\"reader-wasm\"",
            "<script type=\"module\">",
        ]
        .iter()
        .map(|s| html.find(s).unwrap())
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        assert!(
            !html.contains("<a href=\"mou-2022.txt\""),
            "nothing beside the offline file to link to"
        );
    }

    #[test]
    fn trunk_serves_reload_script_stays_inline_for_trunk_serve_and_leaves_the_offline_file() {
        let reload = "<script>const address = '{{__TRUNK_ADDRESS__}}';</script>";
        let page = TRUNK_PAGE.replace("</body>", &format!("{reload}</body>"));
        let out = hosted_page(&page, &bundled()).unwrap();
        assert_eq!(out.files.len(), 1, "only start-*.js");
        assert!(out.html.contains(reload));
        let files = files();
        let read = reader(&files);
        let offline = offline_page(&page, &read, &bundled()).unwrap();
        assert!(!offline.contains("__TRUNK_ADDRESS__"));
    }

    #[test]
    fn offline_page_refuses_what_it_cannot_inline() {
        let files = files();
        let read = reader(&files);
        let page = TRUNK_PAGE.replace(
            "</head>",
            "<link rel=\"manifest\" href=\"app.webmanifest\"></head>",
        );
        let err = offline_page(&page, &read, &bundled())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("cannot inline <link rel=\"manifest\""),
            "{err}"
        );
        let missing = TRUNK_PAGE.replace("boot.js", "gone.js");
        assert!(offline_page(&missing, &read, &bundled()).is_err());
    }
}
