// Reading offline: the published site (served over http by a small static server under a
// sub-path, as a host would) installs its service worker on the first visit; with the network
// off and the server down, every lesson, the checklists page, a picture, search, a page of
// another language and a missing page still open, all from the worker's cache. A rebuilt site
// replaces the old cache on the next visit online, fetching only the files that changed, and
// the reader is told. `guidebook serve` registers no worker, and its `sw.js` removes one that a
// published guide left at the same address; so does a site built with `[offline] enabled =
// false`. Pages opened from disk (file://) have no worker and no error.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  BIN, REPO, cleanup, copyGuide, fileUrl, guidebook, launchBrowser, readLessons, readTasks,
  tempDir, waitFor,
} from './helpers.mjs';
import { staticServer } from './static-server.mjs';

const T = { timeout: 120_000 };

let browser;
const servers = [];
before(async () => { browser = await launchBrowser(); });
after(async () => {
  for (const server of servers) await server.close();
  await cleanup();
});

/** A static server of `site`, closed after the tests. */
async function host(site, options) {
  const server = await staticServer(site, options);
  servers.push(server);
  return server;
}

async function build(guide, site, extra = []) {
  const result = await guidebook(['build', guide, '--output', site, ...extra], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
  assert.equal(result.code, 0, `build failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The files the worker keeps, from its list in sw.js: [[address, digest], ...]. */
async function workerList(site) {
  const text = await fs.readFile(path.join(site, 'sw.js'), 'utf8');
  const match = /var OFFLINE = (\{[\s\S]*?\n\});/.exec(text);
  assert.ok(match, 'sw.js starts with its list of files');
  return JSON.parse(match[1]);
}

async function newContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.jsErrors = [];
  page.on('pageerror', (error) => page.jsErrors.push(String(error)));
  return { context, page };
}

/** Waits until the page's worker is active and has filled its cache (it then tells the page). */
async function waitUntilKept(page, expected) {
  await page.locator('.offline-notice').waitFor();
  return waitFor(() => page.evaluate(async (count) => {
    const names = await caches.keys();
    if (names.length !== 1) return false;
    const cache = await caches.open(names[0]);
    const keys = await cache.keys();
    return keys.length === count && names[0];
  }, expected), { timeout: 30_000, message: 'the cache to hold every listed file' });
}

describe('reading offline (published over http)', () => {
  let guide;
  let site;
  let server;
  let lessons;
  let tasks;

  before(async () => {
    guide = await copyGuide();
    site = path.join(await tempDir('guidebook-offline-'), 'site');
    await build(guide, site);
    server = await host(site);
    lessons = await readLessons(guide);
    tasks = await readTasks(site);
  });

  test('one visit online keeps the whole guide: lessons, checklists, a picture, search, another language', T, async () => {
    const { context, page } = await newContext();
    const list = await workerList(site);
    await page.goto(server.url);
    const cacheName = await waitUntilKept(page, list.files.length);
    assert.ok(cacheName.endsWith(list.version), `the cache is named by the build's digest (${cacheName})`);
    assert.match(await page.locator('.offline-notice').textContent(), /kept on this device/);
    assert.equal(await page.locator('.offline-notice').getAttribute('role'), 'status');

    await context.setOffline(true);
    server.down = true;
    const before = server.requests.length;

    for (const lesson of lessons) {
      await page.goto(`${server.url}${lesson.slug}.html`);
      assert.equal((await page.locator('main h1').first().textContent()).trim(), lesson.title, `${lesson.slug} opens offline`);
      const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      assert.match(styled, /system-ui/, 'with its stylesheet');
    }
    await page.goto(`${server.url}checklists.html`);
    const boxes = await page.locator('input.task-box').count();
    assert.equal(boxes, tasks.lessons.reduce((n, l) => n + l.tasks.length, 0), 'the checklists page opens offline');

    await page.goto(`${server.url}choose-the-gear.html`);
    const width = await page.evaluate(async () => {
      const image = document.querySelector('img[src*="measure-chest"]');
      image.loading = 'eager';
      await image.decode();
      return image.naturalWidth;
    });
    assert.ok(width > 0, 'a picture of a lesson shows offline');

    await page.goto(server.url);
    await page.keyboard.press('/');
    await page.keyboard.type('snug');
    await page.locator('#search-results li a').first().waitFor();
    const results = await page.locator('#search-results li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(results.some((href) => href.startsWith('fit-the-harness.html')), `search finds the fit lesson offline: ${results}`);
    await waitFor(() => page.evaluate(() => document.querySelector('#search-results').getAttribute('aria-busy') !== 'true'),
      { message: 'every search shard to load offline' });

    await page.goto(`${server.url}es/fit-the-harness.html`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'es', 'a page of another language opens offline');
    assert.equal((await page.locator('main h1').first().textContent()).trim(), 'Ajusta el arnés');

    const missing = await page.goto(`${server.url}no-such-page.html`);
    assert.ok(missing, 'a page that was never kept still gets an answer');
    assert.equal(await page.locator('body').getAttribute('data-page-kind'), '404', 'the kept 404 page');

    assert.deepEqual(server.requests.slice(before).map((r) => r.path), [],
      'nothing reached the server: every answer came from the cache');
    assert.deepEqual(page.jsErrors, []);
    await context.setOffline(false);
    server.down = false;
    await context.close();
  });

  test('a rebuilt site replaces the old cache on the next visit, fetching only what changed, and says so', T, async () => {
    const { context, page } = await newContext();
    const oldList = await workerList(site);
    await page.goto(server.url);
    const oldCache = await waitUntilKept(page, oldList.files.length);

    const file = path.join(guide, 'content', '02-fit-the-harness.md');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('title: "Fit the harness"', 'title: "Fit the harness snugly"'));
    await build(guide, site);
    const newList = await workerList(site);
    assert.notEqual(newList.version, oldList.version, 'a changed lesson is a new worker');
    const unchanged = newList.files.filter(([address, digest]) => oldList.files.some(([a, d]) => a === address && d === digest));
    assert.ok(unchanged.length > 5, 'most files did not change');

    const from = server.requests.length;
    await page.goto(server.url);
    await page.locator('.offline-notice button', { hasText: 'Show it' }).waitFor({ timeout: 30_000 });
    assert.match(await page.locator('.offline-notice').textContent(), /newer version/);
    const caches = await page.evaluate(async () => caches.keys());
    assert.equal(caches.length, 1, `only the new cache is left: ${caches}`);
    assert.notEqual(caches[0], oldCache);
    assert.ok(caches[0].endsWith(newList.version));

    const fetched = new Set(server.requests.slice(from).map((r) => r.path.slice('/guide/'.length)));
    for (const [address] of unchanged) {
      assert.ok(!fetched.has(address), `${address} did not change, so it was copied from the old cache, not fetched`);
    }
    assert.ok(fetched.has('fit-the-harness.html'), 'the changed lesson was fetched');

    await Promise.all([page.waitForEvent('load'), page.locator('.offline-notice button', { hasText: 'Show it' }).click()]);
    await page.goto(`${server.url}fit-the-harness.html`);
    assert.equal((await page.locator('main h1').first().textContent()).trim(), 'Fit the harness snugly');
    await context.setOffline(true);
    await page.goto(`${server.url}fit-the-harness.html`);
    assert.equal((await page.locator('main h1').first().textContent()).trim(), 'Fit the harness snugly', 'the new version is the one kept');
    await context.close();
  });

  test('a site built with [offline] enabled = false removes the worker a reader has', T, async () => {
    const { context, page } = await newContext();
    await page.goto(server.url);
    await waitUntilKept(page, (await workerList(site)).files.length);

    const toml = path.join(guide, 'guide.toml');
    await fs.writeFile(toml, `${await fs.readFile(toml, 'utf8')}\n[offline]\nenabled = false\n`);
    const result = await build(guide, site);
    assert.doesNotMatch(result.stdout, /reading offline/, 'nothing is kept, so nothing is reported');
    await page.goto(server.url);
    await waitFor(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length === 0 && (await caches.keys()).length === 0),
      { timeout: 30_000, message: 'the worker and its cache to be gone' });
    assert.equal(await page.locator('script[src$="offline.js"]').count(), 0, 'the pages no longer register a worker');
    await context.close();
  });
});

