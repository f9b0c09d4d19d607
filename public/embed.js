// Embeds the reader in another site's page (a government portal), the way Datawrapper's
// responsive embeds work. On the host page:
//
//   <div data-fazhi-reader="https://reader.example/reports/viewer/index.html?embed=1&part=c2"
//        data-title="商城县2022年法治政府建设情况（存在的问题）">
//     <a href="https://reader.example/reports/viewer/#/b/c2">阅读报告</a>
//   </div>
//   <script src="https://reader.example/reports/viewer/embed.js" async></script>
//
// Each such element becomes a full-width iframe (its contents, e.g. a plain link, are what
// browsers without this script show). The reader posts its height whenever it changes
// ({type: 'fazhi-reader:height', height}), and the iframe follows, so it never scrolls on its
// own. Only messages whose origin is the reader's and whose source is that very iframe count.
// The host page's CSP must allow the reader's origin in frame-src (and script-src for this
// file); heights are set through element.style, which style-src does not restrict.
(function () {
  'use strict';
  if (window.fazhiReaderEmbed || typeof URL !== 'function' || !window.postMessage) return;
  var frames = [];
  window.fazhiReaderEmbed = { frames: frames };

  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.type !== 'fazhi-reader:height') return;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (e.source !== f.iframe.contentWindow || e.origin !== f.origin) continue;
      var h = Number(d.height);
      // A broken or hostile number must not hide the page or blow it up.
      if (isFinite(h) && h > 0 && h < 100000) f.iframe.style.height = Math.ceil(h) + 'px';
      return;
    }
  });

  function embed(el) {
    var url;
    try {
      url = new URL(el.getAttribute('data-fazhi-reader'), document.baseURI);
    } catch (err) {
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return;
    // The reader posts its height to this origin only (see src/app/embed.rs).
    if (location.origin && location.origin !== 'null') {
      url.searchParams.set('embed', location.origin);
    } else if (!url.searchParams.has('embed')) {
      url.searchParams.set('embed', '1');
    }
    var iframe = document.createElement('iframe');
    iframe.src = url.href;
    iframe.title = el.getAttribute('data-title') || '法治政府建设年度报告';
    iframe.setAttribute('loading', 'lazy');
    iframe.style.display = 'block';
    iframe.style.width = '100%';
    iframe.style.border = '0';
    // Until the reader has measured itself (or if it never can), a usable window onto it.
    iframe.style.height = (Number(el.getAttribute('data-height')) || 600) + 'px';
    frames.push({ iframe: iframe, origin: url.origin });
    el.removeAttribute('data-fazhi-reader');
    while (el.firstChild) el.removeChild(el.firstChild);
    el.appendChild(iframe);
  }

  function embedAll() {
    var els = document.querySelectorAll('[data-fazhi-reader]');
    for (var i = 0; i < els.length; i++) embed(els[i]);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', embedAll);
  } else {
    embedAll();
  }
})();
