// Written by `package` (crates/tools/src/package/hosted.rs) in place of Trunk's inline start-up
// script, which a strict Content-Security-Policy (script-src 'self') would block. The glue is
// imported dynamically so a failed download lands in the same `catch` as a failed
// instantiation. Browsers without WebAssembly have already been shown the text (boot.js); a
// failed start marks <html> so the page says so instead of loading forever.
// `?edit` starts the editor's desk (its own wasm and style sheet) instead of the reader, so a
// reader never downloads it; never inside an embed, and not where the build has no desk.
// A download that stalls (no error, no end) would leave the loading line up for ever: after
// STALLED_MS <html> gets `boot-stalled`, which shows a message with a reload button in its
// place (the pre-rendered text stays readable); if the program arrives after all, it goes.
const STALLED_MS = 20000;
if (typeof WebAssembly === 'object') {
  const root = document.documentElement;
  const stalled = setTimeout(() => root.classList.add('boot-stalled'), STALLED_MS);
  for (const b of document.querySelectorAll('.boot-reload')) {
    b.addEventListener('click', () => location.reload());
  }
  try {
    const params = new URLSearchParams(location.search);
    const desk = {{desk}};
    const edit = desk !== null && params.has('edit') && !params.has('embed');
    if (edit) {
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = desk.style;
      document.head.append(style);
      root.classList.add('desk-mode');
    }
    const { default: init } = await import(edit ? desk.glue : {{glue}});
    await init({ module_or_path: edit ? desk.wasm : {{wasm}} });
  } catch (e) {
    root.classList.add('boot-failed');
    console.error('阅读器启动失败', e);
  } finally {
    clearTimeout(stalled);
    root.classList.remove('boot-stalled');
  }
}
