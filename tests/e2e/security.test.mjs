// Safety: pasted text is only ever text (no HTML, no script runs); the page works under the dev
// server's strict CSP without a single violation; a clear message when WebAssembly is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { setup, ctx, openPage, loadSample, analyzeText, runOf, assertClean } from './helpers.mjs';

setup();

const www = new URL('../../www/', import.meta.url);
const XSS = '<img src=x onerror="window.__pwned=1">印尼政府宣布禁止社交媒体平台进行电商交易。' +
  '<script>window.__pwned=1</script>竞争对手Shopee和Lazada抢市场。<b onmouseover="window.__pwned=1">粗体</b>';

test('XSS: HTML and script in the input are shown as text and run nothing', async () => {
  const { page, errors, close } = await openPage();
  await analyzeText(page, XSS);
  const article = page.locator('#article');
  assert.equal(await page.locator('#article img, #article script, #article b').count(), 0, 'no elements from the input');
  const text = await article.textContent();
  assert.ok(text.includes('<img src=x onerror="window.__pwned=1">'), text);
  assert.ok(text.includes('<script>window.__pwned=1</script>'), text);
  // the details panel, the words, and a custom topic named like HTML are text too
  await page.locator('#article .sentence').first().click();
  assert.ok((await page.textContent('#details-text')).startsWith('<img src=x'));
  assert.equal(await page.locator('#details img, #details script').count(), 0);
  await page.click('#segment');
  assert.equal(await page.locator('#words img, #words script').count(), 0);
  await page.click('#custom summary');
  await page.fill('#topic-name', '<img/src=x/onerror=window.__pwned=1>');
  await page.fill('#topic-terms', '电商');
  const run = await runOf(page);
  await page.click('#topic-add');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r, run);
  assert.equal(await page.locator('main img').count(), 0);
  assert.ok((await page.textContent('#legend-list')).includes('<img/src=x/onerror=window.__pwned=1>'));
  await page.locator('#article .sentence').first().hover();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assertClean(errors);
  await close();
});

test('the page sources: no inline script or style, no innerHTML', () => {
  const html = readFileSync(new URL('index.html', www), 'utf8');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attributes');
  assert.doesNotMatch(html, /<style/i, 'no <style> elements');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    assert.match(m[1], /\bsrc=/, 'scripts load from files');
    assert.equal(m[2].trim(), '');
  }
  for (const f of readdirSync(www).filter((n) => n.endsWith('.js'))) {
    const src = readFileSync(new URL(f, www), 'utf8');
    assert.doesNotMatch(src, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|setAttribute\(\s*['"]style/, f);
  }
});

test('CSP: the whole page works under the strict policy without a violation', async () => {
  const { page, errors, close } = await openPage({ acceptDownloads: true });
  const res = await page.goto(ctx.base);
  const csp = res.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /style-src 'self'(;|$)/);
  await page.waitForFunction(() => !document.getElementById('analyze').disabled);
  await loadSample(page);
  await page.locator('#article .sentence[data-topics~="competition"]').first().click();
  await page.uncheck('#filter-2');
  await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  // the worker (module worker, wasm inside it) under worker-src 'self'
  await page.evaluate(() => {
    const input = document.getElementById('input');
    input.value = input.value.repeat(6);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.click('#analyze');
  await page.waitForFunction(() => /background worker/.test(document.getElementById('status').textContent), null, { timeout: 60000 });
  // bars are sized through the CSSOM (allowed), never style attributes
  assert.ok(await page.locator('#chart-list .fill').count() > 0);
  assertClean(errors);
  await close();
});

test('CSP check is live: an inline style attribute would be reported', async () => {
  // a control for the test above: the listener does see violations on this server
  const { page, errors, close } = await openPage();
  await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
  await page.waitForTimeout(200);
  assert.ok(errors.some((e) => /csp: style-src/.test(e)), errors.join('\n'));
  await close();
});

test('no WebAssembly: a clear message, buttons stay disabled, no errors', async () => {
  const { page, errors, close } = await openPage({ ready: false, init: () => { delete globalThis.WebAssembly; } });
  await page.locator('#fatal').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#fatal'), /WebAssembly/);
  assert.equal(await page.getAttribute('#fatal', 'role'), 'alert');
  assert.match(await page.textContent('#status'), /WebAssembly/);
  for (const id of ['analyze', 'load-sample', 'segment']) assert.equal(await page.$eval(`#${id}`, (b) => b.disabled), true);
  assertClean(errors);
  await close();
});

test('the module fails to load: the error is shown, not swallowed', async () => {
  const { page, errors, close } = await openPage({
    ready: false,
    beforeGoto: (p) => p.route('**/pkg/newslens_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not found' })),
  });
  await page.locator('#fatal').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#fatal'), /Loading the WebAssembly module failed/);
  assert.equal(await page.$eval('#analyze', (b) => b.disabled), true);
  // the only error is the browser's own note of the 404
  assert.ok(errors.every((e) => /Failed to load resource|404/.test(e)), errors.join('\n'));
  await close();
});
