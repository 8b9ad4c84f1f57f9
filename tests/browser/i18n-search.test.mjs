// Search in any language, on two small guides built from tests/fixtures (french: language "fr";
// japanese: language "ja"), opened from file://. Text and query are folded alike, so a query
// without accents, in capitals or in full-width letters finds the accented word, and the
// snippet's <mark> wraps the word as the page writes it (folding changes lengths: "ß" is "ss").
// Japanese, written without spaces, is matched by overlapping pairs of characters: a word in
// the middle of a sentence is found, two words typed without a space find the page that has
// both apart, and characters no page has find nothing. Words that only a lesson's text holds are
// found through the term index guidebook writes, so guidebook must fold them as search.js folds
// the query: a guide of such words checks that both sides agree.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO, buildSite, cleanup, fileUrl, launchBrowser, newPage, writeGuide,
} from './helpers.mjs';

const T = { timeout: 30_000 };
const FIXTURES = path.join(REPO, 'tests', 'fixtures');

let browser;
const sites = {};

before(async () => {
  const [french, japanese] = await Promise.all([
    buildSite(path.join(FIXTURES, 'french')),
    buildSite(path.join(FIXTURES, 'japanese')),
  ]);
  Object.assign(sites, { french, japanese });
  browser = await launchBrowser();
});
after(cleanup);

/** A lesson page of `site` from disk, with the search box ready. */
async function open(site, name) {
  const page = await newPage(browser);
  await page.goto(fileUrl(site, name));
  await page.locator('form[data-search]').waitFor({ state: 'visible' });
  return page;
}

/**
 * Types `query` into the search box and waits until the search is complete; resolves to the
 * results as [{ href, title, marks: [text of each <mark>] }] and the status line.
 */
