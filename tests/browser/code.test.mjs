// Highlighted code on a built page, opened straight from disk (file://): tokens are coloured
// apart from the code's own text in the light and the dark theme, and code blocks (not output
// blocks) get a keyboard-reachable copy button that copies the code, a shell session's commands
// only, through the clipboard API or, without it, the textarea fallback. Hidden lines (mdBook's
// `# ` lines, [code.hidelines]) show with a button, are copied only when shown (as mdBook's
// copy button copies the visible text), and stay hidden without a script and on paper.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, cleanup, fileUrl, launchBrowser, newPage, writeGuide } from './helpers.mjs';

const T = { timeout: 30_000 };
const LESSON = `---
title: Code
step: 1
duration: 10 min
---

Intro text with [a link](#python).

## Python

\`\`\`python
def greet(name):
    return "hi " + name  # say hello
\`\`\`

\`\`\`output
hi cat
\`\`\`

## Shell

\`\`\`console
$ ls logs
day-1.csv
$ wc -l logs/day-1.csv
12 logs/day-1.csv
\`\`\`

\`\`\`error
No such file
\`\`\`
`;

let site;
let browser;

before(async () => {
  const guide = await writeGuide({ 'guide.toml': 'title = "Code"\n', 'content/01-code.md': LESSON });
  site = await buildSite(guide);
  browser = await launchBrowser();
});
after(cleanup);

/** Opens the lesson with the clipboard API replaced by a recorder (or removed). */
async function openLesson({ clipboard = 'record', scheme = 'light', viewport, at } = {}) {
  const page = await newPage(browser, viewport ? { viewport } : undefined);
  if (clipboard === 'real') await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript((mode) => {
    window.copied = [];
    document.addEventListener('copy', (event) => {
      const area = event.target;
      if (area && area.tagName === 'TEXTAREA') {
        window.copied.push(['fallback', area.value.slice(area.selectionStart, area.selectionEnd)]);
      }
    });
    if (mode === 'record') {
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: (text) => { window.copied.push(['api', text]); return Promise.resolve(); } },
      });
    } else if (mode === 'none') {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
    }
  }, clipboard);
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(at || fileUrl(site, 'code.html'));
  await page.locator('.code-copy').first().waitFor();
  return page;
}

/** Computed colours: the code's own text and its first keyword, in rgb() form. */
function colours(page) {
  return page.evaluate(() => {
    const code = document.querySelector('.code-block[data-lang="python"] code');
    const keyword = code.querySelector('.hl-keyword');
    const string = code.querySelector('.hl-string');
    const comment = code.querySelector('.hl-comment');
    const pre = code.closest('pre');
    const style = (el) => getComputedStyle(el);
    return {
      text: style(code).color,
      keyword: style(keyword).color,
      string: style(string).color,
      comment: style(comment).color,
      commentStyle: style(comment).fontStyle,
      background: style(pre).backgroundColor,
    };
  });
}

describe('highlighted code (file://)', () => {
  test('tokens are coloured apart from the code text in light and in dark', T, async () => {
    const seen = {};
    for (const scheme of ['light', 'dark']) {
      const page = await openLesson({ scheme });
      const c = await colours(page);
      assert.notEqual(c.keyword, c.text, `${scheme}: a keyword is not in the text colour`);
      assert.notEqual(c.string, c.text, `${scheme}: a string is not in the text colour`);
      assert.notEqual(c.keyword, c.string, `${scheme}: keywords and strings differ`);
      assert.equal(c.commentStyle, 'italic');
      seen[scheme] = c;
      assert.deepEqual(page.jsErrors, []);
    }
    assert.notEqual(seen.light.keyword, seen.dark.keyword, 'the dark theme has its own token colours');
    assert.notEqual(seen.light.background, seen.dark.background);

    // The theme toggle switches the tokens too (data-theme on <html>, not only the system).
    const page = await openLesson({ scheme: 'light' });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    assert.equal((await colours(page)).keyword, seen.dark.keyword);
  });

  test('code blocks get a copy button, output blocks none', T, async () => {
    const page = await openLesson();
    const blocks = await page.locator('.code-block').evaluateAll((els) => els.map((el) => ({
      output: el.classList.contains('code-output'),
      buttons: el.querySelectorAll(':scope > button.code-copy').length,
      label: el.querySelector('.code-copy')?.getAttribute('aria-label') || '',
    })));
    assert.deepEqual(blocks.map((b) => [b.output, b.buttons]), [[false, 1], [true, 0], [false, 1], [true, 0]]);
    for (const block of blocks.filter((b) => !b.output)) assert.match(block.label, /copy/i);
  });

  test('the button is reached with Tab, shows a focus ring and copies with Enter', T, async () => {
    const page = await openLesson();
    // Tab from the link just before the first code block.
    await page.locator('.lesson-body a[href="#python"]:not(.heading-anchor)').focus();
    let focused = null;
    for (let i = 0; i < 20 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement.classList.contains('code-copy')
        ? document.activeElement.closest('.code-block').dataset.lang : null));
    }
    assert.equal(focused, 'python', 'Tab reaches the first block\'s copy button');
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    assert.notEqual(outline.style, 'none', 'a visible focus ring');
    assert.ok(outline.width >= 2, `outline ${outline.width}px`);

    await page.keyboard.press('Enter');
    const button = page.locator('.code-block[data-lang="python"] .code-copy');
    await page.waitForFunction(() => window.copied.length === 1);
    assert.deepEqual(await page.evaluate(() => window.copied), [
      ['api', 'def greet(name):\n    return "hi " + name  # say hello'],
    ]);
    assert.equal((await button.textContent()).trim(), 'Copied');
    await page.waitForFunction(
      () => document.querySelector('.code-block[data-lang="python"] .code-copy').textContent === 'Copy',
      null,
      { timeout: 5000 },
    );
  });

  test('a session copies its commands without prompts or output', T, async () => {
    const page = await openLesson();
    await page.locator('.code-block[data-lang="console"] .code-copy').click();
    await page.waitForFunction(() => window.copied.length === 1);
    assert.deepEqual(await page.evaluate(() => window.copied), [['api', 'ls logs\nwc -l logs/day-1.csv']]);
  });

  test('without the clipboard API the textarea fallback copies, and focus stays on the button', T, async () => {
    const page = await openLesson({ clipboard: 'none' });
    const button = page.locator('.code-block[data-lang="console"] .code-copy');
    await button.click();
    await page.waitForFunction(() => window.copied.length === 1);
    assert.deepEqual(await page.evaluate(() => window.copied), [['fallback', 'ls logs\nwc -l logs/day-1.csv']]);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('code-copy')), true);
    assert.equal(await page.locator('textarea').count(), 0, 'the helper textarea is removed');
    assert.deepEqual(page.jsErrors, []);
  });

  test('the real clipboard receives the code when the page may write to it', T, async () => {
    const page = await openLesson({ clipboard: 'real' });
    await page.locator('.code-block[data-lang="python"] .code-copy').click();
    await page.locator('.code-block[data-lang="python"] .code-copy', { hasText: 'Copied' }).waitFor();
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(pasted, 'def greet(name):\n    return "hi " + name  # say hello');
  });

  test('the prompt cannot be selected', T, async () => {
    const page = await openLesson();
    const select = await page.evaluate(() => getComputedStyle(document.querySelector('.hl-prompt')).userSelect);
    assert.equal(select, 'none');
  });
});

