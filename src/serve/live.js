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
  // The overlay is styled by its own sheet, scoped by its id (which outranks the theme's
  // selectors), opaque, in the page's light or dark theme.
  var OVERLAY_CSS = [
    "#guidebook-error-overlay, #guidebook-error-overlay * { all: revert; box-sizing: border-box; }",
    "#guidebook-error-overlay { position: fixed; inset: 0; z-index: 2147483647; overflow: auto; margin: 0; padding: 2rem;",
    "  background: var(--gbo-bg); color: var(--gbo-text); font: 15px/1.5 system-ui, sans-serif; text-align: left; }",
    "#guidebook-error-overlay.gbo-light { --gbo-bg: #fbf8f4; --gbo-text: #1f1b17; --gbo-card: #ffffff; --gbo-edge: #b3261e;",
    "  --gbo-title: #9b2c1f; --gbo-where: #5b4a3a; --gbo-code-bg: #f3efe9; --gbo-border: #d8cfc4; }",
    "#guidebook-error-overlay.gbo-dark { --gbo-bg: #17171a; --gbo-text: #f4f4f5; --gbo-card: #232327; --gbo-edge: #f87171;",
    "  --gbo-title: #fca5a5; --gbo-where: #fde68a; --gbo-code-bg: #1b1b1e; --gbo-border: #3a3a40; }",
    "#guidebook-error-overlay h2 { margin: 0 0 1.25rem; font: 600 19px/1.35 system-ui, sans-serif; color: var(--gbo-title); }",
    "#guidebook-error-overlay section { margin: 0 0 1.25rem; padding: 0.9rem 1.1rem; background: var(--gbo-card);",
    "  border: 1px solid var(--gbo-border); border-left: 5px solid var(--gbo-edge); border-radius: 6px; }",
    "#guidebook-error-overlay p { margin: 0 0 0.3rem; }",
    "#guidebook-error-overlay .guidebook-error-location { font: 600 14px/1.4 ui-monospace, Menlo, Consolas, monospace; color: var(--gbo-where); }",
    "#guidebook-error-overlay .guidebook-error-message { font-weight: 700; font-size: 16px; }",
    "#guidebook-error-overlay .guidebook-error-hint { color: var(--gbo-text); }",
    "#guidebook-error-overlay pre { margin: 0.6rem 0 0; padding: 0.6rem 0.8rem; overflow-x: auto; white-space: pre;",
    "  background: var(--gbo-code-bg); color: var(--gbo-text); border-radius: 4px; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; }"
  ].join("\n");
  function darkTheme() {
    var chosen = document.documentElement.getAttribute("data-theme");
    if (chosen === "dark" || chosen === "light") return chosen === "dark";
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }
  function overlay() {
    var el = document.getElementById("guidebook-error-overlay");
    if (!el) {
      el = document.createElement("div");
      el.id = "guidebook-error-overlay";
      el.setAttribute("role", "alert");
      document.body.appendChild(el);
    }
    el.className = darkTheme() ? "gbo-dark" : "gbo-light";
    return el;
  }
  function add(parent, tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    parent.appendChild(node);
    return node;
  }
  // Each error once: where, what, how to fix it, and the lines of the file it is about.
  function showErrors(errors) {
    var old = document.getElementById("guidebook-error-overlay");
    if (!errors || errors.length === 0) { if (old) old.remove(); return; }
    var el = overlay();
    el.textContent = "";
    add(el, "style", "", OVERLAY_CSS);
    add(el, "h2", "", "The guide has " + errors.length + " error" + (errors.length === 1 ? "" : "s") +
      " — still showing the last good version");
    errors.forEach(function (e) {
      var item = add(el, "section", "guidebook-error");
      add(item, "p", "guidebook-error-location", e.file + ":" + e.line + ":" + e.column);
      add(item, "p", "guidebook-error-message", e.message);
      if (e.hint) add(item, "p", "guidebook-error-hint", "help: " + e.hint);
      if (e.excerpt) add(item, "pre", "guidebook-error-excerpt", e.excerpt);
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
