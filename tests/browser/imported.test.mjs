// A Carpentries Workbench lesson moved in by `guidebook import`, as a reader sees it in a real
// Chromium: git-novice's episodes (challenges with folded solutions, a spoiler), a made-up
// episode with tabs, and the key points page, at 1280x800 and 390x844, with no page wider than
// the screen, no script error and no serious accessibility problem. Screenshots in
// $GUIDEBOOK_SHOTS/imported.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  REPO, SHOTS, buildSite, cleanup, fileUrl, formatAxe, guidebook, launchBrowser, newThemedPage,
  runAxe, tempDir,
} from './helpers.mjs';

const T = { timeout: 90_000 };
const GIT_NOVICE = path.join(REPO, 'tests/fixtures/import/workbench-git-novice');
const SCREENS = { wide: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const OUT = path.join(SHOTS, 'imported');

/** An episode with tabs, a challenge with a hint and a solution, and key points. */
const TABS_LESSON = {
  'config.yaml': 'title: Setting up\nepisodes:\n- 01-install.md\n',
  'episodes/01-install.md': `---
title: Installing the tools
teaching: 10
exercises: 5
---

:::::::::::::::::::::::::::::::::::::: questions
- How do I install Git on my computer?
::::::::::::::::::::::::::::::::::::::::::::::::

:::::::::::::::::::::::::::::::::::::: objectives
- Install Git and check its version.
::::::::::::::::::::::::::::::::::::::::::::::::

Git runs on every system; the way to install it differs.

::::::::::::::::::::::::::::::::::::::: tab

### Windows

Download **Git for Windows** and run the installer with its defaults.

### macOS

Install the Xcode command line tools: \`xcode-select --install\`.

### Linux

Use your package manager: \`sudo apt install git\`.

:::::::::::::::::::::::::::::::::::::::::::

::::::::::::::::::::::::::::::::::::: challenge

## Which version?

Run \`git --version\`. Which version do you have?

:::::::::::::::: hint
The command prints one line.
::::::::::::::::::::::

:::::::::::::::: solution
\`\`\`output
git version 2.43.0
\`\`\`
::::::::::::::::::::::::::

:::::::::::::::::::::::::::::::::::::::::::::::

:::::::::::::::::::::::::::::::::::::: keypoints
- Git is installed once per computer.
::::::::::::::::::::::::::::::::::::::::::::::::
`,
};

let browser;
let gitNovice;
let tabs;

/** Imports `source` into a new folder and builds it; the site's folder. */
async function importAndBuild(source) {
  const dest = path.join(await tempDir('guidebook-import-'), 'guide');
  const result = await guidebook(['import', '-q', source, dest]);
  assert.equal(result.code, 0, result.stderr);
  return buildSite(dest);
}

before(async () => {
  await fs.mkdir(OUT, { recursive: true });
  gitNovice = await importAndBuild(GIT_NOVICE);
  const source = await tempDir('guidebook-workbench-');
  for (const [name, text] of Object.entries(TABS_LESSON)) {
    await fs.mkdir(path.dirname(path.join(source, name)), { recursive: true });
    await fs.writeFile(path.join(source, name), text);
  }
  tabs = await importAndBuild(source);
  browser = await launchBrowser();
});
after(cleanup);

/** Opens `page` of `site` at `screen`, checks it fits and is accessible, and screenshots it. */
async function look(site, name, screen, shot) {
  const page = await newThemedPage(browser, { viewport: SCREENS[screen] });
  await page.goto(fileUrl(site, name));
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    screen: window.innerWidth,
  }));
  assert.ok(widths.page <= widths.screen, `${name} at ${screen} is ${widths.page} px wide for ${widths.screen}`);
  assert.deepEqual(page.jsErrors, []);
  assert.equal(formatAxe(await runAxe(page)), '', `${name} at ${screen}: no serious accessibility problem`);
  await page.screenshot({ path: path.join(OUT, `${shot}-${screen}.png`), fullPage: false });
  return page;
}

describe('an imported Workbench lesson', () => {
  for (const screen of Object.keys(SCREENS)) {
    test(`an episode's challenges fold their solutions and its spoiler at ${screen}`, T, async () => {
      const page = await look(gitNovice, '04-changes.html', screen, 'episode');
      const solution = page.locator('main details.block-solution').first();
      assert.equal(await solution.evaluate((d) => d.open), false);
      await solution.locator('summary').scrollIntoViewIfNeeded();
      await solution.locator('summary').click();
      assert.equal(await solution.evaluate((d) => d.open), true);
      await page.screenshot({ path: path.join(OUT, `episode-solution-${screen}.png`) });
      const spoiler = page.locator('main details.block-spoiler');
      assert.equal(await spoiler.locator('summary').innerText(), 'Markdown');
      assert.equal(await spoiler.evaluate((d) => d.open), false);
    });

    test(`an episode's tabs are tabs, and its overview shows its time at ${screen}`, T, async () => {
      const page = await look(tabs, '01-install.html', screen, 'tabs');
      const group = page.locator('main .block-tab');
      const names = await group.locator('[role=tab]').allInnerTexts();
      assert.deepEqual(names, ['Windows', 'macOS', 'Linux']);
      await group.locator('[role=tab]').first().focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await group.getByRole('tab', { name: 'macOS' }).getAttribute('aria-selected'), 'true');
      assert.ok(await group.getByText('xcode-select --install').isVisible());
      assert.match(await page.locator('main .overview').innerText(), /15 min/);
      assert.equal(await page.locator('main .block-challenge details').count(), 2, 'hint and solution');
    });

    test(`the key points page lists every episode's points at ${screen}`, T, async () => {
      const page = await look(gitNovice, 'key-points.html', screen, 'key-points');
      assert.equal(await page.locator('main section.key-points-group').count(), 14);
      await page.locator('main section.key-points-group h2 a').first().click();
      assert.match(page.url(), /01-basics\.html$/);
    });
  }
});
