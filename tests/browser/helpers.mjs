// Shared helpers of the browser tests: run the real guidebook binary, build or copy guides into
// temporary folders, start and stop `guidebook serve`, and launch Debian's chromium through
// playwright-core (never a downloaded browser).
//
// Every process and temporary folder made here is tracked and removed by `cleanup()`, which each
// test file calls from its `after` hook; a last-resort `exit` handler kills leftover processes.

import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository, which is also the sample guide (guide.toml + content/). */
export const REPO = path.resolve(import.meta.dirname, '../..');
export const BIN = process.env.GUIDEBOOK_BIN || path.join(REPO, 'target/debug/guidebook');
export const CHROME = process.env.GUIDEBOOK_CHROME || '/usr/bin/chromium';
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Where screenshots go (looked at by a person, not compared). */
export const SHOTS = process.env.GUIDEBOOK_SHOTS || path.join(os.tmpdir(), 'browser-shots');

const children = new Set();
const tempDirs = new Set();

process.on('exit', () => {
  for (const child of children) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

/** A fresh temporary folder, removed by cleanup(). */
export async function tempDir(prefix = 'guidebook-bt-') {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/**
 * Runs the guidebook binary with `args`; resolves to { code, signal, stdout, stderr } (never
 * rejects on a non-zero exit). Killed, and rejected, after `timeout` ms.
 */
export function guidebook(args, { timeout = 60_000, env = {}, cwd = REPO } = {}) {
  return run(BIN, args, { timeout, env, cwd });
}

/** Runs any command like guidebook() does. */
export function run(cmd, args, { timeout = 60_000, env = {}, cwd = REPO } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} took longer than ${timeout} ms\n${stdout}\n${stderr}`));
    }, timeout);
    child.on('error', (error) => { clearTimeout(timer); children.delete(child); reject(error); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Builds the guide in `guideDir` (default: the repo's sample guide) into a fresh temp folder. */
export async function buildSite(guideDir = REPO, extraArgs = []) {
  const tmp = await tempDir('guidebook-site-');
  const site = path.join(tmp, 'site');
  const result = await guidebook(['build', guideDir, '--output', site, ...extraArgs]);
  if (result.code !== 0) {
    throw new Error(`guidebook build ${guideDir} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return site;
}

/** Copies the sample guide (guide.toml + content/) into a fresh temp folder, for tests that edit it. */
export async function copyGuide() {
  const dir = await tempDir('guidebook-guide-');
  await fs.copyFile(path.join(REPO, 'guide.toml'), path.join(dir, 'guide.toml'));
  await fs.cp(path.join(REPO, 'content'), path.join(dir, 'content'), { recursive: true });
  return dir;
}

/** Writes a small guide from { 'guide.toml': text, 'content/x.md': text, ... } into a temp folder. */
export async function writeGuide(files) {
  const dir = await tempDir('guidebook-mini-');
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
  }
  return dir;
}

/**
 * Starts `guidebook serve <dir> --port 0` and waits for its "Serving <dir> at <url>" line.
 * Returns { url, output(), stop() }; stop() is also done by cleanup().
 */
export async function serve(dir, { timeout = 20_000 } = {}) {
  const child = spawn(BIN, ['serve', dir, '--port', '0'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('close', (code, signal) => {
    children.delete(child);
    resolve({ code, signal });
  }));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`guidebook serve printed no "Serving ... at URL" line within ${timeout} ms\n${stdout}\n${stderr}`));
    }, timeout);
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = /^Serving .* at (http:\/\/\S+?)\/?\s*$/m.exec(stdout);
      if (match) { clearTimeout(timer); resolve(match[1] + '/'); }
    });
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`guidebook serve exited early (code ${code}, signal ${signal})\n${stdout}\n${stderr}`));
    });
  });
  const server = {
    url,
    output: () => ({ stdout, stderr }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const gone = await Promise.race([exited, sleep(3000).then(() => null)]);
      if (!gone) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  servers.add(server);
  return server;
}
const servers = new Set();

/** Launches Debian's chromium, headless, through playwright-core. */
export async function launchBrowser() {
  if (!existsSync(CHROME)) {
    throw new Error(`no browser at ${CHROME}: install it with \`apt-get install -y chromium\` or set GUIDEBOOK_CHROME`);
  }
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS, timeout: 30_000 });
  browsers.add(browser);
  return browser;
}
const browsers = new Set();

/**
 * A page in a new, empty browser context (own localStorage), with short default timeouts.
 * JavaScript errors of the page are collected in `page.jsErrors`.
 */
