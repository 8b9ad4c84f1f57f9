// A guide written right to left (tests/fixtures/rtl: Arabic, `language = "ar"`, four lessons
// whose prerequisites fork and join, one checklist), opened from file:// at 1280x800 and
// 390x844: every page is <html dir="rtl">; on a desktop the sidebar is right of the main column;
// paragraphs align to the right edge of their column; the lesson map is mirrored (step 1 right
// of step 2, labels inside their boxes); the timeline's first bar starts at the right end of its
// track; the pagers' arrows point the way they lead; nothing makes a phone's page wider than the
// window, on either side; axe-core finds no serious or critical violation. Full-page screenshots
// go to $GUIDEBOOK_SHOTS/rtl/ for a person to look at.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  REPO, SHOTS, buildSite, cleanup, fileUrl, formatAxe, launchBrowser, newThemedPage, runAxe,
} from './helpers.mjs';

const T = { timeout: 60_000 };
const RTL_SHOTS = path.join(SHOTS, 'rtl');
const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};
/** The pages looked at, and the lessons of the fixture by step. */
const PAGES = { home: 'index.html', lesson: 'brew.html' };
const STEP = { 1: 'beans', 2: 'tools', 3: 'brew', 4: 'roast' };

let site;
let browser;

before(async () => {
  site = await buildSite(path.join(REPO, 'tests', 'fixtures', 'rtl'));
  browser = await launchBrowser();
  await fs.mkdir(RTL_SHOTS, { recursive: true });
});
after(cleanup);

async function open(size, name) {
  const page = await newThemedPage(browser, { viewport: SIZES[size] });
  await page.goto(fileUrl(site, name));
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** Rounded client rectangle of the first element matching `selector`. */
const rect = (page, selector) => page.locator(selector).first().evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
});

/** Elements that stick out of the window on either side and are not inside a box that scrolls
 * or clips them: a page written right to left overflows on the left. */
