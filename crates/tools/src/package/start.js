// Written by `package` (crates/tools/src/package/hosted.rs) in place of Trunk's inline start-up
// script, which a strict Content-Security-Policy (script-src 'self') would block. The glue is
// imported dynamically so a failed download lands in the same `catch` as a failed
// instantiation. Browsers without WebAssembly have already been shown the text (boot.js); a
// failed start marks <html> so the page says so instead of loading forever.
// `?edit` starts the editor's desk (its own wasm and style sheet) instead of the reader, so a
// reader never downloads it; never inside an embed, and not where the build has no desk.
if (typeof WebAssembly === 'object') {
  try {
    const params = new URLSearchParams(location.search);
    const desk = {{desk}};
    const edit = desk !== null && params.has('edit') && !params.has('embed');
    if (edit) {
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = desk.style;
      document.head.append(style);
      document.documentElement.classList.add('desk-mode');
    }
    const { default: init } = await import(edit ? desk.glue : {{glue}});
    await init({ module_or_path: edit ? desk.wasm : {{wasm}} });
  } catch (e) {
    document.documentElement.classList.add('boot-failed');
    console.error('阅读器启动失败', e);
  }
}
