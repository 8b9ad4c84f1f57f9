#!/usr/bin/env node
// Search latency on a large guide, as a reader sees it: Debian's chromium (through the
// playwright-core of tests/browser) opens a lesson page of a built site from disk (file://),
// presses "/", and the query arrives in the box in one input event. Times, from that event:
//
// - first results: the first result link in #search-results, as the DOM has it and after the
//   next frame is painted (titles, headings and summaries answer from the index at once; a word
//   only the text holds once its term shard is in);
// - complete: #search-results no longer aria-busy (the query's term shards and the texts of the
//   results shown are in and searched).
//
// Warm runs wait for search-index.js (loaded when the box is focused) before the query; cold
// runs send the query right after "/", so the index's load is part of the wait. Then, each on a
// fresh page with the index loaded: a rare word (only the last lesson's text holds it), a common
// word of the text, and prefixes of the rare word as a reader types them (one, two and three
// letters). Every run records the search scripts the page loaded and their bytes.
//
//   cargo build --release && (cd tests/browser && npm ci)
//   node benches/search_latency.mjs                     # 10,000 lessons
//   node benches/search_latency.mjs --lessons 1000 --runs 20 --json target/search-latency.json
//   node benches/search_latency.mjs --vocabulary 100000 # words spread as in real text
//
// The guide is generated with benches/gen_guide.py (then one paragraph with the rare word is
// added to the last lesson) and built with target/release/guidebook (GUIDEBOOK_BIN to change).

import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO, cleanup, fileUrl, launchBrowser, newPage, run } from '../tests/browser/helpers.mjs';

const { values: options } = parseArgs({
  options: {
    lessons: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '24' },
    'deep-runs': { type: 'string', default: '10' },
    vocabulary: { type: 'string', default: '0' },
    guide: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'string' },
  },
});
const LESSONS = Number(options.lessons);
const RUNS = Number(options.runs);
const DEEP_RUNS = Number(options['deep-runs']);
const BIN = process.env.GUIDEBOOK_BIN || path.join(REPO, 'target/release/guidebook');
const DEEP_WORD = 'quokkaberries';
/** A word of the text that most lessons hold (one of gen_guide.py's usual words). */
const COMMON_WORD = 'whiskers';
const VOCABULARY = Number(options.vocabulary);
const TMP = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const NAME = `guidebook-search-bench-${LESSONS}${VOCABULARY ? `-v${VOCABULARY}` : ''}`;
const GUIDE = options.guide || path.join(os.tmpdir(), NAME);
const SITE = options.out || path.join(TMP, `${NAME}-site`);

/** Queries a reader might type: lesson numbers, headings, words of titles and summaries. */
const QUERIES = [
  ...[0.0137, 0.2024, 0.4999, 0.7321, 0.9876].map((f) => `lesson ${Math.max(1, Math.round(f * LESSONS))}`),
  'body language', 'signs of stress', 'troubleshooting', 'raise the criteria', 'common mistakes',
  'short sessions', 'practise the cue', 'add a distraction',
  'whiskers', 'balcony', 'neighbour', 'harness', 'confidence', 'carrier', 'blanket', 'hallway',
  'gentle leash', 'quiet garden', 'patient trust',
];

async function must(cmd, args, what) {
  const started = performance.now();
  const result = await run(cmd, args, { timeout: 900_000 });
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return performance.now() - started;
}

/** Generates the guide and puts the deep word at the end of the last lesson's text. */
async function makeGuide() {
  await must('python3', [path.join(REPO, 'benches/gen_guide.py'), GUIDE, '--lessons', String(LESSONS),
    '--vocabulary', String(VOCABULARY)], 'gen_guide.py');
  const content = path.join(GUIDE, 'content');
  const last = (await fs.readdir(content)).filter((n) => n.endsWith('.md') && !n.startsWith('_')).sort().at(-1);
  await fs.appendFile(path.join(content, last), `\nThe ${DEEP_WORD} paragraph is last.\n`);
  return last;
}

