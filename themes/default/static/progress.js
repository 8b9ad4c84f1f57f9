/* guidebook default theme: progress that travels. On the checklists page, a link to the guide
   that carries this browser's checklist ticks and plan to another device, and its QR code
   (drawn here by the vendored qrcode.js). Everything is in the link's fragment, after
   `#progress=`, which browsers never send to a server. Opening such a link on any page of the
   guide restores the progress there, asking first (a dialog) when that browser has progress of
   its own; the fragment is then removed from the address bar. Nothing is sent anywhere.

   The fragment: `1.<ticks>` and, with a plan, `.<start YYYYMMDD>.<practice days>.<minutes>.<s|l>`.
   <ticks> is base64url of, for each lesson with a checklist, in step order: three bytes that
   name the lesson's list of items (a digest of their ids, so a lesson whose checklist changed
   since is recognised and left out, and one that moved to another step is still found), the
   number of items (one byte, or two from 128 on), then one bit per item, in order. */
(function () {
  "use strict";
  var doc = document;
  var data = window.GUIDEBOOK_TASKS;
  if (!data || !data.lessons) return;
  var TICKS = "guidebook:" + data.guide, PLAN = "guidebook-plan:" + data.guide;
  var PREFIX = "#progress=";

  var ENGLISH = {
    progress_copied: "Link copied",
    progress_ask_title: "Replace your progress?",
    progress_ask: "This link brings progress from another device. It takes the place of the ticks and the plan this browser has.",
    progress_theirs: "From the link: {ticked} of {total} items ticked",
    progress_mine: "In this browser: {ticked} of {total} items ticked",
    progress_replace: "Replace",
    progress_keep: "Keep mine",
    progress_restored: "The progress from the link is in this browser now.",
    progress_dropped: "Some checklists changed since the link was made; their ticks were left out."
  };
  function say(key, args) {
    var text = window.GUIDEBOOK_WORD ? window.GUIDEBOOK_WORD(key, args) : key;
    if (text === key) {
      text = String(ENGLISH[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
        return args && args[name] !== undefined ? String(args[name]) : all;
      });
    }
    return text;
  }

  function read(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function write(key, value) {
    try { if (value === null) window.localStorage.removeItem(key); else window.localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function ticks() {
    try { var s = JSON.parse(read(TICKS) || "{}"); return s && typeof s === "object" ? s : {}; } catch (e) { return {}; }
  }
  function isTicked(state, lesson, id) {
    if (Object.prototype.hasOwnProperty.call(state, id)) return state[id] === true;
    return (lesson.defaults || []).indexOf(id) !== -1;
  }
  function counted(state) {
    var ticked = 0, total = 0;
    data.lessons.forEach(function (lesson) {
      (lesson.tasks || []).forEach(function (id) { total++; if (isTicked(state, lesson, id)) ticked++; });
    });
    return { ticked: ticked, total: total };
  }

  // A lesson's list of items as 24 bits (FNV-1a of its ids).
  function listDigest(ids) {
    var hash = 0x811c9dc5, text = ids.join("\n");
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash & 0xffffff;
  }
  function base64url(bytes) {
    var text = "";
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function fromBase64url(text) {
    var plain = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = [];
    for (var i = 0; i < plain.length; i++) bytes.push(plain.charCodeAt(i));
    return bytes;
  }

  /** This browser's progress as the link's fragment. */
  function fragment() {
    var state = ticks(), bytes = [];
    data.lessons.forEach(function (lesson) {
      var ids = lesson.tasks || [];
      if (!ids.length) return;
      var digest = listDigest(ids);
      bytes.push(digest >> 16, (digest >> 8) & 0xff, digest & 0xff);
      if (ids.length < 128) bytes.push(ids.length); else bytes.push(0x80 | (ids.length >> 8), ids.length & 0xff);
      for (var i = 0; i < ids.length; i += 8) {
        var byte = 0;
        for (var j = 0; j < 8 && i + j < ids.length; j++) if (isTicked(state, lesson, ids[i + j])) byte |= 1 << j;
        bytes.push(byte);
      }
    });
    var text = "1." + base64url(bytes);
    try {
      var plan = JSON.parse(read(PLAN) || "null");
      if (plan && /^\d{4}-\d{2}-\d{2}$/.test(plan.start)) {
        var mask = 0;
        (plan.days || []).forEach(function (d) { mask |= 1 << d; });
        text += "." + plan.start.replace(/-/g, "") + "." + mask.toString(16) + "." + (plan.session || 30) + "." + (plan.range === "longest" ? "l" : "s");
      }
    } catch (e) { /* no plan */ }
    return text;
  }

  /** The progress a fragment carries: { state, plan, dropped }, or null when it is not one. */
  function parse(text) {
    var parts = text.split(".");
    if (parts[0] !== "1" || parts.length < 2) return null;
    var bytes;
    try { bytes = fromBase64url(parts[1]); } catch (e) { return null; }
    var byDigest = {};
    data.lessons.forEach(function (lesson) {
      if ((lesson.tasks || []).length) byDigest[listDigest(lesson.tasks)] = lesson;
    });
    var state = {}, dropped = 0, at = 0;
    while (at + 4 <= bytes.length) {
      var digest = (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2];
      var count = bytes[at + 3];
      at += 4;
      if (count & 0x80) { count = ((count & 0x7f) << 8) | bytes[at]; at += 1; }
      var lesson = byDigest[digest];
      var length = Math.ceil(count / 8);
      if (lesson && lesson.tasks.length === count) {
        lesson.tasks.forEach(function (id, i) { state[id] = ((bytes[at + (i >> 3)] >> (i & 7)) & 1) === 1; });
      } else {
        dropped++;
      }
      at += length;
    }
    if (at !== bytes.length) return null;
    var plan = null;
    if (parts.length === 6 && /^\d{8}$/.test(parts[2])) {
      var days = [], mask = parseInt(parts[3], 16);
      for (var d = 0; d < 7; d++) if (mask & (1 << d)) days.push(d);
      plan = {
        start: parts[2].slice(0, 4) + "-" + parts[2].slice(4, 6) + "-" + parts[2].slice(6, 8),
        days: days,
        session: Number(parts[4]) || 30,
        range: parts[5] === "l" ? "longest" : "shortest"
      };
    }
    return { state: state, plan: plan, dropped: dropped };
  }

  // ---- Receiving a link ----
  function forgetFragment() {
    try { window.history.replaceState(null, "", window.location.pathname + window.location.search); } catch (e) {
      window.location.hash = "";
    }
  }
  function apply(progress) {
    write(TICKS, JSON.stringify(progress.state));
    write(PLAN, progress.plan ? JSON.stringify(progress.plan) : null);
    try { window.sessionStorage.setItem("guidebook-progress-restored", progress.dropped ? "dropped" : "ok"); } catch (e) { /* the notice is lost */ }
    forgetFragment();
    window.location.reload();
  }
  function hasOwn() {
    return Object.keys(ticks()).length > 0 || read(PLAN) !== null;
  }
  function ask(progress) {
    var dialog = doc.createElement("dialog");
    dialog.className = "progress-dialog";
    dialog.setAttribute("aria-labelledby", "progress-dialog-title");
    var title = doc.createElement("h2");
    title.id = "progress-dialog-title";
    title.textContent = say("progress_ask_title");
    var text = doc.createElement("p");
    text.textContent = say("progress_ask");
    var list = doc.createElement("ul");
    [["progress_theirs", counted(progress.state)], ["progress_mine", counted(ticks())]].forEach(function (pair) {
      var item = doc.createElement("li");
      item.textContent = say(pair[0], pair[1]);
      list.appendChild(item);
    });
    var buttons = doc.createElement("p");
    buttons.className = "progress-dialog-buttons";
    var replace = doc.createElement("button");
    replace.type = "button";
    replace.className = "button button-small";
    replace.textContent = say("progress_replace");
    var keep = doc.createElement("button");
    keep.type = "button";
    keep.className = "button button-small button-quiet";
    keep.textContent = say("progress_keep");
    buttons.appendChild(replace);
    buttons.appendChild(keep);
    [title, text, list, buttons].forEach(function (el) { dialog.appendChild(el); });
    doc.body.appendChild(dialog);
    replace.addEventListener("click", function () { dialog.close(); apply(progress); });
    keep.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { forgetFragment(); });
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute("open", "");
    keep.focus();
  }
  function receive() {
    var hash = window.location.hash;
    if (hash.indexOf(PREFIX) !== 0) return;
    var progress = parse(decodeURIComponent(hash.slice(PREFIX.length)));
    if (!progress) { forgetFragment(); return; }
    if (hasOwn()) ask(progress); else apply(progress);
  }

  function notice(message) {
    var box = doc.createElement("p");
    box.className = "progress-notice";
    box.setAttribute("role", "status");
    box.textContent = message;
    var main = doc.getElementById("main") || doc.body;
    main.insertBefore(box, main.firstChild);
  }
  function restored() {
    var said = null;
    try {
      said = window.sessionStorage.getItem("guidebook-progress-restored");
      window.sessionStorage.removeItem("guidebook-progress-restored");
    } catch (e) { said = null; }
    if (said) notice(say("progress_restored") + (said === "dropped" ? " " + say("progress_dropped") : ""));
  }

  // ---- Offering a link (the checklists page) ----
  function pageAddress() {
    var url = window.location.href.replace(/#.*$/, "");
    return url + PREFIX + fragment();
  }
  function drawCode(holder, text) {
    if (typeof window.qrcode !== "function") return;
    var code = window.qrcode(0, "L");
    code.addData(text);
    code.make();
    var n = code.getModuleCount(), quiet = 4, size = n + quiet * 2, path = "";
    for (var r = 0; r < n; r++) {
      for (var c = 0; c < n; c++) if (code.isDark(r, c)) path += "M" + (c + quiet) + " " + (r + quiet) + "h1v1h-1z";
    }
    holder.innerHTML = "";
    var svg = doc.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", holder.getAttribute("data-label") || "QR");
    svg.setAttribute("shape-rendering", "crispEdges");
    var back = doc.createElementNS(svg.namespaceURI, "rect");
    back.setAttribute("width", size);
    back.setAttribute("height", size);
    back.setAttribute("fill", "#fff");
    var dark = doc.createElementNS(svg.namespaceURI, "path");
    dark.setAttribute("d", path);
    dark.setAttribute("fill", "#000");
    svg.appendChild(back);
    svg.appendChild(dark);
    holder.appendChild(svg);
  }
  function offer() {
    var section = doc.querySelector("[data-progress-link]");
    if (!section) return;
    var field = section.querySelector("[data-progress-url]");
    var code = section.querySelector("[data-progress-qr]");
    var copy = section.querySelector("[data-progress-copy]");
    var status = section.querySelector("[data-progress-status]");
    section.hidden = false;
    function update() {
      var address = pageAddress();
      if (field) field.value = address;
      if (code) drawCode(code, address);
    }
    update();
    doc.addEventListener("change", function (event) {
      if (event.target.matches && event.target.matches("input.task-box")) window.setTimeout(update, 0);
    });
    window.addEventListener("storage", update);
    all("[data-reset-progress]").forEach(function (button) { button.addEventListener("click", function () { window.setTimeout(update, 0); }); });
    if (copy) copy.addEventListener("click", function () {
      var done = function () { if (status) status.textContent = say("progress_copied"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
      } else { field.select(); }
    });
  }
  function all(selector) { return Array.prototype.slice.call(doc.querySelectorAll(selector)); }

  window.GUIDEBOOK_PROGRESS = { fragment: fragment, parse: parse };
  // A link opened where the page already is only changes the fragment.
  window.addEventListener("hashchange", receive);
  function init() { restored(); receive(); offer(); }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init); else init();
})();
