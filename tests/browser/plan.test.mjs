// A plan with dates, on the built site opened from disk: choosing a start date on the home page
// puts dates on every lesson card and timeline row, in step order and never before a lesson's
// prerequisites; the days of the week and the session length change them; the plan is kept in
// the browser and shown in the page's language; "Add to calendar" downloads an .ics file with
// one all-day event per lesson in step order from that date, which a strict parser (ical.js)
// reads, with CRLF lines of at most 75 octets and the lessons' titles and links; the handout
// carries the dates.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import ICAL from 'ical.js';
import {
  cleanup, copyGuide, fileUrl, guidebook, launchBrowser, readTasks, tempDir,
} from './helpers.mjs';

const T = { timeout: 60_000 };
const START = '2026-03-02'; // a Monday
// A title with every character the calendar format escapes, and long in UTF-8, so that its
// line is folded in the middle of multi-byte characters.
const ODD_TITLE = 'Fit the harness; snug, not tight \\ ünïcödé 猫の散歩のために胴輪をきちんと合わせる';

let browser;
let site;
let tasks;

before(async () => {
  const guide = await copyGuide();
  const toml = path.join(guide, 'guide.toml');
  await fs.writeFile(toml, (await fs.readFile(toml, 'utf8')).replace('base_url = "/"', 'base_url = "https://example.org/cats/"'));
  const lesson = path.join(guide, 'content', '02-fit-the-harness.md');
  await fs.writeFile(lesson, (await fs.readFile(lesson, 'utf8')).replace('title: "Fit the harness"', `title: '${ODD_TITLE}'`));
  site = path.join(await tempDir('guidebook-plan-'), 'site');
  const result = await guidebook(['build', guide, '--output', site]);
  assert.equal(result.code, 0, result.stderr);
  tasks = await readTasks(site);
  browser = await launchBrowser();
});
after(cleanup);

async function open(page = 'index.html') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const tab = await context.newPage();
  tab.setDefaultTimeout(10_000);
  tab.jsErrors = [];
  tab.on('pageerror', (error) => tab.jsErrors.push(String(error)));
  await tab.goto(fileUrl(site, page));
  return { context, page: tab };
}

async function choose(page, settings) {
  if (settings.days) {
    for (const box of await page.locator('.plan-day input').all()) {
      const wanted = settings.days.includes(Number(await box.getAttribute('value')));
      if ((await box.isChecked()) !== wanted) await box.click();
    }
  }
  if (settings.session) await page.locator('#plan-session').fill(String(settings.session));
  if (settings.session) await page.locator('#plan-session').dispatchEvent('change');
  await page.locator('#plan-start').fill(settings.start);
  await page.locator('#plan-start').dispatchEvent('change');
  await page.locator('.lesson-card[data-plan-start]').first().waitFor();
}

/** Each card's planned days, in step order: [{ start, end }] as YYYY-MM-DD. */
function planned(page) {
  return page.locator('.lesson-card').evaluateAll((cards) => cards.map((card) => ({
    start: card.dataset.planStart, end: card.dataset.planEnd, text: card.querySelector('.plan-dates')?.textContent ?? '',
  })));
}

const day = (iso) => Date.parse(`${iso}T00:00:00Z`);
const weekday = (iso) => new Date(day(iso)).getUTCDay();

