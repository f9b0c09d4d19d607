//! The benchmark's two command-line tools, run as bench/run.sh runs them: `floor` must show the
//! same text and charts as the reader with no script, and `synth` must make reports the
//! converter reads, clearly marked, and never inside public/ or seeds/.

use fazhi_core::model::{Kind, Report};
use std::path::PathBuf;
use std::process::Command;

/// The workspace root, where bench/run.sh runs the tools.
fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fazhi-bench-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn bundled() -> Report {
    serde_json::from_str(
        &std::fs::read_to_string(root().join("public/shangcheng-2022.json")).unwrap(),
    )
    .unwrap()
}

#[test]
fn floor_page_has_the_text_and_every_chart_twice_and_no_script() {
    let out = scratch("floor").join("index.html");
    let status = Command::new(env!("CARGO_BIN_EXE_floor"))
        .arg(root().join("public/shangcheng-2022.json"))
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let html = std::fs::read_to_string(&out).unwrap();
    let report = bundled();
    assert!(!html.contains("<script"), "the floor runs no JavaScript");
    // Each chart once, as the reader shows it, and listed by title in the overview first.
    assert_eq!(html.matches("<svg").count(), report.charts.len());
    let overview = html.find("id=\"indicators\"").unwrap();
    for def in &report.charts {
        assert_eq!(
            html.matches(&format!("id=\"chart-{}\"", def.id)).count(),
            1,
            "{}",
            def.id
        );
        assert!(
            html[overview..].contains(&format!("href=\"#chart-{}\"", def.id)),
            "{}",
            def.id
        );
    }
    // Cards write figures as the text does, through the reader's formatter.
    for id in &report.cards {
        let f = report.facts.iter().find(|f| &f.id == id).unwrap();
        let (number, unit) = fazhi_core::format::fact_parts(f);
        assert_eq!(
            format!("{number}{unit}"),
            f.text,
            "the seed's cards are written plainly"
        );
        let small = if unit.is_empty() {
            String::new()
        } else {
            format!("<small>{unit}</small>")
        };
        let card = format!("<span class=\"card-value\">{number}{small}</span>");
        assert!(html.contains(&card), "{card}");
    }
    // The benchmark finds the first chapter by this id, as in the reader.
    assert!(html.contains("<h2 id=\"c1-h\">一、工作总体开展情况</h2>"));
    // The text is shown as the reader shows it (fazhi_core::typeset), each character shown
    // full-width carrying the official one: put back, the text is there as written.
    assert!(html.contains("<span class=\"fw\" data-o=\",\">，</span>"));
    let official =
        ",;:?!()"
            .chars()
            .zip("，；：？！（）".chars())
            .fold(html.clone(), |h, (o, s)| {
                h.replace(
                    &format!("<span class=\"fw\" data-o=\"{o}\">{s}</span>"),
                    &o.to_string(),
                )
            });
    for b in report.all_blocks() {
        if b.kind != Kind::Point && !b.text.is_empty() {
            let start: String = b.text.chars().take(20).collect();
            assert!(official.contains(&start), "{}: {start}", b.id);
        }
    }
    assert_eq!(
        html.matches("<section").count(),
        html.matches("</section>").count()
    );
    let _ = std::fs::remove_dir_all(out.parent().unwrap());
}

#[test]
fn synth_writes_a_marked_report_the_converter_reads() {
    let dir = scratch("synth");
    let txt = dir.join("synth-3x.txt");
    let status = Command::new(env!("CARGO_BIN_EXE_synth"))
        .current_dir(root())
        .args(["--factor", "3", "-o"])
        .arg(&txt)
        .status()
        .unwrap();
    assert!(status.success());
    let json = dir.join("synth-3x.json");
    let status = Command::new(env!("CARGO_BIN_EXE_ingest"))
        .arg(&txt)
        .arg("-o")
        .arg(&json)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "the converter reads the synthetic text and its charts"
    );
    let r: Report = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert!(
        r.meta.title.starts_with(fazhi_tools::synth::MARK),
        "{}",
        r.meta.title
    );
    assert_eq!(r.charts.len(), bundled().charts.len() * 3);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn synth_refuses_public_and_seeds() {
    for path in ["public/synth.txt", "seeds/synth.txt"] {
        let out = Command::new(env!("CARGO_BIN_EXE_synth"))
            .current_dir(root())
            .args(["--factor", "2", "-o", path])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{path}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("refusing"));
        assert!(!root().join(path).exists());
    }
}
