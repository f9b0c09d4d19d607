//! The page's end of the reader's Web Worker (`crates/worker`): the converter and the QR code
//! run there, in their own wasm, so the reader's first download does not carry them and the
//! page stays responsive while they work. The worker starts on first use: hosted, from the
//! content-hashed files `package` names in `<meta name="fazhi-worker">`; in the offline file,
//! from the script and wasm the page carries (a `blob:` URL: file:// refuses workers by URL).
//! A worker that fails or crashes fails what it was doing with a message and is started afresh
//! next time.

use fazhi_core::page::{WORKER_META, WORKER_SCRIPT_ID, WORKER_WASM_ID};
use fazhi_worker::{Reply, Request, Stage};
use futures_channel::oneshot;
use js_sys::{Array, Object, Reflect};
use leptos::prelude::document;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// Why the worker could not do what was asked, worded for the reader.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WorkerError {
    #[error("本页面缺少后台转换程序，无法转换文件（请按说明重新构建或下载阅读器）")]
    Missing,
    #[error("后台转换程序未能启动：{0}")]
    Start(String),
    #[error("后台转换程序出错停止了：{0}。已打开的报告不受影响，可以再试一次")]
    Crashed(String),
}

type Done = oneshot::Sender<Result<(Reply, JsValue), WorkerError>>;

struct Waiter {
    progress: Box<dyn Fn(Stage)>,
    done: Done,
}

enum State {
    Starting(Vec<oneshot::Sender<Result<(), WorkerError>>>),
    Ready,
}

struct Client {
    worker: Worker,
    state: RefCell<State>,
    next: Cell<u32>,
    waiting: RefCell<HashMap<u32, Waiter>>,
    /// The offline file's blob: URL, revoked once the worker has started.
    blob_url: Option<String>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

/// Sends `request` (with `data`: file bytes, transferred) to the worker and waits for its
/// answer; `progress` hears how far it got. Returns the reply and its `data` (e.g. the report
/// JSON a conversion made).
pub async fn call(
    request: &Request,
    data: Option<js_sys::Uint8Array>,
    progress: impl Fn(Stage) + 'static,
) -> Result<(Reply, Option<String>), WorkerError> {
    let client = client()?;
    client.ready().await?;
    let (done, answer) = oneshot::channel();
    let id = client.next.get().wrapping_add(1).max(1);
    client.next.set(id);
    client.waiting.borrow_mut().insert(
        id,
        Waiter {
            progress: Box::new(progress),
            done,
        },
    );
    let msg = message(id, &serde_json::to_string(request).unwrap_or_default());
    let sent = match data {
        Some(bytes) => {
            let _ = Reflect::set(&msg, &"data".into(), &bytes);
            // Transferred, not copied: a file can be megabytes.
            client
                .worker
                .post_message_with_transfer(&msg, &Array::of1(&bytes.buffer()))
        }
        None => client.worker.post_message(&msg),
    };
    if let Err(e) = sent {
        client.waiting.borrow_mut().remove(&id);
        return Err(WorkerError::Crashed(describe(&e)));
    }
    let (reply, data) = answer
        .await
        .unwrap_or_else(|_| Err(WorkerError::Crashed("没有回应".into())))?;
    Ok((reply, data.as_string()))
}

fn message(id: u32, json: &str) -> Object {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"id".into(), &id.into());
    let _ = Reflect::set(&msg, &"msg".into(), &json.into());
    msg
}

/// The running worker, started if there is none.
fn client() -> Result<Rc<Client>, WorkerError> {
    if let Some(c) = CLIENT.with(|c| c.borrow().clone()) {
        return Ok(c);
    }
    let c = Rc::new(Client::start()?);
    CLIENT.with(|slot| *slot.borrow_mut() = Some(c.clone()));
    Ok(c)
}

