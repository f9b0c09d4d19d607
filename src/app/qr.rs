//! "扫一扫在手机打开当前页": a QR code of the current address (with the place being read),
//! generated in the browser, so it works offline and needs no image service. The code is made
//! by the worker (`crates/worker`), so the reader's first download does not carry the encoder.

use super::shared::LocalFile;
use super::worker;
use fazhi_worker::{Reply, Request};
use leptos::html::Dialog;
use leptos::prelude::*;

/// The QR code being shown: drawing, drawn (`size`, SVG path), or why it could not be.
#[derive(Clone, PartialEq)]
enum Qr {
    Drawing,
    Drawn(i32, String),
    Failed(String),
}

/// Why a report opened from a local file gets no code: the page's address would open the
/// site's own report, not this one.
const NO_ADDRESS: &str = "本报告由本地文件打开，没有可分享的网址。请把文件本身发给对方。";

#[component]
pub fn QrButton() -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let url = RwSignal::new(String::new());
    let qr = RwSignal::new(Qr::Drawing);
    let local = LocalFile::is_open();
    let open = move |_| {
        let href = window().location().href().unwrap_or_default();
        url.set(if local { String::new() } else { href.clone() });
        qr.set(match local {
            true => Qr::Failed(NO_ADDRESS.to_string()),
            false => Qr::Drawing,
        });
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
        if local {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let reply = worker::call(&Request::Qr { text: href }, None, |_| {}).await;
            qr.set(match reply {
                Ok((Reply::Qr { size, path }, _)) => Qr::Drawn(size, path),
                Ok((Reply::Failed { message }, _)) => Qr::Failed(message),
                Ok((other, _)) => Qr::Failed(format!("{other:?}")),
                Err(e) => Qr::Failed(e.to_string()),
            });
        });
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    view! {
        <button type="button" class="qr-open" on:click=open>
            "二维码"
        </button>
        <dialog node_ref=dialog class="qr-dialog" aria-labelledby="qr-title">
            <h2 id="qr-title">"扫一扫在手机打开当前页"</h2>
            {move || qr_view(qr.get())}
            <p class="qr-url">{move || url.get()}</p>
            <button type="button" on:click=close>
                "关闭"
            </button>
        </dialog>
    }
}

/// The QR code as inline SVG (one path of unit squares, a quiet zone of 4 modules).
fn qr_view(qr: Qr) -> impl IntoView {
    match qr {
        Qr::Drawing => view! { <p role="status">"正在生成二维码…"</p> }.into_any(),
        Qr::Failed(why) => view! { <p>{why}</p> }.into_any(),
        Qr::Drawn(n, d) => {
            let view_box = format!("-4 -4 {} {}", n + 8, n + 8);
            view! {
                <svg class="qr" viewBox=view_box role="img" aria-label="当前页地址的二维码" shape-rendering="crispEdges">
                    <rect x="-4" y="-4" width=n + 8 height=n + 8 fill="#fff" />
                    <path d=d fill="#000" />
                </svg>
            }
            .into_any()
        }
    }
}