function outOfWindow() {
  const vw = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || (r.left >= -0.5 && r.right <= vw + 0.5)) continue;
    let contained = false;
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.position === 'fixed' || (a !== el && cs.overflowX !== 'visible') || a.classList.contains('visually-hidden')) { contained = true; break; }
    }
    if (!contained) out.push(`${el.tagName.toLowerCase()}.${el.className} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
  }
  return { scrollWidth: document.documentElement.scrollWidth, vw, out: out.slice(0, 10) };
}

describe('a guide written right to left', () => {
  test('every page is <html lang="ar" dir="rtl">, and so are print.html and handout.html', T, async () => {
    const names = (await fs.readdir(site)).filter((n) => n.endsWith('.html'));
    assert.ok(names.length >= 8, `the site has its pages (${names})`);
    for (const name of names) {
      const html = await fs.readFile(path.join(site, name), 'utf8');
      assert.match(html, /<html lang="ar" dir="rtl"/, `${name} is <html lang="ar" dir="rtl">`);
    }
  });

  for (const size of Object.keys(SIZES)) {
    test(`${size}: screenshots, no page wider than the window, no serious axe violation`, T, async () => {
      for (const [kind, name] of Object.entries(PAGES)) {
        const page = await open(size, name);
        assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
        await page.screenshot({ path: path.join(RTL_SHOTS, `${kind}-${size}.png`), fullPage: true });
        const overflow = await page.evaluate(outOfWindow);
        assert.ok(overflow.scrollWidth <= overflow.vw && overflow.out.length === 0,
          `${name} at ${size} stays inside the window: ${JSON.stringify(overflow)}`);
        const violations = await runAxe(page);
        assert.equal(violations.length, 0, `${name} at ${size}: axe-core found\n${formatAxe(violations)}`);
        assert.deepEqual(page.jsErrors, []);
        await page.context().close();
      }
    });
  }

  test('desktop: the sidebar is right of the main column, and paragraphs keep to its right edge', T, async () => {
    const page = await open('desktop', PAGES.lesson);
    const sidebar = await rect(page, '.sidebar');
    const main = await rect(page, 'main');
    assert.ok(sidebar.left >= main.right - 1, `sidebar [${sidebar.left}, ${sidebar.right}] right of main [${main.left}, ${main.right}]`);
    const paragraphs = await page.locator('.lesson-body > p').evaluateAll((ps) => ps.map((p) => {
      const cs = getComputedStyle(p);
      const range = document.createRange();
      range.selectNodeContents(p);
      const lines = [...range.getClientRects()];
      const box = p.getBoundingClientRect();
      return {
        align: cs.textAlign,
        direction: cs.direction,
        columnRight: box.right - parseFloat(cs.paddingRight),
        textRight: Math.max(...lines.map((l) => l.right)),
        textLeft: Math.min(...lines.map((l) => l.left)),
        columnLeft: box.left,
      };
    }));
    assert.ok(paragraphs.length >= 2, 'the lesson has paragraphs');
    for (const p of paragraphs) {
      assert.ok(['start', 'right'].includes(p.align), `text-align is start or right (got ${p.align})`);
      assert.equal(p.direction, 'rtl');
      assert.ok(Math.abs(p.textRight - p.columnRight) <= 1.5, `the text ends at the column's right edge: ${JSON.stringify(p)}`);
      assert.ok(p.textLeft >= p.columnLeft - 0.5, `and stays inside it: ${JSON.stringify(p)}`);
    }
    // The pager: the previous lesson on the right, its arrow pointing right; the next on the left.
    const prev = await rect(page, '.pager-prev');
    const next = await rect(page, '.pager-next');
    assert.ok(prev.left > next.right, `previous [${prev.left}, ${prev.right}] right of next [${next.left}, ${next.right}]`);
    const arrows = await page.locator('.pager-dir > [aria-hidden="true"], .strip-dir > [aria-hidden="true"]')
      .evaluateAll((spans) => spans.map((s) => ({ text: s.textContent, transform: getComputedStyle(s).transform })));
    assert.ok(arrows.length >= 4, `the pager and the strip have arrows (${JSON.stringify(arrows)})`);
    for (const arrow of arrows) assert.equal(arrow.transform, 'matrix(-1, 0, 0, 1, 0, 0)', `"${arrow.text}" is mirrored`);
    assert.deepEqual(page.jsErrors, []);
  });

  /** The shown lesson map: each lesson's box (by slug) and whether its texts lie inside it. */
  function mapNodes() {
    const map = [...document.querySelectorAll('svg.lesson-map')].find((svg) => svg.getBoundingClientRect().width > 0);
    const svg = map.getBoundingClientRect();
    const nodes = {};
    for (const node of map.querySelectorAll('a.map-node')) {
      const box = node.querySelector('rect').getBoundingClientRect();
      const texts = [...node.querySelectorAll('text')].map((t) => t.getBoundingClientRect())
        .filter((r) => r.width > 0)
        .map((r) => ({ left: r.left, right: r.right, inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 }));
      nodes[node.getAttribute('data-map-lesson')] = { left: box.left, right: box.right, top: box.top, texts };
    }
    return { shape: map.getAttribute('data-map-shape'), svg: { left: svg.left, right: svg.right }, nodes };
  }

  test('the lesson map is mirrored: step 1 right of step 2, arrows on the right, text inside its boxes', T, async () => {
    const desktop = await open('desktop', PAGES.home);
    const wide = await desktop.evaluate(mapNodes);
    assert.equal(wide.shape, 'layers', 'the wide drawing shows on a desktop');
    const [one, two, three, four] = [1, 2, 3, 4].map((step) => wide.nodes[STEP[step]]);
    assert.ok(one.left > two.right, `step 1 [${one.left}, ${one.right}] right of step 2 [${two.left}, ${two.right}]`);
    assert.equal(one.top, two.top, 'steps 1 and 2 start the guide side by side');
    assert.ok(three.top > one.top && four.top > one.top, 'steps 3 and 4 below them');
    for (const [slug, node] of Object.entries(wide.nodes)) {
      assert.ok(node.texts.length >= 2 && node.texts.every((t) => t.inside), `${slug}: texts inside the box ${JSON.stringify(node)}`);
      // Text starts at the box's right edge (its padding is 12 of the drawing's units).
      const right = Math.max(...node.texts.map((t) => t.right));
      assert.ok(node.right - right < 20, `${slug}: text set against the box's right edge ${JSON.stringify(node)}`);
    }
    // Arrows end in the boxes they lead to: an arrow from step 1 and from step 2 to step 3.
    const arrowsToBrew = await desktop.locator('svg.lesson-map-wide path.map-edge[data-to="2"]').count();
    assert.equal(arrowsToBrew, 2, 'two arrows lead to step 3');

    const phone = await open('phone', PAGES.home);
    const narrow = await phone.evaluate(mapNodes);
    assert.equal(narrow.shape, 'list', 'the narrow drawing shows on a phone');
    const boxes = [1, 2, 3, 4].map((step) => narrow.nodes[STEP[step]]);
    assert.ok(boxes.every((b, i) => i === 0 || b.top > boxes[i - 1].top), 'one box per row, in step order');
    // Arrows that skip rows run in lanes on the right: the boxes leave room there, not on the left.
    const left = boxes[0].left - narrow.svg.left;
    const right = narrow.svg.right - boxes[0].right;
    assert.ok(right > left + 10, `the lanes are right of the boxes (room left ${left}, right ${right})`);
    for (const [slug, node] of Object.entries(narrow.nodes)) {
      assert.ok(node.texts.every((t) => t.inside), `${slug}: texts inside the box ${JSON.stringify(node)}`);
    }
    assert.deepEqual([...desktop.jsErrors, ...phone.jsErrors], []);
  });

  test('the timeline runs from the right: the first bar starts at the right end of its track', T, async () => {
    for (const size of Object.keys(SIZES)) {
      const page = await open(size, PAGES.home);
      const rows = await page.locator('.timeline-figure .timeline-row').evaluateAll((items) => items.map((row) => {
        const track = row.querySelector('.timeline-track').getBoundingClientRect();
        const bar = row.querySelector('.timeline-min').getBoundingClientRect();
        return { track: { left: track.left, right: track.right }, bar: { left: bar.left, right: bar.right } };
      }));
      assert.equal(rows.length, 4, `${size}: a row per lesson`);
      const [first, , third] = rows;
      assert.ok(Math.abs(first.bar.right - first.track.right) <= 1, `${size}: step 1's bar starts at the track's right end ${JSON.stringify(first)}`);
      assert.ok(first.bar.left > first.track.left + 10, `${size}: and ends before its left end ${JSON.stringify(first)}`);
      assert.ok(third.bar.right < first.bar.left + 1, `${size}: step 3 starts where step 1 ends, to its left ${JSON.stringify(rows)}`);
      // The axis: "start" at the right end.
      const start = await rect(page, '.timeline-figure .timeline-tick-start');
      const axis = await rect(page, '.timeline-figure .timeline-axis-track');
      assert.ok(Math.abs(start.right - axis.right) <= 1, `${size}: the axis starts at the right (${JSON.stringify({ start, axis })})`);
      assert.deepEqual(page.jsErrors, []);
    }
  });
});
