//! The encodings the pages need: SHA-256 (content hashes for file names, SRI, CSP hashes and the
//! source's fingerprint), base64 (the wasm and the favicon inside the offline file), and HTML
//! escaping — the one implementation of it, used by the page writers and the charts — with the
//! escaping that makes text safe inside `<script>`/`<style>`.

/// SHA-256 of `data` (RustCrypto's `sha2`).
pub fn sha256(data: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(data).into()
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Standard base64 with padding (RFC 4648 §4), as `atob`, CSP and SRI hashes expect.
pub fn base64(data: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// JSON made safe as the text of `<script type="application/json">`: every `<` becomes
/// `\u003c`, so neither `</script` nor `<!--` (which would switch the HTML parser into its
/// escaped-script states) can occur. `<` can only appear inside JSON strings, where the escape
/// means the same character, so `JSON.parse`/serde read back exactly the original value.
pub fn json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// JavaScript made safe as the text of an inline `<script>`: `</script` and `<!--` can only
/// occur in strings, comments, template literals or regular expressions, where `<\/` and `<\!`
/// mean the same as `</` and `<!`.
pub fn js_for_script(js: &str) -> String {
    replace_ascii_ci(
        &replace_ascii_ci(js, "</script", "<\\/script"),
        "<!--",
        "<\\!--",
    )
}

/// CSS made safe as the text of `<style>`: `</style` can only occur in strings or comments,
/// where `<\/` means `</`.
pub fn css_for_style(css: &str) -> String {
    replace_ascii_ci(css, "</style", "<\\/style")
}

/// Replaces every ASCII-case-insensitive occurrence of `pattern` (ASCII) by `with` followed by
/// the original tail, keeping the original case of the matched letters after the first two.
fn replace_ascii_ci(text: &str, pattern: &str, with: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in lower.match_indices(pattern) {
        out.push_str(&text[last..at]);
        // `with` shares its tail with `pattern` except for case: keep the text's own letters.
        let keep = pattern.len() - 2;
        out.push_str(&with[..with.len() - keep]);
        out.push_str(&text[at + 2..at + pattern.len()]);
        last = at + pattern.len();
    }
    out.push_str(&text[last..]);
    out
}

/// Text for HTML content: `&`, `<` and `>` escaped.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a double-quoted HTML attribute value.
pub fn html_attr(s: &str) -> String {
    html_text(s).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_and_hex() {
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn base64_matches_rfc_4648() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (src, should_be) in cases {
            assert_eq!(base64(src.as_bytes()), should_be, "base64({src:?})");
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
        assert_eq!(base64(&[0, 0x61, 0x73, 0x6d]), "AGFzbQ==");
    }

    #[test]
    fn json_for_script_escapes_every_less_than_and_reads_back_the_same() {
        let src = r#"{"a":"</script><!-- x <b>","b":["<","<<"]}"#;
        let out = json_for_script(src);
        assert!(!out.contains('<'));
        assert!(out.contains(r"\u003c/script>"));
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        let orig: serde_json::Value = serde_json::from_str(src).unwrap();
        assert_eq!(back, orig);
    }

    #[test]
    fn js_and_css_cannot_close_their_element() {
        let js = r#"const a = "</script>", b = '</SCRIPT >'; // <!-- c"#;
        let out = js_for_script(js);
        assert_eq!(
            out,
            r#"const a = "<\/script>", b = '<\/SCRIPT >'; // <\!-- c"#
        );
        assert!(!out.to_ascii_lowercase().contains("</script"));
        let css = r#"a::after { content: "</Style>"; }"#;
        assert_eq!(css_for_style(css), r#"a::after { content: "<\/Style>"; }"#);
        assert_eq!(js_for_script("no tags here"), "no tags here");
    }

    #[test]
    fn html_escaping() {
        assert_eq!(html_text("a < b & c > d"), "a &lt; b &amp; c &gt; d");
        assert_eq!(html_attr(r#"say "hi""#), "say &quot;hi&quot;");
        assert_eq!(html_text("（一）中文"), "（一）中文");
    }
}
