// Live preview: `guidebook serve` on a copy of the sample guide, with real edits to its files
// while pages are open in the browser. Changed pages reload (keeping the scroll position), a
// CSS-only change swaps stylesheets without a reload, a build error shows an overlay while the
// last good site is still served, and a deleted or renamed lesson sends its readers elsewhere.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  REPO, buildSite, cleanup, copyGuide, formatAxe, launchBrowser, newPage, newThemedPage, runAxe, serve,
  sleep, waitFor,
} from './helpers.mjs';

const T = { timeout: 45_000 };
/** How long a rebuild plus reload may take before a test gives up. */
const RELOAD_WAIT = 10_000;
/** How long to keep watching that something does NOT happen. */
const QUIET_WAIT = 1_500;

let browser;
before(async () => { browser = await launchBrowser(); });
after(cleanup);

/** A page that records every EventSource it opens (to know when it listens to the server). */
async function livePage() {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    const Original = window.EventSource;
    window.__sources = [];
    window.EventSource = function (...args) {
      const source = new Original(...args);
      window.__sources.push(source);
      return source;
    };
    window.EventSource.prototype = Original.prototype;
  });
  return page;
}

/** Opens `url` and waits until the injected live script is connected to the server. */
async function openLive(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => (window.__sources || []).some((s) => s.readyState === 1), null, { timeout: RELOAD_WAIT });
  await page.evaluate(() => { window.__marker = 1; });
}

const marker = (page) => page.evaluate(() => window.__marker);

/** Saves `text` into `file` the way many editors do (write a temporary file, rename it over),
 * so the watcher never sees a half-written file. The temporary file is outside the guide. */
let saves = 0;
async function save(file, text) {
  const tmp = path.join(os.tmpdir(), `guidebook-saving-${process.pid}-${saves++}`); // same file system as the guide copies
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}

async function edit(file, change) {
  const text = await fs.readFile(file, 'utf8');
  const next = change(text);
  assert.notEqual(next, text, `the edit of ${file} changes something`);
  await save(file, next);
}

