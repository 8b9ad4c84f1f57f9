/* guidebook default theme: checklist ticks, progress, theme toggle, copy buttons on code, tabs.
   No dependencies, no network. */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  var data = window.GUIDEBOOK_TASKS || { guide: root.getAttribute("data-guide") || "guide", lessons: [] };
  var KEY = "guidebook:" + data.guide, THEME_KEY = "guidebook-theme";
  var memory = {};

  // Storage that survives file:// and private modes (falls back to memory).
  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return key in memory ? memory[key] : null; }
  }
  function write(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key); else window.localStorage.setItem(key, value);
    } catch (e) {
      if (value === null) delete memory[key]; else memory[key] = value;
    }
  }
  function loadState() {
    try { var s = JSON.parse(read(KEY) || "{}"); return s && typeof s === "object" ? s : {}; } catch (e) { return {}; }
  }
  var state = loadState();

  // The words of the guide's language, from the page (`#guidebook-strings`, written by the
  // theme's base template); English ones for a theme whose pages have none. `word("key", {n: 1})`
  // fills `{n}`; an entry with plural forms takes the one `count` calls for in the page's language.
  var ENGLISH = {
    done: "✓ done", task_progress: "{done} of {total} checklist items ticked",
    overall_progress: "{ticked} of {total} checklist items ticked · {done} of {lessons} lessons done",
    clear_ticks: "Clear all ticks for this guide?", copy: "Copy", copy_label: "Copy the code to the clipboard",
    copied: "Copied", not_copied: "Not copied", copied_announcement: "Code copied to the clipboard",
    not_copied_announcement: "The code could not be copied; select it and copy by hand",
    show_hidden_lines: "Show hidden lines", hide_hidden_lines: "Hide lines",
    dark_mode: "Dark mode", light_mode: "Light mode", to_dark_theme: "Switch to the dark theme",
    to_light_theme: "Switch to the light theme", searching: "Searching the text…",
    no_results: "No page mentions “{query}”.", result_count: { one: "{count} result", other: "{count} results" },
    result_count_so_far: { one: "{count} result so far", other: "{count} results so far" }
  };
  var words = ENGLISH;
  try {
    var given = doc.getElementById("guidebook-strings");
    if (given) words = JSON.parse(given.textContent);
  } catch (e) { words = ENGLISH; }
  var plurals = null;
  function word(key, args) {
    var entry = words[key] !== undefined ? words[key] : ENGLISH[key];
    args = args || {};
    if (entry && typeof entry === "object") {
      try { plurals = plurals || new Intl.PluralRules(root.lang || "en"); } catch (e) { plurals = new Intl.PluralRules("en"); }
      entry = entry[plurals.select(Number(args.count) || 0)] || entry.other;
    }
    return String(entry === undefined ? key : entry).replace(/\{(\w+)\}/g, function (all, name) {
      return args[name] !== undefined ? String(args[name]) : all;
    });
  }
  window.GUIDEBOOK_WORD = word;

  function all(selector) { return Array.prototype.slice.call(doc.querySelectorAll(selector)); }
  function boxes() { return all("input.task-box[data-task]"); }

  // Theme: apply the saved choice as early as this script runs.
  function currentTheme() {
    var t = root.getAttribute("data-theme");
    if (t === "dark" || t === "light") return t;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  var saved = read(THEME_KEY);
  if (saved === "dark" || saved === "light") root.setAttribute("data-theme", saved);

  function applyBoxes() {
    boxes().forEach(function (box) {
      var id = box.getAttribute("data-task");
      box.checked = Object.prototype.hasOwnProperty.call(state, id) ? state[id] === true : box.defaultChecked;
    });
  }

  function isTicked(id, defaults) {
    if (Object.prototype.hasOwnProperty.call(state, id)) return state[id] === true;
    return defaults.indexOf(id) !== -1;
  }

  function updateProgress() {
    var ticked = 0, total = 0, lessonsDone = 0, lessonsWithTasks = 0;
    (data.lessons || []).forEach(function (lesson) {
      var tasks = lesson.tasks || [], defaults = lesson.defaults || [], done = 0;
      tasks.forEach(function (id) { if (isTicked(id, defaults)) done++; });
      ticked += done;
      total += tasks.length;
      var complete = tasks.length > 0 && done === tasks.length;
      if (tasks.length) lessonsWithTasks++;
      if (complete) lessonsDone++;
      all('[data-progress="' + lesson.slug + '"]').forEach(function (el) {
        el.textContent = !tasks.length ? "" : complete ? word("done") : done + "/" + tasks.length;
        el.classList.toggle("done", complete);
        el.classList.toggle("started", done > 0 && !complete);
        el.setAttribute("title", tasks.length ? word("task_progress", { done: done, total: tasks.length }) : "");
        var item = el.closest("li");
        if (item) item.classList.toggle("done", complete);
      });
      all('[data-map-lesson="' + lesson.slug + '"]').forEach(function (node) {
        node.classList.toggle("done", complete);
        var mark = node.querySelector(".map-done-mark");
        if (mark) mark.textContent = complete ? word("done") : "";
      });
    });
    all("[data-overall-progress]").forEach(function (el) {
      el.textContent = total
        ? word("overall_progress", { ticked: ticked, total: total, done: lessonsDone, lessons: lessonsWithTasks })
        : "";
    });
  }

  function save() { write(KEY, JSON.stringify(state)); }

  doc.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input.task-box[data-task]")) return;
    var id = box.getAttribute("data-task");
    state[id] = box.checked;
    // Keep other copies of the same item on this page in step.
    boxes().forEach(function (other) { if (other !== box && other.getAttribute("data-task") === id) other.checked = box.checked; });
    save();
    updateProgress();
  });

  window.addEventListener("storage", function (event) {
    if (event.key === KEY) { state = loadState(); applyBoxes(); updateProgress(); }
    if (event.key === THEME_KEY && (event.newValue === "dark" || event.newValue === "light")) {
      root.setAttribute("data-theme", event.newValue);
      syncToggles();
    }
  });

  function syncToggles() {
    var dark = currentTheme() === "dark";
    all("[data-theme-toggle]").forEach(function (button) {
      var label = button.querySelector(".theme-toggle-label") || button;
      label.textContent = word(dark ? "light_mode" : "dark_mode");
      button.setAttribute("title", word(dark ? "to_light_theme" : "to_dark_theme"));
    });
    syncPictures();
  }

  // A picture's dark variant (<source data-dark-variant>) follows the theme the reader chose
  // over the system's; on paper the light picture is always the one printed.
  function syncPictures() {
    var chosen = root.getAttribute("data-theme");
    var media = chosen === "dark" ? "screen" : chosen === "light" ? "not all"
      : "screen and (prefers-color-scheme: dark)";
    all("source[data-dark-variant]").forEach(function (source) {
      if (source.getAttribute("media") !== media) source.setAttribute("media", media);
    });
  }

  // Copy buttons on code blocks (not on output blocks). A shell session copies its commands
  // only: prompts (.hl-prompt) and output lines (.hl-output) are left out. As in mdBook, what
  // is copied is what shows: hidden lines (.code-hidden) only once they are shown.
  function codeText(block) {
    var code = block.querySelector("pre code") || block.querySelector("pre");
    if (!code) return "";
    var copy = code.cloneNode(true);
    var leftOut = ".hl-prompt, .hl-output" + (block.classList.contains("show-hidden") ? "" : ", .code-hidden");
    Array.prototype.forEach.call(copy.querySelectorAll(leftOut), function (el) {
      el.parentNode.removeChild(el);
    });
    return copy.textContent.replace(/\s+$/, "");
  }

  // A block with hidden lines (mdBook's `# ` lines in Rust, [code.hidelines]) gets a button
  // that shows and hides them again.
  function addHiddenLinesButton(block) {
    var code = block.querySelector("pre code");
    if (!code || !code.querySelector(".code-hidden")) return;
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "code-toggle";
    button.setAttribute("aria-expanded", "false");
    if (!code.id) code.id = "gb-code-" + (++codeBlocks);
    button.setAttribute("aria-controls", code.id);
    button.textContent = word("show_hidden_lines");
    button.addEventListener("click", function () {
      var shown = block.classList.toggle("show-hidden");
      button.setAttribute("aria-expanded", shown ? "true" : "false");
      button.textContent = word(shown ? "hide_hidden_lines" : "show_hidden_lines");
    });
    block.insertBefore(button, block.firstChild);
    block.classList.add("has-toggle");
  }
  var codeBlocks = 0;

  // A hidden textarea and execCommand: for browsers without the asynchronous clipboard, or
  // that refuse it (some do on file:// pages).
  function copyWithTextarea(text, button) {
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    doc.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = doc.execCommand("copy"); } catch (e) { copied = false; }
    doc.body.removeChild(area);
    button.focus();
    return copied;
  }

  function copyText(text, button) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithTextarea(text, button); });
    }
    return Promise.resolve(copyWithTextarea(text, button));
  }

  var announcer = null;
  function announce(message) {
    if (!announcer) {
      announcer = doc.createElement("p");
      announcer.className = "visually-hidden";
      announcer.setAttribute("aria-live", "polite");
      doc.body.appendChild(announcer);
    }
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = message; }, 50);
  }

  function addCopyButton(block) {
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "code-copy";
    button.textContent = word("copy");
    button.setAttribute("aria-label", word("copy_label"));
    var timer = null;
    button.addEventListener("click", function () {
      copyText(codeText(block), button).then(function (copied) {
        button.textContent = word(copied ? "copied" : "not_copied");
        if (copied) button.setAttribute("data-copied", ""); else button.removeAttribute("data-copied");
        announce(word(copied ? "copied_announcement" : "not_copied_announcement"));
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          button.textContent = word("copy");
          button.removeAttribute("data-copied");
        }, 1600);
      });
    });
    block.insertBefore(button, block.firstChild);
    block.classList.add("has-copy");
  }

  // A code block wider than its column scrolls sideways: it joins the tab order then, so that
  // the keyboard scrolls it too, and leaves it when it fits again (a wider window, a block
  // that was folded away until its details or its tab were opened).
  function reachScrolledCode() {
    all(".code-block > pre").forEach(function (pre) {
      if (pre.scrollWidth > pre.clientWidth) pre.setAttribute("tabindex", "0");
      else pre.removeAttribute("tabindex");
    });
  }

  // Tab blocks (::: tab, ::: group-tab): the page lists each panel under its title; here they
  // become tabs as the WAI-ARIA tabs pattern has them (arrow keys, Home and End move along the
  // tabs and choose one). Choosing a tab in a group chooses the tab of the same name in every
  // group of the page, and is remembered for the next pages.
  var TAB_KEY = KEY + ":tab", groups = [], tabBlocks = 0;
  function tabName(title) { return String(title || "").replace(/\s+/g, "").toLowerCase(); }
  function makeTabs(block) {
    var panels = Array.prototype.filter.call(block.children, function (el) {
      return el.classList.contains("tab-panel");
    });
    if (!panels.length) return;
    var number = ++tabBlocks, list = doc.createElement("div");
    list.className = "tab-list";
    list.setAttribute("role", "tablist");
    var tabs = panels.map(function (panel, i) {
      var tab = doc.createElement("button");
      tab.type = "button";
      tab.className = "tab";
      tab.id = "gb-tab-" + number + "-" + (i + 1);
      tab.setAttribute("role", "tab");
      tab.textContent = panel.getAttribute("data-tab") || String(i + 1);
      if (!panel.id) panel.id = "gb-tabpanel-" + number + "-" + (i + 1);
      tab.setAttribute("aria-controls", panel.id);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      list.appendChild(tab);
      return tab;
    });
    function choose(index, focus) {
      tabs.forEach(function (tab, i) {
        var selected = i === index;
        tab.setAttribute("aria-selected", selected ? "true" : "false");
        tab.tabIndex = selected ? 0 : -1;
        panels[i].hidden = !selected;
      });
      if (focus) tabs[index].focus();
    }
    function chooseNamed(name) {
      for (var i = 0; i < panels.length; i++) {
        if (tabName(panels[i].getAttribute("data-tab")) === name) { choose(i, false); return true; }
      }
      return false;
    }
    var grouped = block.getAttribute("data-tabs") === "group";
    function pick(index, focus) {
      choose(index, focus);
      if (!grouped) return;
      var name = tabName(panels[index].getAttribute("data-tab"));
      write(TAB_KEY, name);
      groups.forEach(function (other) { if (other !== chooseNamed) other(name); });
    }
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { pick(i, false); });
    });
    list.addEventListener("keydown", function (event) {
      var current = tabs.indexOf(doc.activeElement), last = tabs.length - 1, next = -1;
      if (current === -1) return;
      var forward = root.getAttribute("dir") === "rtl" ? "ArrowLeft" : "ArrowRight";
      var back = forward === "ArrowRight" ? "ArrowLeft" : "ArrowRight";
      if (event.key === forward) next = current === last ? 0 : current + 1;
      else if (event.key === back) next = current === 0 ? last : current - 1;
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = last;
      if (next === -1) return;
      event.preventDefault();
      pick(next, true);
    });
    block.insertBefore(list, panels[0]);
    block.classList.add("tabs-ready");
    if (grouped) {
      groups.push(chooseNamed);
      if (chooseNamed(read(TAB_KEY) || "")) return;
    }
    choose(0, false);
  }

  function init() {
    applyBoxes();
    updateProgress();

    all("[data-reset-progress]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        if (!window.confirm(word("clear_ticks"))) return;
        state = {};
        write(KEY, null);
        boxes().forEach(function (box) { box.checked = box.defaultChecked; });
        updateProgress();
      });
    });

    all("[data-js-show]").forEach(function (el) { el.hidden = false; });

    all("[data-theme-toggle]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var next = currentTheme() === "dark" ? "light" : "dark";
        root.setAttribute("data-theme", next);
        write(THEME_KEY, next);
        syncToggles();
      });
    });
    syncToggles();

    all(".code-block:not(.code-output)").forEach(addCopyButton);
    all(".code-block:not(.code-output)").forEach(addHiddenLinesButton);
    all("[data-tabs]").forEach(makeTabs);
    reachScrolledCode();
    window.addEventListener("resize", reachScrolledCode);
    doc.addEventListener("toggle", reachScrolledCode, true);
    doc.addEventListener("click", function () { window.setTimeout(reachScrolledCode, 0); });

    // On narrow screens, fold the sidebar away; keep it open on wide ones.
    var sidebar = doc.querySelector("[data-sidebar]");
    if (sidebar && window.matchMedia) {
      var narrow = window.matchMedia("(max-width: 55rem)");
      var fit = function () { sidebar.open = !narrow.matches; };
      fit();
      if (narrow.addEventListener) narrow.addEventListener("change", fit);
    }

    // On a phone, boxes that help find one's way (what you need, on this page) start folded,
    // so the lesson's first paragraph is on the first screen.
    if (window.matchMedia && window.matchMedia("(max-width: 40rem)").matches) {
      all("details[data-fold-narrow]").forEach(function (box) { box.open = false; });
    }

    all("[data-toc-spy]").forEach(followReader);

    // Under a <base> (the 404 page, which may be served at any depth), "#id" would lead to the
    // site's root: keep links within the page in the page.
    if (doc.querySelector("base[href]")) {
      doc.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest('a[href^="#"]');
        var target = link && doc.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
        if (!target) return;
        event.preventDefault();
        target.scrollIntoView();
        target.focus();
      });
    }
  }

  // "On this page" as a column: marks the section being read (the last heading above the
  // upper third of the window).
  function followReader(toc) {
    var links = Array.prototype.slice.call(toc.querySelectorAll('a[href^="#"]'));
    var targets = links.map(function (link) {
      return doc.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    });
    if (!links.length || !window.requestAnimationFrame) return;
    var pending = false;
    function mark() {
      pending = false;
      var line = window.innerHeight / 3, current = -1;
      targets.forEach(function (target, i) {
        if (target && target.getBoundingClientRect().top <= line) current = i;
      });
      if (current === -1 && targets[0]) current = 0;
      links.forEach(function (link, i) {
        if (i === current) link.setAttribute("aria-current", "true"); else link.removeAttribute("aria-current");
      });
    }
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; window.requestAnimationFrame(mark); }
    }, { passive: true });
    mark();
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init); else init();
})();
