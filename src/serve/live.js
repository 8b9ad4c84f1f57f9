// guidebook serve's live reload, injected into every served page (never into built sites).
// Vanilla JS, no dependencies. Before serving this file, the server writes the path of its
// event stream (EVENTS_PATH in src/serve/reload.rs) over the placeholder in `connect`.
(function () {
  "use strict";
  var KEY = "guidebook-live-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var y = parseInt(saved, 10) || 0;
    window.addEventListener("load", function () { window.scrollTo(0, y); });
  }
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-version") : null;
  var delay = 500;
  function pageName() {
    var name = decodeURIComponent(location.pathname.split("/").pop() || "");
    return name === "" ? "index.html" : name;
  }
  function reload() {
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  }
  function swapStyles(v) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      url.searchParams.set("v", v);
      links[i].href = url.toString();
    }
  }
  function overlay() {
    var el = document.getElementById("guidebook-error-overlay");
    if (!el) {
      el = document.createElement("div");
      el.id = "guidebook-error-overlay";
      el.setAttribute("role", "alert");
      el.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f4f4f5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
      document.body.appendChild(el);
    }
    return el;
  }
  function showErrors(errors) {
    var old = document.getElementById("guidebook-error-overlay");
    if (!errors || errors.length === 0) { if (old) old.remove(); return; }
    var el = overlay();
    el.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "The guide has " + errors.length + " error" + (errors.length === 1 ? "" : "s") + " — still showing the last good version";
    h.style.cssText = "margin:0 0 1rem;font:600 18px system-ui,sans-serif;color:#fca5a5";
    el.appendChild(h);
    errors.forEach(function (e) {
      var item = document.createElement("section");
      item.className = "guidebook-error";
      item.style.cssText = "margin:0 0 1.25rem;padding:.75rem 1rem;border-left:4px solid #f87171;background:#27272a";
      var where = document.createElement("p");
      where.className = "guidebook-error-location";
      where.style.cssText = "margin:0;color:#fde68a";
      where.textContent = e.file + ":" + e.line + ":" + e.column;
      var msg = document.createElement("p");
      msg.className = "guidebook-error-message";
      msg.style.cssText = "margin:.25rem 0;font-weight:700";
      msg.textContent = e.message;
      var pre = document.createElement("pre");
      pre.style.cssText = "margin:.5rem 0 0;white-space:pre-wrap";
      pre.textContent = e.snippet;
      item.appendChild(where); item.appendChild(msg); item.appendChild(pre);
      el.appendChild(item);
    });
  }
  function handle(data) {
    var m = JSON.parse(data);
    if (m.type === "errors") { version = m.version; showErrors(m.errors); return; }
    if (m.type !== "reload") return;
    if (version === m.version) { showErrors([]); return; }
    version = m.version;
    var page = pageName();
    for (var i = 0; i < m.moved.length; i++) {
      if (m.moved[i][0] === page) { location.href = m.moved[i][1]; return; }
    }
    if (m.css_only) { showErrors([]); swapStyles(m.version); return; }
    if (m.everything || m.changed.indexOf(page) !== -1 || usesAny(m.changed)) { reload(); } else { showErrors([]); }
  }
  // Whether the page shows or links one of the changed files (a picture beside the lessons).
  function usesAny(paths) {
    // Only files beside the lessons: a changed page reloads by its own name, not through the
    // links other pages have to it.
    paths = paths.filter(function (p) { return !/\.(html|css|js)$/.test(p); });
    if (paths.length === 0) return false;
    var nodes = document.querySelectorAll("img[src], source[src], video[src], audio[src], a[href], object[data]");
    for (var i = 0; i < nodes.length; i++) {
      var value = nodes[i].getAttribute("src") || nodes[i].getAttribute("href") || nodes[i].getAttribute("data");
      var path;
      try { path = decodeURIComponent(new URL(value, location.href).pathname.replace(/^\//, "")); } catch (e) { continue; }
      if (paths.indexOf(path) !== -1) return true;
    }
    return false;
  }
  function connect() {
    var source = new EventSource("__GUIDEBOOK_EVENTS_PATH__");
    source.onopen = function () { delay = 500; };
    source.onmessage = function (event) { handle(event.data); };
    source.onerror = function () {
      source.close();
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  }
  connect();
})();
