// The default theme's design, measured (issue #26): the typefaces it ships load from the site,
// from disk and from a server, and set the text and the headings.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO, buildSite, cleanup, copyGuide, fileUrl, launchBrowser, newThemedPage, readTasks, serve,
  writeGuide,
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
          if (where === 'served') {
            assert.deepEqual(preloads.sort(), [`${base}figtree.woff2`, `${base}literata-display.woff2`],
              'the two faces every page needs are preloaded');
          } else {
            assert.deepEqual(preloads, [], 'no preload from disk, where Chromium refuses it with a console error');
          }
          assert.deepEqual(page.jsErrors, []);
        } finally {
          await page.context().close();
        }
      });
    }
  }
});

describe('comparison tables', () => {
  /** Each .compare of the page: its width, scroll width, and its cells' widths by row. */
  const tablesOf = (page) => page.locator('.compare').evaluateAll((boxes) => boxes.map((box) => ({
    width: box.clientWidth,
    scrollWidth: box.scrollWidth,
    head: [...box.querySelectorAll('thead th')].map((c) => Math.round(c.getBoundingClientRect().width)),
    first: [...box.querySelectorAll('tbody:first-of-type tr:first-child > *')].map((c) => Math.round(c.getBoundingClientRect().width)),
    reasons: [...box.querySelectorAll('tbody.compare-item')].map((item) => {
      const [row, reason] = item.querySelectorAll('tr');
      return { row: Math.round(row.getBoundingClientRect().width), reason: Math.round(reason.querySelector('td').getBoundingClientRect().width) };
    }),
  })));

  test('gear.html at 1280 px: every column at least 110 px wide, no sideways scroll, reasons on their own line', T, async () => {
    const page = await newThemedPage(browser, { viewport: DESKTOP });
    try {
      await open(page, fileUrl(site, 'gear.html'));
      const tables = await tablesOf(page);
      assert.ok(tables.length >= 3, 'the sample compares three categories');
      for (const [i, t] of tables.entries()) {
        const narrow = [...t.head, ...t.first].filter((w) => w < 110);
        assert.deepEqual(narrow, [], `table ${i + 1}: header and first row cells of at least 110 px (${t.head} / ${t.first})`);
        assert.ok(t.scrollWidth <= t.width + 1, `table ${i + 1} fits its ${t.width} px without scrolling (${t.scrollWidth} px)`);
        for (const r of t.reasons) assert.ok(r.reason >= r.row - 12, `table ${i + 1}: the reason spans the row (${r.reason} of ${r.row} px)`);
      }
    } finally {
      await page.context().close();
    }
  });

  test('a lesson at 1280 px: a table takes the width beside the text, under "On this page"', T, async () => {
    const page = await newThemedPage(browser, { viewport: DESKTOP });
    try {
      await open(page, fileUrl(site, 'choose-the-gear.html'));
      const widths = await page.evaluate(() => {
        const table = document.querySelector('.lesson .compare').getBoundingClientRect();
        const text = document.querySelector('.lesson-body > p').getBoundingClientRect();
        const toc = document.querySelector('nav.toc-column').getBoundingClientRect();
        return { table: table.width, tableRight: table.right, text: text.width, tocRight: toc.right };
      });
      assert.ok(widths.table > widths.text + 200, `the table (${widths.table} px) is wider than the text column (${widths.text} px)`);
      assert.ok(Math.abs(widths.tableRight - widths.tocRight) < 4, `it ends where "On this page" does (${widths.tableRight} / ${widths.tocRight})`);
      const cells = (await tablesOf(page)).flatMap((t) => [...t.head, ...t.first]);
      assert.deepEqual(cells.filter((w) => w < 110), [], `every column at least 110 px (${cells})`);
    } finally {
      await page.context().close();
    }
  });

  test('a table that scrolls sideways keeps its first column in view', T, async () => {
    const page = await newThemedPage(browser, { viewport: { width: 900, height: 800 } });
    try {
      await open(page, fileUrl(site, 'gear.html'));
      const box = page.locator('.gear-section .compare').first();
      const before = await box.evaluate((b) => ({ scrollable: b.scrollWidth - b.clientWidth }));
      assert.ok(before.scrollable > 40, `at 900 px the harness table scrolls sideways (${before.scrollable} px)`);
      const after = await box.evaluate((b) => {
        b.scrollLeft = b.scrollWidth;
        const left = b.getBoundingClientRect().left;
        const name = b.querySelector('tbody th[scope="row"]').getBoundingClientRect();
        const head = b.querySelector('thead th').getBoundingClientRect();
        const hit = document.elementFromPoint(name.left + 20, name.top + 10);
        return { scrolled: b.scrollLeft, name: name.left - left, head: head.left - left, onTop: !!hit?.closest('th[scope="row"]') };
      });
      assert.ok(after.scrolled > 40, 'the table scrolled');
      assert.ok(Math.abs(after.name) < 2 && Math.abs(after.head) < 2,
        `the option's name and its header stay at the table's left edge (${after.name} / ${after.head} px)`);
      assert.ok(after.onTop, 'the name is drawn over the cells that scroll under it');
    } finally {
      await page.context().close();
    }
  });
});

