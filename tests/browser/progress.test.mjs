// Progress that travels (the built site from disk): the checklists page offers a link whose
// fragment (`#progress=`) carries this browser's ticks and plan, compactly, with its QR code drawn
// in the page; opening the link in another browser context restores them (asking first, in a
// dialog, when that browser has progress of its own) and removes the fragment from the address;
// after a rebuild that changed one lesson's checklist, the other lessons' ticks still travel.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  cleanup, copyGuide, fileUrl, guidebook, launchBrowser, readTasks, tempDir,
} from './helpers.mjs';

const T = { timeout: 60_000 };
let browser;
let guide;
let site;
let tasks;

before(async () => {
  guide = await copyGuide();
  site = path.join(await tempDir('guidebook-progress-'), 'site');
  const result = await guidebook(['build', guide, '--output', site]);
  assert.equal(result.code, 0, result.stderr);
  tasks = await readTasks(site);
  browser = await launchBrowser();
});
after(cleanup);

async function context() {
  const made = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await made.newPage();
  page.setDefaultTimeout(10_000);
  page.jsErrors = [];
  page.on('pageerror', (error) => page.jsErrors.push(String(error)));
  return { made, page };
}

const box = (page, id) => page.locator(`input.task-box[data-task="${id}"]`);
async function openChecklists(page, where = site) {
  await page.goto(fileUrl(where, 'checklists.html'));
  await page.locator('[data-overall-progress]').filter({ hasText: /\S/ }).waitFor();
}
async function tick(page, ids) {
  for (const id of ids) await page.locator(`label[for="${id}"]`).click();
}
/**
 * The offered link once it has caught up with the stored ticks: the page redraws it a task after
 * each change, so reading the field straight after a click could see the link from before it.
 */
async function link(page) {
  await page.locator('[data-progress-url]').waitFor();
  await page.waitForFunction(() => {
    const field = document.querySelector('[data-progress-url]');
    return field.value.endsWith(`#progress=${window.GUIDEBOOK_PROGRESS.fragment()}`);
  });
  return page.locator('[data-progress-url]').inputValue();
}
/** Every item's state on the checklists page, by id. */
function states(page) {
  return page.locator('input.task-box').evaluateAll((boxes) => Object.fromEntries(boxes.map((b) => [b.dataset.task, b.checked])));
}