/** Bytes of every file under `dir` and how many there are. */
async function folderSize(dir) {
  const names = existsSync(dir) ? await fs.readdir(dir) : [];
  let bytes = 0;
  for (const name of names) bytes += (await fs.stat(path.join(dir, name))).size;
  return { files: names.length, bytes };
}

/** The site's search files: the index's size, the term and text shards' count and bytes. */
async function searchFiles() {
  const index = await fs.stat(path.join(SITE, 'assets/search-index.js'));
  const terms = await folderSize(path.join(SITE, 'assets/search/terms'));
  const texts = await folderSize(path.join(SITE, 'assets/search/text'));
  const text = await fs.readFile(path.join(SITE, 'assets/search-index.js'), 'utf8');
  const literal = text.replace(/^window\.GUIDEBOOK_SEARCH = JSON\.parse\(/, '').replace(/\);\s*$/, '');
  const parsed = JSON.parse(JSON.parse(literal));
  return { indexBytes: index.size, terms, texts, pages: parsed.pages, widest: widestLetter(parsed.terms || []) };
}

/** The letter whose words span the most term shards (as search.js picks the shards of a word:
 * the last whose first term is not after it, and those after it that begin with it). */
function widestLetter(bounds) {
  let widest = { letter: 'a', shards: 0 };
  for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
    const first = bounds.findLastIndex((bound) => bound <= letter);
    let count = 1;
    while (first + count < bounds.length && bounds[first + count].startsWith(letter)) count++;
    if (count > widest.shards) widest = { letter, shards: count };
  }
  return widest;
}

/** The bytes of the search files a page loaded (their paths under assets/). */
async function loadedBytes(paths) {
  let bytes = 0;
  for (const p of new Set(paths)) bytes += (await fs.stat(path.join(SITE, 'assets', p))).size;
  return bytes;
}

/** Installs the timers in the page: the query's input event, the first result, aria-busy off. */
function watch() {
  const results = document.getElementById('search-results');
  const input = document.getElementById('search-input');
  let t;
  window.searchBenchReset = () => {
    t = { input: null, first: null, painted: null, done: null, hrefs: [] };
    window.searchBench = t;
  };
  window.searchBenchReset();
  // Captured on the window, so before search.js's own listener on the box runs.
  window.addEventListener('input', () => { if (t.input === null && input.value) t.input = performance.now(); }, true);
  new MutationObserver(() => {
    const now = performance.now();
    if (t.first === null && results.querySelector('li > a')) {
      t.first = now;
      const timing = t;
      requestAnimationFrame(() => setTimeout(() => { timing.painted = performance.now(); }));
    }
    if (t.done === null && results.getAttribute('aria-busy') === 'false') {
      t.done = now;
      t.hrefs = [...results.querySelectorAll('li > a')].map((a) => a.getAttribute('href'));
    }
  }).observe(results, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
}

/** One query on a freshly opened lesson page; times in ms from the query's input event. With
 * `then`, a second query once the first is complete (every shard in), timed the same way. */
async function measure(browser, url, query, { warm, untilDone, heap = false, then = null }) {
  const page = await newPage(browser);
  const loaded = [];
  page.on('request', (r) => {
    const at = r.url().indexOf('/assets/search');
    if (at !== -1) loaded.push(r.url().slice(at + '/assets/'.length));
  });
  try {
    await page.goto(url);
    await page.locator('form[data-search]').waitFor({ state: 'visible' });
    await page.evaluate(watch);
    await page.keyboard.press('/');
    if (warm) await page.waitForFunction(() => window.GUIDEBOOK_SEARCH === null, null, { timeout: 60_000 });
    await page.keyboard.insertText(query);
    // Results painted, or the search complete with none.
    const shown = 'searchBench.painted !== null || (searchBench.done !== null && searchBench.first === null)';
    const ready = untilDone ? `searchBench.done !== null && (${shown})` : shown;
    await page.waitForFunction(ready, null, { timeout: 300_000, polling: 20 });
    const t = await page.evaluate(() => window.searchBench);
    let second = null;
    if (then) {
      await page.locator('#search-input').fill('');
      await page.evaluate(() => window.searchBenchReset());
      await page.keyboard.insertText(then);
      await page.waitForFunction(shown, null, { timeout: 60_000, polling: 20 });
      const u = await page.evaluate(() => window.searchBench);
      const since = (at) => (at === null ? null : at - u.input);
      second = { query: then, first: since(u.first), painted: since(u.painted) };
    }
    let heapBytes = null;
    if (heap) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      heapBytes = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
    }
    if (page.jsErrors.length) throw new Error(`JavaScript errors: ${page.jsErrors.join('; ')}`);
    const since = (at) => (at === null ? null : at - t.input);
    const scripts = loaded.filter((p) => p.startsWith('search/'));
    return {
      query, first: since(t.first), painted: since(t.painted), done: since(t.done), hrefs: t.hrefs, heapBytes, second,
      scripts: scripts.length, bytes: await loadedBytes(scripts),
    };
  } finally {
    await page.context().close();
  }
}

