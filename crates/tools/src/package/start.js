// Written by `package` (crates/tools/src/package/hosted.rs) in place of Trunk's inline start-up
// script, which a strict Content-Security-Policy (script-src 'self') would block. The glue is
// imported dynamically so a failed download lands in the same `catch` as a failed
// instantiation. Browsers without WebAssembly have already been shown the text (boot.js); a
// failed start marks <html> so the page says so instead of loading forever.
if (typeof WebAssembly === 'object') {
  try {
    const { default: init } = await import({{glue}});
    await init({ module_or_path: {{wasm}} });
  } catch (e) {
    document.documentElement.classList.add('boot-failed');
    console.error('阅读器启动失败', e);
  }
}
