// Everything that must happen before the first paint, in one classic, synchronous script in
// <head> (one blocking request, not two). ES5 on purpose: it must run in the old browsers it is
// there to detect.

// 1. The reader's stored font size and theme go onto <html> now, so the page never flashes in
// the wrong size or colours while the wasm loads. Keys and values must match src/app/prefs.rs
// (gloo-storage stores JSON).
(function () {
  var root = document.documentElement;
  try {
    var font = JSON.parse(localStorage.getItem('fazhi.font'));
    if (font >= 0 && font <= 3) root.setAttribute('data-font', String(font));
    var theme = JSON.parse(localStorage.getItem('fazhi.theme'));
    if (theme === 'light' || theme === 'dark' || theme === 'contrast') root.setAttribute('data-theme', theme);
  } catch (e) {
    // Storage unavailable or garbled: keep the defaults.
  }
})();

// 2. Whether the app can start in this browser, as classes on <html> for the style sheet, so the
// pre-rendered page (src/package/prerender.rs) shows a loading line, or at once a message and
// the report's text where WebAssembly or module scripts are missing: never a spinner that
// cannot stop.
//   js           scripts run (the loading line may show; the no-JavaScript note hides)
//   no-wasm      the app cannot run here
//   boot-failed  the start-up script could not be fetched (start-*.js adds it for later failures)
//   embed        ?embed=…: only the title and the loading line until the app has measured itself
//   other-report ?report=…: the pre-rendered text is another report's; hide it while loading
(function () {
  var root = document.documentElement;
  var add = function (c) { root.className += (root.className ? ' ' : '') + c; };
  var canRun = typeof WebAssembly === 'object' && 'noModule' in document.createElement('script');
  add(canRun ? 'js' : 'js no-wasm');
  if (/[?&]embed=/.test(location.search)) add('embed');
  if (/[?&]report=/.test(location.search)) {
    add('other-report');
    preloadReport();
  }
  // A module script that cannot be fetched fires `error` on its element only, which does not
  // bubble: listen in the capture phase.
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t.tagName === 'SCRIPT' && t.type === 'module') add('boot-failed');
  }, true);
})();

// The report another than the bundled one that ?report= names starts downloading now, beside
// the wasm, rather than once the wasm has arrived and started (for a long report, seconds on a
// slow network). Only a plainly safe relative path (ASCII letters, digits, "_", "-" and ".",
// no segment starting with "."): the app itself checks every name (fazhi_core::site::
// report_path) and fetches the same address, which then comes from this download. Any other
// name is simply not preloaded.
function preloadReport() {
  var m = /[?&]report=([^&#]*)/.exec(location.search);
  var name = m && m[1];
  if (!name || !/^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.json$/i.test(name)) return;
  var link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = name;
  document.head.appendChild(link);
}

// 3. Copying gives the official text. The page shows ASCII punctuation inside Chinese text in
// its full-width form (fazhi_core::typeset, in the pre-rendered page and in the app alike),
// each such character in <span class="fw" data-o="…"> that holds the character the report
// writes. A copy of a selection that has any puts them back, so a quotation is the text as
// published. The rest is the browser's own plain text of the selection: the copy is laid out
// (hidden, off-screen) where the selection is, so its paragraphs break as in a default copy,
// and read with innerText.
(function () {
  document.addEventListener('copy', function (e) {
    var sel = window.getSelection && window.getSelection();
    var focus = document.activeElement;
    if (!e.clipboardData || !sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    if (focus && (focus.tagName === 'INPUT' || focus.tagName === 'TEXTAREA')) return;
    var box = document.createElement('div');
    for (var i = 0; i < sel.rangeCount; i++) box.appendChild(sel.getRangeAt(i).cloneContents());
    var wide = box.querySelectorAll('.fw');
    if (!wide.length) return;
    for (var j = 0; j < wide.length; j++) {
      // A selection that ends right before the character clones its span empty.
      var w = wide[j];
      var official = w.textContent ? w.getAttribute('data-o') : '';
      w.parentNode.replaceChild(document.createTextNode(official), w);
    }
    var at = sel.getRangeAt(0).commonAncestorContainer;
    if (at.nodeType !== 1) at = at.parentNode;
    box.className = 'copy-box';
    at.appendChild(box);
    var text = box.innerText;
    at.removeChild(box);
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
  });
})();

// 4. A link to a block (#/b/<id>, or a bare #<id>; the same rule as src/app/route.rs) followed
// while the pre-rendered text is still the page: its blocks carry data-b, not ids (the app's
// ids must stay unique), so the browser cannot scroll to them itself. Once the app has
// replaced the copy (src/app/boot.rs) the app follows the address.
(function () {
  function follow() {
    var pre = document.getElementById('prerender');
    var m = /^#(?:\/b\/)?([A-Za-z0-9_-]+)$/.exec(location.hash);
    var el = pre && m && pre.querySelector('[data-b="' + m[1] + '"]');
    if (el) el.scrollIntoView();
  }
  window.addEventListener('hashchange', follow);
  document.addEventListener('DOMContentLoaded', follow);
})();