describe('guidebook serve: live preview', () => {
  test('served pages carry the live script, built pages do not; the event stream answers', T, async () => {
    const guide = await copyGuide();
    const server = await serve(guide);
    const response = await fetch(server.url + 'fit-the-harness.html');
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<script src="\/__guidebook\/live\.js" data-version="[^"]+"[^>]*><\/script>\s*<\/body>/, 'the live script sits right before </body>');
    assert.equal(html.match(/__guidebook\/live\.js/g).length, 1, 'injected once');

    const script = await fetch(server.url + '__guidebook/live.js');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') || '', /javascript/);
    assert.match(await script.text(), /EventSource\("\/__guidebook\/events"\)/);

    const controller = new AbortController();
    const events = await fetch(server.url + '__guidebook/events', { signal: controller.signal });
    assert.equal(events.status, 200);
    assert.match(events.headers.get('content-type') || '', /^text\/event-stream/);
    controller.abort();

    const index = await (await fetch(server.url)).text();
    assert.match(index, /<html/);
    assert.match(index, /__guidebook\/live\.js/, '/ serves the home page, with the script');

    const site = await buildSite(REPO);
    const built = await fs.readFile(path.join(site, 'fit-the-harness.html'), 'utf8');
    assert.doesNotMatch(built, /__guidebook/, '`guidebook build` output has no live script');
  });

  test('editing a lesson reloads its open page at the same scroll position, and only that page', T, async () => {
    const guide = await copyGuide();
    const server = await serve(guide);
    const page = await livePage();
    await openLive(page, server.url + 'fit-the-harness.html');
    const other = await livePage();
    await openLive(other, server.url + 'choose-the-gear.html');

    await page.evaluate(() => window.scrollTo(0, 700));
    await waitFor(() => page.evaluate(() => window.scrollY === 700), { message: 'the page to scroll' });

    await edit(path.join(guide, 'content/02-fit-the-harness.md'), (text) =>
      text.replace('A harness protects your cat only if it stays on.', 'A harness protects your cat only if it stays on (LIVE-EDIT-42).'));

    await waitFor(() => page.locator('text=LIVE-EDIT-42').count(), { timeout: RELOAD_WAIT, message: 'the edited text on the open page' });
    assert.equal(await marker(page), undefined, 'the page was reloaded');
    await waitFor(async () => Math.abs((await page.evaluate(() => window.scrollY)) - 700) <= 2,
      { timeout: 5000, message: 'the scroll position to be restored (scrollY ≈ 700)' });

    await sleep(QUIET_WAIT);
    assert.equal(await marker(other), 1, 'a page whose output did not change is not reloaded');
    assert.equal(await page.locator('#guidebook-error-overlay').count(), 0);
    assert.deepEqual([...page.jsErrors, ...other.jsErrors], []);
  });

  test('a CSS-only change swaps the stylesheet without a reload', T, async () => {
    const guide = await copyGuide();
    const css = await fs.readFile(path.join(REPO, 'themes/default/static/guidebook.css'), 'utf8');
    const override = path.join(guide, 'themes/default/static/guidebook.css');
    await fs.mkdir(path.dirname(override), { recursive: true });
    const withColour = (colour) => `${css}\n/* test override */\n.site-title { color: ${colour} !important; }\n`;
    await fs.writeFile(override, withColour('rgb(10, 20, 30)'));

    const server = await serve(guide);
    const page = await livePage();
    await openLive(page, server.url + 'fit-the-harness.html');
    const colour = () => page.locator('.site-title').evaluate((el) => getComputedStyle(el).color);
    assert.equal(await colour(), 'rgb(10, 20, 30)', 'the theme override applies');

    await save(override, withColour('rgb(200, 30, 40)'));
    await waitFor(async () => (await colour()) === 'rgb(200, 30, 40)', { timeout: RELOAD_WAIT, message: 'the new colour to apply' });
    assert.equal(await marker(page), 1, 'the page was not reloaded for a CSS change');
    await sleep(QUIET_WAIT);
    assert.equal(await marker(page), 1, 'and is not reloaded a moment later either');
    assert.equal(await colour(), 'rgb(200, 30, 40)');
    assert.deepEqual(page.jsErrors, []);
  });

  test('a broken new lesson shows an overlay with file:line:col, the old site is still served, fixing it reloads', T, async () => {
    const guide = await copyGuide();
    const server = await serve(guide);
    const page = await livePage();
    await openLive(page, server.url + 'fit-the-harness.html');
    const before = await (await fetch(server.url + 'fit-the-harness.html')).text();

    const broken = path.join(guide, 'content/13-broken.md');
    await fs.writeFile(broken, '---\ntitle: [broken\n');
    const overlay = page.locator('#guidebook-error-overlay');
    await overlay.waitFor({ state: 'visible', timeout: RELOAD_WAIT });
    assert.match(await overlay.textContent(), /content\/13-broken\.md:\d+:\d+/, 'the overlay names the file, line and column');
    assert.equal(await marker(page), 1, 'an error does not reload the page');

    const during = await fetch(server.url + 'fit-the-harness.html');
    assert.equal(during.status, 200, 'the last good page is still served');
    const duringHtml = await during.text();
    assert.match(duringHtml, /<h1>Fit the harness<\/h1>/);
    assert.equal((await fetch(server.url + 'broken.html')).status, 404, 'the broken lesson has no page');
    assert.equal(strip(duringHtml), strip(before), 'the page is the old one');

    await save(broken, '---\ntitle: "A brand new lesson"\nstep: 13\nduration: "5 min"\n---\n\nNew text.\n');
    await waitFor(async () => (await marker(page)) === undefined, { timeout: RELOAD_WAIT, message: 'the page to reload after the fix' });
    await page.locator('.sidebar').getByText('A brand new lesson').waitFor({ timeout: RELOAD_WAIT });
    assert.equal(await overlay.count(), 0, 'the overlay is gone');
    assert.equal((await fetch(server.url + 'broken.html')).status, 200, 'the fixed lesson is served');
    assert.deepEqual(page.jsErrors, []);
  });

  test('the overlay is opaque, readable in light and dark, and shows each error once', T, async () => {
    const guide = await copyGuide();
    const server = await serve(guide);
    const second = path.join(guide, 'content/02-fit-the-harness.md');
    await save(second, (await fs.readFile(second, 'utf8')).replace(/^step: 2$/m, 'step: two'));
    const third = path.join(guide, 'content/03-make-it-familiar.md');
    await save(third, (await fs.readFile(third, 'utf8')).replace(/^step: 3$/m, 'stepp: 3'));
    for (const colorScheme of ['light', 'dark']) {
      const page = await newThemedPage(browser, { colorScheme });
      await page.goto(server.url + 'index.html');
      const overlay = page.locator('#guidebook-error-overlay');
      await overlay.waitFor({ state: 'visible', timeout: RELOAD_WAIT });
      const errors = overlay.locator('section.guidebook-error');
      assert.equal(await errors.count(), 2, `${colorScheme}: one card per error`);
      const text = await overlay.textContent();
      for (const where of ['content/02-fit-the-harness.md:3:7', 'content/03-make-it-familiar.md:3:1']) {
        assert.equal(text.split(where).length - 1, 1, `${colorScheme}: ${where} is shown once:\n${text}`);
      }
      assert.equal(text.split('unknown front matter key').length - 1, 1, `${colorScheme}: the message is shown once`);
      assert.match(await overlay.locator('pre', { hasText: 'stepp' }).textContent(), /3 \| stepp: 3/, 'the excerpt shows the line');
      const background = await overlay.evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.match(background, /^rgb\(/, `${colorScheme}: the overlay is opaque (${background})`);
      const dark = await overlay.evaluate((el) => {
        const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\d+/g).map(Number);
        return (r + g + b) / 3 < 128;
      });
      assert.equal(dark, colorScheme === 'dark', `${colorScheme}: the overlay follows the theme`);
      const violations = (await runAxe(page)).filter((v) => v.nodes.some((n) => n.target.includes('guidebook-error')));
      assert.deepEqual(violations, [], `${colorScheme}: axe on the overlay\n${formatAxe(violations)}`);
      assert.deepEqual(page.jsErrors, []);
    }
  });

  test('breaking the open lesson\'s front matter points at the line and column', T, async () => {
    const guide = await copyGuide();
    const server = await serve(guide);
    const page = await livePage();
    await openLive(page, server.url + 'fit-the-harness.html');
    const file = path.join(guide, 'content/02-fit-the-harness.md');
    const good = await fs.readFile(file, 'utf8');
    assert.match(good.split('\n')[2], /^step: 2$/, 'line 3 of the lesson is its step');

    await save(file, good.replace(/^step: 2$/m, 'step: two'));
    const overlay = page.locator('#guidebook-error-overlay');
    await overlay.waitFor({ state: 'visible', timeout: RELOAD_WAIT });
    assert.match(await overlay.textContent(), /content\/02-fit-the-harness\.md:3:7/);
    const during = await fetch(server.url + 'fit-the-harness.html');
    assert.equal(during.status, 200);
    assert.match(await during.text(), /<h1>Fit the harness<\/h1>/, 'the old page is still served');
    assert.equal(await marker(page), 1);

    await save(file, good);
    await waitFor(async () => (await page.evaluate(() => window.__marker)) === undefined, { timeout: RELOAD_WAIT, message: 'a reload after the fix' });
    await page.locator('h1', { hasText: 'Fit the harness' }).waitFor();
    assert.equal(await overlay.count(), 0, 'the overlay is gone after the fix');
    assert.deepEqual(page.jsErrors, []);
  });

  test('deleting the open lesson sends the page to index.html', T, async () => {
    const guide = await copyGuide();
    const server = await serve(guide);
    const page = await livePage();
    await openLive(page, server.url + 'cats-who-stay-in.html');
    await fs.rm(path.join(guide, 'content/12-cats-who-stay-in.md'));
    await page.waitForURL(server.url + 'index.html', { timeout: RELOAD_WAIT });
    assert.equal((await fetch(server.url + 'cats-who-stay-in.html')).status, 404, 'the deleted lesson is gone');
    assert.equal(await page.locator('a[data-map-lesson="cats-who-stay-in"]').count(), 0);
    assert.deepEqual(page.jsErrors, []);
  });

  test('renaming the open lesson\'s file sends the page to the renamed lesson', T, async () => {
    const guide = await copyGuide();
    const server = await serve(guide);
    const page = await livePage();
    await openLive(page, server.url + 'cats-who-stay-in.html');
    await fs.rename(path.join(guide, 'content/12-cats-who-stay-in.md'), path.join(guide, 'content/12-stay-in-cats.md'));
    await page.waitForURL(server.url + 'stay-in-cats.html', { timeout: RELOAD_WAIT });
    await page.locator('h1', { hasText: 'When your cat would rather stay in' }).waitFor();
    assert.deepEqual(page.jsErrors, []);
  });
});

/** A page without its live-script tag (whose version may differ). */
function strip(html) {
  return html.replace(/<script src="\/__guidebook\/live\.js"[^>]*><\/script>/, '');
}
