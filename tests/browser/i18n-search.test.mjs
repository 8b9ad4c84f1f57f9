// Search in any language, on two small guides built from tests/fixtures (french: language "fr";
// japanese: language "ja"), opened from file://. Text and query are folded alike, so a query
// without accents, in capitals or in full-width letters finds the accented word, and the
// snippet's <mark> wraps the word as the page writes it (folding changes lengths: "ß" is "ss").
// Japanese, written without spaces, is matched by overlapping pairs of characters: a word in
// the middle of a sentence is found, two words typed without a space find the page that has
// both apart, and characters no page has find nothing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO, buildSite, cleanup, fileUrl, launchBrowser, newPage } from './helpers.mjs';

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
 * Types `query` into the search box and waits until every shard is searched; resolves to the
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

  test('"strasse" finds "Königstraße", and marks after the longer folding still wrap their words', T, async () => {
    const page = await open(sites.french, 'sapin.html');
    const found = await search(page, 'strasse noel stuttgart');
    assert.deepEqual(hrefs(found), ['decorations.html']);
    assert.deepEqual(found.results[0].marks, ['Noël', 'straße', 'Stuttgart']);
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
