// Checklists on the built site, opened straight from disk (file://): ticks are kept in
// localStorage per guide, progress shows on every page, the home page's map marks finished
// lessons, the all-checklists page shares the ticks, reset clears them, and `- [x]` items start
// ticked.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSite, cleanup, fileUrl, launchBrowser, newPage, readTasks, writeGuide,
} from './helpers.mjs';

const LESSON = 'fit-the-harness';
const T = { timeout: 30_000 };

let site;
let tasks;
let lesson;
let browser;

before(async () => {
  site = await buildSite();
  tasks = await readTasks(site);
  lesson = tasks.lessons.find((l) => l.slug === LESSON);
  assert.ok(lesson, `the sample guide has a lesson ${LESSON}`);
  assert.ok(lesson.tasks.length >= 3, `${LESSON} has a checklist of several items`);
  browser = await launchBrowser();
});
after(cleanup);

const box = (page, id) => page.locator(`input.task-box[data-task="${id}"]`);
const totalItems = () => tasks.lessons.reduce((n, l) => n + l.tasks.length, 0);
const lessonsWithItems = () => tasks.lessons.filter((l) => l.tasks.length > 0).length;
const storageKey = () => `guidebook:${tasks.guide}`;
const stored = (page) => page.evaluate((key) => window.localStorage.getItem(key), storageKey());

async function openLesson(page, slug = LESSON) {
  await page.goto(fileUrl(site, `${slug}.html`));
  // guidebook.js is deferred: wait until it has filled in this lesson's progress.
  await page.locator(`.lesson-progress [data-progress="${slug}"]`).filter({ hasText: /\S/ }).waitFor();
}

async function openIndex(page) {
  await page.goto(fileUrl(site, 'index.html'));
  await page.locator('[data-overall-progress]').filter({ hasText: /\S/ }).waitFor();
}

