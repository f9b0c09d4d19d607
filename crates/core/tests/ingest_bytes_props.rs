//! `convert` never panics on any bytes under any name, whichever decoder they reach (text in any
//! encoding, .docx, web page, refused formats), and always answers with a report whose facts
//! slice out their text or an error with a place and a message. Three generators: arbitrary
//! bytes behind each format's signature; mutated seeds re-encoded as GB18030 and UTF-16 and
//! packed as .docx and web pages (a minimum share of those must convert); and byte-level damage
//! to a real .docx package.

// proptest, docx-rs and build_html are native-only dev-dependencies.
#![cfg(not(target_arch = "wasm32"))]

use build_html::{escape_html, Container, ContainerType, Html, HtmlContainer, HtmlPage};
use docx_rs::{Docx, Paragraph, Run};
use encoding_rs::GB18030;
use fazhi_core::ingest::{convert, Converted, IngestError, Limits, Source};
use fazhi_core::model::Field;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::cell::Cell;

#[path = "support/fuzz.rs"]
mod fuzz;

const BYTES_CASES: u32 = 1500;
const FORMAT_CASES: u32 = 150;
const DAMAGE_CASES: u32 = 300;
/// Mutated seeds in every format: the same share converts as for the plain text (measured: about
/// 97%), since decoding changes nothing.
const FORMAT_MIN_SHARE: f64 = 0.85;

const NAMES: &[&str] = &[
    "报告.txt",
    "报告.docx",
    "报告.html",
    "报告.htm",
    "报告.doc",
    "报告.pdf",
    "报告",
    "a.json",
];

/// Signatures that steer bytes to each decoder.
const PREFIXES: &[&[u8]] = &[
    b"",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"PK\x03\x04",
    b"<!DOCTYPE html><html><body><div id=\"zoom\"><p>",
    b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
    "某县人民政府关于2022年法治政府建设情况的报告\n一、工作\n".as_bytes(),
];

fn run(bytes: &[u8], name: &str) -> Result<Converted, IngestError> {
    let src = Source {
        bytes,
        file_name: Some(name),
        title: None,
    };
    convert(&src, &Limits::default())
}

/// What must hold for any answer.
fn holds(answer: Result<Converted, IngestError>) -> Result<bool, TestCaseError> {
    let c = match answer {
        Ok(c) => c,
        Err(e) => {
            prop_assert!(e.line >= 1 && e.column >= 1, "{e}");
            prop_assert!(!e.message.is_empty());
            prop_assert!(e.paragraph.is_none() || e.part.is_some(), "{e:?}");
            return Ok(false);
        }
    };
    let r = &c.report;
    for f in &r.facts {
        let b = r.block(&f.block);
        prop_assert!(b.is_some(), "no block {}", f.block);
        let b = b.unwrap();
        let field = match f.field {
            Field::Text => b.text.as_str(),
            Field::Title => b.title.as_deref().unwrap_or(""),
        };
        let slice: String = field.chars().skip(f.start).take(f.end - f.start).collect();
        prop_assert_eq!(&slice, &f.text, "{}", f.id);
    }
    for w in &c.warnings {
        prop_assert!(w.line >= 1 && !w.message.is_empty(), "{w:?}");
    }
    let json = serde_json::to_string(r).unwrap();
    let back: fazhi_core::model::Report = serde_json::from_str(&json).unwrap();
    prop_assert_eq!(&back, r);
    Ok(true)
}

#[test]
fn convert_never_panics_on_arbitrary_bytes() {
    let ok = Cell::new(0usize);
    let input = (
        prop::sample::select(PREFIXES),
        prop::collection::vec(any::<u8>(), 0..600),
        prop::sample::select(NAMES),
    );
    fuzz::run(
        "convert/arbitrary-bytes",
        BYTES_CASES,
        input,
        |(prefix, tail, name)| {
            let bytes = [prefix, tail.as_slice()].concat();
            ok.set(ok.get() + usize::from(holds(run(&bytes, name))?));
            Ok(())
        },
    );
    eprintln!(
        "ingest_bytes_props: {} arbitrary byte strings converted",
        ok.get()
    );
}

fn seed_text() -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    std::fs::read_to_string(format!("{root}/seeds/shangcheng-2022.txt")).unwrap()
}

