// Applies the reader's stored font size and theme to <html> before the first paint, so the page
// never flashes in the wrong size or colours while the wasm loads. A classic, synchronous
// script on purpose. Keys and values must match src/app/prefs.rs (gloo-storage stores JSON).
(function () {
  var root = document.documentElement;
  try {
    var font = JSON.parse(localStorage.getItem('fazhi.font'));
    if (font >= 0 && font <= 3) root.setAttribute('data-font', String(font));
    var theme = JSON.parse(localStorage.getItem('fazhi.theme'));
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  } catch (e) {
    // Storage unavailable or garbled: keep the defaults.
  }
})();
