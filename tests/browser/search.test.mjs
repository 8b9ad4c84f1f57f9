// Search on the built site, from file:// (the index is a script, assets/search-index.js, not a
// fetch): "/" focuses the search box, typing fills #search-results with links to lesson pages,
// each with a snippet that marks the match.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  REPO, buildSite, cleanup, fileUrl, launchBrowser, newPage, readLessons,
} from './helpers.mjs';

const T = { timeout: 30_000 };

let site;
let browser;
let lessons;
/** A word found in exactly one lesson (and nowhere else in the guide), and that lesson. */
let word;
let owner;

/** Picks a distinctive word: its first six letters occur in one lesson only, so any matching
 * strategy (substring, prefix, stemming) finds that lesson and no other. */
async function distinctiveWord() {
  const prose = (text) => text
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, ' ') // fenced blocks (compare tables come from gear.yaml)
    .replace(/\]\([^)]*\)/g, ']') // link targets
    .toLowerCase();
  const others = (await Promise.all(['content/_index.md', 'content/gear.yaml', 'guide.toml'].map(
    (f) => fs.readFile(path.join(REPO, f), 'utf8').catch(() => ''),
  ))).join('\n').toLowerCase();
  const titles = lessons.map((l) => `${l.title}`).join('\n').toLowerCase();
  const texts = lessons.map((l) => l.body.toLowerCase());
  const candidates = [];
  for (const lesson of lessons) {
    for (const w of new Set(prose(lesson.body).match(/\b[a-z]{9,}\b/g) || [])) {
      const stem = w.slice(0, 6);
      if (others.includes(stem) || titles.includes(stem)) continue;
      if (texts.filter((t) => t.includes(stem)).length !== 1) continue;
      candidates.push({ w, lesson });
    }
  }
  assert.ok(candidates.length > 0, 'the sample guide has a word found in only one lesson');
  candidates.sort((a, b) => b.w.length - a.w.length || a.w.localeCompare(b.w));
  return candidates[0];
}

before(async () => {
  site = await buildSite();
  lessons = await readLessons(REPO);
  ({ w: word, lesson: owner } = await distinctiveWord());
  browser = await launchBrowser();
});
after(cleanup);

/** Opens a page from disk, recording any fetch/XHR it makes. */
async function open(page, name) {
  page.fetches = [];
  page.on('request', (r) => { if (['fetch', 'xhr'].includes(r.resourceType())) page.fetches.push(r.url()); });
  await page.goto(fileUrl(site, name));
  await page.locator('form[data-search]').waitFor({ state: 'visible' });
}

const results = (page) => page.locator('#search-results li > a');

describe('search (file://)', () => {
  test('the site ships its index as a script and every base page has the search form', T, async () => {
    await fs.access(path.join(site, 'assets', 'search-index.js'));
    for (const name of ['index.html', `${owner.slug}.html`, 'checklists.html', 'gear.html']) {
      const html = await fs.readFile(path.join(site, name), 'utf8');
      assert.match(html, /<form[^>]*data-search/, `${name} has form[data-search]`);
      assert.match(html, /<input[^>]*id="search-input"/, `${name} has #search-input`);
    }
    const page = await newPage(browser);
    await open(page, 'index.html');
    assert.equal(await page.locator('form[data-search] input#search-input').getAttribute('type'), 'search');
    assert.equal(await page.locator('#search-results').count(), 1, 'there is a #search-results list');
    assert.deepEqual(page.jsErrors, []);
  });

  test(`"/" focuses the box; a word found in one lesson finds that lesson first, with a marked snippet`, T, async () => {
    const page = await newPage(browser);
    await open(page, 'index.html');
    await page.locator('main').click({ position: { x: 5, y: 5 } }); // focus somewhere in the page, not the box
    assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'search-input');
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input', '"/" focuses #search-input');
    assert.equal(await page.locator('#search-input').inputValue(), '', 'the "/" itself is not typed into the box');

    await page.keyboard.type(word, { delay: 20 });
    await results(page).first().waitFor();
    const first = results(page).first();
    const href = await first.getAttribute('href');
    assert.match(href, new RegExp(`^${owner.slug}\\.html(#[\\w-]+)?$`), `the first result for "${word}" links to ${owner.slug}.html (got ${href})`);
    const hrefs = await results(page).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const h of hrefs) assert.ok(h.startsWith(`${owner.slug}.html`), `every result for "${word}" is in ${owner.slug}.html (got ${h})`);

    const li = page.locator('#search-results li').first();
    const snippet = li.locator('.search-snippet');
    assert.equal(await snippet.count(), 1, 'the result has a .search-snippet');
    const marked = await snippet.locator('mark').allTextContents();
    assert.ok(marked.length > 0, 'the snippet marks the match');
    assert.ok(marked.some((m) => m.length >= 4 && (word.startsWith(m.toLowerCase()) || m.toLowerCase().startsWith(word.slice(0, 6)))),
      `a <mark> holds the word "${word}" (got ${JSON.stringify(marked)})`);

    await first.click();
    await page.waitForURL(new RegExp(`/${owner.slug}\\.html(#[\\w-]+)?$`));
    assert.equal(await page.locator('h1').first().textContent(), owner.title);
    assert.deepEqual(page.fetches, [], 'search makes no fetch or XHR request (works from file://)');
    assert.deepEqual(page.jsErrors, []);
  });

  test('"/" works on a lesson page too, and a word found nowhere gives no results', T, async () => {
    const other = lessons.find((l) => l.slug !== owner.slug);
    const page = await newPage(browser);
    await open(page, `${other.slug}.html`);
    await page.locator('h1').first().click();
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input');

    await page.keyboard.type(word, { delay: 20 });
    await results(page).first().waitFor();
    assert.match(await results(page).first().getAttribute('href'), new RegExp(`^${owner.slug}\\.html`));

    await page.locator('#search-input').fill('zqxjvwkpq');
    await page.waitForFunction(() => document.querySelectorAll('#search-results li > a').length === 0);
    assert.equal(await results(page).count(), 0, 'a nonsense word finds nothing');
    assert.deepEqual(page.fetches, []);
    assert.deepEqual(page.jsErrors, []);
  });
});
