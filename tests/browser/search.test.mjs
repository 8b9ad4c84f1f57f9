// Search on the built site, from file:// (the index is a script, assets/search-index.js, and so
// are the term index's shards, assets/search/terms/<n>.js, and the pages' text,
// assets/search/text/<n>.js; never a fetch): "/" focuses the search box, typing fills
// #search-results with links to lesson pages, each with a snippet that marks the match. On a
// guide large enough for several shards, titles answer before any shard is in, a word that only
// the last lesson's text holds is found, and a query loads only the shards it needs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  REPO, buildSite, cleanup, fileUrl, launchBrowser, newPage, readLessons, writeGuide,
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
async function open(page, name, from = site) {
  page.fetches = [];
  page.on('request', (r) => { if (['fetch', 'xhr'].includes(r.resourceType())) page.fetches.push(r.url()); });
  await page.goto(fileUrl(from, name));
  await page.locator('form[data-search]').waitFor({ state: 'visible' });
}

const results = (page) => page.locator('#search-results li > a');

describe('search (file://)', () => {
  test('the site ships its index as a script and every base page has the search form', T, async () => {
    await fs.access(path.join(site, 'assets', 'search-index.js'));
    await fs.access(path.join(site, 'assets', 'search', 'terms', '0.js'));
    await fs.access(path.join(site, 'assets', 'search', 'text', '0.js'));
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

/** The large guide: 250 lessons of about 7 KB (several shards), a reference page. Lesson 5 is
 * the only one with "Grooming" in its title; 30 others mention grooming in their text; the last
 * lesson's text ends with a word found nowhere else, and so does the glossary's. */
const LARGE = { lessons: 250, titled: 5, deep: 'quokkaberries', glossaryWord: 'xylophonist' };

async function largeGuide() {
  const paragraph = 'The cat sniffs the harness, takes a treat and walks on. '.repeat(10);
  const files = { 'guide.toml': 'title = "Big"\n' };
  for (let step = 1; step <= LARGE.lessons; step++) {
    const title = step === LARGE.titled ? `Lesson ${step}: Grooming` : `Lesson ${step}`;
    const paragraphs = Array.from({ length: 12 }, () => paragraph);
    if (step % 8 === 0 && step <= 240) paragraphs[6] += 'Brushing and grooming help too.';
    if (step === LARGE.lessons) paragraphs.push(`The ${LARGE.deep} come last.`);
    const name = `content/l${String(step).padStart(3, '0')}.md`;
    files[name] = `---\ntitle: "${title}"\nstep: ${step}\nduration: 10 min\n---\n${paragraphs.join('\n\n')}\n`;
  }
  files['content/pages/glossary.md'] = `---\ntitle: Glossary\n---\nA ${LARGE.glossaryWord} plays to the cat.\n`;
  return buildSite(await writeGuide(files));
}

describe('search on a guide of several shards (file://)', () => {
  let large;
  let termShards;
  let textShards;

  before(async () => {
    large = await largeGuide();
    termShards = (await fs.readdir(path.join(large, 'assets', 'search', 'terms'))).length;
    textShards = (await fs.readdir(path.join(large, 'assets', 'search', 'text'))).length;
    assert.ok(termShards >= 3, `the guide fills several term shards (${termShards})`);
    assert.ok(textShards >= 20, `and many text shards (${textShards})`);
  });

  /** Opens the first lesson from disk, counting the shard scripts that have run and recording
   * the scripts it loads. */
  async function openLarge() {
    const page = await newPage(browser);
    page.scripts = [];
    page.on('request', (r) => {
      const at = r.url().indexOf('/assets/search/');
      if (at !== -1) page.scripts.push(r.url().slice(at + '/assets/search/'.length));
    });
    await open(page, 'l001.html', large);
    await page.evaluate(() => {
      const register = window.GUIDEBOOK_SEARCH_TERMS;
      window.termsIn = 0;
      window.GUIDEBOOK_SEARCH_TERMS = function (...args) {
        window.termsIn++;
        return register.apply(this, args);
      };
    });
    return page;
  }

  const complete = (page) => page.waitForFunction(
    () => document.getElementById('search-results').getAttribute('aria-busy') === 'false',
  );

  test('titles answer before any shard is in; text matches join as the shards arrive', T, async () => {
    const page = await openLarge();
    await page.evaluate(() => {
      const results = document.getElementById('search-results');
      window.draws = [];
      new MutationObserver(() => {
        const hrefs = [...results.querySelectorAll('li > a')].map((a) => a.getAttribute('href'));
        window.draws.push({ hrefs, busy: results.getAttribute('aria-busy'), termsIn: window.termsIn });
      }).observe(results, { childList: true, attributes: true, attributeFilter: ['aria-busy'] });
    });
    await page.keyboard.press('/');
    await page.locator('#search-input').fill('grooming');
    await complete(page);
    const draws = await page.evaluate(() => window.draws);
    const first = draws.find((d) => d.hrefs.length > 0);
    assert.deepEqual(first, { hrefs: ['l005.html'], busy: 'true', termsIn: 0 },
      'the title match shows first, before any shard');
    const last = draws.at(-1);
    assert.equal(last.busy, 'false');
    assert.equal(last.hrefs.length, 10, 'ten results once the text is searched');
    assert.equal(last.hrefs[0], 'l005.html', 'the title match still ranks first');
    assert.equal(await page.locator('#search-status').textContent(), '31 results');
    const marked = await page.locator('#search-results li:nth-child(2) .search-snippet mark').allTextContents();
    assert.deepEqual(marked, ['grooming'], 'a text match shows its text, marked');
    const terms = page.scripts.filter((s) => s.startsWith('terms/'));
    const texts = page.scripts.filter((s) => s.startsWith('text/'));
    assert.equal(terms.length, 1, `one term shard holds "grooming" (${terms})`);
    assert.ok(texts.length >= 1 && texts.length <= 9, `only the shown results' texts are loaded (${texts})`);
    assert.deepEqual(page.fetches, []);
    assert.deepEqual(page.jsErrors, []);
  });

  test('a word only the last lesson\'s text holds is found, loading one term shard and one text', T, async () => {
    const page = await openLarge();
    await page.keyboard.press('/');
    await page.keyboard.type(LARGE.deep, { delay: 20 });
    await complete(page);
    assert.deepEqual(await results(page).evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      [`l${LARGE.lessons}.html`]);
    const marked = await page.locator('#search-results .search-snippet mark').allTextContents();
    assert.deepEqual(marked, [LARGE.deep]);
    assert.equal(await page.locator('#search-status').textContent(), '1 result');
    // Typed a letter at a time: each prefix loads the shards its words can be in, no more.
    const terms = new Set(page.scripts.filter((s) => s.startsWith('terms/')));
    const texts = page.scripts.filter((s) => s.startsWith('text/'));
    assert.ok(terms.size < termShards, `not every term shard (${[...terms]} of ${termShards})`);
    assert.deepEqual(texts, [`text/${textShards - 1}.js`], 'the one text shard of the last lesson (and the glossary)');
    assert.deepEqual(page.fetches, [], 'shards are scripts, not fetches');
    assert.deepEqual(page.jsErrors, []);
  });

  test('a word begins a match: part of a word\'s end finds nothing, and a reference page is not called a lesson', T, async () => {
    const page = await openLarge();
    await page.keyboard.press('/');
    await page.locator('#search-input').fill(LARGE.glossaryWord);
    await results(page).first().waitFor();
    assert.equal(await results(page).first().getAttribute('href'), 'glossary.html');
    const said = `${await page.locator('#search-status').textContent()} ${await page.locator('#search-results').textContent()}`;
    assert.doesNotMatch(said, /lesson/i, 'a reference page is not called a lesson');

    await page.locator('#search-input').fill('xylo');
    await complete(page);
    assert.deepEqual(await results(page).evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['glossary.html'],
      'the beginning of a word finds it');
    await page.locator('#search-input').fill('lophonist');
    await page.locator('#search-results .search-empty').waitFor();
    await complete(page);
    assert.equal(await results(page).count(), 0, 'the end of a word does not');

    await page.locator('#search-input').fill('zqxjvwkpq');
    await page.locator('#search-results .search-empty').waitFor();
    assert.doesNotMatch(await page.locator('#search-results').textContent(), /lesson/i);
    assert.deepEqual(page.fetches, []);
    assert.deepEqual(page.jsErrors, []);
  });
});
