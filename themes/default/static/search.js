/* guidebook search: matches the words typed against every lesson's and reference page's title,
   headings, summary and text. Everything comes as scripts, so search works straight from disk
   (file://) and never touches the network:
   - assets/search-index.js, every page's title, address, summary and headings, loaded when the box
     is first focused; it answers at once;
   - assets/search/<n>.js, the pages' whole text in shards, loaded a few at a time once the reader
     types; the results grow as each shard arrives (the list is aria-busy until all are in).
   Press "/" to search. */
(function () {
  "use strict";
  var doc = document;
  var form = doc.querySelector("form[data-search]");
  if (!form) return;
  var input = form.querySelector("#search-input");
  var results = form.querySelector("#search-results");
  var status = form.querySelector("#search-status");
  var script = doc.querySelector('script[src$="search.js"]');
  /* The index of the page's own language: `data-search` names its folder (`assets/` beside the
     page); else the folder this script came from. */
  var base = form.getAttribute("data-search") ||
    (script ? script.getAttribute("src").replace(/search\.js$/, "") : "assets/");
  var SHARDS_AT_ONCE = 3, MAX_RESULTS = 10;
  /* The index's pages, with folded copies for matching, and their text once its shard is in. */
  var pages = [];
  var indexLoading = null;
  var shardCount = 0, shardsStarted = false, nextShard = 0, shardsDone = 0;
  /* The query on screen: its terms, its hits by page number, and what was last drawn of it. */
  var current = null;
  var drawPending = false;
  form.hidden = false;

  /* The words of the guide's language, from guidebook.js (English if it is not on the page). */
  function say(key, args) {
    if (window.GUIDEBOOK_WORD) return window.GUIDEBOOK_WORD(key, args);
    var count = args && args.count;
    var english = {
      searching: "Searching the text…", no_results: "No page mentions “{query}”.",
      result_count: count === 1 ? "{count} result" : "{count} results",
      result_count_so_far: count === 1 ? "{count} result so far" : "{count} results so far"
    };
    return (english[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return args && args[name] !== undefined ? String(args[name]) : all;
    });
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  function addScript(src, done) {
    var tag = doc.createElement("script");
    tag.src = src;
    tag.onload = tag.onerror = function () { tag.remove(); done(); };
    doc.head.appendChild(tag);
  }

  function loadIndex() {
    if (!indexLoading) {
      indexLoading = new Promise(function (resolve) {
        function ready() { prepare(window.GUIDEBOOK_SEARCH); resolve(); }
        if (window.GUIDEBOOK_SEARCH) ready(); else addScript(base + "search-index.js", ready);
      });
    }
    return indexLoading;
  }

  function prepare(index) {
    shardCount = (index && index.shards) || 0;
    pages = ((index && index.pages) || []).map(function (p) {
      return {
        t: p.t, u: p.u, s: p.s, h: p.h, b: null,
        ft: fold(p.t), fs: fold(p.s), fh: p.h.map(function (h) { return fold(h[1]); }), fb: null,
      };
    });
    window.GUIDEBOOK_SEARCH = null; // the pages above keep what search needs
  }

  /* Called by each shard script: the whole text of the pages from number `first` on. */
  window.GUIDEBOOK_SEARCH_SHARD = function (number, first, texts) {
    for (var i = 0; i < texts.length; i++) {
      var page = pages[first + i];
      if (!page || typeof texts[i] !== "string") continue;
      page.b = texts[i];
      page.fb = fold(texts[i]);
      if (current) rescore(first + i);
    }
  };

  function loadShards() {
    if (shardsStarted) return;
    shardsStarted = true;
    for (var i = 0; i < SHARDS_AT_ONCE; i++) loadNextShard();
  }

  function loadNextShard() {
    if (nextShard >= shardCount) return;
    addScript(base + "search/" + nextShard++ + ".js", function () {
      shardsDone++;
      scheduleDraw();
      loadNextShard();
    });
  }

  /* A page's score: every term must appear somewhere; titles count most, then headings, the
     summary, the text. null when a term is missing, or not yet known to be in the text. */
  function score(index, terms) {
    var page = pages[index], total = 0, anchor = null;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i], best = page.ft.indexOf(term) !== -1 ? 10 : 0;
      for (var h = 0; h < page.fh.length; h++) {
        if (page.fh[h].indexOf(term) === -1) continue;
        best = Math.max(best, 5);
        if (anchor === null) anchor = page.h[h][0];
      }
      if (best === 0 && page.fs.indexOf(term) !== -1) best = 3;
      if (best === 0 && page.fb !== null && page.fb.indexOf(term) !== -1) best = 1;
      if (best === 0) return null;
      total += best;
    }
    return { index: index, page: page, score: total, anchor: anchor };
  }

  function rescore(index) {
    var hit = score(index, current.terms);
    if (hit) current.hits.set(index, hit); else current.hits.delete(index);
    scheduleDraw();
  }

  /* Whether every page matching `terms` also matched `before` (each earlier term is part of a new
     one, as when a word is typed on): then only the earlier hits need scoring again. */
  function narrows(terms, before) {
    return before.every(function (old) {
      return terms.some(function (term) { return term.indexOf(old) !== -1; });
    });
  }

  function search(query) {
    var terms = words(query), hits = new Map();
    function consider(index) {
      var hit = score(index, terms);
      if (hit) hits.set(index, hit);
    }
    if (current && narrows(terms, current.terms)) {
      current.hits.forEach(function (hit, index) { consider(index); });
    } else {
      for (var i = 0; i < pages.length; i++) consider(i);
    }
    current = { query: query, terms: terms, hits: hits, drawn: null, announced: false };
  }

  /* The text a hit shows: the summary if it holds a term, else the text if it does. */
  function snippetSource(page, terms) {
    function holds(folded) {
      return folded !== null && terms.some(function (term) { return folded.indexOf(term) !== -1; });
    }
    if (holds(page.fs) || !holds(page.fb)) return { text: page.s, folded: page.fs };
    return { text: page.b, folded: page.fb };
  }

  /* A piece of text around the first match, with every term marked. */
  function snippet(source, terms) {
    var text = source.text, at = -1;
    for (var i = 0; i < terms.length && at === -1; i++) at = source.folded.indexOf(terms[i]);
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

  function scheduleDraw() {
    if (drawPending || !current) return;
    drawPending = true;
    requestAnimationFrame(function () { drawPending = false; draw(false); });
  }

  function note(text) {
    var item = doc.createElement("li");
    item.className = "search-empty";
    item.textContent = text;
    return item;
  }

  /* Shows the best hits of the current query, and opens the list when `reveal` (as the reader
     types; shards arriving later redraw it without opening a list the reader closed). */
  function draw(reveal) {
    if (!current) return;
    var found = Array.from(current.hits.values());
    found.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
    var top = found.slice(0, MAX_RESULTS), busy = shardsDone < shardCount;
    var sources = top.map(function (hit) { return snippetSource(hit.page, current.terms); });
    var drawn = top.map(function (hit, i) {
      return hit.page.u + "#" + hit.anchor + (sources[i].text === hit.page.b ? " text" : "");
    }).join(" ") + (busy ? " busy" : "");
    if (drawn !== current.drawn) {
      current.drawn = drawn;
      var focused = results.contains(doc.activeElement) ? doc.activeElement.getAttribute("href") : null;
      results.textContent = "";
      top.forEach(function (hit, i) {
        var item = doc.createElement("li");
        var link = doc.createElement("a");
        link.href = hit.page.u + (hit.anchor ? "#" + hit.anchor : "");
        var title = doc.createElement("span");
        title.className = "search-title";
        title.textContent = hit.page.t;
        link.appendChild(title);
        link.appendChild(snippet(sources[i], current.terms));
        item.appendChild(link);
        results.appendChild(item);
        if (focused !== null && link.getAttribute("href") === focused) link.focus();
      });
      if (busy) results.appendChild(note(say("searching")));
      else if (found.length === 0) results.appendChild(note(say("no_results", { query: current.query })));
    }
    results.setAttribute("aria-busy", busy ? "true" : "false");
    if (reveal) results.hidden = false;
    // Said when the first results show and when every shard is in, not at each shard.
    if (!busy || !current.announced) {
      current.announced = true;
      var said = say(busy ? "result_count_so_far" : "result_count", { count: found.length });
      if (status.textContent !== said) status.textContent = said;
    }
  }

  function show(query) {
    if (words(query).length === 0) {
      current = null;
      results.textContent = "";
      results.hidden = true;
      results.removeAttribute("aria-busy");
      status.textContent = "";
      return;
    }
    loadIndex().then(function () {
      if (input.value !== query) return;
      search(query);
      loadShards();
      draw(true);
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
    var next = item.nextElementSibling && item.nextElementSibling.querySelector("a");
    var previous = item.previousElementSibling && item.previousElementSibling.querySelector("a");
    if (event.key === "ArrowDown" && next) { event.preventDefault(); next.focus(); }
    if (event.key === "ArrowUp") {
      event.preventDefault();
      if (previous) previous.focus(); else input.focus();
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
