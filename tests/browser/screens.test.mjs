// Measurements of every kind of page, so that the theme stays readable and usable (issue #16,
// "Measured, so it stays fixed"). Every page kind (home, a lesson, gear, checklists, a reference
// page of the carpentries fixture, 404, and print.html / handout.html viewed on screen) is opened
// at 1280x800 and 390x844, in the light and the dark theme (prefers-color-scheme), and:
//   - a full-page screenshot is written to $GUIDEBOOK_SHOTS/screens/<kind>-<size>-<theme>.png
//     (not compared: for a person to look at);
//   - the page follows the colour scheme (a dark background in dark, a light one in light; the
//     pages laid out for paper stay light, as a sheet of paper);
//   - axe-core finds no violation of impact serious or critical;
//   - at 390 px nothing makes the page wider than the window (inner scroll boxes are fine);
//   - no visible text is below 12 px on screen (SVG text as rendered, scale included);
//   - the lesson map's labels lie inside their boxes and show whole lesson titles, and the
//     timeline's labels (home page and handout) show their whole text, not cut or clipped;
//   - on a phone, the first paragraph of a lesson starts on the first screen.
// Keyboard (desktop and phone): Tab reaches every visible control, the focused element always has
// a visible focus style (outline or box-shadow under :focus-visible) and is on screen, and "/"
// opens the search. The theme toggle's dark and light match the system ones and pass axe too.
// `guidebook serve` answers a missing nested path with a styled 404 page whose links work.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  REPO, SHOTS, buildSite, cleanup, copyGuide, fileUrl, formatAxe, launchBrowser, newThemedPage,
  readTasks, runAxe, serve, waitFor,
} from './helpers.mjs';

const T = { timeout: 90_000 };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SCREEN_SHOTS = path.join(SHOTS, 'screens');
const CARPENTRIES = path.join(REPO, 'tests', 'fixtures', 'carpentries');

const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};
const THEMES = ['light', 'dark'];
/** Smallest text size allowed on screen, in CSS px. */
const MIN_TEXT_PX = 12;

let browser;
/** Built sites: { sample, carpentries } -> folder. */
const sites = {};
/** Lesson titles by slug, per site (from assets/tasks.js). */
const titles = {};
let lessonSlug;
let referencePage;

/** The page kinds: name, site, file (resolved once the sites are built), what must be on it. */
const PAGES = [
  { kind: 'home', site: 'sample', file: () => 'index.html', needs: { map: true, timeline: true } },
  { kind: 'lesson', site: 'sample', file: () => `${lessonSlug}.html`, lesson: true },
  { kind: 'gear', site: 'sample', file: () => 'gear.html' },
  { kind: 'checklists', site: 'sample', file: () => 'checklists.html' },
  { kind: 'reference', site: 'carpentries', file: () => referencePage },
  { kind: '404', site: 'sample', file: () => '404.html' },
  // Pages laid out for paper stay black on white in either theme, as the sheet they preview.
  { kind: 'print', site: 'sample', file: () => 'print.html', paper: true },
  { kind: 'handout', site: 'sample', file: () => 'handout.html', needs: { timeline: true }, paper: true },
];

before(async () => {
  const [sample, carpentries] = await Promise.all([buildSite(), buildSite(CARPENTRIES)]);
  Object.assign(sites, { sample, carpentries });
  for (const [name, site] of Object.entries(sites)) {
    titles[name] = Object.fromEntries((await readTasks(site)).lessons.map((l) => [l.slug, l.title]));
  }
  lessonSlug = (await readTasks(sample)).lessons[1].slug;
  // A reference page (content/pages/*.md): setup.html, or else any page of kind "page".
  referencePage = 'setup.html';
  if (!existsSync(path.join(carpentries, referencePage))) {
    referencePage = undefined;
    for (const name of (await fs.readdir(carpentries)).filter((f) => f.endsWith('.html')).sort()) {
      const html = await fs.readFile(path.join(carpentries, name), 'utf8');
      if (/data-page-kind="(page|reference)"/.test(html)) { referencePage = name; break; }
    }
    assert.ok(referencePage, `the carpentries fixture's site has setup.html or a reference page (${carpentries})`);
  }
  browser = await launchBrowser();
  await fs.mkdir(SCREEN_SHOTS, { recursive: true });
});
after(cleanup);

// ---------------------------------------------------------------------------------------------
// Measuring code run inside the page (injected once per page as window.__screens).

