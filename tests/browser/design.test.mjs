// The default theme's design, measured (issue #26): the typefaces it ships load from the site,
// from disk and from a server, and set the text and the headings.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSite, cleanup, copyGuide, fileUrl, launchBrowser, newThemedPage, readTasks, serve,
} from './helpers.mjs';

const T = { timeout: 60_000 };
const DESKTOP = { width: 1280, height: 800 };

let browser;
let site;
let lessonSlug;

before(async () => {
  site = await buildSite();
  lessonSlug = (await readTasks(site)).lessons[1].slug;
  browser = await launchBrowser();
});
after(cleanup);

/** Opens `url` and waits for its fonts. */
async function open(page, url) {
  await page.goto(url);
  await page.evaluate(() => document.fonts.ready);
}

describe('typefaces', () => {
  let server;
  before(async () => {
    server = await serve(await copyGuide());
  });

  /** The font faces the page loaded, and the families its text and headings are set in. */
  const fontsOf = (page) => page.evaluate(() => ({
    loaded: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family.replace(/"/g, '')} ${f.style}`),
    text: getComputedStyle(document.querySelector('main p')).fontFamily,
    heading: getComputedStyle(document.querySelector('h1')).fontFamily,
    textReady: document.fonts.check('17px Figtree'),
    headingReady: document.fonts.check('600 40px "Literata Display"'),
  }));

  for (const where of ['file', 'served']) {
    for (const kind of ['home', 'lesson']) {
      test(`${kind} · ${where}: Figtree sets the text and Literata Display the headings, loaded from assets/fonts/`, T, async () => {
        const page = await newThemedPage(browser, { viewport: DESKTOP });
        const fonts = [];
        page.on('response', (r) => {
          if (r.url().endsWith('.woff2')) fonts.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] });
        });
        try {
          const file = kind === 'home' ? 'index.html' : `${lessonSlug}.html`;
          const url = where === 'file' ? fileUrl(site, file) : server.url + file;
          await open(page, url);
          const got = await fontsOf(page);
          assert.ok(got.loaded.includes('Figtree normal'), `Figtree is loaded (${got.loaded})`);
          assert.ok(got.loaded.includes('Literata Display normal'), `Literata Display is loaded (${got.loaded})`);
          assert.ok(got.textReady && got.headingReady, 'document.fonts has both faces ready');
          assert.match(got.text, /^"?Figtree"?,/, 'the text is set in Figtree first');
          assert.match(got.heading, /^"?Literata Display"?,/, 'the title is set in Literata Display first');
          const base = new URL('assets/fonts/', url).href;
          const ours = fonts.filter((f) => f.url.startsWith(base));
          assert.ok(ours.length >= 2, `the fonts come from the site's assets/fonts/ (${JSON.stringify(fonts)})`);
          assert.deepEqual(fonts.filter((f) => !f.url.startsWith(base)), [], 'no font from anywhere else');
          if (where === 'served') {
            for (const f of ours) {
              assert.equal(f.status, 200, `${f.url} answers 200`);
              assert.equal(f.type, 'font/woff2', `${f.url} is served as font/woff2`);
            }
          }
          const preloads = await page.locator('link[rel="preload"][as="font"]').evaluateAll((ls) => ls.map((l) => l.href));
          assert.deepEqual(preloads.sort(), [`${base}figtree.woff2`, `${base}literata-display.woff2`],
            'the two faces every page needs are preloaded');
          assert.deepEqual(page.jsErrors, []);
        } finally {
          await page.context().close();
        }
      });
    }
  }
});
