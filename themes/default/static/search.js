/* guidebook search: matches the words typed against every lesson's title, headings, summary and
   text. The index (assets/search-index.js) is loaded as a script on first use, so search works
   straight from disk (file://) and never touches the network. Press "/" to search. */
(function () {
  "use strict";
  var doc = document;
  var form = doc.querySelector("form[data-search]");
  if (!form) return;
  var input = form.querySelector("#search-input");
  var results = form.querySelector("#search-results");
  var status = form.querySelector("#search-status");
  var script = doc.querySelector('script[src$="search.js"]');
  var base = script ? script.getAttribute("src").replace(/search\.js$/, "") : "assets/";
  var loading = null;
  form.hidden = false;

  function loadIndex() {
    if (window.GUIDEBOOK_SEARCH) return Promise.resolve(window.GUIDEBOOK_SEARCH);
    if (loading) return loading;
    loading = new Promise(function (resolve) {
      var tag = doc.createElement("script");
      tag.src = base + "search-index.js";
      tag.onload = function () { resolve(window.GUIDEBOOK_SEARCH || []); };
      tag.onerror = function () { resolve([]); };
      doc.head.appendChild(tag);
    });
    return loading;
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  // Scores a document: every word must appear somewhere; titles count most, then headings.
  function score(docu, terms) {
    var title = fold(docu.t), summary = fold(docu.s), body = fold(docu.b);
    var total = 0, anchor = null;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i], best = 0;
      if (title.indexOf(term) !== -1) best = 10;
      for (var h = 0; h < docu.h.length; h++) {
        if (fold(docu.h[h][1]).indexOf(term) !== -1) {
          best = Math.max(best, 5);
          if (anchor === null) anchor = docu.h[h][0];
        }
      }
      if (summary.indexOf(term) !== -1) best = Math.max(best, 3);
      if (body.indexOf(term) !== -1) best = Math.max(best, 1);
      if (best === 0) return null;
      total += best;
    }
    return { score: total, anchor: anchor };
  }

  // A piece of text around the first match, with every term marked.
  function snippet(text, terms) {
    var folded = fold(text), at = -1;
    for (var i = 0; i < terms.length && at === -1; i++) at = folded.indexOf(terms[i]);
    var start = Math.max(0, at - 60), end = Math.min(text.length, (at === -1 ? 0 : at) + 100);
    var piece = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    var out = doc.createElement("span");
    out.className = "search-snippet";
    var lower = fold(piece), pos = 0;
    while (pos < piece.length) {
      var next = -1, length = 0;
      terms.forEach(function (term) {
        var found = lower.indexOf(term, pos);
        if (found !== -1 && (next === -1 || found < next)) { next = found; length = term.length; }
      });
      if (next === -1) { out.appendChild(doc.createTextNode(piece.slice(pos))); break; }
      out.appendChild(doc.createTextNode(piece.slice(pos, next)));
      var mark = doc.createElement("mark");
      mark.textContent = piece.slice(next, next + length);
      out.appendChild(mark);
      pos = next + length;
    }
    return out;
  }

  function show(query) {
    var terms = words(query);
    results.textContent = "";
    if (terms.length === 0) { results.hidden = true; status.textContent = ""; return; }
    loadIndex().then(function (index) {
      if (input.value !== query) return;
      var found = [];
      index.forEach(function (docu) {
        var s = score(docu, terms);
        if (s) found.push({ docu: docu, score: s.score, anchor: s.anchor });
      });
      found.sort(function (a, b) { return b.score - a.score; });
      results.textContent = "";
      found.slice(0, 10).forEach(function (hit) {
        var item = doc.createElement("li");
        var link = doc.createElement("a");
        link.href = hit.docu.u + (hit.anchor ? "#" + hit.anchor : "");
        var title = doc.createElement("span");
        title.className = "search-title";
        title.textContent = hit.docu.t;
        link.appendChild(title);
        var text = fold(hit.docu.b).indexOf(terms[0]) !== -1 ? hit.docu.b : hit.docu.s || hit.docu.b;
        link.appendChild(snippet(text, terms));
        item.appendChild(link);
        results.appendChild(item);
      });
      if (found.length === 0) {
        var none = doc.createElement("li");
        none.className = "search-empty";
        none.textContent = "No lesson mentions “" + query + "”.";
        results.appendChild(none);
      }
      results.hidden = false;
      status.textContent = found.length + (found.length === 1 ? " lesson found" : " lessons found");
    });
  }

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("focus", function () { loadIndex(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = results.querySelector("a");
    if (first) window.location.href = first.href;
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; show(""); input.blur(); }
    if (event.key === "ArrowDown") {
      var first = results.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  results.addEventListener("keydown", function (event) {
    var link = event.target.closest("a");
    if (!link) return;
    var item = link.parentElement;
    if (event.key === "ArrowDown" && item.nextElementSibling) { event.preventDefault(); item.nextElementSibling.querySelector("a").focus(); }
    if (event.key === "ArrowUp") {
      event.preventDefault();
      if (item.previousElementSibling) item.previousElementSibling.querySelector("a").focus(); else input.focus();
    }
    if (event.key === "Escape") input.focus();
  });
  doc.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  doc.addEventListener("click", function (event) {
    if (!form.contains(event.target)) results.hidden = true;
  });
})();
