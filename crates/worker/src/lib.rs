//! The reader's Web Worker: the work a reader does not need at first (converting an opened file,
//! drawing a QR code) in its own wasm, loaded only when someone uses it, and run off the page's
//! main thread so the page never freezes while it works.
//!
//! This library is the message protocol and the work itself, pure and tested natively;
//! `src/main.rs` wires it to `postMessage` in the browser, and the reader's
//! `src/app/worker.rs` is the other end.
//!
//! A message is a plain object `{ id, msg, data }`: `id` pairs a reply with its request (0 for
//! messages about the worker itself), `msg` is a [`Request`] or [`Reply`] as JSON, and `data`
//! carries what is too big or too binary for JSON: the bytes of a file to convert
//! (a `Uint8Array`, transferred) or the report JSON a conversion made (a string).
//!
//! Before any of that, the page sends one message that is not JSON: where the wasm is
//! (`{ url }` when hosted, `{ base64 }` in the offline file, which cannot fetch), read by
//! `worker-start.js` (see `fazhi_core::page`), which starts the wasm; the worker then says
//! [`Reply::Ready`] (`"ready"`).

use fazhi_core::ingest::{self, Limits, Source, Warning};
use fazhi_core::page::codec::{hex, sha256};
use serde::{Deserialize, Serialize};

/// What the page asks the worker to do. Externally tagged (`{"convert":{…}}`): serde reads that
/// without buffering, which an internally tagged enum would cost the reader's wasm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Convert the file whose bytes are in `data` into a report. `file_name` is the name the
    /// reader picked or dropped, e.g. `某区2021年法治政府建设情况的报告.txt`.
    Convert { file_name: String },
    /// Draw `text` (the page's address) as a QR code.
    Qr { text: String },
}

/// How far a conversion has got, for the progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Decoding the file and finding its chapters, sections and figures.
    Converting,
    /// Writing the report JSON to hand back.
    Writing,
}

impl Stage {
    /// What the progress line says, in the reader's language.
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Converting => "正在识别编码、章节和数据",
            Stage::Writing => "正在整理结果",
        }
    }
}

/// What the worker answers (externally tagged, as [`Request`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// The worker has started and takes requests (id 0).
    Ready,
    /// A conversion reached `stage`; the final reply follows.
    Progress { stage: Stage },
    /// The file converted: the report JSON is in `data`. `warnings` say what the reader
    /// should know (in Chinese, with the place), e.g. where the title came from.
    /// `source_sha256` (hex) fingerprints the file it was made from, for what the editor's desk
    /// publishes (`<meta name="source-sha256">`, `reports.json`); none when the file was a
    /// report JSON already.
    Converted {
        warnings: Vec<Warning>,
        #[serde(default)]
        source_sha256: Option<String>,
    },
    /// The QR code: a `size`×`size` grid drawn by the SVG path `path` (unit squares).
    Qr { size: i32, path: String },
    /// The request could not be done: `message` says why, in Chinese, with the place (line and
    /// column) where there is one. With id 0: the worker itself could not start.
    Failed { message: String },
}

/// Does one request. `data` is the request's binary part, if any; `progress` is called as a
/// conversion moves on. Returns the reply and, for a conversion, the report JSON.
pub fn handle(
    request: Request,
    data: Option<&[u8]>,
    progress: &mut dyn FnMut(Stage),
) -> (Reply, Option<String>) {
    let result = match request {
        Request::Convert { file_name } => {
            let bytes = data.unwrap_or_default();
            convert(&file_name, bytes, progress).map(|(json, warnings, made)| {
                let source_sha256 = made.then(|| hex(&sha256(bytes)));
                let reply = Reply::Converted {
                    warnings,
                    source_sha256,
                };
                (reply, Some(json))
            })
        }
        Request::Qr { text } => qr(&text).map(|(size, path)| (Reply::Qr { size, path }, None)),
    };
    result.unwrap_or_else(|message| (Reply::Failed { message }, None))
}

/// Converts an opened file into report JSON with `fazhi_core::ingest::convert`, within the
/// default [`Limits`]. A file whose text turns out to be JSON already (it starts with `{`) is
/// handed back as it is: the reader reads and checks it. The flag says whether the JSON was
/// made here (from an official text), not handed back.
pub fn convert(
    file_name: &str,
    bytes: &[u8],
    progress: &mut dyn FnMut(Stage),
) -> Result<(String, Vec<Warning>, bool), String> {
    let text = std::str::from_utf8(bytes).ok();
    if let Some(json) = text.filter(|t| t.trim_start_matches(ingest::is_trim_char).starts_with('{'))
    {
        return Ok((json.to_string(), Vec::new(), false));
    }
    progress(Stage::Converting);
    let source = Source {
        bytes,
        file_name: Some(file_name),
        title: None,
    };
    let converted =
        ingest::convert(&source, &Limits::default()).map_err(|e| format!("报告原文{e}"))?;
    progress(Stage::Writing);
    let json =
        serde_json::to_string(&converted.report).map_err(|e| format!("无法写出报告数据：{e}"))?;
    Ok((json, converted.warnings, true))
}