/// The seed with some lines deleted, duplicated or swapped and some chars inserted.
fn mutated() -> impl Strategy<Value = String> {
    let seed: Vec<String> = seed_text().split('\n').map(String::from).collect();
    let n = seed.len();
    let edit = (0..4u8, 0..n, 0..n, any::<char>());
    prop::collection::vec(edit, 1..6).prop_map(move |edits| {
        let mut lines = seed.clone();
        for (kind, a, b, c) in edits {
            let (a, b) = (a % lines.len(), b % lines.len());
            match kind {
                0 if lines.len() > 1 => {
                    lines.remove(a);
                }
                1 => lines.insert(a, lines[a].clone()),
                2 => lines.swap(a, b),
                _ if !c.is_control() => lines[a].insert(0, c),
                _ => {}
            }
        }
        lines.join("\n")
    })
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn docx(text: &str) -> Vec<u8> {
    let doc = text.split('\n').fold(Docx::new(), |d, l| {
        d.add_paragraph(Paragraph::new().add_run(Run::new().add_text(l)))
    });
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).unwrap();
    out.into_inner()
}

fn page(text: &str) -> Vec<u8> {
    let article = text.split('\n').fold(
        Container::new(ContainerType::Div).with_attributes([("id", "zoom")]),
        |c, l| c.with_paragraph(escape_html(l)),
    );
    HtmlPage::new()
        .with_container(article)
        .to_html_string()
        .into_bytes()
}

#[test]
fn mutated_seeds_convert_alike_in_every_format() {
    let ok = Cell::new(0usize);
    let n = fuzz::run(
        "convert/mutated-seed-5-formats",
        FORMAT_CASES,
        mutated(),
        |text| {
            let txt = run(text.as_bytes(), "a.txt");
            let parsed = holds(txt.clone())?;
            ok.set(ok.get() + usize::from(parsed));
            let (gb, _, unmappable) = GB18030.encode(&text);
            if !unmappable {
                let other = run(&gb, "a.txt");
                prop_assert_eq!(other.map(|c| c.report), txt.clone().map(|c| c.report));
            }
            let other = run(&utf16le(&text), "a.txt");
            prop_assert_eq!(other.map(|c| c.report), txt.clone().map(|c| c.report));
            let d = run(&docx(&text), "a.docx");
            prop_assert_eq!(d.is_ok(), parsed, "{:?}", d.as_ref().err());
            holds(d)?;
            holds(run(&page(&text), "a.html"))?;
            Ok(())
        },
    );
    let share = ok.get() as f64 / n.max(1) as f64;
    assert!(share >= FORMAT_MIN_SHARE, "only {share:.2} converted");
}

#[test]
fn a_damaged_docx_never_panics() {
    let good = docx(&seed_text());
    let damage = prop::collection::vec((0..good.len(), any::<u8>(), 0..3u8), 1..8);
    fuzz::run("convert/damaged-docx", DAMAGE_CASES, damage, |edits| {
        let mut bytes = good.clone();
        for (at, byte, kind) in edits {
            let at = at % bytes.len().max(1);
            match kind {
                0 => bytes[at] = byte,
                1 => bytes.truncate(at.max(4)),
                _ => bytes.insert(at, byte),
            }
        }
        holds(run(&bytes, "a.docx")).map(|_| ())
    });
}

/// Pieces of saved portal pages: the article's container, markup the page decoder must skip
/// or unwrap (scripts, styles, comments, tables, entities, charsets), and report lines.
const PAGE_TOKENS: &[&str] = &[
    "<div id=\"zoom\">",
    "<div class=\"TRS_Editor\">",
    "</div>",
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<table><tr><td>",
    "</td></tr></table>",
    "<span style=\"font-family:仿宋\">",
    "</span>",
    "<meta charset=\"gbk\">",
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">",
    "<title>",
    "</title>",
    "&nbsp;",
    "&amp;",
    "&#12345;",
    "&#x4e00;",
    "&#xFFFFFF;",
    "&",
    "<",
    ">",
    "\"",
    "=",
    "\n",
    "某县人民政府关于2022年法治政府建设情况的报告",
    "一、",
    "（一）",
    "1.",
    "收到申请3件，其中受理2件。",
    "来源：某县人民政府",
];

/// Token soup of page markup and report text, as a saved page can be after a portal's editor
/// and a browser's "save as" have been at it: into the page decoder by name and by signature.
#[test]
fn convert_never_panics_on_page_soup() {
    let piece = prop_oneof![
        4 => prop::sample::select(PAGE_TOKENS).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    let soup = prop::collection::vec(piece, 0..80);
    let names = prop::sample::select(&["a.html", "a.htm", "a.txt", "报告"][..]);
    let ok = Cell::new(0usize);
    fuzz::run(
        "convert/page-soup",
        BYTES_CASES,
        (soup, names),
        |(soup, name)| {
            let text = format!("<!DOCTYPE html><html><body>{}", soup.concat());
            ok.set(ok.get() + usize::from(holds(run(text.as_bytes(), name))?));
            Ok(())
        },
    );
    eprintln!("ingest_bytes_props: {} page soups converted", ok.get());
}
