//! `package` on a folder shaped like what `trunk build` writes (see dist/ after a build): the
//! hosted page, the hashed worker, the manifest and the offline file, and the refusals.

use fazhi_core::model::Report;
use fazhi_core::page::codec::{base64, hex, sha256};
use fazhi_core::page::WORKER_SCRIPT_ID;
use fazhi_core::page::{Listing, Manifest, MANIFEST_FILE, MANIFEST_FORMAT, REPORTS_FILE};
use fazhi_tools::package::{html, run};
use std::path::{Path, PathBuf};

/// The shape of the page Trunk 0.21 writes.
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

const REPORT: &str = r#"{"format":"fazhi-report/1","meta":{"title":"某县人民政府关于2022年法治政府建设情况的报告 </script>","issuer":"某县人民政府","year":2022,"signed":null,"site":null,"site_url":null,"published":null,"source":null},"blocks":[{"id":"c1","kind":"chapter","number":"一、","title":"总体情况","text":"","line":1,"children":[{"id":"c1p1","kind":"paragraph","number":null,"title":null,"text":"办理行政复议案件12件 <!-- 注 -->。","line":2}]}]}"#;

const WORKER_GLUE: &str = "let wasm_bindgen;\n(function() { wasm_bindgen = () => {}; })();";
const WORKER_WASM: &[u8] = &[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 7];