/// The QR code of `text` at medium error correction, as one SVG path of unit squares.
pub fn qr(text: &str) -> Result<(i32, String), String> {
    use qrcodegen::{QrCode, QrCodeEcc};
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium)
        .map_err(|_| "地址过长，无法生成二维码。".to_string())?;
    let n = qr.size();
    let mut d = String::with_capacity((n * n * 4) as usize);
    for y in 0..n {
        for x in 0..n {
            if qr.get_module(x, y) {
                d.push_str(&format!("M{x} {y}h1v1h-1z"));
            }
        }
    }
    Ok((n, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::model::Report;

    const SEED: &str = include_str!("../../../seeds/shangcheng-2022.txt");

    #[test]
    fn converts_a_text_and_reports_each_stage() {
        let mut stages = Vec::new();
        let (reply, json) = handle(
            Request::Convert {
                file_name: "shangcheng-2022.txt".into(),
            },
            Some(SEED.as_bytes()),
            &mut |s| stages.push(s),
        );
        let source = Source {
            bytes: SEED.as_bytes(),
            file_name: Some("shangcheng-2022.txt"),
            title: None,
        };
        let should_be = ingest::convert(&source, &Limits::default()).unwrap();
        assert_eq!(
            reply,
            Reply::Converted {
                warnings: should_be.warnings,
                source_sha256: Some(hex(&sha256(SEED.as_bytes()))),
            }
        );
        let report: Report = serde_json::from_str(&json.unwrap()).unwrap();
        assert_eq!(report, should_be.report);
        assert_eq!(stages, [Stage::Converting, Stage::Writing]);
    }

    #[test]
    fn a_bad_file_fails_with_the_place() {
        let (reply, json) = handle(
            Request::Convert {
                file_name: "notes.txt".into(),
            },
            Some("标题\n随便写的一段话，没有章节。\n".as_bytes()),
            &mut |_| {},
        );
        assert!(json.is_none());
        let Reply::Failed { message } = reply else {
            panic!("{reply:?}")
        };
        assert!(message.starts_with("报告原文第 "), "{message}");
        let (reply, _) = handle(
            Request::Convert {
                file_name: "x.txt".into(),
            },
            Some(&[0, 0, 0, 0x41, 0, 0xff]),
            &mut |_| {},
        );
        assert!(matches!(&reply, Reply::Failed { .. }), "{reply:?}");
    }

    #[test]
    fn json_passes_through_for_the_reader_to_check() {
        let (reply, json) = handle(
            Request::Convert {
                file_name: "report".into(),
            },
            Some("\u{feff}  {\"format\":1}".as_bytes()),
            &mut |_| {},
        );
        assert_eq!(
            reply,
            Reply::Converted {
                warnings: vec![],
                source_sha256: None
            }
        );
        assert_eq!(json.as_deref(), Some("\u{feff}  {\"format\":1}"));
    }

    #[test]
    fn draws_a_qr_code() {
        let (reply, _) = handle(
            Request::Qr {
                text: "https://example.gov.cn/r/#/b/c1s6i2".into(),
            },
            None,
            &mut |_| {},
        );
        let Reply::Qr { size, path } = reply else {
            panic!("{reply:?}")
        };
        // Version 3 (29 modules) holds 35 bytes at medium correction.
        assert_eq!(size, 29);
        assert!(path.starts_with("M0 0h1v1h-1z"), "finder pattern first");
        let (reply, _) = qr_reply(&"x".repeat(3000));
        assert_eq!(
            reply,
            Reply::Failed {
                message: "地址过长，无法生成二维码。".into()
            }
        );
    }

    fn qr_reply(text: &str) -> (Reply, Option<String>) {
        handle(Request::Qr { text: text.into() }, None, &mut |_| {})
    }

    #[test]
    fn messages_are_tagged_json() {
        let r = Request::Convert {
            file_name: "a.txt".into(),
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"convert":{"file_name":"a.txt"}}"#);
        let p = Reply::Progress {
            stage: Stage::Converting,
        };
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"progress":{"stage":"converting"}}"#
        );
        assert_eq!(serde_json::to_string(&Reply::Ready).unwrap(), r#""ready""#);
        // What worker-start.js posts when the wasm cannot start.
        let failed: Reply = serde_json::from_str(r#"{"failed":{"message":"x"}}"#).unwrap();
        assert_eq!(
            failed,
            Reply::Failed {
                message: "x".into()
            }
        );
    }
}
