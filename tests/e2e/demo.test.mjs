// The demo page in headless Chromium (Debian's), driven by Playwright: type, click, read, screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const shots = new URL('./screenshots/', import.meta.url);
let server, browser, base;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serve(0);
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => { await browser?.close(); server?.close(); });

async function openPage() {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(base);
  await page.waitForFunction(() => !document.getElementById('analyze').disabled, null, { timeout: 30000 });
  return { page, errors };
}

test('paste text, segment it, see the words', async () => {
  const { page, errors } = await openPage();
  await page.fill('#input', '我们中出了一个叛徒');
  await page.click('#segment');
  const words = await page.locator('#words li').allTextContents();
  assert.deepEqual(words, ['我们', '中出', '了', '一个', '叛徒']);
  await page.screenshot({ path: new URL('segment.png', shots).pathname, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('analyze labels sentences with data-topics', async () => {
  const { page, errors } = await openPage();
  await page.fill('#input', '印尼政府宣布禁止社交媒体平台进行电商交易。\n今天天气很好。');
  await page.click('#analyze');
  const topics = await page.locator('#article .sentence').evaluateAll((els) => els.map((e) => e.dataset.topics));
  assert.equal(topics.length, 2);
  assert.ok(topics[0].split(' ').includes('regulation'), topics[0]);
  assert.equal(topics[1], '');
  await page.screenshot({ path: new URL('analyze.png', shots).pathname, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
