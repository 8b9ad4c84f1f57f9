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

/**
 * How full each page of `file` is: how far down its text area (A4, the print edition's margins of
 * 18 and 20 mm, where the running head and foot sit, left out) the lowest ink reaches, from 0 to
 * 1, read from the page rendered in grey by poppler's pdftoppm.
 */
async function pageFills(file) {
  const dir = await tempDir('guidebook-fill-');
  const render = await run('pdftoppm', ['-gray', '-r', '40', file, path.join(dir, 'p')], { timeout: 60_000 });
  assert.equal(render.code, 0, `pdftoppm ${file}: ${render.stderr}`);
  const fills = [];
  for (const name of (await fs.readdir(dir)).filter((n) => n.endsWith('.pgm')).sort()) {
    const { width, height, pixels } = readPgm(await fs.readFile(path.join(dir, name)));
    const top = Math.ceil(height * 18 / 297);
    const bottom = Math.floor(height * (297 - 20) / 297);
    let lowest = top;
    for (let y = top; y < bottom; y += 1) {
      const row = pixels.subarray(y * width, (y + 1) * width);
      if (row.some((v) => v < 200)) lowest = y + 1;
    }
    fills.push((lowest - top) / (bottom - top));
  }
  return fills;
}

/** A binary greymap (P5, 8 bits) as { width, height, pixels }. */
function readPgm(data) {
  const fields = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[at]))) at += 1;
    let field = '';
    while (!/\s/.test(String.fromCharCode(data[at]))) field += String.fromCharCode(data[at++]);
    fields.push(field);
  }
  assert.equal(fields[0], 'P5', 'pdftoppm -gray writes a binary greymap');
  const [width, height] = [Number(fields[1]), Number(fields[2])];
  return { width, height, pixels: data.subarray(at + 1, at + 1 + width * height) };
}

/** The text of the first block of each lesson's body in the site's print.html, in step order. */
async function printedOpenings(site) {
  const html = await fs.readFile(path.join(site, 'print.html'), 'utf8');
  return html.split('<section class="lesson"').slice(1).map((section) => {
    const first = /<div class="lesson-body">\s*<(\w+)[^>]*>([\s\S]*?)<\/\1>/.exec(section);
    assert.ok(first, `a lesson's body in print.html starts with an element: ${section.slice(0, 200)}`);
    return squash(decodeXml(first[2].replace(/<[^>]+>/g, '')));
  });
}

/**
 * Each lesson's checklist items in print.html ({ tasks, unlocks }: the items' texts and the text of
 * the "Finishing this unlocks" line after them, if any), in step order.
 */