describe('the preview and pages from disk', () => {
  test('guidebook serve registers no worker, and removes one a guide published at the same address left', T, async () => {
    const published = path.join(await tempDir('guidebook-offline-'), 'site');
    await build(REPO, published);
    const server = await host(published, { prefix: '/' });
    const { context, page } = await newContext();
    await page.goto(server.url);
    await waitUntilKept(page, (await workerList(published)).files.length);
    await server.close();

    // The preview of another guide, on the same address.
    const other = path.join(REPO, 'tests/fixtures/basic');
    const child = spawn(BIN, ['serve', other, '--port', String(server.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.on('data', (d) => { out += d; });
      await waitFor(() => /Serving/.test(out), { timeout: 20_000, message: 'the preview to start' });
      const title = (await fs.readFile(path.join(other, 'guide.toml'), 'utf8')).match(/^title = "(.*)"/m)[1];
      await page.goto(server.url);
      await waitFor(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length === 0 && (await caches.keys()).length === 0),
        { timeout: 30_000, message: 'the published guide\'s worker and cache to be gone' });
      await waitFor(async () => (await page.locator('.site-title').textContent().catch(() => '')).trim() === title,
        { timeout: 15_000, message: `the preview's own page (${title})` });
      assert.equal(await page.locator('script[src$="offline.js"]').count(), 0, 'preview pages register no worker');
      await page.reload();
      await page.waitForTimeout(1000);
      assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0, 'and none comes back');
    } finally {
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await context.close();
  });

  test('pages opened from disk have no worker and no error', T, async () => {
    const site = path.join(await tempDir('guidebook-offline-'), 'site');
    await build(REPO, site);
    const { context, page } = await newContext();
    const problems = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    for (const file of ['index.html', 'fit-the-harness.html', 'es/index.html']) {
      await page.goto(fileUrl(site, file));
      await page.waitForLoadState('load');
    }
    await page.waitForTimeout(500);
    assert.deepEqual(page.jsErrors, []);
    assert.deepEqual(problems, [], 'no error in the console either (worker, manifest)');
    await context.close();
  });
});