describe('checklists (file://)', () => {
  test('every checklist item of the lesson page is a labelled, unticked checkbox', T, async () => {
    const page = await newPage(browser);
    await openLesson(page);
    const ids = await page.locator('li.task > input.task-box[type="checkbox"]').evaluateAll(
      (inputs) => inputs.map((i) => ({ id: i.id, task: i.dataset.task, checked: i.checked, label: document.querySelector(`label[for="${i.id}"]`)?.textContent.trim() })),
    );
    assert.deepEqual(ids.map((i) => i.task), lesson.tasks, 'the page has exactly the items of GUIDEBOOK_TASKS, in order');
    for (const item of ids) {
      assert.equal(item.checked, false, `${item.task} starts unticked`);
      assert.ok(item.label, `${item.task} has a non-empty <label for>`);
    }
    assert.deepEqual(page.jsErrors, []);
  });

  test('a tick is stored under guidebook:<guide> and survives a reload', T, async () => {
    const page = await newPage(browser);
    await openLesson(page);
    const [first, second] = lesson.tasks;
    // Tick by clicking the label, as a reader would.
    await page.locator(`label[for="${first}"]`).click();
    assert.equal(await box(page, first).isChecked(), true);
    assert.deepEqual(JSON.parse(await stored(page)), { [first]: true });

    await page.reload();
    await page.locator(`.lesson-progress [data-progress="${LESSON}"]`).filter({ hasText: /\S/ }).waitFor();
    assert.equal(await box(page, first).isChecked(), true, 'still ticked after a reload');
    assert.equal(await box(page, second).isChecked(), false, 'the other items stay unticked');
    assert.equal(
      (await page.locator(`.lesson-progress [data-progress="${LESSON}"]`).textContent()).trim(),
      `1/${lesson.tasks.length}`,
    );

    // Unticking is remembered too.
    await box(page, first).uncheck();
    await page.reload();
    await page.locator(`.lesson-progress [data-progress="${LESSON}"]`).filter({ hasText: /\S/ }).waitFor();
    assert.equal(await box(page, first).isChecked(), false, 'an untick survives a reload');
    assert.equal(JSON.parse(await stored(page))[first], false);
    assert.deepEqual(page.jsErrors, []);
  });

  test('the home page shows the lesson progress and the overall count', T, async () => {
    const page = await newPage(browser);
    await openIndex(page);
    const n = lesson.tasks.length;
    assert.equal(
      (await page.locator('[data-overall-progress]').textContent()).trim(),
      `0 of ${totalItems()} checklist items ticked · 0 of ${lessonsWithItems()} lessons done`,
    );

    await openLesson(page);
    await box(page, lesson.tasks[0]).check();
    await openIndex(page);
    const cells = await page.locator(`main [data-progress="${LESSON}"]`).allTextContents();
    assert.ok(cells.length >= 1, 'the home page lists the lesson with a progress element');
    for (const text of cells) assert.equal(text.trim(), `1/${n}`);
    assert.equal(
      (await page.locator(`.sidebar [data-progress="${LESSON}"]`).textContent()).trim(),
      `1/${n}`,
      'the sidebar shows the progress too',
    );
    assert.equal(
      (await page.locator('[data-overall-progress]').textContent()).trim(),
      `1 of ${totalItems()} checklist items ticked · 0 of ${lessonsWithItems()} lessons done`,
    );
    // Other lessons show no ticks.
    const other = tasks.lessons.find((l) => l.slug !== LESSON && l.tasks.length);
    assert.equal((await page.locator(`main [data-progress="${other.slug}"]`).first().textContent()).trim(), `0/${other.tasks.length}`);
    assert.equal(await page.locator(`svg.lesson-map-wide a[data-map-lesson="${LESSON}"]`).evaluate((a) => a.classList.contains('done')), false);
    assert.deepEqual(page.jsErrors, []);
  });

  test('ticking every item marks the lesson done in the sidebar and on the map', T, async () => {
    const page = await newPage(browser);
    await openLesson(page);
    for (const id of lesson.tasks) await box(page, id).check();
    const progress = page.locator(`.lesson-progress [data-progress="${LESSON}"]`);
    assert.equal((await progress.textContent()).trim(), '✓ done');
    const sidebarItem = page.locator('.sidebar li', { has: page.locator(`[data-progress="${LESSON}"]`) });
    assert.equal(await sidebarItem.evaluate((li) => li.classList.contains('done')), true, 'sidebar <li> gets class done');

    await openIndex(page);
    const node = page.locator(`svg.lesson-map-wide a[data-map-lesson="${LESSON}"]`);
    assert.equal(await node.count(), 1, 'the map has a node for the lesson');
    assert.equal(await node.evaluate((a) => a.classList.contains('done')), true, 'the map node gets class done');
    const others = await page.locator('svg.lesson-map-wide a[data-map-lesson].done').evaluateAll((as) => as.map((a) => a.dataset.mapLesson));
    assert.deepEqual(others, [LESSON], 'only that lesson is done on the map');
    assert.equal(
      await page.locator('.sidebar li', { has: page.locator(`[data-progress="${LESSON}"]`) }).evaluate((li) => li.classList.contains('done')),
      true,
    );
    assert.equal(
      (await page.locator('[data-overall-progress]').textContent()).trim(),
      `${lesson.tasks.length} of ${totalItems()} checklist items ticked · 1 of ${lessonsWithItems()} lessons done`,
    );

    // Unticking one item takes the mark away again.
    await openLesson(page);
    await box(page, lesson.tasks[0]).uncheck();
    await openIndex(page);
    assert.equal(await node.evaluate((a) => a.classList.contains('done')), false);
    assert.deepEqual(page.jsErrors, []);
  });

  test('checklists.html shares the ticks with the lesson pages, both ways', T, async () => {
    const page = await newPage(browser);
    const [a, b] = lesson.tasks;
    await openLesson(page);
    await box(page, a).check();

    await page.goto(fileUrl(site, 'checklists.html'));
    await page.locator(`main [data-progress="${LESSON}"]`).filter({ hasText: /\S/ }).first().waitFor();
    const all = await page.locator('input.task-box[data-task]').evaluateAll((inputs) => inputs.map((i) => [i.dataset.task, i.checked]));
    const everyId = tasks.lessons.flatMap((l) => l.tasks);
    assert.deepEqual(all.map(([id]) => id), everyId, 'checklists.html lists every item, in step order');
    assert.deepEqual(all.filter(([, checked]) => checked).map(([id]) => id), [a], 'only the item ticked on the lesson page is ticked');

    await box(page, b).check();
    await openLesson(page);
    assert.equal(await box(page, a).isChecked(), true);
    assert.equal(await box(page, b).isChecked(), true, 'a tick made on checklists.html shows on the lesson page');
    assert.equal(await box(page, lesson.tasks[2]).isChecked(), false);
    assert.deepEqual(page.jsErrors, []);
  });

  test('reset asks first, then clears every tick', T, async () => {
    const page = await newPage(browser);
    await openLesson(page);
    for (const id of lesson.tasks) await box(page, id).check();
    const otherLesson = tasks.lessons.find((l) => l.slug !== LESSON && l.tasks.length);
    await openLesson(page, otherLesson.slug);
    await box(page, otherLesson.tasks[0]).check();

    await openIndex(page);
    const button = page.locator('button[data-reset-progress]');
    assert.equal(await button.isVisible(), true, 'the reset button is shown when JavaScript runs');

    // Dismissing the question keeps everything.
    const messages = [];
    page.once('dialog', (dialog) => { messages.push([dialog.type(), dialog.message()]); dialog.dismiss(); });
    await button.click();
    assert.equal(messages.length, 1, 'reset asks before clearing');
    assert.equal(messages[0][0], 'confirm');
    assert.match((await page.locator('[data-overall-progress]').textContent()).trim(), new RegExp(`^${lesson.tasks.length + 1} of `));
    assert.notEqual(await stored(page), null);

    page.once('dialog', (dialog) => dialog.accept());
    await button.click();
    assert.equal(
      (await page.locator('[data-overall-progress]').textContent()).trim(),
      `0 of ${totalItems()} checklist items ticked · 0 of ${lessonsWithItems()} lessons done`,
    );
    assert.equal(await page.locator('svg.lesson-map-wide a[data-map-lesson].done').count(), 0, 'no lesson is done on the map');
    assert.equal((await page.locator(`main [data-progress="${LESSON}"]`).first().textContent()).trim(), `0/${lesson.tasks.length}`);
    const left = await stored(page);
    assert.ok(left === null || Object.values(JSON.parse(left)).every((v) => v !== true), `no tick left in storage (${left})`);

    await page.reload();
    await page.locator('[data-overall-progress]').filter({ hasText: /\S/ }).waitFor();
    assert.match((await page.locator('[data-overall-progress]').textContent()).trim(), /^0 of /, 'still cleared after a reload');
    await openLesson(page);
    for (const id of lesson.tasks) assert.equal(await box(page, id).isChecked(), false, `${id} unticked`);
    assert.deepEqual(page.jsErrors, []);
  });
});