async function printedChecklists(site) {
  const html = await fs.readFile(path.join(site, 'print.html'), 'utf8');
  const text = (fragment) => squash(decodeXml(fragment.replace(/<[^>]+>/g, '')));
  return html.split('<section class="lesson"').slice(1).map((section) => {
    const unlocks = /<p class="unlocks">([\s\S]*?)<\/p>/.exec(section);
    return {
      tasks: [...section.matchAll(/<label [^>]*>([\s\S]*?)<\/label>/g)].map(([, label]) => text(label)),
      unlocks: unlocks && text(unlocks[1]),
    };
  });
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

  test('print.html: no scripts, every <details> open, lessons running on, empty boxes', T, async () => {
    const page = await printPage();
    await page.goto(fileUrl(site, 'print.html'));
    assert.equal(await page.evaluate(() => matchMedia('print').matches), true, 'print media is emulated');
    assert.equal(await page.locator('script').count(), 0, 'print.html has no <script>');

    const details = await page.locator('details').evaluateAll((ds) => ds.map((d) => d.open));
    assert.ok(details.length > 0, 'the sample guide has a <details> block in print.html');
    assert.ok(details.every(Boolean), `every <details> is open (${JSON.stringify(details)})`);

    // Only the parts of the book start a page: the contents, the path and the first lesson; the
    // other lessons, the gear compared and the reference pages run on under a heavy rule, their
    // header kept with what follows.
    const sections = await page.locator('section.lesson').evaluateAll((ss) => ss.map((s) => ({
      id: s.id,
      title: s.querySelector('h1, h2')?.textContent.replace(/\s+/g, ' ').trim(),
      breakBefore: getComputedStyle(s).breakBefore,
      rule: parseFloat(getComputedStyle(s).borderTopWidth),
      header: getComputedStyle(s.querySelector('.lesson-header')).breakAfter,
    })));
    assert.equal(sections.length, lessons.length, 'one section per lesson');
    sections.forEach((s, i) => {
      assert.ok(s.title.includes(lessons[i].title), `section ${i + 1} is "${lessons[i].title}" (got "${s.title}")`);
      assert.equal(s.breakBefore, i === 0 ? 'page' : 'auto', `section ${s.id} ${i === 0 ? 'starts' : 'does not start'} a page`);
      if (i > 0) assert.ok(s.rule >= 2, `section ${s.id} opens with a heavy rule (${s.rule} px)`);
      assert.equal(s.header, 'avoid', `section ${s.id}'s header stays with what follows`);
    });
    const parts = await page.evaluate(() => ['.print-toc', '.print-path', '.gear-compared']
      .map((selector) => [selector, getComputedStyle(document.querySelector(selector)).breakBefore]));
    assert.deepEqual(parts, [['.print-toc', 'page'], ['.print-path', 'page'], ['.gear-compared', 'auto']],
      'the contents and the path each start a page, the gear compared runs on');
    const headings = await page.locator('.lesson-body :is(h2, h3)').evaluateAll((hs) => hs.map((h) => getComputedStyle(h).breakAfter));
    assert.ok(headings.length > 0 && headings.every((b) => b === 'avoid'), `every heading in a lesson stays with what follows (${headings})`);

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

  test('guide.pdf has every lesson, in step order, each heading on a page with the start of its text', T, async () => {
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
    // Each lesson's header ("Step n of N" kicker with the title) is on a page at or after the
    // previous one's, with the first words of the lesson's text.
    const openings = await printedOpenings(out);
    let lastPage = -1;
    for (const [i, lesson] of lessons.entries()) {
      const kicker = new RegExp(`\\bstep ${i + 1} of ${lessons.length}\\b`, 'i');
      const page = pageTexts.findIndex((t, p) => p >= lastPage && kicker.test(t) && t.includes(lesson.title));
      assert.ok(page >= lastPage && page >= 0, `lesson ${i + 1} "${lesson.title}" starts on or after lesson ${i}'s page (${lastPage + 1})`);
      const opening = openings[i].split(' ').slice(0, 6).join(' ');
      assert.ok(pageTexts[page].includes(opening),
        `lesson ${i + 1}'s header is on page ${page + 1} with the start of its text ("${opening}")`);
      lastPage = page;
    }
  });

  test('guide.pdf wastes no paper: at most 26 pages, none but the cover under a fifth full', T, async () => {
    const fills = await pageFills(path.join(out, 'guide.pdf'));
    const report = fills.map((f, i) => `${i + 1}: ${f.toFixed(2)}`).join(', ');
    assert.ok(fills.length <= 26, `guide.pdf has ${fills.length} pages, expected at most 26 (${report})`);
    const empty = fills.map((f, i) => ({ page: i + 1, f })).filter(({ page, f }) => page > 1 && f < 0.2);
    assert.deepEqual(empty, [], `no page but the cover is less than a fifth full (${report})`);
  });

  test('guide.pdf keeps a checklist whole, with its heading and the lesson\'s last line', T, async () => {
    const pageTexts = (await pdfPageTexts(path.join(out, 'guide.pdf'))).map(squash);
    const items = await printedChecklists(out);
    assert.ok(items.length === lessons.length, 'every lesson of the sample has a checklist');
    for (const [i, { tasks, unlocks }] of items.entries()) {
      const first = pageTexts.findIndex((t) => t.includes(tasks[0]));
      assert.ok(first >= 0, `lesson ${i + 1}'s first checklist item is in guide.pdf`);
      for (const task of tasks) {
        assert.ok(pageTexts[first].includes(task), `lesson ${i + 1}'s checklist is on one page (page ${first + 1}), "${task}" with it`);
      }
      assert.match(pageTexts[first], /Checklist/, `lesson ${i + 1}'s checklist heading is on page ${first + 1} with its items`);
      if (unlocks) {
        assert.ok(pageTexts[first].includes(unlocks), `lesson ${i + 1}'s last line "${unlocks}" is on page ${first + 1} with its checklist`);
      }
    }
  });

  test('guide.pdf and handout.pdf embed the theme\'s typefaces by name, not the system\'s', T, async () => {
    /** The fonts pdffonts lists: { name (without the subset prefix), embedded }. */
    const fontsOf = async (file) => {
      const list = await run('pdffonts', [file], { timeout: 20_000 });
      assert.equal(list.code, 0, `pdffonts ${file}: ${list.stderr}`);
      return list.stdout.split('\n').slice(2).filter(Boolean).map((line) => {
        const [name, ...rest] = line.trim().split(/\s+/);
        return { name: name.replace(/^[A-Z]{6}\+/, ''), embedded: rest.includes('yes') };
      });
    };
    const guide = await fontsOf(path.join(out, 'guide.pdf'));
    const names = guide.map((f) => f.name);
    for (const face of ['Literata-Regular', 'Literata-Italic', 'Literata-Bold', 'LiterataDisplay-SemiBold', 'Figtree-Regular', 'Figtree-Bold']) {
      assert.ok(names.includes(face), `guide.pdf uses ${face} (${names})`);
    }
    assert.ok(guide.every((f) => f.embedded), `every font of guide.pdf is embedded (${JSON.stringify(guide)})`);
    assert.deepEqual(names.filter((n) => /DejaVuSerif|LiberationSerif|\[none\]/.test(n)), [],
      'no system serif stands in for the text, and no unnamed (Type 3) font');
    const handout = (await fontsOf(path.join(out, 'handout.pdf'))).map((f) => f.name);
    for (const face of ['Figtree-Regular', 'Figtree-Bold', 'LiterataDisplay-SemiBold']) {
      assert.ok(handout.includes(face), `handout.pdf uses ${face} (${handout})`);
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