function pageTools() {
  const norm = (s) => String(s || '').replace(/\s+/g, ' ').trim();
  const short = (s, n = 60) => { s = norm(s); return s.length > n ? `${s.slice(0, n - 1)}…` : s; };
  const styleOf = (el) => getComputedStyle(el);

  /** tag#id.class.class of one element. */
  function part(e) {
    let s = e.tagName.toLowerCase();
    if (e.id) return `${s}#${e.id}`;
    const cls = (e.getAttribute('class') || '').trim().split(/\s+/).filter(Boolean).slice(0, 2);
    if (cls.length) s += `.${cls.join('.')}`;
    return s;
  }
  /** A short readable path: up to three levels, stopping at an id. */
  function where(el) {
    if (!el) return '(none)';
    if (el === document.body || el === document.documentElement) return part(el);
    const parts = [part(el)];
    for (let e = el.parentElement; e && parts.length < 3 && e !== document.body && !el.id; e = e.parentElement) {
      parts.unshift(part(e));
      if (e.id) break;
    }
    return parts.join(' > ');
  }
  /** Rendered: has a box, not display:none / visibility:hidden / in a closed <details>. */
  function rendered(el) {
    if (!el || !el.isConnected) return false;
    return el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true });
  }
  const srCache = new Map();
  /** Inside a visually-hidden box (screen-reader text): .visually-hidden, or clipped to ≤1 px. */
  function screenReaderOnly(el) {
    if (!el || el === document.body) return false;
    if (srCache.has(el)) return srCache.get(el);
    let result = false;
    if (el.classList && (el.classList.contains('visually-hidden') || el.classList.contains('sr-only'))) result = true;
    else if (el instanceof HTMLElement) {
      const cs = styleOf(el);
      if ((cs.position === 'absolute' || cs.position === 'fixed')
        && ((cs.clip && cs.clip.startsWith('rect(0')) || cs.clipPath.startsWith('inset(50%')
          || (el.offsetWidth <= 1 && el.offsetHeight <= 1 && cs.overflow !== 'visible'))) result = true;
    }
    if (!result) result = screenReaderOnly(el.parentElement);
    srCache.set(el, result);
    return result;
  }
  /** The font size of an element's text as drawn, in CSS px (SVG text times the SVG's scale). */
  function screenFontSize(el) {
    let size = parseFloat(styleOf(el).fontSize);
    const scaled = el instanceof SVGElement ? (el.closest('text') || el) : el.closest('foreignObject');
    if (scaled && scaled.getScreenCTM) {
      const m = scaled.getScreenCTM();
      if (m) size *= Math.hypot(m.a, m.b);
    }
    return size;
  }
  /** Text nodes of `root` joined with spaces (so SVG tspans on separate lines read as words). */
  function textOf(root) {
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const n = walker.currentNode;
      if (n.parentElement && n.parentElement.closest('title, desc, script, style')) continue;
      out.push(n.data);
    }
    return norm(out.join(' '));
  }
  const rectText = (r) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`;

  /** Every visible text below `min` px: [{ size, where, text, count }], smallest first. */
  function smallTexts(min) {
    const found = new Map();
    // Grouped by kind of element (tag and classes of it and its parent, ids left out).
    const kind = (el) => [el.parentElement, el].filter(Boolean)
      .map((e) => part(e).replace(/#.*$/, '') + (e.id && !e.getAttribute('class') ? '[id]' : '')).join(' > ');
    const note = (el, size, text) => {
      const key = `${kind(el)}|${size.toFixed(1)}`;
      const item = found.get(key) || { size: Math.round(size * 10) / 10, where: kind(el), text: short(text, 40), count: 0 };
      item.count += 1;
      found.set(key, item);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const n = walker.currentNode;
      const text = norm(n.data);
      if (!text) continue;
      const el = n.parentElement;
      if (!el || el.closest('script, style, noscript, template, title, desc, metadata')) continue;
      if (!rendered(el) || screenReaderOnly(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      if (![...range.getClientRects()].some((r) => r.width > 0.5 && r.height > 0.5)) continue;
      const size = screenFontSize(el);
      if (size < min - 0.05) note(el, size, text);
    }
    for (const el of document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea')) {
      if (!rendered(el) || screenReaderOnly(el) || !(el.value || el.placeholder)) continue;
      const size = screenFontSize(el);
      if (size < min - 0.05) note(el, size, el.value || el.placeholder);
    }
    return [...found.values()].sort((a, b) => a.size - b.size || b.count - a.count);
  }

  /** Horizontal overflow of the page: { vw, sw, culprits: [...] } (culprits widest first). */
  function overflow() {
    const vw = window.innerWidth;
    const sw = document.documentElement.scrollWidth;
    const offenders = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (!rendered(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right <= vw + 0.5 || r.width === 0 || r.height === 0) continue;
      let contained = false;
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const cs = styleOf(a);
        // Fixed boxes do not widen the page; boxes that scroll or clip their content keep it in.
        if (cs.position === 'fixed' || (a !== el && cs.overflowX !== 'visible')) { contained = true; break; }
      }
      if (contained || screenReaderOnly(el)) continue;
      offenders.push(el);
    }
    const set = new Set(offenders);
    // The culprits: offenders none of whose descendants also stick out (alike ones counted once).
    const culprits = new Map();
    for (const el of offenders) {
      if ([...el.querySelectorAll('*')].some((d) => set.has(d))) continue;
      const r = el.getBoundingClientRect();
      const c = { where: where(el), text: short(el.textContent, 40), left: Math.round(r.left), right: Math.round(r.right), width: Math.round(r.width), count: 1 };
      const key = `${c.where}|${c.left}|${c.right}`;
      if (culprits.has(key)) culprits.get(key).count += 1;
      else culprits.set(key, c);
    }
    return { vw, sw, offenders: offenders.length, culprits: [...culprits.values()].sort((a, b) => b.right - a.right || b.width - a.width) };
  }

  const ELLIPSIS = /…|\.\.\./;
  /** Displayed (rendered, with a size) elements matching `selector`. */
  const displayed = (selector) => [...document.querySelectorAll(selector)].filter((el) => {
    if (!rendered(el)) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  });

  /** The lesson map(s): { found, shown, problems }. */
  function lessonMap(titles) {
    const maps = displayed('svg.lesson-map');
    const problems = [];
    for (const [m, map] of maps.entries()) {
      const name = maps.length > 1 ? `map ${m + 1}` : 'map';
      const seen = new Set();
      const nodes = [...map.querySelectorAll('a.map-node')].filter(rendered);
      if (nodes.length === 0) problems.push(`${name}: no a.map-node`);
      for (const node of nodes) {
        const href = node.getAttribute('href') || node.getAttribute('xlink:href') || '';
        const slug = node.getAttribute('data-map-lesson') || href.replace(/^.*\//, '').replace(/\.html(#.*)?$/, '');
        seen.add(slug);
        const label = textOf(node);
        const id = `${name} node "${short(label, 50)}" (${slug})`;
        const boxes = [...node.querySelectorAll('rect')].filter(rendered)
          .map((rect) => rect.getBoundingClientRect())
          .sort((a, b) => b.width * b.height - a.width * a.height);
        const box = boxes[0];
        if (!box) { problems.push(`${id}: no <rect>`); continue; }
        for (const text of node.querySelectorAll('text')) {
          if (!rendered(text) || !textOf(text)) continue;
          const r = text.getBoundingClientRect();
          const out = [
            ['left', box.left - r.left], ['right', r.right - box.right],
            ['top', box.top - r.top], ['bottom', r.bottom - box.bottom],
          ].filter(([, d]) => d > 0.5).map(([side, d]) => `${side} by ${d.toFixed(1)}px`);
          if (out.length) problems.push(`${id}: text "${short(textOf(text), 50)}" sticks out of its box (${out.join(', ')}; text ${rectText(r)}, box ${rectText(box)})`);
        }
        const title = titles[slug];
        if (title === undefined) problems.push(`${id}: links to no lesson (${href})`);
        else if (!label.includes(norm(title))) problems.push(`${id}: does not show the whole title "${title}"${ELLIPSIS.test(label) ? ' (cut short with an ellipsis)' : ''}`);
        else if (ELLIPSIS.test(label)) problems.push(`${id}: label contains an ellipsis`);
      }
      const missing = Object.keys(titles).filter((s) => !seen.has(s));
      if (missing.length) problems.push(`${name}: no node for ${missing.join(', ')}`);
    }
    return { found: document.querySelectorAll('svg.lesson-map').length, shown: maps.length, problems };
  }

  /**
   * The timeline(s): every element inside a displayed `.timeline` whose text is a lesson title (maybe
   * after a step number), or a title cut short with "…"; the deepest such elements are its labels.
   */
  function timeline(titles) {
    const list = Object.values(titles).map(norm);
    const timelines = displayed('.timeline');
    const problems = [];
    const match = (text) => {
      const full = list.filter((t) => text.includes(t)).sort((a, b) => b.length - a.length)[0];
      if (full) return { title: full, titles: [full], cut: false };
      const i = text.search(ELLIPSIS);
      if (i < 0) return null;
      const before = text.slice(0, i).trim();
      // The titles this cut label may stand for (several when they share their first words).
      const cut = list.filter((t) => {
        for (let k = t.length - 1; k >= 6; k -= 1) if (before.endsWith(t.slice(0, k).trim())) return true;
        return false;
      });
      return cut.length ? { title: cut.join('" or "'), titles: cut, cut: true } : null;
    };
    for (const [n, tl] of timelines.entries()) {
      const name = timelines.length > 1 ? `timeline ${n + 1} (${where(tl)})` : `timeline (${where(tl)})`;
      const candidates = new Map();
      for (const el of tl.querySelectorAll('*')) {
        if (el.closest('title, desc, script, style')) continue;
        const m = match(textOf(el));
        if (m) candidates.set(el, m);
      }
      const labels = [...candidates].filter(([el, m]) => ![...el.querySelectorAll('*')].some((d) => candidates.get(d)?.title === m.title));
      const shown = new Set();
      for (const [el, m] of labels) {
        if (!rendered(el) || screenReaderOnly(el)) continue;
        const text = textOf(el);
        const id = `${name} label "${short(text, 50)}" (${where(el)})`;
        if (m.cut) { problems.push(`${id}: cut short, the title is "${m.title}"`); continue; }
        let whole = true;
        const cs = styleOf(el);
        if (el instanceof HTMLElement && cs.display !== 'inline' && el.clientWidth > 0) {
          if (el.scrollWidth > el.clientWidth + 1) { whole = false; problems.push(`${id}: text wider than its box (scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth})`); }
          if (el.scrollHeight > el.clientHeight + 1) { whole = false; problems.push(`${id}: text taller than its box (scrollHeight ${el.scrollHeight} > clientHeight ${el.clientHeight})`); }
        }
        const range = document.createRange();
        range.selectNodeContents(el);
        const r = el instanceof SVGElement ? el.getBoundingClientRect() : range.getBoundingClientRect();
        for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
          const acs = styleOf(a);
          const clipX = ['hidden', 'clip'].includes(acs.overflowX);
          const clipY = ['hidden', 'clip'].includes(acs.overflowY);
          if (!clipX && !clipY) continue;
          let box = a.getBoundingClientRect();
          if (a instanceof HTMLElement) {
            box = { left: box.left + a.clientLeft, top: box.top + a.clientTop, right: box.left + a.clientLeft + a.clientWidth, bottom: box.top + a.clientTop + a.clientHeight };
          }
          const cut = [];
          if (clipX && r.left < box.left - 1) cut.push(`left by ${(box.left - r.left).toFixed(1)}px`);
          if (clipX && r.right > box.right + 1) cut.push(`right by ${(r.right - box.right).toFixed(1)}px`);
          if (clipY && r.top < box.top - 1) cut.push(`top by ${(box.top - r.top).toFixed(1)}px`);
          if (clipY && r.bottom > box.bottom + 1) cut.push(`bottom by ${(r.bottom - box.bottom).toFixed(1)}px`);
          if (cut.length) { whole = false; problems.push(`${id}: clipped by ${where(a)} (overflow ${acs.overflowX}/${acs.overflowY}): ${cut.join(', ')}`); break; }
        }
        if (whole) shown.add(m.title);
      }
      if (labels.length === 0) problems.push(`${name}: no label with a lesson title found`);
      const missing = list.filter((t) => !shown.has(t) && !labels.some(([, m]) => m.titles.includes(t)));
      if (labels.length && missing.length) problems.push(`${name}: no label for ${missing.map((t) => `"${t}"`).join(', ')}`);
    }
    return { found: document.querySelectorAll('.timeline').length, shown: timelines.length, problems };
  }

  /** Where the first paragraph of the lesson body starts, and the biggest boxes above it. */
  function firstParagraph() {
    window.scrollTo(0, 0);
    const p = document.querySelector('.lesson-body p');
    if (!p) return null;
    const above = [];
    for (let a = p; a && a !== document.body; a = a.parentElement) {
      for (let s = a.previousElementSibling; s; s = s.previousElementSibling) {
        if (!rendered(s) || screenReaderOnly(s)) continue;
        const h = s.getBoundingClientRect().height;
        if (h >= 1) above.push({ where: where(s), height: Math.round(h) });
      }
    }
    above.sort((x, y) => y.height - x.height);
    return { top: Math.round(p.getBoundingClientRect().top), text: short(p.textContent, 50), above: above.slice(0, 8) };
  }

  /** Visible elements that Tab should reach, in document order. */
  function focusables() {
    const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable="true"], audio[controls], video[controls]';
    return [...document.querySelectorAll(sel)].filter((el) => !el.disabled && el.tabIndex >= 0
      && !el.closest('[inert]') && rendered(el)
      && !(el.tagName === 'SUMMARY' && el.parentElement?.querySelector(':scope > summary') !== el));
  }

  /** Resolves once the focused element stops moving (smooth scrolling into view), at most 2 s. */
  async function settleFocus() {
    const el = document.activeElement;
    if (!el) return;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const deadline = performance.now() + 2000;
    let last = '';
    let still = 0;
    while (still < 2 && performance.now() < deadline) {
      await frame();
      const r = el.getBoundingClientRect();
      const now = `${r.left},${r.top},${window.scrollX},${window.scrollY}`;
      still = now === last ? still + 1 : 0;
      last = now;
    }
  }

  /** What Tab focused: index in `list` (or -1), description, and whether its focus is visible. */
  function focusInfo(list, extra) {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { body: true };
    let index = list.indexOf(el);
    let key = `c${index}`;
    if (index < 0) {
      if (!extra.includes(el)) extra.push(el);
      key = `x${extra.indexOf(el)}`;
    }
    const cs = styleOf(el);
    const transparent = (c) => /^rgba\(.*,\s*0\)$/.test(c) || c === 'transparent';
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor);
    const shadow = cs.boxShadow && cs.boxShadow !== 'none';
    const r = el.getBoundingClientRect();
    const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < window.innerWidth && r.top < window.innerHeight;
    // Covered by something fixed or sticky (a header) at its centre?
    let coveredBy = null;
    if (onScreen) {
      const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      if (hit && hit !== el && !el.contains(hit) && !hit.contains(el)) {
        for (let a = hit; a && a !== document.body; a = a.parentElement) {
          if (['fixed', 'sticky'].includes(styleOf(a).position)) { coveredBy = where(a); break; }
        }
      }
    }
    return {
      key,
      index,
      where: where(el),
      text: short(el.getAttribute('aria-label') || textOf(el) || el.getAttribute('placeholder') || el.getAttribute('title') || '', 40),
      focusVisible: el.matches(':focus-visible'),
      visibleStyle: outline || shadow,
      style: `outline: ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow: ${cs.boxShadow}`,
      onScreen,
      coveredBy,
      rendered: rendered(el),
    };
  }

  /** The active element, as far as the search goes. */
  function searchFocus() {
    const el = document.activeElement;
    const r = el ? el.getBoundingClientRect() : null;
    return {
      isSearch: !!el && el.matches('input[type="search"], [role="search"] input, [data-search] input'),
      where: where(el),
      value: el && 'value' in el ? el.value : '',
      visible: !!el && rendered(el) && r.width > 0 && r.height > 0,
    };
  }

  /** The page's background colour (body's, else html's) and its relative luminance. */
  function background() {
    for (const el of [document.body, document.documentElement]) {
      const c = styleOf(el).backgroundColor;
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
      if (!m || (m[4] !== undefined && Number(m[4]) === 0)) continue;
      const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      const lum = 0.2126 * lin(+m[1]) + 0.7152 * lin(+m[2]) + 0.0722 * lin(+m[3]);
      return { color: c, of: part(el), luminance: Math.round(lum * 1000) / 1000, text: styleOf(document.body).color };
    }
    return null;
  }

  return { where, rendered, smallTexts, overflow, lessonMap, timeline, firstParagraph, focusables, settleFocus, focusInfo, searchFocus, background };
}

// ---------------------------------------------------------------------------------------------
// Node-side helpers.

/** Opens `url`, waits for fonts and lazy images, scrolls back to the top and injects the tools. */
/**
 * Opens `url` and waits until it is drawn. By default every lazy image is first scrolled into
 * view and decoded, so that screenshots and measurements see the whole page; `asReader` opens it
 * as a reader does, without scrolling: scrolling can move Chromium's sequential focus navigation
 * starting point (Chromium 148 moved it to the last image scrolled to), so a keyboard test that
 * starts from the top of the page must not scroll first.
 */
async function open(page, url, { asReader = false } = {}) {
  const response = await page.goto(url);
  await page.waitForLoadState('load');
  await page.evaluate(async (decodeLazyImages) => {
    await document.fonts.ready;
    if (decodeLazyImages) {
      for (const img of document.images) {
        if (img.loading !== 'lazy') continue;
        img.scrollIntoView();
        try { await img.decode(); } catch { /* a missing image is screenshots.test's business */ }
      }
      window.scrollTo(0, 0);
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }, !asReader);
  await settle(page);
  await page.addScriptTag({ content: `window.__screens = (${pageTools.toString()})();` });
  return response;
}

/** Waits until no CSS transition or animation runs (so colours are final before axe reads them). */
async function settle(page) {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    null, { timeout: 5_000 },
  ).catch(() => {});
}

async function shoot(page, name) {
  const file = path.join(SCREEN_SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const head = (await fs.readFile(file)).subarray(0, 8);
  assert.deepEqual(head, PNG, `${file} is a PNG`);
}

const bullet = (items) => items.map((s) => `  - ${s}`).join('\n');

async function checkAxe(page, label) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0,
    `${label}: ${violations.length} serious/critical axe violation(s):\n${formatAxe(violations)}`);
}

// ---------------------------------------------------------------------------------------------

describe('screens: every page kind, 2 sizes x 2 themes', () => {
  for (const spec of PAGES) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      for (const theme of THEMES) {
        test(`${spec.kind} · ${size} ${viewport.width}x${viewport.height} · ${theme}`, T, async (t) => {
          const file = spec.file();
          const label = `${spec.kind} (${file}) · ${size} ${viewport.width}x${viewport.height} · ${theme}`;
          const page = await newThemedPage(browser, { viewport, colorScheme: theme });
          try {
            await open(page, fileUrl(sites[spec.site], file));

            await t.test('full-page screenshot', async () => {
              await shoot(page, `${spec.kind}-${size}-${theme}`);
            });

            await t.test('the page follows the colour scheme', async () => {
              const bg = await page.evaluate(() => window.__screens.background());
              assert.ok(bg, `${label}: neither body nor html has a background colour`);
              if (theme === 'dark' && !spec.paper) {
                assert.ok(bg.luminance < 0.2, `${label}: the background of ${bg.of} is ${bg.color} (luminance ${bg.luminance}), not dark`);
              } else {
                assert.ok(bg.luminance > 0.6, `${label}: the background of ${bg.of} is ${bg.color} (luminance ${bg.luminance}), not light`);
              }
            });

            await t.test('axe: no serious or critical violation', async () => {
              await checkAxe(page, label);
            });

            if (size === 'phone') {
              await t.test('no horizontal overflow of the page', async () => {
                const o = await page.evaluate(() => window.__screens.overflow());
                const culprits = o.culprits.slice(0, 12).map((c) => `${c.where} "${c.text}" (x ${c.left}..${c.right}, ${c.width}px wide)${c.count > 1 ? ` (x${c.count})` : ''}`);
                if (o.culprits.length > 12) culprits.push(`… and ${o.culprits.length - 12} more`);
                assert.ok(o.sw <= o.vw && o.offenders === 0,
                  `${label}: the page is ${o.sw}px wide in a ${o.vw}px window; ${o.offenders} element(s) stick out to the right${culprits.length ? ', the innermost of them, rightmost first:' : ' (none found: a pseudo-element?)'}\n${bullet(culprits)}`);
              });
            }

            await t.test(`no text below ${MIN_TEXT_PX}px`, async () => {
              const small = await page.evaluate((min) => window.__screens.smallTexts(min), MIN_TEXT_PX);
              const total = small.reduce((n, s) => n + s.count, 0);
              assert.equal(small.length, 0,
                `${label}: ${total} text(s) below ${MIN_TEXT_PX}px on screen, smallest first:\n${bullet(small.slice(0, 15).map((s) => `${s.size}px ${s.where} "${s.text}"${s.count > 1 ? ` (x${s.count})` : ''}`))}${small.length > 15 ? `\n  … and ${small.length - 15} more places` : ''}`);
            });

            await t.test('diagram labels inside their boxes and whole', async () => {
              const siteTitles = titles[spec.site];
              const map = await page.evaluate((ts) => window.__screens.lessonMap(ts), siteTitles);
              const tl = await page.evaluate((ts) => window.__screens.timeline(ts), siteTitles);
              const problems = [...map.problems, ...tl.problems];
              if (spec.needs?.map && map.shown === 0) problems.push(`no displayed svg.lesson-map (found ${map.found})`);
              if (spec.needs?.timeline && tl.shown === 0) problems.push(`no displayed .timeline (found ${tl.found})`);
              if (map.shown > 1) problems.push(`${map.shown} lesson maps displayed at once`);
              assert.equal(problems.length, 0, `${label}: ${problems.length} diagram problem(s):\n${bullet(problems)}`);
            });

            if (spec.lesson && size === 'phone') {
              await t.test('the lesson text starts on the first screen', async () => {
                const p = await page.evaluate(() => window.__screens.firstParagraph());
                assert.ok(p, `${label}: no .lesson-body p`);
                assert.ok(p.top < viewport.height,
                  `${label}: the first paragraph ("${p.text}") starts at ${p.top}px, below the ${viewport.height}px screen; the tallest boxes above it:\n${bullet(p.above.map((a) => `${a.where}: ${a.height}px`))}`);
              });
            }

            await t.test('no JavaScript error', async () => {
              assert.deepEqual(page.jsErrors, [], `${label}: JavaScript errors`);
            });
          } finally {
            await page.context().close();
          }
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------------------------

/** Presses Tab from the top of the page until focus leaves the page or comes back round. */
async function tabThrough(page) {
  const count = await page.evaluate(() => {
    window.__kb = window.__screens.focusables();
    window.__kbExtra = [];
    return window.__kb.length;
  });
  const visited = [];
  for (let i = 0; i < count * 2 + 10; i += 1) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(async () => {
      await window.__screens.settleFocus();
      return window.__screens.focusInfo(window.__kb, window.__kbExtra);
    });
    if (info.body) {
      if (visited.length) break;
      continue;
    }
    // A date input's day, month and year are Tab stops of one element: not a way round.
    if (visited.length && visited.at(-1).key === info.key) continue;
    if (visited.some((v) => v.key === info.key)) break;
    visited.push(info);
  }
  const all = await page.evaluate(() => window.__kb.map((el) => ({
    where: window.__screens.where(el),
    text: (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || '').replace(/\s+/g, ' ').trim().slice(0, 40),
  })));
  return { all, visited };
}

/** The pages tabbed through; `long` ones are also scrolled half-way before a Tab. */
const KEYBOARD = [
  ...['home', 'lesson', 'gear', 'checklists'].map((kind) => ({ kind, size: 'desktop', long: true })),
  ...['reference', '404'].map((kind) => ({ kind, size: 'desktop', long: false })),
  { kind: 'home', size: 'phone', long: true },
  { kind: 'lesson', size: 'phone', long: true },
];

describe('keyboard', () => {
  for (const { kind, size, long } of KEYBOARD) {
    const spec = PAGES.find((p) => p.kind === kind);
    const viewport = SIZES[size];
    test(`${kind} · ${size} ${viewport.width}x${viewport.height}`, T, async (t) => {
      const file = spec.file();
      const label = `${kind} (${file}) · ${size} ${viewport.width}x${viewport.height} · light`;
      const url = fileUrl(sites[spec.site], file);
      // Reduced motion: focus scrolls into view at once instead of smoothly (same end position).
      const page = await newThemedPage(browser, { viewport, colorScheme: 'light', reducedMotion: 'reduce' });
      try {
        await open(page, url, { asReader: true });
        const { all, visited } = await tabThrough(page);

        await t.test('Tab reaches every visible control (skip link first)', async () => {
          assert.ok(all.length > 0, `${label}: no focusable element found`);
          const reached = new Set(visited.filter((v) => v.index >= 0).map((v) => v.index));
          const missing = all.map((c, i) => ({ ...c, i })).filter((c) => !reached.has(c.i));
          const problems = missing.map((c) => `not reached: ${c.where} "${c.text}"`);
          const first = visited[0];
          if (!first || !/skip/i.test(`${first.where} ${first.text}`)) problems.unshift(`the first Tab stop is ${first ? `${first.where} "${first.text}"` : 'nothing'}, not a skip link`);
          assert.equal(problems.length, 0,
            `${label}: ${missing.length} of ${all.length} visible controls not reached with Tab (${visited.length} Tab stops):\n${bullet(problems)}`);
        });

        await t.test('focus is always visible', async () => {
          const problems = [];
          for (const v of visited) {
            const id = `${v.where} "${v.text}"`;
            if (!v.rendered || !v.onScreen) problems.push(`${id}: focused but not on screen${v.index < 0 ? ' (not a visible control)' : ''}`);
            else if (!v.visibleStyle) problems.push(`${id}: no outline or box-shadow when focused (${v.style})`);
            else if (v.coveredBy) problems.push(`${id}: hidden under ${v.coveredBy} when focused`);
          }
          assert.equal(problems.length, 0, `${label}: ${problems.length} of ${visited.length} Tab stops without a visible focus:\n${bullet(problems)}`);
        });

        if (long) await t.test('a reader who scrolls, then presses Tab, sees where the focus is and keeps their place', async () => {
          await open(page, url, { asReader: true });
          const room = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
          const down = Math.round(room / 2);
          assert.ok(down > viewport.height / 2, `${label}: the page is too short to scroll (${room}px of room)`);
          await page.mouse.move(viewport.width / 2, viewport.height / 2);
          await page.mouse.wheel(0, down);
          await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, down, { timeout: 5_000 });
          await page.keyboard.press('Tab');
          const info = await page.evaluate(async () => {
            await window.__screens.settleFocus();
            return { ...window.__screens.focusInfo(window.__screens.focusables(), []), scrollY: window.scrollY };
          });
          assert.ok(!info.body, `${label}: Tab after scrolling focused nothing`);
          const id = `${info.where} "${info.text}"`;
          assert.ok(info.rendered && info.onScreen, `${label}: Tab after scrolling ${down}px focused ${id}, which is not on screen`);
          assert.ok(info.visibleStyle, `${label}: Tab after scrolling focused ${id} without a visible focus style`);
          assert.ok(!info.coveredBy, `${label}: Tab after scrolling focused ${id}, hidden under ${info.coveredBy}`);
          assert.ok(Math.abs(info.scrollY - down) < viewport.height,
            `${label}: Tab after scrolling to ${down}px threw the reader to ${info.scrollY}px (focused ${id})`);
        });

        await t.test('"/" opens the search', async () => {
          const problems = [];
          await open(page, url);
          await page.evaluate(() => document.activeElement?.blur());
          await page.keyboard.press('/');
          const fromNothing = await page.evaluate(() => window.__screens.searchFocus());
          if (!fromNothing.isSearch || !fromNothing.visible) problems.push(`with nothing focused, "/" focuses ${fromNothing.where}${fromNothing.isSearch ? ' (hidden)' : ''}, not a visible search box`);
          else if (fromNothing.value.includes('/')) problems.push(`the "/" was typed into the search box (${JSON.stringify(fromNothing.value)})`);

          await open(page, url);
          const link = page.locator('main a[href]').first();
          if (await link.count()) {
            await link.focus();
            await page.keyboard.press('/');
            const fromLink = await page.evaluate(() => window.__screens.searchFocus());
            if (!fromLink.isSearch || !fromLink.visible) problems.push(`with a link in main focused, "/" focuses ${fromLink.where}, not a visible search box`);
          }
          assert.equal(problems.length, 0, `${label}:\n${bullet(problems)}`);
        });

        await t.test('no JavaScript error', async () => {
          assert.deepEqual(page.jsErrors, [], `${label}: JavaScript errors`);
        });
      } finally {
        await page.context().close();
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------

/** Body colours of a page, to compare the toggle's themes with the system ones. */
const colours = (page) => page.evaluate(() => {
  const b = getComputedStyle(document.body);
  const a = document.querySelector('main a[href]');
  return { background: window.__screens.background()?.color, text: b.color, link: a ? getComputedStyle(a).color : null };
});

describe('theme toggle (reader\'s choice over the system theme)', () => {
  for (const kind of ['home', 'lesson']) {
    for (const [system, chosen] of [['light', 'dark'], ['dark', 'light']]) {
      test(`${kind} · desktop · system ${system}, chosen ${chosen}`, T, async (t) => {
        const spec = PAGES.find((p) => p.kind === kind);
        const file = spec.file();
        const label = `${kind} (${file}) · desktop 1280x800 · system ${system}, ${chosen} chosen with the toggle`;
        const url = fileUrl(sites[spec.site], file);
        const reference = await newThemedPage(browser, { viewport: SIZES.desktop, colorScheme: chosen });
        const page = await newThemedPage(browser, { viewport: SIZES.desktop, colorScheme: system });
        try {
          await open(reference, url);
          const want = await colours(reference);
          await open(page, url);
          const toggle = page.locator('button[data-theme-toggle]');
          await toggle.waitFor({ state: 'visible' });
          for (let i = 0; i < 3; i += 1) {
            if (await page.evaluate(() => document.documentElement.getAttribute('data-theme')) === chosen) break;
            await toggle.click();
          }
          assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-theme')), chosen,
            `${label}: the toggle sets data-theme="${chosen}" on <html> within 3 clicks`);
          await page.mouse.move(0, 0);
          await settle(page);

          await t.test('colours are those of the system theme of that name', async () => {
            assert.deepEqual(await colours(page), want, `${label}: body background, text and link colours differ from prefers-color-scheme: ${chosen}`);
          });
          await t.test('axe: no serious or critical violation', async () => {
            await checkAxe(page, label);
          });
          await t.test('no JavaScript error', async () => {
            assert.deepEqual(page.jsErrors, [], `${label}: JavaScript errors`);
          });
        } finally {
          await reference.context().close();
          await page.context().close();
        }
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------

describe('guidebook serve: the 404 page', () => {
  let server;
  let defaultFont;
  before(async () => {
    server = await serve(await copyGuide());
    const blank = await newThemedPage(browser);
    await blank.setContent('<!DOCTYPE html><html><body>x</body></html>');
    defaultFont = await blank.evaluate(() => getComputedStyle(document.body).fontFamily);
    await blank.context().close();
  });

  for (const missing of ['missing.html', 'some/deep/missing.html']) {
    test(`/${missing} is answered by a styled 404 page whose links work`, T, async (t) => {
      const label = `guidebook serve /${missing}`;
      const page = await newThemedPage(browser, { viewport: SIZES.desktop });
      const failed = [];
      const target = server.url + missing;
      page.on('response', (r) => { if (r.url() !== target && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
      page.on('requestfailed', (r) => { if (r.url() !== target) failed.push(`failed ${r.url()} (${r.failure()?.errorText})`); });
      try {
        const response = await page.goto(target);
        await page.waitForLoadState('load');
        await page.addScriptTag({ content: `window.__screens = (${pageTools.toString()})();` });
        await shoot(page, `404-served-${missing.includes('/') ? 'nested' : 'top'}-desktop-light`);

        await t.test('answered 404 with the site\'s 404 page', async () => {
          const h1 = await page.locator('h1').first().textContent().catch(() => null);
          assert.equal(response.status(), 404, `${label}: HTTP status`);
          assert.ok(await page.evaluate(() => document.body.dataset.pageKind === '404' || /not found/i.test(document.title)),
            `${label}: the page is the site's 404 page (title "${await page.title()}", h1 "${h1}")`);
        });

        await t.test('styled: its stylesheet loads and applies', async () => {
          const info = await page.evaluate(() => ({
            font: getComputedStyle(document.body).fontFamily,
            sheets: [...document.querySelectorAll('link[rel~="stylesheet"]')]
              .filter((l) => !l.media || l.media === 'all' || l.media === 'screen')
              .map((l) => {
                let rules = -1;
                try { rules = l.sheet ? l.sheet.cssRules.length : -1; } catch { rules = -2; }
                return { href: l.href, rules };
              }),
          }));
          const problems = [];
          if (info.font === defaultFont) problems.push(`body font-family is the browser default (${info.font})`);
          if (info.sheets.length === 0) problems.push('no screen stylesheet linked');
          for (const s of info.sheets) if (s.rules <= 0) problems.push(`stylesheet ${s.href} not loaded (${s.rules === -1 ? 'no sheet' : `${s.rules} rules`})`);
          const css = failed.filter((f) => /\.css\b/.test(f));
          problems.push(...css.map((f) => `request: ${f}`));
          assert.equal(problems.length, 0, `${label}:\n${bullet(problems)}`);
        });

        await t.test('every script, image and link it has works', async () => {
          const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')]
            .map((a) => a.href).filter((h) => h.startsWith(location.origin) && !h.startsWith(`${location.href.split('#')[0]}#`)));
          const problems = failed.filter((f) => !/\.css\b/.test(f)).map((f) => `request: ${f}`);
          for (const href of [...new Set(links)]) {
            const r = await page.request.get(href);
            if (r.status() !== 200) problems.push(`link ${href} answers ${r.status()}`);
          }
          assert.equal(problems.length, 0, `${label}: ${problems.length} broken request(s) or link(s):\n${bullet(problems)}`);
        });
      } finally {
        await page.context().close();
      }
    });
  }
});

