// Offline start-up (fazhi_core::page::offline): the wasm comes from the page, not from a
// fetch, which file:// would refuse. Asynchronous instantiation has no size limit. Browsers
// without WebAssembly have already been shown the text and a message (boot.js); a failed start
// marks <html> so the page says so instead of loading forever.
if (typeof WebAssembly === 'object') {
  try {
    const raw = atob(document.getElementById('reader-wasm').textContent.trim());
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    await __wbg_init({ module_or_path: bytes });
  } catch (e) {
    document.documentElement.classList.add('boot-failed');
    console.error('阅读器启动失败', e);
  }
}
