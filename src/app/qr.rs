//! "扫一扫在手机打开当前页": a QR code of the current address (with the place being read),
//! generated in the browser, so it works offline and needs no image service.

use leptos::html::Dialog;
use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

#[component]
pub fn QrButton() -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let url = RwSignal::new(String::new());
    let open = move |_| {
        url.set(window().location().href().unwrap_or_default());
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
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
            {move || qr_svg(&url.get())}
            <p class="qr-url">{move || url.get()}</p>
            <button type="button" on:click=close>
                "关闭"
            </button>
        </dialog>
    }
}

/// The QR code as inline SVG (one path of unit squares, a quiet zone of 4 modules).
fn qr_svg(text: &str) -> Option<impl IntoView> {
    if text.is_empty() {
        return None;
    }
    let Ok(qr) = QrCode::encode_text(text, QrCodeEcc::Medium) else {
        return Some(view! { <p>"地址过长，无法生成二维码。"</p> }.into_any());
    };
    let n = qr.size();
    let mut d = String::with_capacity((n * n * 4) as usize);
    for y in 0..n {
        for x in 0..n {
            if qr.get_module(x, y) {
                d.push_str(&format!("M{x} {y}h1v1h-1z"));
            }
        }
    }
    let view_box = format!("-4 -4 {} {}", n + 8, n + 8);
    Some(
        view! {
            <svg class="qr" viewBox=view_box role="img" aria-label="当前页地址的二维码" shape-rendering="crispEdges">
                <rect x="-4" y="-4" width=n + 8 height=n + 8 fill="#fff" />
                <path d=d fill="#000" />
            </svg>
        }
        .into_any(),
    )
}
