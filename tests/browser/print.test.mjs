// The print edition and the handout: `guidebook pdf` with the real chromium, checked with
// poppler's pdfinfo and pdftotext, and print.html / handout.html in the browser with print media.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  CHROME, REPO, buildSite, cleanup, fileUrl, guidebook, launchBrowser, newPage, readLessons,
  readTasks, run, tempDir,
} from './helpers.mjs';

const T = { timeout: 30_000 };

after(cleanup);

// `guidebook pdf` takes a few seconds: start it at once, alongside the print-media tests.
let pdfRun;
before(() => {
  pdfRun = (async () => {
    const out = path.join(await tempDir('guidebook-pdf-'), 'out');
    const result = await guidebook(['pdf', REPO, '--output', out, '--chrome', CHROME], { timeout: 120_000 });
    return { out, result };
  })();
  pdfRun.catch(() => {}); // reported by the tests that await it
});

const squash = (text) => text.replace(/\s+/g, ' ').trim();

async function pdfPages(file) {
  const info = await run('pdfinfo', [file], { timeout: 20_000 });
  assert.equal(info.code, 0, `pdfinfo ${file}: ${info.stderr}`);
  const match = /^Pages:\s+(\d+)/m.exec(info.stdout);
  assert.ok(match, `pdfinfo reports a page count: ${info.stdout}`);
  return Number(match[1]);
}

async function pdfText(file) {
  const text = await run('pdftotext', [file, '-'], { timeout: 20_000 });
  assert.equal(text.code, 0, `pdftotext ${file}: ${text.stderr}`);
  return text.stdout;
}

describe('print.html and handout.html with print media', () => {
  let site;
  let browser;
  let lessons;

  before(async () => {
    site = await buildSite();
    lessons = (await readTasks(site)).lessons;
    browser = await launchBrowser();
  });

  /** A page whose storage already holds ticks (so print must ignore them). */
  async function printPage() {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, `${lessons[1].slug}.html`));
    const first = page.locator(`input.task-box[data-task="${lessons[1].tasks[0]}"]`);
    await first.check();
    assert.equal(await first.isChecked(), true);
    await page.emulateMedia({ media: 'print' });
    return page;
  }

  test('print.html: no scripts, every <details> open, each lesson on a new page, empty boxes', T, async () => {
    const page = await printPage();
    await page.goto(fileUrl(site, 'print.html'));
    assert.equal(await page.evaluate(() => matchMedia('print').matches), true, 'print media is emulated');
    assert.equal(await page.locator('script').count(), 0, 'print.html has no <script>');

    const details = await page.locator('details').evaluateAll((ds) => ds.map((d) => d.open));
    assert.ok(details.length > 0, 'the sample guide has a <details> block in print.html');
    assert.ok(details.every(Boolean), `every <details> is open (${JSON.stringify(details)})`);

    const sections = await page.locator('section.lesson').evaluateAll((ss) => ss.map((s) => ({
      id: s.id,
      title: s.querySelector('h1, h2')?.textContent.replace(/\s+/g, ' ').trim(),
      breakBefore: getComputedStyle(s).breakBefore,
    })));
    assert.equal(sections.length, lessons.length, 'one section per lesson');
    sections.forEach((s, i) => {
      assert.ok(s.title.includes(lessons[i].title), `section ${i + 1} is "${lessons[i].title}" (got "${s.title}")`);
      assert.equal(s.breakBefore, 'page', `section ${s.id} starts a new page`);
    });

    const boxes = await page.locator('input[type="checkbox"]').evaluateAll((bs) => bs.map((b) => b.checked));
    assert.equal(boxes.length, lessons.reduce((n, l) => n + l.tasks.length, 0), 'every checklist item has a box');
    assert.ok(boxes.every((checked) => !checked), 'every box is empty, whatever was ticked on screen');
    assert.deepEqual(page.jsErrors, []);
  });

  test('handout.html: no scripts, every checklist item with an empty box', T, async () => {
    const page = await printPage();
    await page.goto(fileUrl(site, 'handout.html'));
    assert.equal(await page.locator('script').count(), 0, 'handout.html has no <script>');
    const total = lessons.reduce((n, l) => n + l.tasks.length, 0);
    assert.equal(await page.locator('li.task').count(), total, 'the handout lists every checklist item');
    // Boxes are either unticked checkboxes or drawn, empty boxes.
    const items = await page.locator('li.task').evaluateAll((lis) => lis.map((li) => ({
      checked: li.querySelector('input:checked') !== null,
      box: li.querySelector('input[type="checkbox"], .box') !== null,
      text: li.textContent.trim(),
    })));
    for (const item of items) {
      assert.ok(item.box, `"${item.text}" has a box`);
      assert.equal(item.checked, false, `"${item.text}" is not ticked`);
    }
    for (const lesson of lessons) {
      assert.ok(await page.getByText(lesson.title).count() > 0, `the handout names "${lesson.title}"`);
    }
  });

  test('a lesson page printed: no sidebar, theme toggle or pager', T, async () => {
    const page = await printPage();
    await page.goto(fileUrl(site, `${lessons[1].slug}.html`));
    await page.locator('.lesson-progress [data-progress]').filter({ hasText: /\S/ }).waitFor({ state: 'attached' });
    for (const selector of ['.sidebar', 'button[data-theme-toggle]', '.pager']) {
      const el = page.locator(selector).first();
      assert.equal(await el.count(), 1, `the lesson page has ${selector} on screen`);
      assert.equal(await el.isVisible(), false, `${selector} is hidden in print`);
    }
    assert.equal(await page.locator('h1').first().isVisible(), true);
  });
});

