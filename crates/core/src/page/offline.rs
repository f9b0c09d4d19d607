//! The single file that opens offline: double-clicked, from file://, with no network. Everything
//! is inside: style sheet, start-up scripts, favicon, the report JSON, the reader's glue and
//! wasm, and the worker's script and wasm (for opening files; file:// refuses workers by URL, so
//! the reader starts it from a `blob:` URL, see `src/app/worker.rs`).
//!
//! It carries its own Content-Security-Policy in a `<meta>`: no network at all, its inline
//! scripts and style allowed by their hashes, wasm compilation (`'wasm-unsafe-eval'`) and
//! `blob:` workers. A pure function of the assets and the report, so `package` writes it
//! natively and the reader can write the same file in the browser.

use super::codec::{base64, css_for_style, html_attr, html_text, js_for_script, sha256};
use super::prerender::{prerender, Target};
use super::{fill, REPORT_DATA_ID, WORKER_SCRIPT_ID, WORKER_WASM_ID};
use crate::model::Report;

/// The id of the inline wasm (base64) that `offline-start.js` reads.
pub const WASM_DATA_ID: &str = "reader-wasm";

/// What the reader is made of, as `package` finds it in the built folder (see
/// [`super::Manifest`] for their file names).
#[derive(Debug, Clone, Copy)]
pub struct Assets<'a> {
    /// The style sheet.
    pub style: &'a str,
    /// Classic scripts run in `<head>` before the first paint (`public/boot.js`).
    pub head_scripts: &'a [String],
    /// The reader's wasm-bindgen glue, an ES module (`--target web`).
    pub glue: &'a str,
    /// The reader's wasm.
    pub wasm: &'a [u8],
    /// The worker's script: its wasm-bindgen glue (`--target no-modules`) and its start-up, as
    /// `package` writes it to `worker-<hash>.js`.
    pub worker: &'a str,
    /// The worker's wasm.
    pub worker_wasm: &'a [u8],
    /// The favicon: MIME type and bytes.
    pub icon: Option<(&'a str, &'a [u8])>,
}

/// The report the file shows.
#[derive(Debug, Clone, Copy)]
pub struct Content<'a> {
    pub report: &'a Report,
    /// The report JSON as shipped (the reader parses it as it would a download).
    pub json: &'a str,
    /// SHA-256 (hex) of the official text it was made from, if known.
    pub source_sha256: Option<&'a str>,
}

/// The offline page.
pub fn offline_page(assets: &Assets, content: &Content) -> String {
    let head_scripts: Vec<String> = assets
        .head_scripts
        .iter()
        .map(|s| js_for_script(s))
        .collect();
    let module = format!(
        "{}\n{}",
        js_for_script(assets.glue),
        include_str!("offline-start.js")
    );
    let style = css_for_style(assets.style);
    let csp = policy(
        head_scripts
            .iter()
            .map(String::as_str)
            .chain([module.as_str()]),
        &style,
    );
    let icon = assets.icon.map_or("data:,".to_string(), |(mime, bytes)| {
        format!("data:{mime};base64,{}", base64(bytes))
    });
    let source = content.source_sha256.map_or(String::new(), |sha| {
        format!(
            "<meta name=\"source-sha256\" content=\"{}\">\n",
            html_attr(sha)
        )
    });
    let scripts: String = head_scripts
        .iter()
        .map(|s| format!("<script>{s}</script>\n"))
        .collect();
    fill(
        include_str!("offline.html"),
        &[
            ("csp", &html_attr(&csp)),
            ("source", &source),
            ("title", &html_text(&content.report.meta.title)),
            ("icon", &html_attr(&icon)),
            ("head_scripts", &scripts),
            ("style", &style),
            ("prerender", &prerender(content.report, Target::Offline)),
            ("report", &super::codec::json_for_script(content.json)),
            ("worker", &js_for_script(assets.worker)),
            ("worker_wasm", &base64(assets.worker_wasm)),
            ("wasm", &base64(assets.wasm)),
            ("module", &module),
            ("report_id", REPORT_DATA_ID),
            ("worker_id", WORKER_SCRIPT_ID),
            ("worker_wasm_id", WORKER_WASM_ID),
            ("wasm_id", WASM_DATA_ID),
        ],
    )
}