/// A fresh folder with Trunk's output in it, `page` as its index.html.
fn trunk_output(name: &str, page: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fazhi-package-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files: [(&str, &[u8]); 9] = [
        ("index.html", page.as_bytes()),
        ("boot.js", b"(function(){ /* </script> */ })();"),
        ("favicon.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("style-0123456789abcdef.css", b"body { margin: 0 }"),
        (
            "reader-0123456789abcdef.js",
            b"async function __wbg_init(m) {}\nexport { __wbg_init as default };",
        ),
        (
            "reader-0123456789abcdef_bg.wasm",
            &[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
        ),
        ("worker.js", WORKER_GLUE.as_bytes()),
        ("worker_bg.wasm", WORKER_WASM),
        ("mou-2022.json", REPORT.as_bytes()),
    ];
    for (f, body) in files {
        std::fs::write(dir.join(f), body).unwrap();
    }
    std::fs::write(dir.join("mou-2022.txt"), "原文").unwrap();
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name.trim_start_matches("./"))).unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn the_hosted_page_starts_from_a_hashed_file_and_shows_the_report() {
    let dir = trunk_output("hosted", TRUNK_PAGE);
    run(&dir, None).unwrap();
    let page = read(&dir, "index.html");
    assert_eq!(html::inline_code(&page).unwrap(), Vec::<String>::new());
    assert!(!page.contains("import init"));
    let start = page
        .split("<script type=\"module\" src=\"./")
        .nth(1)
        .unwrap();
    let (start_file, rest) = start.split_once('"').unwrap();
    let js = read(&dir, start_file);
    assert!(start_file.starts_with("start-") && start_file.ends_with(".js"));
    let integrity = format!("sha256-{}", base64(&sha256(js.as_bytes())));
    assert!(rest.starts_with(&format!(" integrity=\"{integrity}\"")));
    assert!(js.contains("await import(edit ? desk.glue : \"./reader-0123456789abcdef.js\")"));
    assert!(js.contains("module_or_path: edit ? desk.wasm : \"./reader-0123456789abcdef_bg.wasm\""));
    // Trunk's own links stay: hashed names, SRI.
    assert!(page.contains("integrity=\"sha384-x\""));
    // The report is in it, escaped, and the page is titled after it.
    assert!(page
        .contains("<title>某县人民政府关于2022年法治政府建设情况的报告 &lt;/script&gt;</title>"));
    assert!(page.contains("<h2>一、总体情况</h2>"));
    assert!(page.contains("办理行政复议案件12件 &lt;!-- 注 --&gt;。"));
    assert!(page.contains("<a href=\"mou-2022.txt\">"));
    let sha = hex(&sha256("原文".as_bytes()));
    assert!(page.contains(&format!("<meta name=\"source-sha256\" content=\"{sha}\">")));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_worker_ships_under_content_hashed_names_that_the_page_and_manifest_give() {
    let dir = trunk_output("worker", TRUNK_PAGE);
    run(&dir, None).unwrap();
    let files = names(&dir);
    assert!(!files.contains(&"worker.js".to_string()), "{files:?}");
    assert!(!files.contains(&"worker_bg.wasm".to_string()), "{files:?}");
    let manifest: Manifest = serde_json::from_str(&read(&dir, MANIFEST_FILE)).unwrap();
    assert_eq!(manifest.format, MANIFEST_FORMAT);
    let js = read(&dir, &manifest.worker);
    assert!(js.starts_with(WORKER_GLUE), "the glue first");
    assert!(
        js.contains("wasm_bindgen({ module_or_path: source })"),
        "then its start-up"
    );
    assert_eq!(
        manifest.worker,
        format!("worker-{}.js", &hex(&sha256(js.as_bytes()))[..16])
    );
    assert_eq!(
        manifest.worker_wasm,
        format!("worker-{}_bg.wasm", &hex(&sha256(WORKER_WASM))[..16])
    );
    assert_eq!(
        std::fs::read(dir.join(&manifest.worker_wasm)).unwrap(),
        WORKER_WASM
    );
    let page = read(&dir, "index.html");
    assert!(page.contains(&format!(
        "<meta name=\"fazhi-worker\" content=\"./{} ./{}\">",
        manifest.worker, manifest.worker_wasm
    )));
    // Every other asset the manifest names is in the folder.
    assert_eq!(manifest.head_scripts, ["boot.js"]);
    for f in [&manifest.style, &manifest.glue, &manifest.wasm] {
        assert!(files.contains(f), "{f}");
    }
    assert_eq!(
        manifest.icon,
        Some(("favicon.svg".to_string(), "image/svg+xml".to_string()))
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_offline_file_has_everything_inside_including_the_worker() {
    let dir = trunk_output("offline", TRUNK_PAGE);
    run(&dir, None).unwrap();
    let page = read(&dir, "mou-2022.html");
    let outside: Vec<String> = html::tags(&page)
        .unwrap()
        .into_iter()
        .filter_map(|t| {
            let url = match t.name.as_str() {
                "script" | "img" | "iframe" | "source" | "audio" | "video" => t.attr("src"),
                "link" => t.attr("href"),
                _ => None,
            }?;
            (!url.starts_with("data:")).then(|| url.to_string())
        })
        .collect();
    assert_eq!(outside, Vec::<String>::new());
    let manifest: Manifest = serde_json::from_str(&read(&dir, MANIFEST_FILE)).unwrap();
    let worker = read(&dir, &manifest.worker);
    assert!(page.contains(&format!("id=\"{WORKER_SCRIPT_ID}\">{worker}</script>")));
    assert!(page.contains(&base64(WORKER_WASM)));
    assert!(page.contains("<script>(function(){ /* <\\/script> */ })();</script>"));
    assert!(
        !page.contains("<a href=\"mou-2022.txt\""),
        "nothing beside the offline file"
    );
    let data = page.split("id=\"report-data\">").nth(1).unwrap();
    let data = &data[..data.find("</script>").unwrap()];
    let back: Report = serde_json::from_str(data).unwrap();
    assert_eq!(back, serde_json::from_str::<Report>(REPORT).unwrap());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn trunk_serves_reload_script_stays_inline_for_trunk_serve_and_leaves_the_offline_file() {
    let reload = "<script>const address = '{{__TRUNK_ADDRESS__}}';</script>";
    let dir = trunk_output(
        "reload",
        &TRUNK_PAGE.replace("</body>", &format!("{reload}</body>")),
    );
    run(&dir, None).unwrap();
    assert!(read(&dir, "index.html").contains(reload));
    assert!(!read(&dir, "mou-2022.html").contains("__TRUNK_ADDRESS__"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn other_inline_scripts_move_to_files() {
    let page = TRUNK_PAGE.replace("</head>", "<script>console.log('x')</script></head>");
    let dir = trunk_output("inline", &page);
    run(&dir, None).unwrap();
    let inline: Vec<String> = names(&dir)
        .into_iter()
        .filter(|n| n.starts_with("inline-"))
        .collect();
    assert_eq!(inline.len(), 1);
    assert_eq!(read(&dir, &inline[0]), "console.log('x')");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn refuses_and_leaves_the_folder_as_trunk_wrote_it() {
    let cases = [
        (
            "styled",
            TRUNK_PAGE.replace("<body>", "<body style=\"margin:0\">"),
            "style= attribute on <body>",
        ),
        (
            "manifest",
            TRUNK_PAGE.replace(
                "</head>",
                "<link rel=\"manifest\" href=\"app.webmanifest\"></head>",
            ),
            "cannot inline <link rel=\"manifest\"",
        ),
        (
            "missing",
            TRUNK_PAGE.replace("boot.js", "gone.js"),
            "gone.js",
        ),
    ];
    for (name, page, why) in cases {
        let dir = trunk_output(name, &page);
        let before = names(&dir);
        let err = run(&dir, None).unwrap_err().to_string();
        assert!(err.contains(why), "{name}: {err}");
        assert_eq!(names(&dir), before, "{name}: nothing written");
        assert_eq!(read(&dir, "index.html"), page);
        let _ = std::fs::remove_dir_all(dir);
    }
    // Trunk's start-up script gone and no manifest: not a folder Trunk or `package` wrote.
    let dir = trunk_output("twice", TRUNK_PAGE);
    run(&dir, None).unwrap();
    std::fs::remove_file(dir.join(MANIFEST_FILE)).unwrap();
    let err = run(&dir, None).unwrap_err().to_string();
    assert!(err.contains("packaged already"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn reports_json_lists_every_report_and_a_second_run_takes_a_new_one() {
    let dir = trunk_output("listing", TRUNK_PAGE);
    run(&dir, None).unwrap();
    let page = read(&dir, "index.html");
    assert!(page.contains("<meta name=\"fazhi-reports\" content=\"./reports.json\">"));
    let listing = Listing::from_json(&read(&dir, REPORTS_FILE)).unwrap();
    assert_eq!(listing.reports.len(), 1);
    let entry = &listing.reports[0];
    assert_eq!(entry.file, "mou-2022.json");
    assert_eq!(entry.issuer.as_deref(), Some("某县人民政府"));
    assert_eq!(entry.year, Some(2022));
    assert_eq!(entry.sha256, Some(hex(&sha256("原文".as_bytes()))));
    // An editor drops next year's report into the packaged folder and runs package again:
    // the listing and the offline files follow, the page stays.
    let next = REPORT.replace("2022", "2023");
    std::fs::write(dir.join("mou-2023.json"), &next).unwrap();
    run(&dir, None).unwrap();
    assert_eq!(read(&dir, "index.html"), page);
    let listing = Listing::from_json(&read(&dir, REPORTS_FILE)).unwrap();
    let files: Vec<&str> = listing.reports.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(
        files,
        ["mou-2023.json", "mou-2022.json"],
        "latest year first"
    );
    assert_eq!(listing.reports[0].sha256, None, "no text beside it");
    let offline = read(&dir, "mou-2023.html");
    let manifest: Manifest = serde_json::from_str(&read(&dir, MANIFEST_FILE)).unwrap();
    assert!(offline.contains(&base64(&std::fs::read(dir.join(&manifest.wasm)).unwrap())));
    assert!(offline.contains("关于2023年法治政府建设情况的报告"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_desk_ships_under_hashed_names_and_starts_only_under_edit() {
    let dir = trunk_output("desk", TRUNK_PAGE);
    let desk: [(&str, &[u8]); 3] = [
        ("desk.js", b"export default async function init() {}"),
        ("desk_bg.wasm", &[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5]),
        ("desk.css", b".desk-list { margin: 0 }"),
    ];
    for (f, body) in desk {
        std::fs::write(dir.join(f), body).unwrap();
    }
    run(&dir, None).unwrap();
    let files = names(&dir);
    let hashed = |stem: &str, suffix: &str, body: &[u8]| {
        format!("{stem}-{}{suffix}", &hex(&sha256(body))[..16])
    };
    let (js, wasm, css) = (
        hashed("desk", ".js", desk[0].1),
        hashed("desk", "_bg.wasm", desk[1].1),
        hashed("desk", ".css", desk[2].1),
    );
    for f in [&js, &wasm, &css] {
        assert!(files.contains(f), "{f} in {files:?}");
    }
    for f in ["desk.js", "desk_bg.wasm", "desk.css"] {
        assert!(!files.contains(&f.to_string()), "{f} left unhashed");
    }
    let page = read(&dir, "index.html");
    assert!(page.contains(&format!(
        "<meta name=\"fazhi-desk\" content=\"./{js} ./{wasm} ./{css}\">"
    )));
    let start = names(&dir)
        .into_iter()
        .find(|n| n.starts_with("start-"))
        .unwrap();
    let start = read(&dir, &start);
    assert!(start.contains(&format!(
        "glue: \"./{js}\", wasm: \"./{wasm}\", style: \"./{css}\""
    )));
    assert!(start.contains("params.has('edit') && !params.has('embed')"));
    // Nothing of the desk in the offline file or the manifest.
    let offline = read(&dir, "mou-2022.html");
    assert!(!offline.contains(&base64(desk[1].1)) && !offline.contains("desk-"));
    assert!(!read(&dir, MANIFEST_FILE).contains("desk"));
    // Without a desk the start-up script has none to start.
    let plain = trunk_output("no-desk", TRUNK_PAGE);
    run(&plain, None).unwrap();
    let start = names(&plain)
        .into_iter()
        .find(|n| n.starts_with("start-"))
        .unwrap();
    assert!(read(&plain, &start).contains("const desk = null;"));
    assert!(!read(&plain, "index.html").contains("fazhi-desk"));
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(plain);
}