impl Client {
    fn start() -> Result<Client, WorkerError> {
        let (url, blob_url, init) = locate()?;
        let worker = Worker::new(&url).map_err(|e| WorkerError::Start(describe(&e)))?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
            with_client(|c| c.on_message(&e.data()))
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(|e: ErrorEvent| {
            // A panic in the worker's wasm, or its script or wasm missing.
            e.prevent_default();
            let what = e.message();
            with_client(|c| c.fail(WorkerError::Crashed(what)));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The first message says where the wasm is (read by worker-start.js).
        worker
            .post_message(&init)
            .map_err(|e| WorkerError::Start(describe(&e)))?;
        Ok(Client {
            worker,
            state: RefCell::new(State::Starting(Vec::new())),
            next: Cell::new(0),
            waiting: RefCell::new(HashMap::new()),
            blob_url,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    async fn ready(&self) -> Result<(), WorkerError> {
        let wait = match &mut *self.state.borrow_mut() {
            State::Ready => return Ok(()),
            State::Starting(waiting) => {
                let (tx, rx) = oneshot::channel();
                waiting.push(tx);
                rx
            }
        };
        wait.await
            .unwrap_or_else(|_| Err(WorkerError::Start("没有回应".into())))
    }

    fn on_message(&self, data: &JsValue) {
        let field = |name: &str| Reflect::get(data, &JsValue::from_str(name)).ok();
        let id = field("id").and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
        let Some(reply) = field("msg")
            .and_then(|v| v.as_string())
            .and_then(|m| serde_json::from_str::<Reply>(&m).ok())
        else {
            return;
        };
        match (id, reply) {
            (0, Reply::Ready) => {
                let before = std::mem::replace(&mut *self.state.borrow_mut(), State::Ready);
                if let State::Starting(waiting) = before {
                    waiting.into_iter().for_each(|w| {
                        let _ = w.send(Ok(()));
                    });
                }
                if let Some(u) = &self.blob_url {
                    let _ = web_sys::Url::revoke_object_url(u);
                }
            }
            (0, Reply::Failed { message }) => self.fail(WorkerError::Start(message)),
            (id, Reply::Progress { stage }) => {
                if let Some(w) = self.waiting.borrow().get(&id) {
                    (w.progress)(stage);
                }
            }
            (id, reply) => {
                let waiter = self.waiting.borrow_mut().remove(&id);
                if let Some(w) = waiter {
                    let _ = w.done.send(Ok((reply, field("data").unwrap_or_default())));
                }
            }
        }
    }

    /// Fails everything waiting and retires this worker; the next call starts another.
    fn fail(&self, error: WorkerError) {
        let before = std::mem::replace(&mut *self.state.borrow_mut(), State::Starting(Vec::new()));
        if let State::Starting(waiting) = before {
            waiting.into_iter().for_each(|w| {
                let _ = w.send(Err(error.clone()));
            });
        }
        for (_, w) in self.waiting.borrow_mut().drain() {
            let _ = w.done.send(Err(error.clone()));
        }
        self.worker.terminate();
        let retired = CLIENT.with(|c| c.borrow_mut().take());
        // Dropped after this handler returns: a closure must not be freed while it runs.
        wasm_bindgen_futures::spawn_local(async move { drop(retired) });
    }
}

fn with_client(f: impl FnOnce(&Client)) {
    if let Some(c) = CLIENT.with(|c| c.borrow().clone()) {
        f(&c);
    }
}

/// Where the worker and its wasm are: (script URL, blob: URL to revoke, first message).
fn locate() -> Result<(String, Option<String>, JsValue), WorkerError> {
    let doc = document();
    let init = Object::new();
    if let Some(script) = doc.get_element_by_id(WORKER_SCRIPT_ID) {
        let wasm = doc
            .get_element_by_id(WORKER_WASM_ID)
            .ok_or(WorkerError::Missing)?;
        // Kept a JS string: no round trip of a megabyte through the wasm's memory.
        let base64 = Reflect::get(&wasm, &"textContent".into()).unwrap_or_default();
        let _ = Reflect::set(&init, &"base64".into(), &base64);
        let js = script.text_content().unwrap_or_default();
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("text/javascript");
        let url = web_sys::Blob::new_with_str_sequence_and_options(&Array::of1(&js.into()), &opts)
            .and_then(|b| web_sys::Url::create_object_url_with_blob(&b))
            .map_err(|e| WorkerError::Start(describe(&e)))?;
        return Ok((url.clone(), Some(url), init.into()));
    }
    let content = doc
        .query_selector(&format!("meta[name=\"{WORKER_META}\"]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .ok_or(WorkerError::Missing)?;
    let mut names = content.split_whitespace();
    let (Some(js), Some(wasm)) = (names.next(), names.next()) else {
        return Err(WorkerError::Missing);
    };
    let base = doc.base_uri().ok().flatten().unwrap_or_default();
    let absolute = |name: &str| {
        web_sys::Url::new_with_base(name, &base)
            .map(|u| u.href())
            .map_err(|e| WorkerError::Start(describe(&e)))
    };
    let _ = Reflect::set(&init, &"url".into(), &absolute(wasm)?.into());
    Ok((absolute(js)?, None, init.into()))
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            Reflect::get(e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| format!("{e:?}"))
}