export async function newPage(browser, { viewport = { width: 1280, height: 900 } } = {}) {
  return newThemedPage(browser, { viewport });
}

/** Stops every server, closes every browser and removes every temp folder made so far. */
export async function cleanup() {
  for (const server of servers) await server.stop().catch(() => {});
  servers.clear();
  for (const browser of browsers) await browser.close().catch(() => {});
  browsers.clear();
  for (const child of children) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
  for (const dir of tempDirs) await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
  tempDirs.clear();
}

/** file:// URL of a page of a built site. */
export function fileUrl(site, page = 'index.html') {
  return pathToFileURL(path.join(site, page)).href;
}

/** window.GUIDEBOOK_TASKS of a built site, read from assets/tasks.js. */
export async function readTasks(site) {
  const text = await fs.readFile(path.join(site, 'assets', 'tasks.js'), 'utf8');
  const match = /window\.GUIDEBOOK_TASKS\s*=\s*([\s\S]*?);?\s*$/.exec(text);
  if (!match) throw new Error(`unexpected assets/tasks.js: ${text.slice(0, 200)}`);
  return JSON.parse(match[1]);
}

/**
 * The lessons of a guide folder, from their front matter: [{ file, slug, title, step, body }],
 * in step order. A small reader for the simple `key: value` front matter of the sample guide.
 */
export async function readLessons(guideDir = REPO) {
  const content = path.join(guideDir, 'content');
  const lessons = [];
  for (const name of (await fs.readdir(content)).sort()) {
    if (!name.endsWith('.md') || name.startsWith('_')) continue;
    // A translation (`02-fit.es.md`) is not a lesson of its own.
    if (/\.[a-z]{2,3}(-[A-Za-z0-9]+)?\.md$/.test(name)) continue;
    const text = await fs.readFile(path.join(content, name), 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---\s*\r?\n([\s\S]*)$/.exec(text);
    if (!match) continue;
    const field = (key) => {
      const m = new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(match[1]);
      if (!m) return undefined;
      let value = m[1].trim();
      if (/^".*"$/.test(value)) value = JSON.parse(value);
      else if (/^'.*'$/.test(value)) value = value.slice(1, -1).replace(/''/g, "'");
      return value;
    };
    if (field('draft') === 'true') continue;
    lessons.push({
      file: `content/${name}`,
      slug: field('slug') || name.replace(/\.md$/, '').replace(/^\d+-/, ''),
      title: field('title'),
      step: Number(field('step')),
      body: match[2],
    });
  }
  return lessons.sort((a, b) => a.step - b.step);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` (sync or async) until it returns a truthy value; throws `message` after `timeout`. */
export async function waitFor(check, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${last})`);
    await sleep(interval);
  }
}

// ---------------------------------------------------------------------------------------------
// Accessibility and themed pages (used by screens.test.mjs).

/** axe-core's browser build (a devDependency), injected into pages by runAxe(). */
export const AXE_PATH = path.join(import.meta.dirname, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * A page in a new, empty browser context with the given viewport, prefers-color-scheme ('light' or
 * 'dark') and prefers-reduced-motion ('no-preference' or 'reduce'); like newPage(), JavaScript
 * errors are collected in `page.jsErrors`.
 */
export async function newThemedPage(browser, { viewport = { width: 1280, height: 800 }, colorScheme = 'light', reducedMotion = 'no-preference' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(15_000);
  page.jsErrors = [];
  page.on('pageerror', (error) => page.jsErrors.push(String(error)));
  return page;
}

/**
 * Runs axe-core on the page (injecting it first) and resolves to its violations whose impact is
 * one of `impacts` (all of them if `impacts` is null), each as
 * { id, impact, help, helpUrl, nodes: [{ target, html, summary }] }.
 */
export async function runAxe(page, { impacts = ['serious', 'critical'] } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' '),
        html: n.html,
        impact: n.impact,
        summary: n.failureSummary || '',
      })),
    }));
  });
  return impacts ? violations.filter((v) => impacts.includes(v.impact)) : violations;
}

/** axe violations as readable lines: rule id, impact, help, then each element (selector and why). */
export function formatAxe(violations, { maxNodes = 10 } = {}) {
  const lines = [];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'})`);
    for (const n of v.nodes.slice(0, maxNodes)) {
      const why = n.summary.replace(/^Fix (any|all) of the following:\s*/gm, '').replace(/\s+/g, ' ').trim();
      lines.push(`      ${n.target}  —  ${why.slice(0, 220)}`);
    }
    if (v.nodes.length > maxNodes) lines.push(`      … and ${v.nodes.length - maxNodes} more`);
  }
  return lines.join('\n');
}
