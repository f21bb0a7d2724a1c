// Keyboard alone, phone width, labels, landmarks, focus order, visible focus, live status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, shot, loadSample, assertClean } from './helpers.mjs';

setup();

/** Presses Tab until `predicate(activeElement)` holds (evaluated in the page); returns the number of presses. */
async function tabTo(page, predicate, max = 40) {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return n;
  }
  throw new Error(`not reached in ${max} Tabs`);
}

test('keyboard only: load the sample, Tab to a sentence, Enter opens its details, Escape closes', async () => {
  const { page, errors, close } = await openPage();
  // the first Tab shows the skip link
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await tabTo(page, () => document.activeElement.id === 'load-sample');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#article .sentence').length > 100);
  // the focus order: … Analyze, Segment, Custom topics, the filter boxes, Export, then the sentences
  const order = [];
  await tabTo(page, () => document.activeElement.classList.contains('sentence'));
  await page.keyboard.press('Shift+Tab');
  while (order.length < 20) {
    const id = await page.evaluate(() => document.activeElement.id || document.activeElement.tagName);
    order.unshift(id);
    if (id === 'load-sample') break;
    await page.keyboard.press('Shift+Tab');
  }
  assert.deepEqual(order, ['load-sample', 'analyze', 'segment', 'SUMMARY', 'filter-0', 'filter-1', 'filter-2', 'filter-none', 'export-json', 'export-csv']);
  // to the first sentence: focusing it shows its details; Escape closes them, Enter opens them again
  await tabTo(page, () => document.activeElement.classList.contains('sentence'));
  assert.equal(await page.evaluate(() => document.activeElement.dataset.i), '0');
  await page.waitForSelector('#details-body', { state: 'visible' });
  await page.keyboard.press('Escape');
  assert.equal(await page.isHidden('#details-body'), true);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#details-body', { state: 'visible' });
  assert.match(await page.textContent('#details-meta'), /Sentence 1 of/);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); // sentence 3
  await page.keyboard.press('Enter');
  assert.match(await page.textContent('#details-meta'), /Sentence 3 of/);
  assert.equal(await page.getAttribute('#article .sentence[data-i="2"]', 'aria-current'), 'true');
  // Space selects as well (and does not scroll)
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.match(await page.textContent('#details-meta'), /Sentence 4 of/);
  // visible focus: a solid outline of at least 2px
  const ring = await page.evaluate(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; });
  assert.equal(ring[0], 'solid');
  assert.ok(ring[1] >= 2);
  // Escape closes the details and leaves focus on the sentence
  await page.keyboard.press('Escape');
  assert.equal(await page.isHidden('#details-body'), true);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.i), '3');
  // the filter boxes toggle with Space
  await page.focus('#filter-0');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#filter-0'), false);
  assert.ok(await page.locator('#article .sentence.dimmed').count() > 0);
  assertClean(errors);
  await close();
});

test('labels, landmarks and a live status', async () => {
  const { page, errors, close } = await openPage();
  await loadSample(page);
  assert.equal(await page.locator('header').count(), 1);
  assert.equal(await page.locator('main').count(), 1);
  assert.equal(await page.locator('footer').count(), 1);
  assert.equal(await page.locator('aside#details').count(), 1);
  assert.equal(await page.locator('h1').count(), 1);
  // every form control has a label
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select, progress')]
    .filter((c) => !c.labels?.length && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby')).map((c) => c.id));
  assert.deepEqual(unlabelled, []);
  // every button has a name
  const nameless = await page.evaluate(() => [...document.querySelectorAll('button')]
    .filter((b) => !(b.textContent.trim() || b.getAttribute('aria-label'))).map((b) => b.id));
  assert.deepEqual(nameless, []);
  // sections are labelled by their headings
  for (const id of ['summary', 'result-section', 'details']) {
    const label = await page.$eval(`#${id}`, (s) => document.getElementById(s.getAttribute('aria-labelledby'))?.textContent);
    assert.ok(label, id);
  }
  assert.equal(await page.getAttribute('#status', 'role'), 'status');
  assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getAttribute('#article', 'lang'), 'zh-CN');
  // badges are hidden from screen readers; the topics are read as text instead
  const s = page.locator('#article .sentence[data-topics~="monetization"]').first();
  assert.equal(await s.locator('.badges').getAttribute('aria-hidden'), 'true');
  assert.match(await s.locator('.visually-hidden').textContent(), /monetization/);
  assertClean(errors);
  await close();
});

test('phone width (375 px): no sideways scrolling, details as a bottom sheet; screenshot', async () => {
  const { page, errors, close } = await openPage({ viewport: { width: 375, height: 812 } });
  await loadSample(page);
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `page ${widths[0]} px wide at ${widths[1]} px`);
  // every control fits
  const overflow = await page.evaluate(() => [...document.querySelectorAll('button, textarea, input, .panel')]
    .filter((e) => e.offsetParent && e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => e.id || e.className));
  assert.deepEqual(overflow, []);
  // one column: the topics panel is below the input
  const [input, summary] = await page.evaluate(() => ['#input', '#summary'].map((q) => document.querySelector(q).getBoundingClientRect()));
  assert.ok(summary.top > input.bottom);
  await page.screenshot({ path: shot('phone-top.png') });
  // tap a labelled sentence: the details sheet sits at the bottom of the screen
  const target = page.locator('#article .sentence[data-topics*=" "]').first();
  await target.scrollIntoViewIfNeeded();
  await target.click();
  await page.evaluate(() => {
    const s = document.querySelector('#article .sentence.selected');
    window.scrollBy(0, s.getBoundingClientRect().top - 90);
  });
  await page.waitForTimeout(100);
  const sheet = await page.$eval('#details', (d) => { const r = d.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, pos: getComputedStyle(d).position }; });
  assert.equal(sheet.pos, 'sticky');
  assert.ok(Math.abs(sheet.bottom - 812) < 2 && sheet.top > 812 * 0.45, JSON.stringify(sheet));
  await page.screenshot({ path: shot('phone.png') });
  assertClean(errors);
  await close();
});