/// The offline file's policy: nothing from the network, only these inline scripts and this
/// style sheet (by hash), wasm compilation, data:/blob: images (favicon, chart downloads) and
/// the worker from a `blob:` URL, which inherits this policy.
fn policy<'a>(scripts: impl Iterator<Item = &'a str>, style: &str) -> String {
    let hash = |text: &str| format!("'sha256-{}'", base64(&sha256(text.as_bytes())));
    let script_hashes: Vec<String> = scripts.map(hash).collect();
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data: blob:; \
         worker-src blob:; base-uri 'none'; form-action 'none'",
        script_hashes.join(" "),
        hash(style)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> (Report, String) {
        let json = r#"{"format":"fazhi-report/1","meta":{"title":"某县人民政府关于2022年法治政府建设情况的报告 </script>","issuer":"某县人民政府","year":2022,"signed":null,"site":null,"site_url":null,"published":null,"source":null},"blocks":[{"id":"c1","kind":"chapter","number":"一、","title":"总体情况","text":"","line":1,"children":[{"id":"c1p1","kind":"paragraph","number":null,"title":null,"text":"办理行政复议案件12件 <!-- 注 -->。","line":2}]}]}"#;
        (serde_json::from_str(json).unwrap(), json.to_string())
    }

    const WASM: &[u8] = &[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];

    fn page() -> String {
        let (report, json) = report();
        let assets = Assets {
            style: "body { margin: 0 } a::after { content: \"</style>\" }",
            head_scripts: &["(function(){ /* </script> */ })();".to_string()],
            glue: "async function __wbg_init(m) {}\nexport { __wbg_init as default };",
            wasm: WASM,
            worker: "let wasm_bindgen; /* </SCRIPT> */\nself.onmessage = () => {};",
            worker_wasm: &[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 9],
            icon: Some((
                "image/svg+xml",
                b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            )),
        };
        offline_page(
            &assets,
            &Content {
                report: &report,
                json: &json,
                source_sha256: Some("ab12"),
            },
        )
    }

    /// The text of the element whose start tag is `start_tag`.
    fn element<'a>(html: &'a str, start_tag: &str) -> &'a str {
        let at = html
            .find(start_tag)
            .unwrap_or_else(|| panic!("{start_tag}"))
            + start_tag.len();
        let end = at + html[at..].find("</").unwrap();
        &html[at..end]
    }

    #[test]
    fn everything_is_inside_and_nothing_can_close_its_element_early() {
        let html = page();
        for (tag, n) in [("<script", 6), ("<style", 1)] {
            assert_eq!(html.matches(tag).count(), n, "{tag}");
        }
        assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 6);
        assert_eq!(html.matches("</style").count(), 1);
        assert!(html.contains("<script>(function(){ /* <\\/script> */ })();</script>"));
        assert!(html.contains(&format!(
            "<script type=\"application/octet-stream\" id=\"{WASM_DATA_ID}\">{}</script>",
            base64(WASM)
        )));
        assert!(html.contains(&format!(
            "id=\"{WORKER_SCRIPT_ID}\">let wasm_bindgen; /* <\\/SCRIPT> */"
        )));
        assert!(html.contains(&format!("id=\"{WORKER_WASM_ID}\">AGFzbQEAAAAJ</script>")));
        assert!(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml;base64,"));
        assert!(html.contains("<meta name=\"source-sha256\" content=\"ab12\">"));
        assert!(!html.contains("{{"), "every placeholder filled");
        // The start-up reads the element the page writes.
        assert!(include_str!("offline-start.js").contains(&format!("'{WASM_DATA_ID}'")));
    }

    #[test]
    fn the_report_data_reads_back_as_the_same_report() {
        let html = page();
        let data = element(&html, &format!("id=\"{REPORT_DATA_ID}\">"));
        assert!(!data.contains('<'));
        let back: Report = serde_json::from_str(data).unwrap();
        assert_eq!(back, report().0);
        // Pre-rendered text first, then the data, then the module that reads it.
        let order: Vec<usize> = [
            "<h2>一、总体情况",
            "id=\"report-data\"",
            "<script type=\"module\">",
        ]
        .iter()
        .map(|s| html.find(s).unwrap())
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        assert!(html.contains(
            "<title>某县人民政府关于2022年法治政府建设情况的报告 &lt;/script&gt;</title>"
        ));
    }

    #[test]
    fn its_policy_names_the_hash_of_each_inline_script_and_style() {
        let html = page();
        let csp = element(&html, "http-equiv=\"Content-Security-Policy\" content=\"");
        let csp = &csp[..csp.find('"').unwrap()];
        let hash = |t: &str| format!("'sha256-{}'", base64(&sha256(t.as_bytes())));
        let executable = [
            element(&html, "<script>"),
            element(&html, "<script type=\"module\">"),
        ];
        for text in executable {
            assert!(csp.contains(&hash(text)), "{csp}");
        }
        assert!(csp.contains(&format!("style-src {}", hash(element(&html, "<style>")))));
        for directive in [
            "default-src 'none'",
            "'wasm-unsafe-eval'",
            "worker-src blob:",
            "img-src data: blob:",
        ] {
            assert!(csp.contains(directive), "{directive} in {csp}");
        }
        assert!(!csp.contains("unsafe-inline"));
    }
}
