// Custom topics: add a topic or terms for a default one, re-run, keep it in localStorage, reset;
// invalid input shows the Analyzer's own error and the page keeps working with the old topics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, loadSample, analyzeText, sentenceTopics, runOf, waitReady, assertClean } from './helpers.mjs';

setup();

async function addTopic(page, name, terms) {
  if (!(await page.$eval('#custom', (d) => d.open))) await page.click('#custom summary');
  await page.fill('#topic-name', name);
  await page.fill('#topic-terms', terms);
  const run = await runOf(page);
  await page.click('#topic-add');
  return run;
}

test('add a custom topic → its sentences get the label, legend and chart include it; kept after reload; reset', async () => {
  const { page, errors, close } = await openPage();
  await loadSample(page);
  const run = await addTopic(page, 'livestream', '直播\n带货\t2.5\n主播 2');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r, run);
  const labelled = page.locator('#article .sentence[data-topics~="livestream"]');
  assert.ok(await labelled.count() > 0, 'some sentence is labelled livestream');
  for (const text of await labelled.allTextContents()) assert.match(text, /直播|带货|主播/);
  assert.equal(Number(await page.textContent('#legend-list li[data-topic="livestream"] .count')), await labelled.count());
  assert.equal(await page.locator('#chart-list li[data-topic="livestream"]').count(), 1);
  // its own colour slot (3) and badge letter
  assert.equal(await labelled.first().locator('.badge').last().textContent(), 'L');
  assert.match(await labelled.first().locator('.badge').last().getAttribute('class'), /slot-3/);
  assert.equal(await page.inputValue('#topic-name'), '', 'the form is cleared');
  assert.match(await page.textContent('#custom-list'), /livestream.*3 terms/s);
  assert.match(await page.textContent('#status'), /sentences/);
  // stored, and used again after a reload
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('newslens.customTopics.v1')));
  assert.deepEqual(stored, [{ name: 'livestream', terms: ['直播', { term: '带货', weight: 2.5 }, { term: '主播', weight: 2 }] }]);
  await page.reload();
  await waitReady(page);
  await loadSample(page);
  assert.ok(await page.locator('#article .sentence[data-topics~="livestream"]').count() > 0, 'still there after reload');
  // reset: back to the three defaults, storage emptied
  const run2 = await runOf(page);
  await page.click('#custom summary');
  await page.click('#topic-reset');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r, run2);
  assert.equal(await page.locator('#article .sentence[data-topics~="livestream"]').count(), 0);
  assert.equal(await page.locator('#legend-list li[data-topic="livestream"]').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('newslens.customTopics.v1')), null);
  assert.match(await page.textContent('#status'), /sentences/);
  assertClean(errors);
  await close();
});

test('add terms to a default topic: a sentence becomes regulation', async () => {
  const { page, errors, close } = await openPage();
  await analyzeText(page, '马斯克对TikTok的吐槽:它们的AI在探测我的大脑。');
  assert.deepEqual(await sentenceTopics(page), ['']);
  const run = await addTopic(page, 'regulation', '吐槽 4');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r, run);
  assert.deepEqual(await sentenceTopics(page), ['regulation']);
  assert.deepEqual(await page.locator('#legend-list li').evaluateAll((lis) => lis.map((l) => l.dataset.topic)),
    ['regulation', 'competition', 'monetization', ''], 'no new topic, the default got the terms');
  assertClean(errors);
  await close();
});

test('invalid custom topic → the Analyzer\'s error is shown, the old topics keep working', async () => {
  const { page, errors, close } = await openPage();
  await analyzeText(page, '印尼政府宣布禁止社交媒体平台进行电商交易。');
  const run = await addTopic(page, 'broken', '补贴 100');
  const error = page.locator('#topic-error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.textContent(), /broken/, 'names the topic at fault');
  assert.match(await error.textContent(), /out of range/);
  assert.equal(await error.getAttribute('role'), 'alert');
  assert.equal(await runOf(page), run, 'no re-run');
  assert.equal(await page.inputValue('#topic-name'), 'broken', 'the input is kept for fixing');
  assert.equal(await page.evaluate(() => localStorage.getItem('newslens.customTopics.v1')), null, 'nothing stored');
  // no terms at all: also the Analyzer's message
  await page.fill('#topic-terms', '');
  await page.click('#topic-add');
  await page.waitForFunction(() => /no terms/.test(document.getElementById('topic-error').textContent));
  // a space in the name (data-topics is space-separated)
  await page.fill('#topic-name', 'two words');
  await page.fill('#topic-terms', '直播');
  await page.click('#topic-add');
  await page.waitForFunction(() => /space/.test(document.getElementById('topic-error').textContent));
  // analysis still works, with the default topics
  await analyzeText(page, '竞争对手Shopee和Lazada的GMV增长放缓。\n今天天气很好。');
  const topics = await sentenceTopics(page);
  assert.equal(topics.length, 2);
  assert.ok(topics[0].length > 0 && !topics[0].includes('broken'), topics[0]);
  assert.deepEqual(await page.locator('#legend-list li').evaluateAll((lis) => lis.map((l) => l.dataset.topic)),
    ['regulation', 'competition', 'monetization', '']);
  // a valid topic afterwards clears the error
  const run2 = await addTopic(page, 'weather', '很好'); // (jieba cuts 今天天气 as one word)
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r, run2);
  assert.equal(await error.isHidden(), true);
  assert.deepEqual(await sentenceTopics(page), [topics[0], 'weather']);
  assertClean(errors);
  await close();
});

test('custom topics apply to the background worker too (long texts)', async () => {
  const { page, errors, close } = await openPage();
  await loadSample(page);
  const run = await addTopic(page, 'livestream', '直播\n带货');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r, run);
  const perSample = await page.locator('#article .sentence[data-topics~="livestream"]').count();
  // six copies of the sample: > 50,000 characters, so the worker analyses it
  const run2 = await runOf(page);
  await page.evaluate(() => {
    const input = document.getElementById('input');
    input.value = input.value.repeat(6);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.click('#analyze');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) >= r + 1
    && document.getElementById('job').hidden && /background worker/.test(document.getElementById('status').textContent), run2, { timeout: 60000 });
  assert.equal(await page.locator('#article .sentence[data-topics~="livestream"]').count(), perSample * 6);
  assertClean(errors);
  await close();
});
