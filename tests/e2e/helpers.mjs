// Shared set-up of the demo-page tests: the dev server (scripts/serve.mjs, with its strict CSP) on a
// free port, Debian's Chromium through playwright-core, and pages that record every page error,
// console error and CSP violation so each test can assert there were none.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS } from './chromium.mjs';

export const shots = new URL('./screenshots/', import.meta.url);
export const shot = (name) => new URL(name, shots).pathname;
export const SAMPLE = readFileSync(new URL('../../www/sample-articles.txt', import.meta.url), 'utf8');
export const TOPICS = ['regulation', 'competition', 'monetization'];

export const ctx = { server: null, browser: null, base: '' };

/** Registers before/after hooks for this test file: one server and one browser for all its tests. */
export function setup() {
  before(async () => {
    mkdirSync(shots, { recursive: true });
    ctx.server = await serve(0);
    ctx.base = `http://127.0.0.1:${ctx.server.address().port}/`;
    ctx.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await ctx.browser?.close();
    ctx.server?.close();
  });
}

/**
 * A new page (own context, so its own localStorage) on the demo. `errors` collects page errors,
 * console errors and CSP violations; `ready` (default true) waits until the analyzer is loaded;
 * `init` is a script run before the page's own, `beforeGoto(page)` e.g. sets up routes.
 */
export async function openPage({ viewport = { width: 1200, height: 900 }, ready = true, init, beforeGoto, acceptDownloads = false } = {}) {
  const context = await ctx.browser.newContext({ viewport, acceptDownloads });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(`console: ${m.text()}`); });
  await page.exposeFunction('__reportCSP', (v) => errors.push(`csp: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCSP(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  if (init) await page.addInitScript(init);
  if (beforeGoto) await beforeGoto(page);
  await page.goto(ctx.base);
  if (ready) await waitReady(page);
  const close = () => context.close();
  return { page, errors, context, close };
}

export const waitReady = (page) =>
  page.waitForFunction(() => !document.getElementById('analyze').disabled, null, { timeout: 30000 });

/** The current render counter of #article (bumped by every analysis). */
export const runOf = (page) => page.$eval('#article', (a) => Number(a.dataset.run ?? -1));

/** Clicks Load sample and waits for the rendered analysis. */
export async function loadSample(page) {
  await page.click('#load-sample');
  await page.waitForFunction(() => document.querySelectorAll('#article .sentence').length > 100, null, { timeout: 30000 });
}

/** Fills the textarea and clicks Analyze; resolves once a new analysis is rendered. */
export async function analyzeText(page, text) {
  const run = await runOf(page);
  await page.fill('#input', text);
  await page.click('#analyze');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r, run, { timeout: 30000 });
}

/** Puts a (long) text in the textarea as a paste would (fill() types it, far too slowly for 1 MB). */
export const paste = (page, text) => page.evaluate((t) => {
  const input = document.getElementById('input');
  input.value = t;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}, text);

/** data-topics of every rendered sentence. */
export const sentenceTopics = (page) =>
  page.locator('#article .sentence').evaluateAll((els) => els.map((e) => e.dataset.topics));

/** The text of a sentence element without its badges and screen-reader label. */
export const sentenceText = (page, selector) =>
  page.$eval(selector, (e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join(''));

/** The article's text as shown, without badges and screen-reader labels: the sentences and the text
 * between them, which must give back the input. */
export const articleText = (page) => page.$eval('#article', (a) => {
  let out = '';
  const walk = (n) => {
    for (const c of n.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) out += c.data;
      else if (!c.classList.contains('badges') && !c.classList.contains('visually-hidden')) walk(c);
    }
  };
  walk(a);
  return out;
});

export function assertClean(errors) {
  assert.deepEqual(errors, [], `page errors:\n${errors.join('\n')}`);
}
