// Screenshots of the home page, a lesson page and print.html (PNG files in $GUIDEBOOK_SHOTS,
// default browser-shots/ in the system's temporary folder, for a person to look at), with the layout checks a screenshot
// alone would not catch: styles applied, nothing wider than the window, every image loaded.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  SHOTS, buildSite, cleanup, fileUrl, launchBrowser, newPage, readTasks,
} from './helpers.mjs';

const T = { timeout: 30_000 };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let site;
let browser;
let lessonSlug;

before(async () => {
  site = await buildSite();
  lessonSlug = (await readTasks(site)).lessons[1].slug;
  browser = await launchBrowser();
  await fs.mkdir(SHOTS, { recursive: true });
});
after(cleanup);

async function layoutProblems(page) {
  // Lazy images load as the reader scrolls to them: bring each into view first, so a full-page
  // screenshot shows them and a missing file is still caught.
  await page.evaluate(async () => {
    for (const img of document.images) {
      if (img.loading !== 'lazy') continue;
      img.scrollIntoView();
      try { await img.decode(); } catch { /* reported below as not loaded */ }
    }
    window.scrollTo(0, 0);
  });
  return page.evaluate(() => {
    const problems = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) {
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== 'fixed')
        .filter((el) => !el.closest('[role="region"], .compare, pre, .skip-link, .visually-hidden'))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${width}px window (${wide.join(', ')})`);
    }
    for (const img of document.images) {
      if (!img.complete || img.naturalWidth === 0) problems.push(`image not loaded: ${img.src}`);
    }
    const sheets = [...document.styleSheets].filter((s) => !s.media.mediaText || s.media.mediaText === 'all' || s.media.mediaText === 'screen');
    if (sheets.length === 0) problems.push('no stylesheet applies');
    return problems;
  });
}

async function shoot(page, name, { fullPage = true } = {}) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  const head = (await fs.readFile(file)).subarray(0, 8);
  assert.deepEqual(head, PNG, `${file} is a PNG`);
  return file;
}

describe('screenshots', () => {
  for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    test(`home page, lesson page and print.html (${label})`, T, async () => {
      const page = await newPage(browser, { viewport });
      await page.goto(fileUrl(site, 'index.html'));
      await page.locator('[data-overall-progress]').filter({ hasText: /\S/ }).waitFor();
      assert.notEqual(await page.locator('body').evaluate((b) => getComputedStyle(b).fontFamily), 'Times New Roman', 'the theme styles the page');
      assert.deepEqual(await layoutProblems(page), [], 'home page layout');
      assert.ok(await page.locator('svg.lesson-map a[data-map-lesson]:visible').first().isVisible(), 'the lesson map is visible');
      await shoot(page, `home-${label}`);

      await page.goto(fileUrl(site, `${lessonSlug}.html`));
      await page.locator('input.task-box').first().check();
      assert.deepEqual(await layoutProblems(page), [], 'lesson page layout');
      await shoot(page, `lesson-${label}`);

      await page.goto(fileUrl(site, 'print.html'));
      // print.html is laid out for paper: on a phone its wide tables may scroll sideways.
      if (label === 'desktop') assert.deepEqual(await layoutProblems(page), [], 'print.html layout');
      await shoot(page, `print-${label}`, { fullPage: label === 'desktop' });

      if (label === 'desktop') {
        await page.emulateMedia({ media: 'print' });
        await page.goto(fileUrl(site, 'handout.html'));
        await shoot(page, 'handout-print');
      }
      assert.deepEqual(page.jsErrors, []);
    });
  }

  test('dark theme: the toggle switches and is remembered', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, 'index.html'));
    const toggle = page.locator('button[data-theme-toggle]');
    await toggle.waitFor({ state: 'visible' });
    const bg = () => page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    const before = await bg();
    await toggle.click();
    const theme = await page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    assert.ok(theme === 'dark' || theme === 'light');
    assert.notEqual(await bg(), before, 'the background changes with the theme');
    await page.goto(fileUrl(site, `${lessonSlug}.html`));
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-theme')), theme, 'the choice is remembered');
    await shoot(page, `lesson-${theme}`);
    assert.deepEqual(page.jsErrors, []);
  });
});