describe('reading aids', () => {
  test('"On this page" as a column on a wide screen follows the reader', T, async () => {
    const page = await newThemedPage(browser, { viewport: SIZES.desktop });
    try {
      await open(page, fileUrl(sites.sample, `${lessonSlug}.html`));
      const column = page.locator('nav.toc-column');
      assert.ok(await column.isVisible(), 'the column shows at 1280 px');
      assert.equal(await page.locator('nav.toc-inline').isVisible(), false, 'the inline copy is hidden');
      const current = () => column.locator('a[aria-current="true"]').getAttribute('href');
      const hrefs = await column.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.length >= 3, `${hrefs}`);
      assert.equal(await current(), hrefs[0], 'the first section at the top');
      const last = hrefs[hrefs.length - 1];
      await page.evaluate((id) => document.getElementById(id.slice(1)).scrollIntoView(), last);
      await waitFor(async () => (await current()) === last, { timeout: 3000, message: `${last} marked after scrolling to it` });
      const box = await column.boundingBox();
      assert.ok(box.y >= 0 && box.y < 100, `the column stays in view (top at ${box.y})`);
    } finally {
      await page.context().close();
    }
  });

  test('on a phone the header uses the width: title in at most two lines, search results full width', T, async () => {
    const page = await newThemedPage(browser, { viewport: SIZES.phone });
    try {
      await open(page, fileUrl(sites.sample, `${lessonSlug}.html`));
      const title = await page.locator('.site-title span').evaluate((el) => {
        const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
        return { lines: Math.round(el.getBoundingClientRect().height / lineHeight) };
      });
      assert.ok(title.lines <= 2, `the site title takes ${title.lines} lines`);
      await page.keyboard.press('/');
      await page.keyboard.type('harness');
      const results = page.locator('#search-results');
      await results.locator('a').first().waitFor();
      const width = (await results.boundingBox()).width;
      assert.ok(width >= SIZES.phone.width - 60, `the results are ${width} px wide in a ${SIZES.phone.width} px window`);
    } finally {
      await page.context().close();
    }
  });
});
