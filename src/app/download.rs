//! Saving generated files (CSV, JSON, SVG, PNG) from the browser: a Blob, an object URL and a
//! temporary `<a download>`. Works offline and from file://; no server involved.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `content` as a download named `name`.
pub fn save_text(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    if let Ok(blob) = blob(&parts, mime) {
        save_blob(name, &blob);
    }
}

fn blob(parts: &js_sys::Array, mime: &str) -> Result<web_sys::Blob, JsValue> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(parts, &opts)
}

/// Offers a Blob as a download named `name`.
pub fn save_blob(name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    // Revoked later: revoking at once can cancel the download in some browsers.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
}

/// Renders an SVG string to a PNG at `scale` times its size (crisp on HiDPI screens and in
/// documents) and offers it as a download.
pub fn save_svg_as_png(name: String, svg: String, width: u32, height: u32, scale: f64) {
    let svg = standalone_svg(&svg, width, height);
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let Ok(b) = blob(&parts, "image/svg+xml") else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&b) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let src = url.clone();
    let img2 = img.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
        let Some(canvas) = document()
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        let (w, h) = (
            (width as f64 * scale) as u32,
            (height as f64 * scale) as u32,
        );
        canvas.set_width(w);
        canvas.set_height(h);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = ctx
            .draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, w as f64, h as f64);
        let done = wasm_bindgen::closure::Closure::once_into_js(move |b: JsValue| {
            if let Ok(b) = b.dyn_into::<web_sys::Blob>() {
                save_blob(&name, &b);
            }
        });
        let _ = canvas.to_blob(done.unchecked_ref());
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&src);
}

/// The on-page SVG scales to its container (`width="100%"`); a file needs its own size.
pub fn standalone_svg(svg: &str, width: u32, height: u32) -> String {
    svg.replacen(
        "width=\"100%\"",
        &format!("width=\"{width}\" height=\"{height}\""),
        1,
    )
}
