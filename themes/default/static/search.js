/* guidebook search: matches the words typed against every lesson's and reference page's title,
   headings, summary and text. Everything comes as scripts, so search works straight from disk
   (file://) and never touches the network:
   - assets/search-index.js, every page's title, address, summary and headings, loaded when the box
     is first focused; it answers at once;
   - assets/search/<n>.js, the pages' whole text in shards, loaded a few at a time once the reader
     types; the results grow as each shard arrives (the list is aria-busy until all are in).
   Matching works for any language: text and query are folded alike (compatibility forms, case,
   accents and the letters that have none, so "strasse" finds "Straße"), and a run of a script
   written without spaces (Chinese, Japanese, Thai) is matched by its overlapping pairs of
   characters, so a word is found in the middle of a sentence.
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
  /* The query on screen: as typed, parsed, its terms, its hits by page number, and what was last
     drawn of it. */
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

  /* Letters that fold to others but do not decompose into them. ς (final sigma) is σ, as
     lower-casing a whole word and lower-casing its letters one by one disagree on it. */
  var LETTERS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ς": "σ" };
  var LETTER = /[ßæœøłđðþıς]/g;
  var MARK = /\p{M}/gu;
  /* Scripts written without spaces between words. */
  var SPACELESS = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}]+/gu;

  /* Where marks and LETTERS may be: not ASCII, nor general punctuation (typographic quotes and
     dashes, frequent in any text). */
  var MAY_CHANGE = /[^\x00-\x7f\u2000-\u206f]+/g;

  /* Text as it is matched: compatibility forms made plain (full-width letters, half-width
     katakana, ligatures), lower case, without combining marks, and the LETTERS spelt out. Marks
     and LETTERS are looked for only where they may be: a Unicode property tested at every
     character of a long English text costs three times the rest of the folding. */
  function fold(text) {
    return text.normalize("NFKC").toLowerCase().normalize("NFD").replace(MAY_CHANGE, plainLetters);
  }

  function plainLetters(run) {
    return run.replace(MARK, "").replace(LETTER, function (letter) { return LETTERS[letter]; });
  }

  /* `text` folded as fold() does, and where each folded character comes from: snippets need it
     to mark the words as written, as folding changes lengths ("ß" becomes "ss", "e" and its
     accent "e"). Kept as pieces, [folded start, start, end, one to one], so that an English
     text costs a piece per run of ASCII: such a run folds to its lower case, character for
     character; any other character folds alone, as a piece of its own, and one that folds to
     nothing (a combining mark) joins the character before. */
  var foldedAlone = new Map();
  function foldMapped(text) {
    var folded = "", pieces = [], at = 0, other = /[^\x00-\x7f]+/g, match;
    function ascii(end) {
      if (end > at) pieces.push([folded.length, at, end, true]);
      folded += text.slice(at, end).toLowerCase();
      at = end;
    }
    function joinBefore(end) {
      var last = pieces[pieces.length - 1];
      if (!last) return;
      if (last[3] && last[2] - last[1] > 1) {
        last[2] -= 1;
        pieces.push([folded.length - 1, last[2], end, false]);
      } else {
        last[2] = end;
        last[3] = false;
      }
    }
    while ((match = other.exec(text)) !== null) {
      ascii(match.index);
      for (var ch of match[0]) {
        var f = foldedAlone.get(ch);
        if (f === undefined) { f = fold(ch); foldedAlone.set(ch, f); }
        if (f.length === 0) joinBefore(at + ch.length);
        else pieces.push([folded.length, at, at + ch.length, false]);
        folded += f;
        at += ch.length;
      }
    }
    ascii(text.length);
    /* The piece folded character k is in (the last that starts at or before it). */
    function pieceOf(k) {
      var low = 0, high = pieces.length - 1;
      while (low < high) {
        var middle = (low + high + 1) >> 1;
        if (pieces[middle][0] <= k) low = middle; else high = middle - 1;
      }
      return pieces[low];
    }
    return {
      text: folded,
      /* Where folded character k starts and ends in `text` (its end for k past the last). */
      from: function (k) {
        if (k >= folded.length) return text.length;
        var piece = pieceOf(k);
        return piece[3] ? piece[1] + k - piece[0] : piece[1];
      },
      to: function (k) {
        var piece = pieceOf(k);
        return piece[3] ? piece[1] + k - piece[0] + 1 : piece[2];
      },
      /* The first folded character that starts at or after `offset` of `text`. */
      at: function (offset) {
        for (var low = 0, high = pieces.length; low < high;) {
          var middle = (low + high) >> 1;
          if (pieces[middle][2] <= offset) low = middle + 1; else high = middle;
        }
        var piece = pieces[low];
        if (!piece) return folded.length;
        if (piece[3]) return piece[0] + Math.max(0, offset - piece[1]);
        return offset <= piece[1] ? piece[0] : (pieces[low + 1] ? pieces[low + 1][0] : folded.length);
      },
    };
  }

  /* A query as it is matched: its `terms` (its words folded, and the overlapping pairs of
     characters of each run of a spaceless script longer than two), whether a page `must` hold
     each, the `runs`, each as the places of its pairs in `terms`, and the `words` that are not
     runs. A page holds a run when each of its characters is in a pair the page holds: a run
     typed without its spaces ("水やり表面" for "水やり 表面") matches a page that has its words
     apart. */
  function parse(query) {
    var terms = [], needed = [], runs = [], words = [];
    function place(term) {
      if (terms.indexOf(term) === -1) terms.push(term);
      return terms.indexOf(term);
    }
    function need(term) {
      var at = place(term);
      if (needed.indexOf(at) === -1) needed.push(at);
    }
    fold(query).split(/[^\p{L}\p{N}]+/u).forEach(function (word) {
      word.replace(SPACELESS, function (run) {
        var chars = Array.from(run), pairs = [];
        if (chars.length <= 2) { need(run); words.push(run); return " "; }
        for (var i = 0; i + 1 < chars.length; i++) pairs.push(place(chars[i] + chars[i + 1]));
        // The first and the last pair alone hold the run's first and last characters.
        need(chars[0] + chars[1]);
        need(chars[chars.length - 2] + chars[chars.length - 1]);
        runs.push(pairs);
        return " ";
      }).split(" ").forEach(function (rest) {
        if (rest.length > 0) { need(rest); words.push(rest); }
      });
    });
    var must = terms.map(function (term, place) { return needed.indexOf(place) !== -1; });
    return { terms: terms, must: must, runs: runs, words: words };
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
        ms: null, mb: null, // the summary and the text folded with positions, for snippets
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
      page.mb = null;
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

  /* A page's score: each term counts for where it is found, titles most, then headings, the
     summary, the text. null when a needed term or a run is missing, or not yet known to be in
     the text. */
  function score(index, query) {
    var page = pages[index], terms = query.terms, total = 0, anchor = null;
    var found = query.runs.length > 0 ? [] : null;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i], best = page.ft.indexOf(term) !== -1 ? 10 : 0;
      for (var h = 0; h < page.fh.length; h++) {
        if (page.fh[h].indexOf(term) === -1) continue;
        best = Math.max(best, 5);
        if (anchor === null) anchor = page.h[h][0];
      }
      if (best === 0 && page.fs.indexOf(term) !== -1) best = 3;
      if (best === 0 && page.fb !== null && page.fb.indexOf(term) !== -1) best = 1;
      if (best === 0 && query.must[i]) return null;
      if (found) found.push(best > 0);
      total += best;
    }
    for (var r = 0; r < query.runs.length; r++) {
      var pairs = query.runs[r];
      // A character between two missing pairs is in none the page holds.
      for (var p = 1; p < pairs.length; p++) if (!found[pairs[p - 1]] && !found[pairs[p]]) return null;
    }
    return { index: index, page: page, score: total, anchor: anchor };
  }

  function rescore(index) {
    var hit = score(index, current.parsed);
    if (hit) current.hits.set(index, hit); else current.hits.delete(index);
    scheduleDraw();
  }

  /* Whether every page matching `query` also matched `before` (a page matched `before` when it
     held all its terms, and each is part of a term `query` needs, as when a word is typed on):
     then only the earlier hits need scoring again. */
  function narrows(query, before) {
    return before.must.every(Boolean) && before.terms.every(function (old) {
      return query.terms.some(function (term, n) { return query.must[n] && term.indexOf(old) !== -1; });
    });
  }

  function search(query) {
    var parsed = parse(query), hits = new Map();
    function consider(index) {
      var hit = score(index, parsed);
      if (hit) hits.set(index, hit);
    }
    if (current && narrows(parsed, current.parsed)) {
      current.hits.forEach(function (hit, index) { consider(index); });
    } else {
      for (var i = 0; i < pages.length; i++) consider(i);
    }
    current = { query: query, parsed: parsed, terms: parsed.terms, hits: hits, drawn: null, announced: false };
  }

  /* The text a hit shows: the summary if it holds a term, else the text if it does. Its folded
     copy with positions is made once per page, the first time the page shows a snippet. */
  function snippetSource(page, terms) {
    function holds(folded) {
      return folded !== null && terms.some(function (term) { return folded.indexOf(term) !== -1; });
    }
    if (holds(page.fs) || !holds(page.fb)) {
      if (!page.ms) page.ms = foldMapped(page.s);
      return { text: page.s, mapped: page.ms };
    }
    if (!page.mb) page.mb = foldMapped(page.b);
    return { text: page.b, mapped: page.mb };
  }

  /* What a snippet of `folded` marks: the query's words, and of each run the pieces the text
     holds (a run split where its pairs are missing: "受け皿" and "根腐れ" of "受け皿根腐れ"), so
     a stray pair of characters of a longer word is not marked. */
  function markedTerms(parsed, folded) {
    var marked = parsed.words.slice();
    parsed.runs.forEach(function (pairs) {
      var piece = "";
      pairs.forEach(function (place) {
        var pair = parsed.terms[place];
        if (folded.indexOf(pair) === -1) {
          if (piece) marked.push(piece);
          piece = "";
        } else {
          piece = piece ? piece + Array.from(pair)[1] : pair;
        }
      });
      if (piece) marked.push(piece);
    });
    return marked;
  }

  /* A piece of text around the first match, with every term marked: matches are found in the
     folded text and marked on the original characters they come from (overlapping ones as one
     mark). */
  function snippet(source, parsed) {
    var text = source.text, mapped = source.mapped, at = -1;
    var terms = markedTerms(parsed, mapped.text);
    for (var i = 0; i < terms.length && at === -1; i++) at = mapped.text.indexOf(terms[i]);
    var origin = at === -1 ? 0 : mapped.from(at);
    var first = mapped.at(Math.max(0, origin - 60)), last = mapped.at(Math.min(text.length, origin + 100));
    var start = mapped.from(first), end = mapped.from(last);
    var spans = [];
    terms.forEach(function (term) {
      for (var k = mapped.text.indexOf(term, first); k !== -1 && k + term.length <= last; k = mapped.text.indexOf(term, k + 1)) {
        spans.push([mapped.from(k), mapped.to(k + term.length - 1)]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var out = doc.createElement("span");
    out.className = "search-snippet";
    var pos = start;
    if (start > 0) out.appendChild(doc.createTextNode("…"));
    for (var s = 0; s < spans.length; s++) {
      var markStart = Math.max(pos, spans[s][0]), markEnd = spans[s][1];
      while (s + 1 < spans.length && spans[s + 1][0] < markEnd) markEnd = Math.max(markEnd, spans[++s][1]);
      if (markStart >= markEnd) continue;
      out.appendChild(doc.createTextNode(text.slice(pos, markStart)));
      var mark = doc.createElement("mark");
      mark.textContent = text.slice(markStart, markEnd);
      out.appendChild(mark);
      pos = markEnd;
    }
    out.appendChild(doc.createTextNode(text.slice(pos, end) + (end < text.length ? "…" : "")));
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
        link.appendChild(snippet(sources[i], current.parsed));
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
    if (parse(query).terms.length === 0) {
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
      // On a phone the search box is in the menu: open it first.
      var menu = doc.querySelector("[data-sidebar]");
      if (menu && !menu.open && !input.getClientRects().length) menu.open = true;
      input.focus();
      input.select();
    }
  });
  doc.addEventListener("click", function (event) {
    if (!form.contains(event.target)) results.hidden = true;
  });
})();
