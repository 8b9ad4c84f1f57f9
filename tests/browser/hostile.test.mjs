// Hostile input that reaches the page's own markup, in Chromium: words from guide.toml's
// `[strings]` that try to end the inline `#guidebook-strings` script (`</script>`) or to open a
// comment in it (`<!--<script>`) that would swallow the scripts after it must leave every script
// of the page working, and reach the scripts as written.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  buildSite, cleanup, copyGuide, fileUrl, launchBrowser, newPage, readTasks,
} from './helpers.mjs';

const T = { timeout: 30_000 };
const LESSON = 'fit-the-harness';
const HOSTILE = '</script><!--<script>';

let site;
let browser;
let tasks;

before(async () => {
  const dir = await copyGuide();
  const words = [
    '',
    '[strings]',
    `copy = ${JSON.stringify(HOSTILE)}`,
    `no_results = ${JSON.stringify(`<!-- nothing for {query} <script>`)}`,
    `task_progress = ${JSON.stringify('{done} of {total} </script><!--')}`,
    '',
  ].join('\n');
  await fs.appendFile(path.join(dir, 'guide.toml'), words);
  // A code block, for a copy button.
  await fs.appendFile(path.join(dir, 'content', '02-fit-the-harness.md'), '\n```sh\necho ready\n```\n');
  site = await buildSite(dir);
  tasks = await readTasks(site);
  browser = await launchBrowser();
});
after(cleanup);

describe('[strings] words that look like markup', () => {
  test('the lesson page keeps its checklists, copy buttons and search, with the words as written', T, async () => {
    const lesson = tasks.lessons.find((l) => l.slug === LESSON);
    assert.ok(lesson && lesson.tasks.length > 0, `${LESSON} has a checklist`);
    const page = await newPage(browser);
    await page.goto(fileUrl(site, `${LESSON}.html`));
    const progress = page.locator(`.lesson-progress [data-progress="${LESSON}"]`);
    await progress.filter({ hasText: /\S/ }).waitFor();

    // Checklists: a tick is counted and stored.
    const first = page.locator(`input.task-box[data-task="${lesson.tasks[0]}"]`);
    await first.check();
    await page.waitForFunction(
      (slug) => (document.querySelector(`.lesson-progress [data-progress="${slug}"]`)?.textContent || '').startsWith('1/'),
      LESSON,
    );
    const stored = await page.evaluate(() => Object.keys(window.localStorage).length);
    assert.ok(stored > 0, 'the tick is stored');

    // The words reached the scripts as written.
    const copy = page.locator('button.code-copy').first();
    assert.equal(await copy.textContent(), HOSTILE, 'the copy button shows the `copy` word as written');

    // Search answers, and says "nothing found" in the guide's words.
    await page.locator('#search-input').fill('harness');
    await page.locator('#search-results li > a').first().waitFor();
    await page.locator('#search-input').fill('zqxjvwkpq');
    await page.locator('#search-results', { hasText: '<!-- nothing for' }).waitFor();
    const note = await page.locator('#search-results').textContent();
    assert.match(note, /<!-- nothing for .*zqxjvwkpq.* <script>/, note);
    assert.deepEqual(page.jsErrors, []);
  });
});