async function search(page, query) {
  await page.locator('#search-input').fill(query);
  await page.waitForFunction((q) => {
    const results = document.getElementById('search-results');
    return document.getElementById('search-input').value === q
      && results.getAttribute('aria-busy') === 'false'
      && results.querySelector('li');
  }, query);
  const results = await page.locator('#search-results li > a').evaluateAll((links) => links.map((a) => ({
    href: a.getAttribute('href').replace(/#.*$/, ''),
    title: a.querySelector('.search-title').textContent,
    marks: [...a.querySelectorAll('.search-snippet mark')].map((m) => m.textContent),
  })));
  return { results, status: await page.locator('#search-status').textContent() };
}

const hrefs = (found) => found.results.map((r) => r.href);

describe('search folds accents, case and compatibility forms (French guide)', () => {
  test('"pret" finds the lesson with "prêt" and marks "prêt"', T, async () => {
    const page = await open(sites.french, 'sapin.html');
    const found = await search(page, 'pret');
    assert.deepEqual(hrefs(found), ['repas.html']);
    const marks = found.results[0].marks;
    assert.ok(marks.length > 0, 'the snippet marks the match');
    for (const mark of marks) assert.equal(mark, 'prêt', `the mark wraps the original word (got ${JSON.stringify(marks)})`);
    assert.equal(found.status, '1 résultat', 'the status in French');
    assert.deepEqual(page.jsErrors, []);
  });

  test('capitals, no accents and full-width letters find "élan", "déjà" and "Noël"', T, async () => {
    const page = await open(sites.french, 'sapin.html');
    const elan = await search(page, 'ELAN');
    assert.deepEqual(hrefs(elan), ['decorations.html']);
    assert.deepEqual(elan.results[0].marks, ['élan']);

    const deja = await search(page, 'Deja');
    assert.deepEqual(hrefs(deja), ['sapin.html']);
    assert.deepEqual(deja.results[0].marks, ['déjà']);

    const noel = await search(page, 'ＮＯＥＬ repas');
    assert.deepEqual(hrefs(noel), ['repas.html'], 'full-width "ＮＯＥＬ" is "noel"; with "repas" one lesson');
    assert.deepEqual(page.jsErrors, []);
  });

  test('"konigstrasse" finds "Königstraße", and marks after the longer folding still wrap their words', T, async () => {
    const page = await open(sites.french, 'sapin.html');
    const found = await search(page, 'konigstrasse noel stuttgart');
    assert.deepEqual(hrefs(found), ['decorations.html']);
    assert.deepEqual(found.results[0].marks, ['Noël', 'Königstraße', 'Stuttgart']);
    const begun = await search(page, 'KÖNIGSTR');
    assert.deepEqual(hrefs(begun), ['decorations.html'], 'the beginning of the word finds it');
    assert.deepEqual(begun.results[0].marks, ['Königstr']);
    assert.deepEqual(page.jsErrors, []);
  });
});

describe('search in a language written without spaces (Japanese guide)', () => {
  test('a word from the middle of a sentence finds its lesson, marked whole', T, async () => {
    const page = await open(sites.japanese, 'choose.html');
    const found = await search(page, '霧吹き');
    assert.deepEqual(hrefs(found), ['water.html']);
    assert.deepEqual(found.results[0].marks, ['霧吹き']);
    assert.deepEqual(page.jsErrors, []);
  });

  test('two words typed without a space find the page that has both, apart', T, async () => {
    const page = await open(sites.japanese, 'choose.html');
    // 受け皿 and 根腐れ are both in water.html, never side by side; light.html has 根腐れ only.
    const found = await search(page, '受け皿根腐れ');
    assert.deepEqual(hrefs(found), ['water.html']);
    assert.deepEqual([...new Set(found.results[0].marks)].sort(), ['受け皿', '根腐れ'].sort(),
      'each word is marked whole, the pair across the two words nowhere');
    const either = await search(page, '根腐れ');
    assert.deepEqual(hrefs(either).sort(), ['light.html', 'water.html']);

    // Typed a character at a time, each query searching on from the one before.
    await page.locator('#search-input').fill('');
    await page.locator('#search-input').pressSequentially('受け皿根腐れ', { delay: 30 });
    await page.waitForFunction(() => document.getElementById('search-results').getAttribute('aria-busy') === 'false');
    const typed = await page.locator('#search-results li > a').evaluateAll((links) => links.map((a) => a.getAttribute('href').replace(/#.*$/, '')));
    assert.deepEqual(typed, ['water.html']);
    assert.deepEqual(page.jsErrors, []);
  });

  test('half-width katakana find the full-width word', T, async () => {
    const page = await open(sites.japanese, 'water.html');
    const found = await search(page, 'ﾓﾝｽﾃﾗ');
    assert.deepEqual(hrefs(found), ['choose.html']);
    assert.deepEqual(found.results[0].marks, ['モンステラ']);
    assert.deepEqual(page.jsErrors, []);
  });

  test('characters no page has find nothing, nor a word joined to them', T, async () => {
    const page = await open(sites.japanese, 'choose.html');
    for (const query of ['宇宙船', '受け皿宇宙']) {
      await page.locator('#search-input').fill(query);
      await page.locator('#search-results .search-empty').waitFor();
      await page.waitForFunction(() => document.getElementById('search-results').getAttribute('aria-busy') === 'false');
      assert.equal(await page.locator('#search-results li > a').count(), 0, `"${query}" finds nothing`);
      assert.equal(await page.locator('#search-status').textContent(), '0件', 'the status in Japanese');
    }
    assert.deepEqual(page.jsErrors, []);
  });
});

/** Words only a lesson's text holds, each in a lesson of its own, and what a reader types to find
 * it: guidebook folds the text into the term index, search.js folds the query. */
const FOLDED = [
  { text: 'Straße', query: 'strasse', mark: 'Straße' },
  { text: 'ﬁnesse', query: 'finesse', mark: 'ﬁnesse' },
  { text: 'ÆSIR', query: 'aesir', mark: 'ÆSIR' },
  { text: 'Øresund', query: 'oresund', mark: 'Øresund' },
  { text: 'Łódź', query: 'lodz', mark: 'Łódź' },
  { text: 'Ｔｏｋｙｏ', query: 'tokyo', mark: 'Ｔｏｋｙｏ' },
  { text: 'ΟΔΟΣ', query: 'οδος', mark: 'ΟΔΟΣ' },
  { text: 'İstanbul', query: 'istanbul', mark: 'İstanbul' },
  { text: 'x²y', query: 'x2y', mark: 'x²y' },
  { text: 'Ⅻth', query: 'xiith', mark: 'Ⅻth' },
  { text: 'e\u0301cole', query: 'École', mark: 'e\u0301cole' },
  { text: 'Tiếng', query: 'TIENG', mark: 'Tiếng' },
  { text: 'ılıklık', query: 'ILIK', mark: 'ılık' },
  { text: '한국어', query: '한국', mark: '한국' },
  { text: '𠮷野家の牛丼', query: '𠮷野', mark: '𠮷野' },
  { text: 'ภาษาไทยง่าย', query: 'ไทย', mark: 'ไทย' },
  { text: 'हिन्दी', query: 'हिन्दी', mark: 'हिन्दी' },
];

describe('the term index folds the text as search.js folds the query', () => {
  let site;
  before(async () => {
    const files = { 'guide.toml': 'title = "Folded"\nlanguage = "en"\n' };
    FOLDED.forEach(({ text }, i) => {
      files[`content/l${i + 1}.md`] = `---\ntitle: Lesson ${i + 1}\nstep: ${i + 1}\nduration: 5 min\n---\nThe word ${text} is here.\n`;
    });
    site = await buildSite(await writeGuide(files));
  });

  test('every word is found by its plain form, and marked as written', T, async () => {
    const page = await open(site, 'l1.html');
    const problems = [];
    for (const [i, { query, mark }] of FOLDED.entries()) {
      const found = await search(page, query);
      const expected = [`l${i + 1}.html`];
      if (JSON.stringify(hrefs(found)) !== JSON.stringify(expected)) problems.push(`"${query}" found ${JSON.stringify(hrefs(found))}, not ${expected}`);
      else if (!found.results[0].marks.includes(mark)) problems.push(`"${query}" marked ${JSON.stringify(found.results[0].marks)}, not "${mark}"`);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(page.jsErrors, []);
  });
});
