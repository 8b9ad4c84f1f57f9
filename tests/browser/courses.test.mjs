// A course as guidebook import makes one, in a real Chromium: lessons in named chapters with
// teaching and exercise minutes, an outline block, old addresses (`aliases:`) and instructor
// notes. An old address sends the reader on (with or without JavaScript, keeping the #section);
// the sidebar names the chapters on a wide screen and on a phone; the outline's links lead to
// the lessons; the instructors' edition lists its notes under "For instructors"; guide.pdf's
// contents number the lessons under their chapters. No serious axe violation. Full-page
// screenshots go to $GUIDEBOOK_SHOTS/courses/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  CHROME, SHOTS, buildSite, cleanup, fileUrl, formatAxe, guidebook, launchBrowser, newPage,
  newThemedPage, run, runAxe, tempDir, writeGuide,
} from './helpers.mjs';

const T = { timeout: 60_000 };
const SIZES = { wide: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const CHAPTERS = ['Day 1: Morning', 'Day 1: Afternoon'];

/** Six lessons, an introduction with the whole outline, a setup page and instructor notes. */
function courseFiles() {
  const files = {
    'guide.toml': 'title = "Version control with Git"\n',
    'content/_index.md': 'Welcome to the course.\n\n```outline\n```\n',
    'content/pages/setup.md': '---\ntitle: Setup\n---\nInstall Git.\n',
    'content/pages/notes.md': '---\ntitle: Instructor notes\ninstructor: true\n---\n## Timing\n\nKeep to time.\n',
  };
  const titles = ['Automated version control', 'Setting up Git', 'Creating a repository',
    'Tracking changes', 'Exploring history', 'Ignoring things'];
  titles.forEach((title, i) => {
    const step = i + 1;
    const chapter = CHAPTERS[i < 3 ? 0 : 1];
    const aliases = step === 2 ? 'aliases: [02-setup.html, old/setup/]\n' : '';
    const body = step === 4
      ? '## Why\n\nThis part of the day:\n\n```outline\n```\n\nSee the [notes](pages/notes.md).\n'
      : `## Why\n\nLesson ${step}.\n`;
    files[`content/0${step}-l${step}.md`] = `---\ntitle: ${title}\nstep: ${step}\nslug: l${step}\n`
      + `chapter: "${chapter}"\nteaching: ${5 * step}\nexercises: ${step % 2 ? 5 : 0}\n${aliases}---\n${body}`;
  });
  return files;
}

let browser;
let guide;
let site;

before(async () => {
  guide = await writeGuide(courseFiles());
  site = await buildSite(guide);
  browser = await launchBrowser();
});
after(cleanup);

async function shot(page, name) {
  const dir = path.join(SHOTS, 'courses');
  await fs.mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

describe('a course', () => {
  test('an old address sends the reader on, keeping the section, with or without scripts', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, '02-setup.html') + '#why');
    await page.waitForURL(/\/l2\.html#why$/);
    assert.equal(await page.locator('h1').innerText(), 'Setting up Git');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(fileUrl(site, 'old/setup/index.html'));
    await plain.waitForURL(/\/l2\.html$/, { timeout: 10_000 });
    assert.equal(await plain.locator('h1').innerText(), 'Setting up Git');
    await context.close();
  });

  for (const [size, viewport] of Object.entries(SIZES)) {
    test(`${size}: the sidebar names the chapters, the header the lesson's, no serious axe violation`, T, async () => {
      const page = await newThemedPage(browser, { viewport });
      await page.goto(fileUrl(site, 'l4.html'));
      const summary = page.locator('.sidebar-summary');
      if (await summary.isVisible()) await summary.click();
      const names = page.locator('.sidebar-chapter');
      assert.deepEqual(await names.allInnerTexts(), CHAPTERS);
      for (const name of await names.all()) assert.ok(await name.isVisible(), 'each chapter name shows');
      assert.match(await page.locator('.meta-chapter').innerText(), /Day 1: Afternoon/);
      assert.match(await page.locator('.meta-split').innerText(), /Teaching 20 min/);
      await shot(page, `lesson-${size}`);
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], `lesson at ${size}:\n${formatAxe(violations)}`);
      await page.goto(fileUrl(site, 'index.html'));
      assert.deepEqual(await page.locator('.group-head h3').allInnerTexts(), CHAPTERS);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= viewport.width, `the home page fits the window (${wide} px)`);
      await shot(page, `home-${size}`);
      const home = await runAxe(page);
      assert.deepEqual(home, [], `home at ${size}:\n${formatAxe(home)}`);
    });
  }

  test('the outline lists the chapter with its total and leads to its lessons', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, 'l4.html'));
    const outline = page.locator('.lesson-body .outline');
    await outline.scrollIntoViewIfNeeded();
    assert.deepEqual(await outline.locator('li a').allInnerTexts(),
      ['Tracking changes', 'Exploring history', 'Ignoring things']);
    assert.match(await outline.locator('.outline-total').innerText(), /^Total time: 80 min$/);
    await outline.getByRole('link', { name: 'Exploring history' }).click();
    await page.waitForURL(/\/l5\.html$/);
    // The learners' edition shows the link to the instructor notes as plain text.
    await page.goto(fileUrl(site, 'l4.html'));
    assert.equal(await page.locator('.lesson-body a', { hasText: 'notes' }).count(), 0);
  });

  test('the instructors\' edition lists its notes under "For instructors"', T, async () => {
    const instructors = await buildSite(guide, ['--instructor']);
    const page = await newPage(browser);
    await page.goto(fileUrl(instructors, 'l4.html'));
    const heading = page.locator('#sidebar-instructors-heading');
    assert.equal(await heading.innerText(), 'FOR INSTRUCTORS');
    await page.locator('.sidebar-instructors a').click();
    await page.waitForURL(/\/notes\.html$/);
    assert.equal(await page.locator('h1').innerText(), 'Instructor notes');
  });

  test('guide.pdf numbers each lesson under its chapter in the contents', { timeout: 120_000 }, async () => {
    const out = path.join(await tempDir('guidebook-course-pdf-'), 'out');
    const result = await guidebook(['pdf', guide, '--output', out, '--chrome', CHROME], { timeout: 110_000 });
    assert.equal(result.code, 0, result.stderr);
    const text = await run('pdftotext', ['-layout', path.join(out, 'guide.pdf'), '-'], { timeout: 20_000 });
    assert.equal(text.code, 0, text.stderr);
    const contents = text.stdout.split('\f').find((p) => /\bContents\b/.test(p) && p.includes(CHAPTERS[0]));
    assert.ok(contents, 'a contents page naming the chapters');
    const lines = contents.split('\n');
    const at = (words) => lines.findIndex((line) => line.includes(words));
    assert.ok(at(CHAPTERS[0]) < at('Automated version control'), 'the morning heads its lessons');
    assert.ok(at('Ignoring things') > at(CHAPTERS[1]), 'the afternoon heads its lessons');
    for (const title of ['Automated version control', 'Ignoring things']) {
      assert.match(lines[at(title)], /\d+\s*$/, `"${title}" has a page number:\n${contents}`);
    }
  });
});
