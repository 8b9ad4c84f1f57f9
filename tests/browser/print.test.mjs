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

/** The text of each page of `file` (`-layout` keeps a contents line on one line). */
async function pdfPageTexts(file, args = []) {
  const text = await run('pdftotext', [...args, file, '-'], { timeout: 20_000 });
  assert.equal(text.code, 0, `pdftotext ${file}: ${text.stderr}`);
  return text.stdout.split('\f');
}

const decodeXml = (text) => text
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/**
 * The bookmarks of `file` as poppler's pdftohtml reads them: [{ title, page, depth }] in order,
 * depth 0 for the top level.
 */
async function pdfOutline(file) {
  const dir = await tempDir('guidebook-outline-');
  const xml = await run('pdftohtml', ['-xml', '-stdout', '-i', '-q', file], { timeout: 30_000, cwd: dir });
  assert.equal(xml.code, 0, `pdftohtml ${file}: ${xml.stderr}`);
  const start = xml.stdout.indexOf('<outline>');
  if (start < 0) return [];
  const entries = [];
  let depth = -1;
  for (const [, open, close, page, title] of xml.stdout.slice(start)
    .matchAll(/(<outline>)|(<\/outline>)|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (open) depth += 1;
    else if (close) depth -= 1;
    else entries.push({ title: squash(decodeXml(title)), page: Number(page), depth });
    if (depth < 0) break;
  }
  return entries;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

  test('print.html: contents without page numbers, gear tables that break between rows', T, async () => {
    const page = await printPage();
    await page.goto(fileUrl(site, 'print.html'));
    const entries = await page.locator('nav.print-toc li').evaluateAll((lis) => lis.map((li) => {
      const number = li.querySelector('.toc-page');
      return {
        text: li.textContent.replace(/\s+/g, ' ').trim(),
        number: number && number.textContent + getComputedStyle(number, '::after').content,
      };
    }));
    assert.ok(entries.length >= lessons.length, `the contents list every lesson (${entries.length} entries)`);
    for (const entry of entries) {
      assert.equal(entry.number, 'none', `"${entry.text}" has an empty page number box (only guide.pdf is counted)`);
      assert.doesNotMatch(entry.text, /\d+$/, `"${entry.text}" ends without a number`);
    }

    const gear = await page.locator('.gear-compared .gear-section').evaluateAll((sections) => sections.map((s) => ({
      id: s.getAttribute('aria-labelledby'),
      section: getComputedStyle(s).breakInside,
      table: getComputedStyle(s.querySelector('table')).breakInside,
      wrapper: getComputedStyle(s.querySelector('table').parentElement).breakInside,
      row: getComputedStyle(s.querySelector('tbody tr')).breakInside,
      head: getComputedStyle(s.querySelector('thead')).display,
    })));
    assert.ok(gear.length > 0, 'the sample guide compares gear in print.html');
    for (const g of gear) {
      assert.deepEqual(
        { section: g.section, table: g.table, wrapper: g.wrapper, row: g.row, head: g.head },
        { section: 'auto', table: 'auto', wrapper: 'auto', row: 'avoid', head: 'table-header-group' },
        `${g.id}: the table may break between rows, never inside one, and repeats its header`,
      );
    }
  });

  test('handout.html: no scripts but the plan\'s, every checklist item with an empty box', T, async () => {
    const page = await printPage();
    await page.goto(fileUrl(site, 'handout.html'));
    const scripts = await page.locator('script').evaluateAll((all) => all.map((s) => s.getAttribute('src')));
    assert.deepEqual(scripts, ['assets/tasks.js', 'assets/plan.js'],
      'handout.html loads only what puts the reader\'s plan dates on its schedule');
    assert.equal(await page.locator('.handout-dates').count(), 0, 'no dates without a plan');
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

  test('guide.pdf has a bookmark per lesson, in step order, on the page where the lesson starts', T, async () => {
    const file = path.join(out, 'guide.pdf');
    const outline = await pdfOutline(file);
    assert.ok(outline.length > 0, 'guide.pdf has an outline');
    const top = outline.filter((e) => e.depth === 0);
    const pageTexts = (await pdfPageTexts(file)).map(squash);
    let last = -1;
    for (const [i, lesson] of lessons.entries()) {
      const title = `Step ${i + 1}: ${lesson.title}`;
      const at = top.findIndex((e) => e.title === title);
      assert.ok(at > last, `a top-level bookmark "${title}" after the previous lesson's (got ${JSON.stringify(top.map((e) => e.title))})`);
      last = at;
      assert.ok(pageTexts[top[at].page - 1]?.includes(title),
        `the bookmark "${title}" leads to page ${top[at].page}, where that heading is`);
    }
    const contents = top.findIndex((e) => e.title === 'Contents');
    const firstLesson = top.findIndex((e) => e.title.startsWith('Step 1: '));
    assert.ok(contents >= 0 && contents < firstLesson, 'a top-level "Contents" bookmark before the lessons');
    assert.ok(top.findIndex((e) => e.title === 'Gear compared') > last, 'a top-level "Gear compared" bookmark after them');
    const noise = outline.filter((e) => /^what you need$/i.test(e.title));
    assert.deepEqual(noise, [], 'no bookmark for each lesson\'s gear box');
  });

  test('guide.pdf\'s contents give each lesson\'s page, the page its heading is on', T, async () => {
    const file = path.join(out, 'guide.pdf');
    const pageTexts = (await pdfPageTexts(file)).map(squash);
    // The page each lesson's heading ("Step n of N" kicker and "Step n: title") is on.
    const starts = [];
    for (const [i, lesson] of lessons.entries()) {
      const kicker = new RegExp(`\\bstep ${i + 1} of ${lessons.length}\\b`, 'i');
      const heading = `Step ${i + 1}: ${lesson.title}`;
      const after = starts.at(-1) ?? 0;
      const page = pageTexts.findIndex((t, p) => p + 1 > after && kicker.test(t) && t.includes(heading)) + 1;
      assert.ok(page > 0, `lesson ${i + 1}'s heading "${heading}" is on a page after lesson ${i}'s`);
      starts.push(page);
    }
    const contentsPage = pageTexts.findIndex((t) => /\bContents\b/.test(t)
      && lessons.every((l) => t.includes(l.title))) + 1;
    assert.ok(contentsPage > 0 && contentsPage < starts[0], `a contents page before the first lesson (page ${contentsPage})`);

    const contents = await pdfPageTexts(file, ['-layout', '-f', String(contentsPage), '-l', String(contentsPage)]);
    const lines = contents[0].split('\n');
    for (const [i, lesson] of lessons.entries()) {
      const entry = new RegExp(`^\\s*Step ${i + 1}\\s+${escapeRegExp(lesson.title)}(?:\\s.*?)?\\s(\\d+)\\s*$`);
      const line = lines.map((l) => entry.exec(l)).find(Boolean);
      assert.ok(line, `the contents (page ${contentsPage}) list "${lesson.title}" with a page number:\n${contents[0]}`);
      assert.equal(Number(line[1]), starts[i], `"${lesson.title}" is listed on page ${line[1]} and starts on page ${starts[i]}`);
    }
    const gearLine = lines.map((l) => /^\s*Gear compared\b.*?\s(\d+)\s*$/.exec(l)).find(Boolean);
    assert.ok(gearLine, `the contents list "Gear compared" with a page number:\n${contents[0]}`);
    const gearPage = pageTexts.findIndex((t, p) => p + 1 > starts.at(-1) && t.includes('Gear compared')) + 1;
    assert.equal(Number(gearLine[1]), gearPage, `"Gear compared" is listed on page ${gearLine[1]} and starts on page ${gearPage}`);
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

  test('the Spanish edition is printed too, its handout on two pages in Spanish', T, async () => {
    const handout = path.join(out, 'es/handout.pdf');
    const text = squash(await pdfText(handout));
    assert.match(text, /Pasear a tu gato/);
    assert.match(text, /calendario/i, 'the headings are Spanish');
    const pages = await pdfPages(handout);
    assert.ok(pages >= 1 && pages <= 2, `es/handout.pdf has ${pages} pages, expected at most 2`);
    const guide = squash(await pdfText(path.join(out, 'es/guide.pdf')));
    assert.match(guide, /Índice/, 'the contents page is Spanish');
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
