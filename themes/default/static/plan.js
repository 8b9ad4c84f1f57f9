/* guidebook default theme: a plan with dates. On the home page the reader picks a start date
   (and, if they like, the days of the week they can practise, the minutes of a session and
   whether to count the shortest or the longest durations); every lesson then gets its dates,
   on its card and in the timeline, and "Add to calendar" downloads the plan as an .ics file
   made here, in the browser. The handout, printed after choosing, carries the dates too.
   The plan is kept in this browser (localStorage, per guide); nothing is sent anywhere.

   How dates are counted. Lessons are taken in step order, and a lesson never starts before the
   lesson of the step before it, nor before its prerequisites are done. A lesson timed in minutes
   or hours fills practice sessions: one session per practice day, lessons one after another
   (a short one shares a session with the next; a long one runs over several practice days).
   A lesson timed in days or weeks runs over calendar days (the cat lives with the harness every
   day, practice or not), starting on a practice day, the day after what it needs is done.
   Durations written as a range count their lower end, or their upper end if the reader says so. */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  var data = window.GUIDEBOOK_TASKS;
  if (!data || !data.lessons || !data.lessons.length) return;
  var KEY = "guidebook-plan:" + data.guide;
  var lang = root.lang || "en";
  var DAY = 86400000;

  var ENGLISH = {
    plan_when: "Planned: {dates}",
    plan_summary: "Your plan runs from {start} to {end}.",
    plan_event: "Step {step} of “{guide}”"
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

  // ---- Storage (shared with the progress link of the checklists page) ----
  function readSettings() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "null");
      return saved && typeof saved === "object" && parseDay(saved.start) !== null ? normalized(saved) : null;
    } catch (e) { return null; }
  }
  function writeSettings(settings) {
    try {
      if (settings) window.localStorage.setItem(KEY, JSON.stringify(settings));
      else window.localStorage.removeItem(KEY);
    } catch (e) { /* private mode: the plan lasts as long as the page */ }
  }
  function normalized(settings) {
    var days = (Array.isArray(settings.days) ? settings.days : [0, 1, 2, 3, 4, 5, 6])
      .filter(function (d) { return d === Math.floor(d) && d >= 0 && d <= 6; });
    var session = Math.round(Number(settings.session));
    return {
      start: settings.start,
      days: days.length ? days : [0, 1, 2, 3, 4, 5, 6],
      session: session >= 5 && session <= 1440 ? session : 30,
      range: settings.range === "longest" ? "longest" : "shortest"
    };
  }

  // ---- Dates as whole days (UTC midnights, so no daylight saving time gets in the way) ----
  function parseDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!m) return null;
    var day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return isNaN(day) ? null : day;
  }
  function isoDay(day) { return new Date(day).toISOString().slice(0, 10); }
  function weekday(day) { return new Date(day).getUTCDay(); }

  /** The plan: for each lesson (in step order) its first and last day. */
  function makePlan(settings) {
    var start = parseDay(settings.start);
    var practice = {};
    settings.days.forEach(function (d) { practice[d] = true; });
    function practiceDay(day) {
      for (var i = 0; i < 7 && !practice[weekday(day)]; i++) day += DAY;
      return day;
    }
    var session = settings.session;
    var cursor = { day: practiceDay(start), used: 0 };
    var previousStart = start;
    var plan = [];
    data.lessons.forEach(function (lesson, index) {
      var minutes = Math.max(1, settings.range === "longest" ? lesson.max_minutes : lesson.minutes);
      var ready = Math.max(start, previousStart);
      (lesson.needs || []).forEach(function (need) {
        var before = plan[need];
        if (before) ready = Math.max(ready, before.inDays ? before.end + DAY : before.end);
      });
      var first, last;
      if (lesson.in_days) {
        first = practiceDay(ready);
        last = first + (Math.max(1, Math.ceil(minutes / 1440)) - 1) * DAY;
      } else {
        if (cursor.day < ready) cursor = { day: practiceDay(ready), used: 0 };
        if (cursor.used >= session) cursor = { day: practiceDay(cursor.day + DAY), used: 0 };
        first = cursor.day;
        var left = minutes;
        for (;;) {
          var taken = Math.min(left, session - cursor.used);
          cursor.used += taken;
          left -= taken;
          if (left <= 0) break;
          cursor = { day: practiceDay(cursor.day + DAY), used: 0 };
        }
        last = cursor.day;
      }
      plan[index] = { lesson: lesson, start: first, end: last, inDays: lesson.in_days };
      previousStart = first;
    });
    return plan;
  }

  // ---- Showing dates in the reader's language ----
  var dateFormat = new Intl.DateTimeFormat(lang, { timeZone: "UTC", dateStyle: "medium" });
  function dates(entry) {
    if (entry.start === entry.end) return dateFormat.format(new Date(entry.start));
    try { return dateFormat.formatRange(new Date(entry.start), new Date(entry.end)); } catch (e) {
      return dateFormat.format(new Date(entry.start)) + " – " + dateFormat.format(new Date(entry.end));
    }
  }

  function all(selector) { return Array.prototype.slice.call(doc.querySelectorAll(selector)); }
  function linkFor(container, url) {
    return Array.prototype.filter.call(container.querySelectorAll("a[href]"), function (a) {
      return a.getAttribute("href") === url;
    })[0];
  }

  function mark(element, entry, className, text) {
    var shown = element.querySelector("." + className);
    if (!entry) {
      if (shown) shown.parentNode.removeChild(shown);
      element.removeAttribute("data-plan-start");
      element.removeAttribute("data-plan-end");
      return;
    }
    if (!shown) {
      shown = doc.createElement(className === "plan-dates" ? "p" : "span");
      shown.className = className;
    }
    shown.textContent = text;
    element.setAttribute("data-plan-start", isoDay(entry.start));
    element.setAttribute("data-plan-end", isoDay(entry.end));
    return shown;
  }

  function show(plan) {
    var byUrl = {};
    (plan || []).forEach(function (entry) { byUrl[entry.lesson.url] = entry; });
    // Lesson cards (the home page).
    all(".lesson-card").forEach(function (card) {
      var entry = null;
      Object.keys(byUrl).forEach(function (url) { if (linkFor(card, url)) entry = byUrl[url]; });
      var shown = mark(card, entry, "plan-dates", entry ? say("plan_when", { dates: dates(entry) }) : "");
      if (shown && !shown.parentNode) {
        var meta = card.querySelector(".lesson-card-meta");
        if (meta) meta.parentNode.insertBefore(shown, meta.nextSibling); else card.appendChild(shown);
      }
    });
    // The timeline, when it has one row per lesson (a large guide's rows are chapters).
    var rows = all(".timeline:not(.timeline-compact) .timeline-row");
    if (rows.length === data.lessons.length) {
      rows.forEach(function (row) {
        var label = row.querySelector(".timeline-label");
        var entry = label ? byUrl[label.getAttribute("href")] : null;
        var shown = mark(row, entry, "timeline-dates", entry ? dates(entry) : "");
        if (shown && !shown.parentNode && label) label.appendChild(shown);
      });
    }
    // The handout's schedule.
    all("tr[data-plan-lesson]").forEach(function (row) {
      var entry = null;
      (plan || []).forEach(function (e) { if (e.lesson.slug === row.getAttribute("data-plan-lesson")) entry = e; });
      var cell = row.querySelector(".col-time") || row;
      var shown = mark(row, entry, "handout-dates", entry ? dates(entry) : "");
      if (shown && !shown.parentNode) cell.appendChild(shown);
    });
    all("[data-plan-summary]").forEach(function (el) {
      if (!plan || !plan.length) { el.textContent = ""; return; }
      var last = plan.reduce(function (a, b) { return b.end > a ? b.end : a; }, plan[0].end);
      el.textContent = say("plan_summary", {
        start: dateFormat.format(new Date(plan[0].start)),
        end: dateFormat.format(new Date(last))
      });
    });
  }

  // ---- The calendar file (RFC 5545) ----
  function icsText(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }
  var encoder = typeof TextEncoder === "function" ? new TextEncoder() : null;
  function octets(text) { return encoder ? encoder.encode(text).length : unescape(encodeURIComponent(text)).length; }
  /** A content line folded at 75 octets, never inside a character. */
  function fold(line) {
    var out = [], current = "", size = 0, limit = 75;
    Array.from(line).forEach(function (ch) {
      var n = octets(ch);
      if (size + n > limit) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += n;
    });
    out.push(current);
    return out.join("\r\n");
  }
  function compact(day) { return isoDay(day).replace(/-/g, ""); }
  function stamp(now) { return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z"); }
  function address(url) {
    if (data.base) return data.base + url;
    if (/^https?:$/.test(window.location.protocol)) return new URL(url, window.location.href).href;
    return "";
  }
  function calendar(plan, now) {
    var host = /^https?:$/.test(window.location.protocol) ? window.location.host : "guidebook.invalid";
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//guidebook//plan//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + icsText(data.title || "")
    ];
    plan.forEach(function (entry) {
      var lesson = entry.lesson, link = address(lesson.url);
      var about = say("plan_event", { step: lesson.step, guide: data.title || "" });
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + encodeURIComponent(data.guide + "-" + lesson.slug) + "@" + host,
        "DTSTAMP:" + stamp(now),
        "DTSTART;VALUE=DATE:" + compact(entry.start),
        "DTEND;VALUE=DATE:" + compact(entry.end + DAY),
        "SUMMARY:" + icsText(lesson.title),
        "DESCRIPTION:" + icsText(link ? about + "\n" + link : about)
      );
      if (link) lines.push("URL:" + link);
      lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  // ---- The form ----
  var section = doc.querySelector("[data-plan]");
  var download = null;
  function offerCalendar(plan) {
    var link = doc.querySelector("[data-plan-calendar]");
    if (!link) return;
    if (download) { URL.revokeObjectURL(download); download = null; }
    if (!plan) return;
    download = URL.createObjectURL(new Blob([calendar(plan, new Date())], { type: "text/calendar;charset=utf-8" }));
    link.href = download;
    link.setAttribute("download", data.guide + "-plan.ics");
  }

  function refresh() {
    var settings = readSettings();
    var plan = settings ? makePlan(settings) : null;
    show(plan);
    offerCalendar(plan);
    all("[data-plan-actions]").forEach(function (el) { el.hidden = !plan; });
    return settings;
  }

  function weekdayBoxes(holder, chosen) {
    var first = 1;
    try {
      var locale = new Intl.Locale(lang);
      var info = locale.getWeekInfo ? locale.getWeekInfo() : locale.weekInfo;
      if (info && info.firstDay) first = info.firstDay % 7;
    } catch (e) { first = 1; }
    var names = new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: "UTC" });
    var long = new Intl.DateTimeFormat(lang, { weekday: "long", timeZone: "UTC" });
    holder.textContent = "";
    for (var i = 0; i < 7; i++) {
      var d = (first + i) % 7;
      var day = Date.UTC(2023, 0, 1 + d); // 1 January 2023 was a Sunday
      var label = doc.createElement("label");
      label.className = "plan-day";
      var box = doc.createElement("input");
      box.type = "checkbox";
      box.name = "days";
      box.value = String(d);
      box.checked = chosen.indexOf(d) !== -1;
      box.setAttribute("aria-label", long.format(new Date(day)));
      label.appendChild(box);
      label.appendChild(doc.createTextNode(" " + names.format(new Date(day))));
      holder.appendChild(label);
    }
  }

  function setUp() {
    if (!section) return;
    var form = section.querySelector("[data-plan-form]");
    if (!form) return;
    section.hidden = false;
    var settings = readSettings() || normalized({ start: "" });
    form.elements.start.value = settings.start || "";
    form.elements.session.value = String(settings.session);
    form.elements.range.value = settings.range;
    weekdayBoxes(section.querySelector("[data-plan-days]"), settings.days);
    function changed() {
      var start = form.elements.start.value;
      if (parseDay(start) === null) { writeSettings(null); refresh(); return; }
      var days = Array.prototype.filter.call(form.querySelectorAll('input[name="days"]'), function (b) { return b.checked; })
        .map(function (b) { return Number(b.value); });
      writeSettings(normalized({ start: start, days: days, session: form.elements.session.value, range: form.elements.range.value }));
      refresh();
    }
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
    var clear = section.querySelector("[data-plan-clear]");
    if (clear) clear.addEventListener("click", function () {
      writeSettings(null);
      form.elements.start.value = "";
      refresh();
      form.elements.start.focus();
    });
  }

  window.addEventListener("storage", function (event) { if (event.key === KEY) refresh(); });
  window.GUIDEBOOK_PLAN = { key: KEY, refresh: refresh };

  function init() { setUp(); refresh(); }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init); else init();
})();
