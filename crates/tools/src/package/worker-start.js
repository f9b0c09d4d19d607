// The worker's start-up, appended to its wasm-bindgen glue (target no-modules, which defines
// `wasm_bindgen`) by `package`: in worker-<hash>.js, and in the offline file, which starts the
// same script from a blob: URL. The page's first message says where the wasm is: { url } when
// hosted, { base64 } in the offline file, where nothing can be fetched. The wasm's main() then
// answers "ready" and takes requests (crates/worker/src/lib.rs).
self.onmessage = (event) => {
  self.onmessage = null;
  const { url, base64 } = event.data;
  const source = base64 ? Uint8Array.from(atob(base64.trim()), (c) => c.charCodeAt(0)) : url;
  wasm_bindgen({ module_or_path: source }).catch((e) => {
    self.postMessage({ id: 0, msg: JSON.stringify({ failed: { message: String(e) } }) });
  });
};
