// Fenced blocks that behave, in a real Chromium, on the Carpentries-style fixture
// (tests/fixtures/carpentries): tab blocks become tabs as the WAI-ARIA tabs pattern has them
// (arrow keys, Home, End), a group tab keeps the same tab chosen across the page and remembers
// it, and without a script or on paper every panel shows under its title.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO, SHOTS, buildSite, cleanup, fileUrl, formatAxe, launchBrowser, newPage, runAxe,
} from './helpers.mjs';

const T = { timeout: 60_000 };
const COURSE = path.join(REPO, 'tests/fixtures/carpentries');
let browser;
let course;

before(async () => {
  course = await buildSite(COURSE);
  browser = await launchBrowser();
});
after(cleanup);

/** For each tab of `group`: its text, whether it is selected, and whether its panel shows. */
async function tabState(group) {
  return group.evaluate((block) => Array.from(block.querySelectorAll('[role=tab]')).map((tab) => {
    const panel = document.getElementById(tab.getAttribute('aria-controls'));
    return [tab.textContent, tab.getAttribute('aria-selected'), panel && !panel.hidden && panel.offsetHeight > 0];
  }));
}

function selected(state) {
  return state.filter(([, isSelected]) => isSelected === 'true').map(([name]) => name);
}

describe('tab blocks', () => {
  test('are tabs that arrow keys, Home and End move along', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(course, 'setup.html'));
    const group = page.locator('.block-group-tab').first();
    assert.equal(await group.locator('[role=tablist]').count(), 1);
    assert.deepEqual(await tabState(group), [
      ['Windows', 'true', true], ['macOS', 'false', false], ['Linux', 'false', false],
    ]);
    assert.equal(await group.locator('h3.tab-title').first().isVisible(), false, 'the tab says the title');
    const panel = group.locator('[role=tabpanel]').first();
    assert.equal(await panel.getAttribute('aria-labelledby'), await group.locator('[role=tab]').first().getAttribute('id'));

    await group.locator('[role=tab]').first().focus();
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(selected(await tabState(group)), ['macOS']);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'macOS');
    await page.keyboard.press('End');
    assert.deepEqual(selected(await tabState(group)), ['Linux']);
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(selected(await tabState(group)), ['Windows'], 'wraps to the first');
    await page.keyboard.press('ArrowLeft');
    assert.deepEqual(selected(await tabState(group)), ['Linux'], 'and back to the last');
    await page.keyboard.press('Home');
    assert.deepEqual(selected(await tabState(group)), ['Windows']);
    // Only the chosen tab is in the tab order; Tab goes on to its panel.
    const tabIndexes = await group.locator('[role=tab]').evaluateAll((tabs) => tabs.map((t) => t.tabIndex));
    assert.deepEqual(tabIndexes, [0, -1, -1]);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'tabpanel');
    assert.deepEqual(page.jsErrors, []);
    assert.deepEqual(formatAxe(await runAxe(page)), '', 'no serious accessibility problem');
  });

  test('a group tab is chosen in every group of the page, and remembered', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(course, 'setup.html'));
    const groups = page.locator('.block-group-tab');
    assert.equal(await groups.count(), 2);
    await groups.first().getByRole('tab', { name: 'Linux' }).click();
    assert.deepEqual(selected(await tabState(groups.nth(1))), ['Linux'], 'the other group follows');
    assert.ok((await tabState(groups.nth(1)))[2][2], "its Linux panel shows");
    await page.screenshot({ path: path.join(SHOTS, 'tabs-1280.png') });
    await page.reload();
    assert.deepEqual(selected(await tabState(groups.first())), ['Linux'], 'remembered');
    assert.deepEqual(selected(await tabState(groups.nth(1))), ['Linux']);

    // A plain tab block follows no group and is not remembered.
    await page.goto(fileUrl(course, 'scripts.html'));
    const single = page.locator('.block-tab');
    assert.deepEqual(selected(await tabState(single)), ['Python']);
    await single.getByRole('tab', { name: 'Shell' }).click();
    await page.reload();
    assert.deepEqual(selected(await tabState(single)), ['Python']);
    const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await phone.goto(fileUrl(course, 'setup.html'));
    await phone.locator('.block-group-tab').first().scrollIntoViewIfNeeded();
    await phone.screenshot({ path: path.join(SHOTS, 'tabs-390.png') });
  });

  test('without a script, and on paper, every panel shows under its title', T, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(fileUrl(course, 'setup.html'));
    const titles = page.locator('.block-group-tab').first().locator('h3.tab-title');
    assert.equal(await titles.count(), 3);
    for (const title of await titles.all()) assert.ok(await title.isVisible());
    await context.close();

    const printed = await newPage(browser);
    await printed.goto(fileUrl(course, 'setup.html'));
    await printed.emulateMedia({ media: 'print' });
    const group = printed.locator('.block-group-tab').first();
    assert.equal(await group.locator('[role=tablist]').isVisible(), false);
    for (const panel of await group.locator('.tab-panel').all()) assert.ok(await panel.isVisible());
    for (const title of await group.locator('h3.tab-title').all()) assert.ok(await title.isVisible());
  });
});

describe('the overview and the key points page', () => {
  test('questions and objectives sit side by side on a wide screen, one above the other on a phone', T, async () => {
    const boxes = async (page) => page.locator('.overview-part').evaluateAll((parts) =>
      parts.map((part) => { const r = part.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top)]; }));
    const wide = await newPage(browser);
    await wide.goto(fileUrl(course, 'files.html'));
    const [questions, objectives] = await boxes(wide);
    assert.equal(questions[1], objectives[1], 'the same row');
    assert.ok(objectives[0] > questions[0], 'objectives on the right');
    await wide.locator('.overview').screenshot({ path: path.join(SHOTS, 'overview-1280.png') });
    assert.deepEqual(formatAxe(await runAxe(wide)), '');
    const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await phone.goto(fileUrl(course, 'files.html'));
    const [q, o] = await boxes(phone);
    assert.equal(q[0], o[0], 'the same column');
    assert.ok(o[1] > q[1], 'objectives below');
    await phone.screenshot({ path: path.join(SHOTS, 'overview-390.png') });
    await wide.emulateMedia({ media: 'print' });
    const [pq, po] = await boxes(wide);
    assert.equal(pq[1], po[1], 'side by side on paper too');
  });

  test('the key points page has no accessibility problem and leads to each lesson', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(course, 'key-points.html'));
    assert.deepEqual(formatAxe(await runAxe(page)), '');
    await page.getByRole('link', { name: 'Step 2: Counting with a script' }).click();
    await page.waitForURL(/scripts\.html$/);
    assert.equal(await page.locator('h1').innerText(), 'Counting with a script');
  });
});
