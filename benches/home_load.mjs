// Times how long a large guide's home page and a chapter page take to load in Chromium, opened
// from disk (file://), as a reader would: from navigation to the `load` event.
//
// usage: node benches/home_load.mjs SITE_DIR [RUNS]
// (run from the repository root after `cd tests/browser && npm ci`; uses Debian's chromium)

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '../tests/browser/node_modules/playwright-core/index.mjs';

const site = path.resolve(process.argv[2] || 'site');
const runs = Number(process.argv[3] || 10);
const browser = await chromium.launch({
  executablePath: process.env.GUIDEBOOK_CHROME || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
for (const name of ['index.html', 'part-1.html']) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(pathToFileURL(path.join(site, name)).href, { waitUntil: 'load', timeout: 60_000 });
    times.push(performance.now() - started);
    await context.close();
  }
  console.log(`${name}: load median ${median(times).toFixed(0)} ms, p90 ${p90(times).toFixed(0)} ms (${runs} runs)`);
}
await browser.close();