describe('phone chrome and the sidebar', () => {
  const PHONE = { width: 390, height: 844 };

  test('a lesson on a 390x844 phone: the text starts within 450 px, under one row of header', T, async () => {
    const page = await newThemedPage(browser, { viewport: PHONE });
    try {
      await open(page, fileUrl(site, `${lessonSlug}.html`));
      const at = await page.evaluate(() => {
        window.scrollTo(0, 0);
        const top = (s) => Math.round(document.querySelector(s).getBoundingClientRect().top);
        const bottom = (s) => Math.round(document.querySelector(s).getBoundingClientRect().bottom);
        return { paragraph: top('.lesson-body p'), header: bottom('.site-header'), menu: bottom('.sidebar-summary') };
      });
      assert.ok(at.paragraph <= 450, `the first paragraph starts at ${at.paragraph} px (at most 450)`);
      assert.ok(at.header <= 64, `the header is one row (${at.header} px)`);
      assert.ok(at.menu <= at.header, `the menu button is in the header's row (${at.menu} / ${at.header} px)`);
      assert.equal(await page.locator('#search-input').isVisible(), false, 'the search box waits in the menu');
      assert.equal(await page.locator('.language-switcher').isVisible(), false, 'and so does the language switcher');
    } finally {
      await page.context().close();
    }
  });

  test('the phone menu opens from the keyboard with the search and languages, and "/" opens it', T, async () => {
    const page = await newThemedPage(browser, { viewport: PHONE });
    try {
      await open(page, fileUrl(site, `${lessonSlug}.html`));
      const menu = page.locator('.sidebar-summary');
      assert.equal((await menu.textContent()).trim(), 'Lessons and resources', 'the button is named by its (visually hidden) words');
      await menu.focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('[data-sidebar]').evaluate((d) => d.open), true, 'Enter opens the menu');
      for (const selector of ['#search-input', '.language-switcher', '.sidebar-lessons']) {
        assert.equal(await page.locator(selector).isVisible(), true, `${selector} shows in the open menu`);
      }
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('[data-sidebar]').evaluate((d) => d.open), false, 'Enter closes it');
      await page.locator('h1').click();
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input', '"/" opens the menu and focuses the search');
      assert.deepEqual(page.jsErrors, []);
    } finally {
      await page.context().close();
    }
  });

  test('without JavaScript the phone menu is open: lessons and languages are there', T, async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(fileUrl(site, `${lessonSlug}.html`));
      assert.equal(await page.locator('[data-sidebar]').evaluate((d) => d.open), true);
      assert.equal(await page.locator('.sidebar-lessons').isVisible(), true, 'the lessons are listed');
      assert.equal(await page.locator('.language-switcher').isVisible(), true, 'the languages are listed');
    } finally {
      await context.close();
    }
  });

  test('at 1280x800 the sidebar\'s resources are on the first screen', T, async () => {
    const page = await newThemedPage(browser, { viewport: DESKTOP });
    try {
      for (const file of ['index.html', `${lessonSlug}.html`, 'gear.html']) {
        await open(page, fileUrl(site, file));
        const links = await page.locator('.sidebar .sidebar-more a').evaluateAll((as) => as.map((a) => ({
          href: a.getAttribute('href'), bottom: Math.round(a.getBoundingClientRect().bottom),
        })));
        const hrefs = links.map((l) => l.href);
        for (const href of ['gear.html', 'checklists.html', 'print.html', 'handout.html']) {
          assert.ok(hrefs.includes(href), `${file}: the sidebar links to ${href}`);
        }
        const below = links.filter((l) => l.bottom > DESKTOP.height);
        assert.deepEqual(below, [], `${file}: every resource link ends above ${DESKTOP.height} px`);
      }
    } finally {
      await page.context().close();
    }
  });
});