describe('guidebook pdf', () => {
  let out;
  let lessons;
  let pdf;

  before(async () => {
    ({ out, result: pdf } = await pdfRun);
    lessons = await readLessons(REPO);
  }, { timeout: 130_000 });

  test('writes guide.pdf and handout.pdf next to the site', T, async () => {
    assert.equal(pdf.code, 0, `guidebook pdf failed:\n${pdf.stdout}\n${pdf.stderr}`);
    for (const name of ['guide.pdf', 'handout.pdf', 'index.html', 'print.html', 'handout.html']) {
      await fs.access(path.join(out, name));
    }
    for (const name of ['guide.pdf', 'handout.pdf']) {
      const head = (await fs.readFile(path.join(out, name))).subarray(0, 5).toString('latin1');
      assert.equal(head, '%PDF-', `${name} is a PDF`);
    }
    const leftovers = (await fs.readdir(out)).filter((n) => /\.pdf\.|\.tmp|\.part/.test(n));
    assert.deepEqual(leftovers, [], 'no temporary files are left beside the PDFs');
  });

  test('guide.pdf has more than 12 pages and every lesson, in step order, one per page start', T, async () => {
    const file = path.join(out, 'guide.pdf');
    const pages = await pdfPages(file);
    assert.ok(pages > 12, `guide.pdf has ${pages} pages, expected more than 12`);

    const tasks = await readTasks(out);
    assert.deepEqual(tasks.lessons.map((l) => l.title), lessons.map((l) => l.title),
      'the lesson titles of the site match the front matter, in step order');

    const text = await pdfText(file);
    const pageTexts = text.split('\f').map(squash);
    const whole = squash(text);
    // Every title is in the text, in step order (the contents list).
    let from = 0;
    for (const lesson of lessons) {
      const at = whole.indexOf(lesson.title, from);
      assert.ok(at >= 0, `"${lesson.title}" is in guide.pdf after the previous lesson's title`);
      from = at + lesson.title.length;
    }
    // Each lesson starts on its own page ("Step n of N" kicker with the title), in step order.
    let lastPage = -1;
    for (const [i, lesson] of lessons.entries()) {
      const kicker = new RegExp(`\\bstep ${i + 1} of ${lessons.length}\\b`, 'i');
      const page = pageTexts.findIndex((t, p) => p > lastPage && kicker.test(t) && t.includes(lesson.title));
      assert.ok(page > lastPage, `lesson ${i + 1} "${lesson.title}" starts a page after lesson ${i}'s (page ${lastPage + 1})`);
      lastPage = page;
    }
  });

  test('handout.pdf fits on two pages and holds the schedule', T, async () => {
    const file = path.join(out, 'handout.pdf');
    const text = squash(await pdfText(file));
    assert.match(text, /Walking Your Cat/);
    for (const lesson of lessons) {
      assert.ok(text.includes(lesson.title), `the handout's schedule names "${lesson.title}"`);
    }
    const pages = await pdfPages(file);
    assert.ok(pages >= 1 && pages <= 2, `handout.pdf has ${pages} pages, expected at most 2`);
  });

  test('--chrome pointing nowhere exits 2 and says how to install chromium', T, async () => {
    const dir = path.join(await tempDir('guidebook-pdf-'), 'out');
    const result = await guidebook(['pdf', REPO, '--output', dir, '--chrome', '/nonexistent'], { timeout: 30_000 });
    assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`);
    assert.match(result.stderr, /\/nonexistent/, 'names the path it was given');
    assert.match(result.stderr, /apt-get install chromium/, 'tells how to install chromium');
  });

  test('no browser anywhere exits 2 and says how to install chromium', T, async () => {
    const dir = path.join(await tempDir('guidebook-pdf-'), 'out');
    const emptyPath = await tempDir('guidebook-nopath-');
    const result = await guidebook(['pdf', REPO, '--output', dir],
      { timeout: 30_000, env: { PATH: emptyPath, GUIDEBOOK_CHROME: '' } });
    assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`);
    assert.match(result.stderr, /apt-get install chromium/);
  });
});