describe('a plan with dates', () => {
  test('a start date puts dates on every lesson, in step order, never before its prerequisites', T, async () => {
    const { context, page } = await open();
    assert.equal(await page.locator('[data-plan]').isVisible(), true, 'the plan form shows with JavaScript');
    assert.equal(await page.locator('.lesson-card[data-plan-start]').count(), 0, 'no dates before a start is chosen');
    await choose(page, { start: START });
    const dates = await planned(page);
    assert.equal(dates.length, tasks.lessons.length);
    assert.equal(dates[0].start, START, 'the first lesson starts on the start date');
    tasks.lessons.forEach((lesson, i) => {
      const mine = dates[i];
      assert.ok(mine.start && mine.end && mine.start <= mine.end, `${lesson.slug}: ${JSON.stringify(mine)}`);
      if (i > 0) assert.ok(mine.start >= dates[i - 1].start, `${lesson.slug} starts no earlier than the step before`);
      for (const need of lesson.needs) {
        const before = dates[need];
        const ok = tasks.lessons[need].in_days ? mine.start > before.end : mine.start >= before.end;
        assert.ok(ok, `${lesson.slug} starts ${mine.start}, after ${tasks.lessons[need].slug} ends ${before.end}`);
      }
      assert.match(mine.text, /^Planned: /);
    });
    // Choose a harness takes 1-2 hours: two half-hour sessions, Monday and Tuesday.
    assert.deepEqual(dates[0], { start: '2026-03-02', end: '2026-03-03', text: 'Planned: Mar 2 – 3, 2026' });
    // Make the gear familiar takes 3-5 days: three calendar days.
    const familiar = tasks.lessons.findIndex((l) => l.slug === 'make-it-familiar');
    assert.equal((day(dates[familiar].end) - day(dates[familiar].start)) / 86400000, 2);

    const rows = await page.locator('.timeline:not(.timeline-compact) .timeline-row').evaluateAll((rs) => rs.map((r) => [r.dataset.planStart, r.dataset.planEnd]));
    assert.deepEqual(rows, dates.map((d) => [d.start, d.end]), 'the timeline carries the same dates');
    assert.match(await page.locator('[data-plan-summary]').textContent(), /^Your plan runs from Mar 2, 2026 to /);

    await page.reload();
    await page.locator('.lesson-card[data-plan-start]').first().waitFor();
    assert.deepEqual(await planned(page), dates, 'the plan is kept in the browser');
    assert.equal(await page.locator('#plan-start').inputValue(), START);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test('practice days and the session length move the dates', T, async () => {
    const { context, page } = await open();
    await choose(page, { start: START, days: [1, 3, 5], session: 20 });
    const dates = await planned(page);
    tasks.lessons.forEach((lesson, i) => {
      assert.ok([1, 3, 5].includes(weekday(dates[i].start)), `${lesson.slug} starts on a practice day (${dates[i].start})`);
      if (!lesson.in_days) assert.ok([1, 3, 5].includes(weekday(dates[i].end)), `${lesson.slug} ends on a practice day`);
    });
    // 60 minutes in 20-minute sessions on Monday, Wednesday and Friday.
    assert.deepEqual([dates[0].start, dates[0].end], ['2026-03-02', '2026-03-06']);
    await page.locator('#plan-range').selectOption('longest');
    await page.locator('[data-plan-summary]').filter({ hasText: /\S/ }).waitFor();
    const longest = await planned(page);
    assert.ok(longest.at(-1).end > dates.at(-1).end, 'the longest durations end later');
    await context.close();
  });

  test('the calendar file has one event per lesson in step order and passes a strict parser', T, async () => {
    const { context, page } = await open();
    await choose(page, { start: START });
    const dates = await planned(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-plan-calendar]').click()]);
    assert.match(download.suggestedFilename(), /-plan\.ics$/);
    const bytes = await fs.readFile(await download.path());
    const text = bytes.toString('utf8');

    assert.ok(text.endsWith('\r\n'), 'the file ends with CRLF');
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF, none with a bare LF');
    const lines = text.slice(0, -2).split('\r\n');
    for (const line of lines) {
      assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `at most 75 octets: ${line}`);
    }
    assert.ok(lines.some((line) => line.startsWith(' ')), 'a long line is folded');
    for (let i = 0; i < bytes.length; i++) {
      // No fold splits a character: every continuation line starts on a character boundary.
      if (bytes[i] === 0x0a && bytes[i + 1] === 0x20) assert.notEqual(bytes[i + 2] & 0xc0, 0x80, 'a fold inside a UTF-8 character');
    }

    const calendar = new ICAL.Component(ICAL.parse(text));
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
    assert.ok(calendar.getFirstPropertyValue('prodid'));
    const events = calendar.getAllSubcomponents('vevent');
    assert.equal(events.length, tasks.lessons.length, 'one event per lesson');
    const uids = new Set();
    events.forEach((vevent, i) => {
      const lesson = tasks.lessons[i];
      const event = new ICAL.Event(vevent);
      assert.equal(event.summary, lesson.title, 'in step order, titled by the lesson');
      assert.ok(event.startDate.isDate, 'an all-day event');
      assert.equal(event.startDate.toString(), dates[i].start);
      const end = new Date(day(dates[i].end) + 86400000).toISOString().slice(0, 10);
      assert.equal(event.endDate.toString(), end, 'DTEND is the day after the last day');
      assert.ok(vevent.getFirstPropertyValue('dtstamp'), 'DTSTAMP');
      uids.add(event.uid);
      const link = `https://example.org/cats/${lesson.url}`;
      assert.ok(event.description.includes(link), `the description links to the lesson: ${event.description}`);
      assert.equal(vevent.getFirstPropertyValue('url'), link);
    });
    assert.equal(uids.size, events.length, 'every UID differs');
    assert.ok(events.some((e) => new ICAL.Event(e).summary === ODD_TITLE), 'commas, semicolons and backslashes come back as written');
    await context.close();
  });

  test('in another language the plan speaks it and dates follow its format', T, async () => {
    const { context, page } = await open('es/index.html');
    assert.equal(await page.locator('#plan-heading').textContent(), 'Planifica la práctica');
    await choose(page, { start: START });
    const first = (await planned(page))[0];
    assert.equal(first.start, START, 'the same plan as in English');
    assert.match(first.text, /^Planificada: 2[–-]3 mar 2026$/);
    const weekdays = await page.locator('.plan-day').allTextContents();
    assert.equal(weekdays[0].trim(), 'lun', 'the week starts on Monday in Spanish');
    await context.close();
  });

  test('the handout printed after choosing carries the dates', T, async () => {
    const { context, page } = await open();
    await choose(page, { start: START });
    const dates = await planned(page);
    await page.goto(fileUrl(site, 'handout.html'));
    await page.locator('tr[data-plan-start]').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    const rows = await page.locator('tr[data-plan-lesson]').evaluateAll((rs) => rs.map((r) => ({
      start: r.dataset.planStart, end: r.dataset.planEnd, shown: r.querySelector('.handout-dates')?.textContent ?? '',
    })));
    assert.deepEqual(rows.map((r) => [r.start, r.end]), dates.map((d) => [d.start, d.end]));
    assert.equal(rows[0].shown, 'Mar 2 – 3, 2026');
    assert.ok(await page.locator('.handout-dates').first().isVisible(), 'shown in print');
    await context.close();
  });

  test('from a site without an absolute base_url the calendar has no links, and opened from disk no error', T, async () => {
    const plain = path.join(await tempDir('guidebook-plan-'), 'site');
    const result = await guidebook(['build', await copyGuide(), '--output', plain]);
    assert.equal(result.code, 0, result.stderr);
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(fileUrl(plain, 'index.html'));
    await choose(page, { start: START });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-plan-calendar]').click()]);
    const text = await fs.readFile(await download.path(), 'utf8');
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    assert.equal(events.length, tasks.lessons.length);
    for (const event of events) {
      assert.equal(event.getFirstPropertyValue('url'), null, 'no address to link to from file://');
      assert.match(event.getFirstPropertyValue('description'), /^Step \d+ of “Walking Your Cat: Harness and Leash Training”$/);
    }
    await context.close();
  });
});