describe('folded blocks', () => {
  let carpentries;
  before(async () => {
    carpentries = await buildSite(path.join(REPO, 'tests', 'fixtures', 'carpentries'));
  });

  for (const dir of ['ltr', 'rtl']) {
    test(`a folded Solution's marker sits inside its box, before its word (${dir})`, T, async () => {
      const page = await newThemedPage(browser, { viewport: DESKTOP });
      try {
        await open(page, fileUrl(carpentries, 'files.html'));
        await page.evaluate((d) => { document.documentElement.dir = d; }, dir);
        const boxes = await page.locator('details.block-solution, details.block-hint').evaluateAll((ds) => ds.map((d) => {
          const summary = d.querySelector(':scope > summary');
          const box = d.getBoundingClientRect();
          const border = parseFloat(getComputedStyle(d).borderInlineStartWidth);
          const marker = getComputedStyle(summary, '::before');
          const words = document.createRange();
          words.selectNodeContents(summary);
          const text = [...words.getClientRects()].filter((r) => r.width > 0);
          const s = summary.getBoundingClientRect();
          return {
            listStyle: getComputedStyle(summary).listStyleType,
            marker: marker.content !== 'none' && parseFloat(marker.width) > 0,
            // From the box's inner edge (past its start border) to the summary, and from the
            // summary's start to its words, in the direction the text reads.
            inset: getComputedStyle(d).direction === 'rtl' ? box.right - border - s.right : s.left - box.left - border,
            lead: getComputedStyle(d).direction === 'rtl' ? s.right - Math.max(...text.map((r) => r.right)) : Math.min(...text.map((r) => r.left)) - s.left,
          };
        }));
        assert.ok(boxes.length >= 2, 'the carpentries lesson has a folded solution and hint');
        for (const b of boxes) {
          assert.equal(b.listStyle, 'none', 'no outside list marker');
          assert.ok(b.marker, 'a marker of its own');
          assert.ok(b.inset >= 6, `the summary starts ${b.inset} px inside the box's border`);
          assert.ok(b.lead >= 8, `its words start ${b.lead} px after it, past the marker`);
        }
      } finally {
        await page.context().close();
      }
    });
  }
});

describe('pictures in dark mode', () => {
  let pictures;
  const svg = (fill) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="${fill}"/></svg>\n`;
  before(async () => {
    pictures = await buildSite(await writeGuide({
      'guide.toml': 'title = "Pictures"\n',
      'content/one.md': '---\ntitle: One\nstep: 1\nduration: 10 min\n---\nA map:\n\n![The map](img/map.svg "The map")\n\nA plan:\n\n![The plan](img/plan.svg)\n',
      'content/img/map.svg': svg('#ffffff'),
      'content/img/map.dark.svg': svg('#202020'),
      'content/img/plan.svg': svg('#ffffff'),
    }));
  });

  /** Which file the map shows, and how the plan (no dark variant) is drawn. */
  const shown = (page) => page.evaluate(() => {
    const map = document.querySelector('img[src$="map.svg"]');
    const plan = document.querySelector('img[src$="plan.svg"]');
    return { map: map.currentSrc.split('/').pop(), planFilter: getComputedStyle(plan).filter, mapFilter: getComputedStyle(map).filter };
  });

  async function openPictures(scheme, chosen) {
    const page = await newThemedPage(browser, { viewport: DESKTOP, colorScheme: scheme });
    await page.goto(fileUrl(pictures, 'one.html'));
    if (chosen) {
      const toggle = page.locator('button[data-theme-toggle]');
      for (let i = 0; i < 3 && await page.evaluate(() => document.documentElement.getAttribute('data-theme')) !== chosen; i += 1) await toggle.click();
    }
    await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.currentSrc));
    return page;
  }

  for (const [scheme, chosen, expect] of [
    ['light', null, 'map.svg'], ['dark', null, 'map.dark.svg'],
    ['light', 'dark', 'map.dark.svg'], ['dark', 'light', 'map.svg'],
  ]) {
    test(`system ${scheme}${chosen ? `, ${chosen} chosen with the toggle` : ''}: the map shows ${expect}`, T, async () => {
      const page = await openPictures(scheme, chosen);
      try {
        await page.waitForFunction((want) => document.querySelector('img[src$="map.svg"]').currentSrc.endsWith(`/${want}`), expect, { timeout: 5000 });
        const got = await shown(page);
        assert.equal(got.map, expect);
        const dark = (chosen || scheme) === 'dark';
        assert.equal(got.mapFilter, 'none', 'a picture with a dark variant is never dimmed');
        if (dark) assert.match(got.planFilter, /brightness/, 'a picture without one is dimmed on its card in the dark');
        else assert.equal(got.planFilter, 'none', 'pictures are left as they are in the light');
        assert.deepEqual(page.jsErrors, []);
      } finally {
        await page.context().close();
      }
    });
  }

  test('printed from a dark screen, the page takes the light picture, undimmed', T, async () => {
    const page = await openPictures('dark', 'dark');
    try {
      await page.emulateMedia({ media: 'print' });
      await page.waitForFunction(() => document.querySelector('img[src$="map.svg"]').currentSrc.endsWith('/map.svg'), null, { timeout: 5000 });
      const got = await shown(page);
      assert.equal(got.map, 'map.svg');
      assert.equal(got.planFilter, 'none');
    } finally {
      await page.context().close();
    }
  });
});