describe('progress that travels', () => {
  let chosen;
  let address;

  test('the checklists page offers a compact link and its QR code', T, async () => {
    const withTasks = tasks.lessons.filter((l) => l.tasks.length);
    chosen = [withTasks[0].tasks[0], withTasks[0].tasks[2], withTasks[3].tasks[1], withTasks.at(-1).tasks.at(-1)];
    const { made, page } = await context();
    await page.goto(fileUrl(site, 'index.html'));
    await page.locator('#plan-start').fill('2026-03-02');
    await page.locator('#plan-start').dispatchEvent('change');
    await openChecklists(page);
    await tick(page, chosen);
    address = await link(page);
    assert.ok(address.startsWith(`${fileUrl(site, 'checklists.html')}#progress=1.`), address);
    const fragment = address.split('#progress=')[1];
    assert.match(fragment, /^1\.[A-Za-z0-9_-]+\.20260302\.7f\.30\.s$/, 'base64url ticks, then the plan');
    const items = tasks.lessons.reduce((n, l) => n + l.tasks.length, 0);
    assert.ok(fragment.length < 120, `${fragment.length} characters for ${items} items and a plan`);
    const qr = page.locator('[data-progress-qr] svg[role="img"]');
    assert.equal(await qr.getAttribute('aria-label'), 'QR code of the link');
    const modules = await qr.evaluate((svg) => svg.querySelector('path').getAttribute('d').split('M').length - 1);
    assert.ok(modules > 200, `the code is drawn (${modules} dark modules)`);
    // The link follows the ticks.
    await tick(page, [chosen[0]]);
    assert.notEqual(await link(page), address, 'unticking changes the link');
    await tick(page, [chosen[0]]);
    assert.equal(await link(page), address);
    assert.deepEqual(page.jsErrors, []);
    await made.close();
  });

  test('opening the link in another browser restores the ticks and the plan, and forgets the fragment', T, async () => {
    const { made, page } = await context();
    await page.goto(address);
    await page.locator('.progress-notice').waitFor();
    assert.equal(await page.locator('.progress-notice').textContent(), 'The progress from the link is in this browser now.');
    assert.ok(!page.url().includes('#'), `the fragment is gone: ${page.url()}`);
    const now = await states(page);
    for (const [id, checked] of Object.entries(now)) {
      assert.equal(checked, chosen.includes(id), `${id} ${chosen.includes(id) ? 'ticked' : 'not ticked'}`);
    }
    await page.goto(fileUrl(site, 'index.html'));
    await page.locator('.lesson-card[data-plan-start]').first().waitFor();
    assert.equal(await page.locator('#plan-start').inputValue(), '2026-03-02', 'the plan came along');
    assert.deepEqual(page.jsErrors, []);
    await made.close();
  });

  test('a browser with progress of its own is asked first, and may keep it', T, async () => {
    const { made, page } = await context();
    const mine = tasks.lessons.find((l) => l.tasks.length > 1).tasks[1];
    await openChecklists(page);
    await tick(page, [mine]);

    await page.goto(address);
    const dialog = page.getByRole('dialog', { name: 'Replace your progress?' });
    await dialog.waitFor();
    assert.equal(await dialog.evaluate((d) => d.open && d.matches(':modal')), true, 'a modal dialog');
    const items = tasks.lessons.reduce((n, l) => n + l.tasks.length, 0);
    assert.deepEqual(await dialog.locator('li').allTextContents(), [
      `From the link: ${chosen.length} of ${items} items ticked`,
      `In this browser: 1 of ${items} items ticked`,
    ]);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Keep mine', 'the safe choice has the focus');
    await dialog.getByRole('button', { name: 'Keep mine' }).click();
    assert.ok(!page.url().includes('#progress'), 'the fragment is gone');
    await page.reload();
    await page.locator('[data-overall-progress]').filter({ hasText: /\S/ }).waitFor();
    assert.equal((await states(page))[mine], true, 'kept');
    assert.equal((await states(page))[chosen[0]], false);

    await page.goto(address);
    await page.getByRole('dialog').getByRole('button', { name: 'Replace' }).click();
    await page.locator('.progress-notice').waitFor();
    const now = await states(page);
    assert.equal(now[mine], chosen.includes(mine), 'replaced');
    for (const id of chosen) assert.equal(now[id], true);
    await made.close();
  });

  test('after a rebuild that changed one checklist, the other lessons\' ticks still travel', T, async () => {
    const changed = tasks.lessons.find((l) => l.tasks.includes(chosen[0]));
    const file = (await fs.readdir(path.join(guide, 'content'))).find((name) => name.endsWith(`-${changed.slug}.md`));
    const text = await fs.readFile(path.join(guide, 'content', file), 'utf8');
    await fs.writeFile(path.join(guide, 'content', file), text.replace(/^- \[ \] .*$/m, (line) => `${line}\n- [ ] One more thing to check`));
    const rebuilt = path.join(await tempDir('guidebook-progress-'), 'site');
    const result = await guidebook(['build', guide, '--output', rebuilt]);
    assert.equal(result.code, 0, result.stderr);

    const { made, page } = await context();
    await page.goto(fileUrl(rebuilt, 'checklists.html') + address.slice(address.indexOf('#')));
    await page.locator('.progress-notice').waitFor();
    assert.match(await page.locator('.progress-notice').textContent(), /Some checklists changed since the link was made/);
    const now = await states(page);
    for (const id of chosen.filter((id) => !changed.tasks.includes(id))) assert.equal(now[id], true, `${id} travelled`);
    for (const id of changed.tasks) assert.equal(now[id], false, `${id}: its checklist changed, so it was left out`);
    await made.close();
  });
});
