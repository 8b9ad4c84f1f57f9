// Math and definition lists as Chromium lays them out: MathML built by guidebook needs no
// script, a fraction stacks, a root encloses, a display formula wider than a phone scrolls
// inside itself instead of widening the page, it prints whole, and terms stand out from their
// definitions. Screenshots go to $GUIDEBOOK_SHOTS for a person to look at.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  SHOTS, buildSite, cleanup, fileUrl, launchBrowser, newPage, writeGuide,
} from './helpers.mjs';

const T = { timeout: 30_000 };

const LESSON = `---
title: Measuring the harness
step: 1
duration: 10 min
---

## The $\\pi$ rule

A harness fits when $g \\le 2\\pi r + \\frac{1}{2}$ inches. Treats cost $5 and a clicker $10.

$$
r = \\sqrt{\\frac{A}{\\pi}}
$$

$$
f(x) = a_0 + a_1 x + a_2 x^2 + a_3 x^3 + a_4 x^4 + a_5 x^5 + a_6 x^6 + a_7 x^7 + a_8 x^8 + a_9 x^9 + a_{10} x^{10}
$$

Girth
: The distance around the chest.

Lead
: The line between you and the cat.
`;

let site;
let browser;

before(async () => {
  const guide = await writeGuide({
    'guide.toml': 'title = "Math"\n',
    'content/01-measure.md': LESSON,
  });
  site = await buildSite(guide);
  browser = await launchBrowser();
  await fs.mkdir(SHOTS, { recursive: true });
});
after(cleanup);

/** Boxes of the parts of the page the tests look at. */
function measure(page) {
  return page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
    };
    const frac = document.querySelector('p > math:not([display]) mfrac');
    const sqrt = document.querySelector('math[display="block"] msqrt');
    const blocks = [...document.querySelectorAll('.prose math[display="block"]')];
    const dt = document.querySelector('.prose dt');
    const dd = document.querySelector('.prose dd');
    return {
      numerator: box(frac.children[0]),
      denominator: box(frac.children[1]),
      sqrt: box(sqrt),
      sqrtInner: box(sqrt.firstElementChild),
      blocks: blocks.map((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX })),
      page: { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth },
      dtWeight: Number(getComputedStyle(dt).fontWeight),
      ddWeight: Number(getComputedStyle(dd).fontWeight),
      ddIndent: box(dd).left - box(dt).left,
      inlineMath: document.querySelectorAll('p > math:not([display])').length,
    };
  });
}

describe('math and definition lists in the browser', () => {
  test('fractions stack, roots enclose and terms stand out, without JavaScript', T, async () => {
    const page = await newPage(browser);
    await page.context().route('**/*.js', (route) => route.abort());
    await page.goto(fileUrl(site, 'measure.html'));
    const m = await measure(page);
    assert.equal(m.inlineMath, 1);
    assert.ok(m.numerator.bottom <= m.denominator.top + 1, `numerator above denominator: ${JSON.stringify(m)}`);
    assert.ok(m.numerator.height > 0 && m.denominator.height > 0);
    assert.ok(m.sqrt.width > m.sqrtInner.width + 2, `the root sign takes room: ${JSON.stringify(m)}`);
    assert.ok(m.sqrt.height >= m.sqrtInner.height, `the root covers its content: ${JSON.stringify(m)}`);
    assert.ok(m.dtWeight >= 600 && m.ddWeight < 600, `terms bold, definitions not: ${JSON.stringify(m)}`);
    assert.ok(m.ddIndent >= 16, `definitions indented: ${JSON.stringify(m)}`);
    await page.screenshot({ path: path.join(SHOTS, 'math-desktop.png'), fullPage: true });
    await page.context().close();
  });

  test('a formula wider than a phone scrolls inside itself', T, async () => {
    const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(fileUrl(site, 'measure.html'));
    const m = await measure(page);
    assert.ok(m.page.scroll <= m.page.client + 1, `the page does not widen: ${JSON.stringify(m.page)}`);
    const wide = m.blocks.filter((b) => b.scroll > b.client + 1);
    assert.equal(wide.length, 1, `one formula is wider than the column: ${JSON.stringify(m.blocks)}`);
    assert.equal(wide[0].overflow, 'auto');
    await page.screenshot({ path: path.join(SHOTS, 'math-phone.png'), fullPage: true });
    await page.context().close();
  });

  test('print.html has the same formulas, shown whole', T, async () => {
    const page = await newPage(browser);
    await page.emulateMedia({ media: 'print' });
    await page.goto(fileUrl(site, 'print.html'));
    const printed = await page.evaluate(() => ({
      fractions: document.querySelectorAll('.lesson-body mfrac').length,
      overflow: [...document.querySelectorAll('.lesson-body math[display="block"]')].map((el) => getComputedStyle(el).overflowX),
      dtWeight: Number(getComputedStyle(document.querySelector('.lesson-body dt')).fontWeight),
    }));
    assert.equal(printed.fractions, 2);
    assert.deepEqual(printed.overflow, ['visible', 'visible']);
    assert.ok(printed.dtWeight >= 600);
    await page.context().close();
  });
});
