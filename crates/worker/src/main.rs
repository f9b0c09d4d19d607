//! The worker's wasm entry point (Trunk builds it with `data-type="worker"`): listens for the
//! page's requests, does them with [`fazhi_worker::handle`] and posts the replies. The message
//! format is described in `src/lib.rs`.

#[cfg(target_arch = "wasm32")]
fn main() {
    web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The worker runs in the browser: `trunk build` builds it with the reader.");
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
mod web {
    use fazhi_worker::{handle, Reply, Request};
    use js_sys::{Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let on_message = {
            let scope = scope.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                on_message(&scope, &e.data())
            })
        };
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives as long as the page keeps it: the handler must too.
        on_message.forget();
        post(&scope, 0.0, &Reply::Ready, None);
    }

    fn on_message(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
        let field = |name: &str| Reflect::get(data, &JsValue::from_str(name)).ok();
        let id = field("id").and_then(|v| v.as_f64()).unwrap_or(0.0);
        let request = field("msg")
            .and_then(|v| v.as_string())
            .and_then(|m| serde_json::from_str::<Request>(&m).ok());
        let bytes = field("data")
            .filter(|v| v.is_instance_of::<Uint8Array>())
            .map(|v| Uint8Array::from(v).to_vec());
        let (reply, payload) = match request {
            Some(r) => handle(r, bytes.as_deref(), &mut |stage| {
                post(scope, id, &Reply::Progress { stage }, None)
            }),
            None => (
                Reply::Failed {
                    message: "后台程序收到了无法识别的请求（页面与后台程序版本不一致？请刷新页面）"
                        .into(),
                },
                None,
            ),
        };
        post(scope, id, &reply, payload);
    }

    fn post(scope: &DedicatedWorkerGlobalScope, id: f64, reply: &Reply, data: Option<String>) {
        let msg = Object::new();
        let json = serde_json::to_string(reply).unwrap_or_default();
        let _ = Reflect::set(&msg, &"id".into(), &id.into());
        let _ = Reflect::set(&msg, &"msg".into(), &json.into());
        if let Some(d) = data {
            let _ = Reflect::set(&msg, &"data".into(), &d.into());
        }
        let _ = scope.post_message(&msg);
    }
}
