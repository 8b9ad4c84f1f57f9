// A guide in several languages, in Chromium (the `languages` fixture: English, French, and
// Spanish with one lesson translated): the scripts speak the page's language (the theme toggle,
// search messages with their plural forms, checklist progress), each language searches its own
// text, and the language switcher leads to the same page in the other language.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO, buildSite, cleanup, fileUrl, launchBrowser, newPage } from './helpers.mjs';

const T = { timeout: 30_000 };
let site;
let browser;

before(async () => {
  site = await buildSite(path.join(REPO, 'tests/fixtures/languages'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await cleanup();
});

async function search(page, query) {
  await page.fill('#search-input', query);
  await page.waitForFunction(() => {
    const results = document.querySelector('#search-results');
    return results && !results.hidden && results.getAttribute('aria-busy') === 'false';
  });
  return page.evaluate(() => ({
    links: [...document.querySelectorAll('#search-results a')].map((a) => a.getAttribute('href')),
    note: document.querySelector('#search-results .search-empty')?.textContent ?? null,
    status: document.querySelector('#search-status').textContent,
  }));
}

describe('a guide in several languages', () => {
  test('the scripts speak the page\'s language', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, 'fr/water.html'));
    await page.waitForSelector('[data-theme-toggle]:not([hidden])');
    const toggle = await page.textContent('.theme-toggle-label');
    assert.ok(['Mode sombre', 'Mode clair'].includes(toggle.trim()), toggle);

    const nothing = await search(page, 'zzyzx');
    assert.deepEqual(nothing.links, []);
    assert.equal(nothing.note, 'Aucune page ne mentionne «\u00a0zzyzx\u00a0».');
    assert.equal(nothing.status, '0 résultat', 'French counts zero as singular');

    const found = await search(page, 'arroser');
    assert.ok(found.links.length >= 1, JSON.stringify(found));
    assert.ok(found.links.every((href) => !href.includes('/')), 'results stay in fr/');
    assert.ok(found.links.some((href) => href.startsWith('water.html')), JSON.stringify(found));
    assert.match(found.status, /^\d+ résultats?$/);

    await page.evaluate(() => { document.querySelector('#search-input').value = ''; });
    await page.check('input.task-box >> nth=0');
    const progress = await page.getAttribute('.lesson-progress .progress', 'title');
    assert.equal(progress, '1 points cochés sur 2');
    await page.close();
  });

  test('each language searches its own text', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, 'water.html'));
    const english = await search(page, 'arroser');
    assert.deepEqual(english.links, [], 'the English index has no French text');
    assert.equal(english.note, 'No page mentions “arroser”.');
    await page.goto(fileUrl(site, 'es/light.html'));
    const spanish = await search(page, 'riega');
    assert.ok(spanish.links.some((href) => href.startsWith('water.html')), JSON.stringify(spanish));
    assert.equal(spanish.status, spanish.links.length === 1 ? '1 resultado' : `${spanish.links.length} resultados`);
    await page.close();
  });

  test('the switcher leads to the same page in the other language', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, 'fr/light.html'));
    await page.click('.language-switcher a[hreflang="es"]');
    await page.waitForLoadState('load');
    assert.ok(page.url().endsWith('/es/light.html'), page.url());
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    assert.equal((await page.textContent('.untranslated-note')).trim(),
      'Esta página aún no está traducida; se muestra en su idioma original (English).');
    await page.click('.language-switcher a[hreflang="en"]');
    await page.waitForLoadState('load');
    assert.ok(page.url().endsWith('/light.html') && !page.url().includes('/es/'), page.url());
    assert.equal(await page.textContent('h1'), 'Find the right light');
    // The stylesheet and scripts, one copy at the site's root, load from every folder.
    await page.goto(fileUrl(site, 'fr/index.html'));
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.sidebar')).position);
    assert.equal(styled, 'sticky', 'guidebook.css applies in fr/');
    const scripted = await page.evaluate(() => !document.querySelector('[data-theme-toggle]').hidden);
    assert.ok(scripted, 'guidebook.js runs in fr/');
    await page.close();
  });
});