describe('a `- [x]` item (tiny guide)', () => {
  let mini;
  let miniTasks;

  before(async () => {
    const dir = await writeGuide({
      'guide.toml': 'title = "Tiny Guide"\n',
      'content/01-only-lesson.md': [
        '---',
        'title: "The only lesson"',
        'step: 1',
        'duration: "5 min"',
        '---',
        '',
        'Some text.',
        '',
        '## Checklist',
        '',
        '- [x] Already done before you start',
        '- [ ] Still to do',
        '',
      ].join('\n'),
    });
    mini = await buildSite(dir);
    miniTasks = await readTasks(mini);
  });

  test('starts ticked, can be unticked, and stays unticked after a reload', T, async () => {
    const only = miniTasks.lessons[0];
    assert.equal(only.slug, 'only-lesson');
    assert.equal(only.tasks.length, 2);
    assert.deepEqual(only.defaults, [only.tasks[0]], 'GUIDEBOOK_TASKS lists the [x] item as a default');
    const [done, todo] = only.tasks;
    const progress = (page) => page.locator(`main [data-progress="${only.slug}"]`).first();

    const page = await newPage(browser);
    await page.goto(fileUrl(mini, 'index.html'));
    await progress(page).filter({ hasText: /\S/ }).waitFor();
    assert.equal((await progress(page).textContent()).trim(), '1/2', 'the default tick counts on the home page');

    await page.goto(fileUrl(mini, `${only.slug}.html`));
    await progress(page).filter({ hasText: /\S/ }).waitFor();
    assert.equal(await box(page, done).isChecked(), true, 'the [x] item starts ticked');
    assert.equal(await box(page, todo).isChecked(), false);

    await box(page, done).uncheck();
    assert.equal((await progress(page).textContent()).trim(), '0/2');
    await page.reload();
    await progress(page).filter({ hasText: /\S/ }).waitFor();
    assert.equal(await box(page, done).isChecked(), false, 'an unticked default stays unticked after a reload');

    await page.goto(fileUrl(mini, 'index.html'));
    await progress(page).filter({ hasText: /\S/ }).waitFor();
    assert.equal((await progress(page).textContent()).trim(), '0/2');

    // Ticking both finishes the lesson.
    await page.goto(fileUrl(mini, `${only.slug}.html`));
    await progress(page).filter({ hasText: /\S/ }).waitFor();
    await box(page, done).check();
    await box(page, todo).check();
    assert.equal((await progress(page).textContent()).trim(), '✓ done');
    assert.deepEqual(page.jsErrors, []);
  });
});