function stats(values) {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, median: at(0.5), p90: at(0.9), min: sorted[0], max: sorted.at(-1) };
}

const ms = (v) => (v === undefined || v === null ? '—' : `${Math.round(v)} ms`);
const row = (name, s) => `| ${name} | ${s.n} | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.min)} | ${ms(s.max)} |`;

/** `runs` measurements of `query` on fresh pages with the index loaded, each complete. */
async function repeat(browser, url, query, runs, check = null) {
  const found = [];
  for (let i = 0; i < runs; i++) {
    const run = await measure(browser, url, query, { warm: true, untilDone: true });
    if (check) check(run);
    found.push(run);
  }
  return found;
}

const kb = (v) => (v === undefined || v === null ? '—' : `${Math.round(v / 1000)} KB`);

async function main() {
  if (!existsSync(BIN)) throw new Error(`no binary at ${BIN}: run \`cargo build --release\` first (or set GUIDEBOOK_BIN)`);
  const queries = Array.from({ length: RUNS }, (_, i) => QUERIES[i % QUERIES.length]);
  console.error(`generating ${LESSONS} lessons into ${GUIDE} ...`);
  const lastFile = await makeGuide();
  await fs.rm(SITE, { recursive: true, force: true });
  console.error(`building into ${SITE} ...`);
  const buildMs = await must(BIN, ['-q', 'build', GUIDE, '--output', SITE], 'guidebook build');
  const files = await searchFiles();
  const lesson = files.pages[Math.floor(LESSONS / 2)].u;
  const lastUrl = files.pages[LESSONS - 1].u;
  const url = fileUrl(SITE, lesson);
  console.error(`${files.pages.length} pages, index ${files.indexBytes} B, ${files.terms.files} term shards of `
    + `${files.terms.bytes} B, ${files.texts.files} text shards of ${files.texts.bytes} B; measuring from ${lesson} ...`);

  const browser = await launchBrowser();
  const warm = [];
  for (const [i, query] of queries.entries()) {
    const then = queries[(i + 7) % queries.length];
    warm.push(await measure(browser, url, query, { warm: true, untilDone: true, heap: i === queries.length - 1, then }));
  }
  const cold = [];
  for (const query of queries) cold.push(await measure(browser, url, query, { warm: false, untilDone: false }));
  const findsLast = (run) => {
    if (run.hrefs[0] !== lastUrl) throw new Error(`"${run.query}" should find ${lastUrl} (${lastFile}), got ${run.hrefs}`);
  };
  const deep = await repeat(browser, url, DEEP_WORD, DEEP_RUNS, findsLast);
  const common = await repeat(browser, url, COMMON_WORD, DEEP_RUNS);
  const prefixes = {};
  for (const length of [1, 2, 3]) {
    prefixes[DEEP_WORD.slice(0, length)] = await repeat(browser, url, DEEP_WORD.slice(0, length), DEEP_RUNS,
      length === 3 ? findsLast : null);
  }
  // The one letter that loads the most term shards.
  prefixes[files.widest.letter] = await repeat(browser, url, files.widest.letter, DEEP_RUNS);

  const summary = {
    lessons: LESSONS,
    vocabulary: VOCABULARY,
    cpus: os.cpus().length,
    load: os.loadavg(),
    buildMs,
    indexBytes: files.indexBytes,
    termShards: files.terms,
    textShards: files.texts,
    heapBytes: warm.at(-1).heapBytes,
    warmFirst: stats(warm.map((r) => r.first)),
    warmPainted: stats(warm.map((r) => r.painted)),
    warmDone: stats(warm.map((r) => r.done)),
    warmBytes: stats(warm.map((r) => r.bytes)),
    coldFirst: stats(cold.map((r) => r.first)),
    coldPainted: stats(cold.map((r) => r.painted)),
    afterFirst: stats(warm.map((r) => r.second.first)),
    afterPainted: stats(warm.map((r) => r.second.painted)),
    deepPainted: stats(deep.map((r) => r.painted)),
    deepDone: stats(deep.map((r) => r.done)),
    deepBytes: stats(deep.map((r) => r.bytes)),
    commonPainted: stats(common.map((r) => r.painted)),
    commonDone: stats(common.map((r) => r.done)),
    commonBytes: stats(common.map((r) => r.bytes)),
    widestLetter: files.widest,
    prefixes: Object.fromEntries(Object.entries(prefixes).map(([prefix, runs]) => [prefix, {
      painted: stats(runs.map((r) => r.painted)), done: stats(runs.map((r) => r.done)), bytes: stats(runs.map((r) => r.bytes)),
    }])),
    runs: { warm, cold, deep, common, prefixes },
  };
  if (options.json) await fs.writeFile(options.json, JSON.stringify(summary, null, 2));
  console.log(`${LESSONS} lessons${VOCABULARY ? ` (vocabulary ${VOCABULARY})` : ''}, ${os.cpus().length} cores `
    + `(load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}); search-index.js ${(files.indexBytes / 1e6).toFixed(1)} MB, `
    + `${files.terms.files} term shards of ${(files.terms.bytes / 1e6).toFixed(2)} MB, `
    + `${files.texts.files} text shards of ${(files.texts.bytes / 1e6).toFixed(1)} MB; `
    + `JS heap after a query: ${summary.heapBytes ? (summary.heapBytes / 1e6).toFixed(0) + ' MB' : '?'}\n`);
  console.log('| from the query typed to | runs | median | p90 | min | max |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(row('first results (DOM), index loaded', summary.warmFirst));
  console.log(row('first results painted, index loaded', summary.warmPainted));
  console.log(row('complete (term shards and shown texts in)', summary.warmDone));
  console.log(row('first results (DOM), typed right after "/"', summary.coldFirst));
  console.log(row('first results painted, typed right after "/"', summary.coldPainted));
  console.log(row('first results painted, another query on the same page', summary.afterPainted));
  console.log(row(`"${DEEP_WORD}" (rare: only the last lesson's text), first result painted`, summary.deepPainted));
  console.log(row(`"${DEEP_WORD}", complete`, summary.deepDone));
  console.log(row(`"${COMMON_WORD}" (common), first result painted`, summary.commonPainted));
  console.log(row(`"${COMMON_WORD}", complete`, summary.commonDone));
  for (const [prefix, p] of Object.entries(summary.prefixes)) {
    const widest = prefix === files.widest.letter ? ` (${files.widest.shards} term shards, the most of any letter)` : '';
    console.log(row(`prefix "${prefix}"${widest}, first result painted`, p.painted));
    console.log(row(`prefix "${prefix}", complete`, p.done));
  }
  console.log('\n| search scripts loaded by a query (bytes) | median | max |');
  console.log('|---|---:|---:|');
  const bytesRow = (name, s) => console.log(`| ${name} | ${kb(s.median)} | ${kb(s.max)} |`);
  bytesRow('warm queries (index not counted)', summary.warmBytes);
  bytesRow(`"${DEEP_WORD}"`, summary.deepBytes);
  bytesRow(`"${COMMON_WORD}"`, summary.commonBytes);
  for (const [prefix, p] of Object.entries(summary.prefixes)) bytesRow(`prefix "${prefix}"`, p.bytes);
}

try {
  await main();
} finally {
  await cleanup();
}