describe('hidden lines', () => {
  const HIDDEN = `---
title: Hidden
step: 1
duration: 5 min
---

\`\`\`rust
# fn main() {
let x = 5;
## not hidden
println!("{x}");
# }
\`\`\`

\`\`\`python
~import os
print(os.getcwd())
\`\`\`
`;
  let hiddenSite;
  before(async () => {
    const guide = await writeGuide({
      'guide.toml': 'title = "Hidden"\n[code.hidelines]\npython = "~"\n',
      'content/01-hidden.md': HIDDEN,
    });
    hiddenSite = await buildSite(guide);
  });

  const visibleText = async (page, lang) => (await page.locator(`.code-block[data-lang="${lang}"] code`).innerText()).trimEnd();

  test('show with a keyboard-reachable button and are copied only when shown', T, async () => {
    const page = await openLesson({ at: fileUrl(hiddenSite, 'hidden.html') });
    assert.equal(await visibleText(page, 'rust'), 'let x = 5;\n# not hidden\nprintln!("{x}");');
    assert.equal(await visibleText(page, 'python'), 'print(os.getcwd())');
    const toggle = page.locator('.code-block[data-lang="rust"] .code-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await page.locator('.code-block[data-lang="rust"] .code-copy').click();
    await page.waitForFunction(() => window.copied.length === 1);
    assert.deepEqual(await page.evaluate(() => window.copied.pop()), ['api', 'let x = 5;\n# not hidden\nprintln!("{x}");']);

    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal((await toggle.textContent()).trim(), 'Hide lines');
    assert.equal(await visibleText(page, 'rust'), 'fn main() {\nlet x = 5;\n# not hidden\nprintln!("{x}");\n}');
    await page.locator('.code-block[data-lang="rust"] .code-copy').click();
    await page.waitForFunction(() => window.copied.length === 1);
    assert.deepEqual(await page.evaluate(() => window.copied.pop()), ['api', 'fn main() {\nlet x = 5;\n# not hidden\nprintln!("{x}");\n}']);
    await toggle.focus();
    await page.keyboard.press(' ');
    assert.equal(await visibleText(page, 'rust'), 'let x = 5;\n# not hidden\nprintln!("{x}");', 'hidden again');
    // The Python block's prefix comes from guide.toml.
    await page.locator('.code-block[data-lang="python"] .code-toggle').click();
    assert.equal(await visibleText(page, 'python'), 'import os\nprint(os.getcwd())');
    assert.deepEqual(page.jsErrors, []);
  });

  test('stay hidden without a script and on paper', T, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await noScript.goto(fileUrl(hiddenSite, 'hidden.html'));
    assert.equal(await visibleText(noScript, 'rust'), 'let x = 5;\n# not hidden\nprintln!("{x}");');
    assert.equal(await noScript.locator('.code-toggle').count(), 0);
    await context.close();
    const page = await openLesson({ at: fileUrl(hiddenSite, 'hidden.html') });
    await page.locator('.code-block[data-lang="rust"] .code-toggle').click();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await visibleText(page, 'rust'), 'let x = 5;\n# not hidden\nprintln!("{x}");', 'left out on paper');
    assert.equal(await page.locator('.code-toggle').first().isVisible(), false);
  });
});
