// Course material written for other tools, in a real Chromium: the Carpentries-style fixture
// (tests/fixtures/carpentries) and the sample guide's own drawings. Solutions stay folded until
// opened, instructor notes are absent from the learners' site, images load at their natural
// size without the page jumping, and the pictures reach the PDF.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  CHROME, REPO, buildSite, cleanup, fileUrl, guidebook, launchBrowser, newPage, run, tempDir,
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

describe('lesson material', () => {
  test('a solution is hidden until its summary is clicked, then shown', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(course, 'files.html'));
    const solution = page.locator('details.block-solution');
    const answer = solution.locator('code', { hasText: 'wc -l data/*.csv' });
    assert.equal(await answer.isVisible(), false, 'folded at first');
    await solution.locator('summary').click();
    assert.equal(await answer.isVisible(), true, 'shown once opened');
    const hint = page.locator('details.block-hint');
    await hint.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.equal(await hint.evaluate((d) => d.open), true, 'opens from the keyboard too');
  });

  test('the instructor note is absent for learners and marked for instructors', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(course, 'files.html'));
    assert.equal(await page.locator('.block-instructor').count(), 0);
    assert.equal(await page.getByText('reading that message').count(), 0);
    const instructors = await buildSite(COURSE, ['--instructor']);
    await page.goto(fileUrl(instructors, 'files.html'));
    const note = page.locator('.block-instructor');
    assert.equal(await note.count(), 1);
    assert.equal(await note.locator('.block-title').innerText(), 'INSTRUCTOR NOTE');
    assert.ok(await note.isVisible());
  });

  test('images load at their natural size, and the page reserves their room first', T, async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(course, 'files.html'));
    const image = page.locator('figure.figure img');
    await image.scrollIntoViewIfNeeded();
    await image.evaluate((img) => img.decode());
    const { natural, attributes, ratio } = await image.evaluate((img) => ({
      natural: [img.naturalWidth, img.naturalHeight],
      attributes: [Number(img.getAttribute('width')), Number(img.getAttribute('height'))],
      ratio: img.getBoundingClientRect().width / img.getBoundingClientRect().height,
    }));
    assert.deepEqual(natural, [240, 120]);
    assert.deepEqual(attributes, natural, 'width and height written from the file');
    assert.ok(Math.abs(ratio - 2) < 0.02, `shown in its proportions (${ratio})`);

    // The sample guide's drawing, lazy: its box has its height before it loads.
    const sample = await buildSite(REPO);
    const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await phone.goto(fileUrl(sample, 'fit-the-harness.html'));
    const drawing = phone.locator('img[src="img/two-finger-check.svg"]');
    assert.equal(await drawing.getAttribute('loading'), 'lazy');
    const before = await drawing.evaluate((img) => img.getBoundingClientRect().height);
    await drawing.scrollIntoViewIfNeeded();
    await drawing.evaluate((img) => img.decode());
    const after = await drawing.evaluate((img) => img.getBoundingClientRect().height);
    assert.ok(before > 100, `room reserved before loading (${before}px)`);
    assert.ok(Math.abs(after - before) < 1, `no jump when it loads (${before} -> ${after})`);
  });

  test('the drawings are in guide.pdf', T, async () => {
    const out = path.join(await tempDir('guidebook-pdf-img-'), 'out');
    const result = await guidebook(['pdf', REPO, '--output', out, '--chrome', CHROME], { timeout: 120_000 });
    assert.equal(result.code, 0, result.stderr);
    // SVG drawings print as vector paths, not embedded images: find their words in the text.
    const text = await run('pdftotext', [path.join(out, 'guide.pdf'), '-'], { timeout: 20_000 });
    assert.equal(text.code, 0, text.stderr);
    const words = text.stdout.replace(/\s+/g, ' ');
    assert.match(words, /Measuring the chest \(girth\) for a harness/, 'the measuring drawing');
    assert.match(words, /Too tight.*Just right.*Too loose/, 'the two-finger drawing');
  });

  test('the course image is in its PDF as an image', T, async () => {
    const out = path.join(await tempDir('guidebook-pdf-png-'), 'out');
    const result = await guidebook(['pdf', COURSE, '--output', out, '--chrome', CHROME], { timeout: 120_000 });
    assert.equal(result.code, 0, result.stderr);
    const images = await run('pdfimages', ['-list', path.join(out, 'guide.pdf')], { timeout: 20_000 });
    assert.equal(images.code, 0, images.stderr);
    const rows = images.stdout.trim().split('\n').slice(2).map((line) => line.trim().split(/\s+/));
    assert.ok(rows.some((row) => row[3] === '240' && row[4] === '120'), `a 240x120 image:\n${images.stdout}`);
  });
});
