// Teaching: correct a sentence's topics in its details → the Analyzer learns (main thread) and the
// whole article is re-scored; taught count; Evaluate (k-fold cross-validation table); export/import
// of the model (newslens-model.json), a broken file's error; reset; kept in localStorage; custom topics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, openPage, shot, loadSample, analyzeText, sentenceTopics, runOf, waitReady, paste, assertClean, TOPICS } from './helpers.mjs';

setup();

const MODEL_KEY = 'newslens.model.v1';
const waitRun = (page, run) =>
  page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r, run, { timeout: 30000 });

async function select(page, i) {
  await page.click(`#article .sentence[data-i="${i}"]`);
  await page.waitForFunction((k) => /^Sentence (\d+)/.exec(document.getElementById('details-meta').textContent)?.[1] === String(k + 1), i);
}

/** Ticks exactly `labels` in the Teach group of sentence `i` and presses Teach; resolves once re-scored. */
async function teach(page, i, labels) {
  await select(page, i);
  for (const t of await page.locator('#teach-topics input').evaluateAll((bs) => bs.map((b) => b.dataset.topic))) {
    await page.setChecked(`#teach-topics input[data-topic="${t}"]`, labels.includes(t));
  }
  const run = await runOf(page);
  await page.click('#teach-apply');
  await waitRun(page, run);
}

const taughtCount = (page) => page.$eval('#teach-count', (e) => Number(e.dataset.count));
const storedModel = (page) => page.evaluate((k) => localStorage.getItem(k), MODEL_KEY);

/** Seven lines, six with an unusual name (蓝鲸计划) and no topic until taught. */
const WHALE = ['记者今天了解到蓝鲸计划的最新进展。', '蓝鲸计划在上海举行了发布会。', '很多网友都在讨论蓝鲸计划。',
  '蓝鲸计划又有了新消息。', '大家都很关心蓝鲸计划。', '蓝鲸计划的负责人接受了采访。', '今天天气很好。'];

async function importFile(page, name, content) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#teach-import')]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

test('teach one sentence competition (keyboard) → it is re-labelled, the selection and focus stay, count shown; kept after reload; reset', async () => {
  const { page, errors, close } = await openPage();
  await loadSample(page);
  const original = await sentenceTopics(page);
  const i = original.findIndex((t) => !t.split(' ').includes('competition'));
  assert.ok(i >= 0);
  await select(page, i);
  // the Teach group shows the sentence's current labels
  const boxes = await page.locator('#teach-topics input').evaluateAll((bs) => bs.map((b) => [b.dataset.topic, b.checked, b.labels[0].textContent]));
  assert.deepEqual(boxes.map((b) => b[0]), TOPICS);
  for (const [t, on, label] of boxes) {
    assert.equal(on, original[i].split(' ').includes(t), t);
    assert.match(label, new RegExp(t));
  }
  assert.match(await page.textContent('#teach-count'), /No taught sentences/);
  // keyboard: Space ticks competition, Tab to "Teach this sentence", Enter
  await page.focus('#teach-topics input[data-topic="competition"]');
  await page.keyboard.press('Space');
  while (await page.evaluate(() => document.activeElement.id) !== 'teach-apply') await page.keyboard.press('Tab');
  const run = await runOf(page);
  await page.keyboard.press('Enter');
  await waitRun(page, run);

  const after = await sentenceTopics(page);
  assert.ok(after[i].split(' ').includes('competition'), `sentence ${i} is now ${after[i]}`);
  assert.equal(after.length, original.length);
  // still selected, details of the same sentence, focus still on the button
  assert.equal(await page.getAttribute(`#article .sentence[data-i="${i}"]`, 'aria-current'), 'true');
  assert.match(await page.textContent('#details-meta'), new RegExp(`Sentence ${i + 1} of`));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'teach-apply');
  assert.equal(await page.isChecked('#teach-topics input[data-topic="competition"]'), true);
  assert.match(await page.textContent('#teach-state'), /You taught it as .*competition/);
  assert.equal(await page.$eval('#details-scores li[data-topic="competition"]', (li) => li.classList.contains('on')), true);
  // the learned words are evidence of kind 'word'
  const words = await page.locator('#details-evidence tbody tr[data-topic="competition"] .kind').allTextContents();
  assert.ok(words.some((k) => k.trim() === 'word'), 'learned words in the evidence');
  // count and message
  assert.equal(await taughtCount(page), 1);
  assert.match(await page.textContent('#teach-count'), /^1 taught sentence\.$/);
  assert.equal(await page.textContent('#teach-count-inline'), '1');
  assert.match(await page.textContent('#teach-note'), /Taught: sentence \d+ is .*competition.*Re-scored the article/);
  // stored: the exported model with the one example
  const stored = JSON.parse(await storedModel(page));
  assert.equal(stored.version, 2);
  assert.equal(stored.examples.length, 1);
  assert.ok(stored.examples[0].labels.includes('competition'));

  // a reload restores it
  await page.reload();
  await waitReady(page);
  assert.equal(await taughtCount(page), 1);
  assert.match(await page.textContent('#teach-note'), /Restored 1 taught sentence/);
  await loadSample(page);
  assert.deepEqual(await sentenceTopics(page), after, 'the same labels as before the reload');

  // reset: back to the original labels; storage emptied; still so after a reload
  const run2 = await runOf(page);
  await page.click('#teach-reset');
  await waitRun(page, run2);
  assert.deepEqual(await sentenceTopics(page), original);
  assert.equal(await taughtCount(page), 0);
  assert.match(await page.textContent('#teach-note'), /Forgot 1 taught sentence/);
  assert.equal(await storedModel(page), null);
  await page.reload();
  await waitReady(page);
  await loadSample(page);
  assert.deepEqual(await sentenceTopics(page), original);
  assert.equal(await taughtCount(page), 0);
  assertClean(errors);
  await close();
});

test('taught sentences generalise: four with an unusual word → two untaught ones with it become competition', async () => {
  const { page, errors, close } = await openPage();
  const text = WHALE.join('\n');
  await analyzeText(page, text);
  assert.deepEqual(await sentenceTopics(page), ['', '', '', '', '', '', '']);
  await select(page, 4);
  const score0 = Number(await page.textContent('#details-scores li[data-topic="competition"] .value'));
  for (const i of [0, 1, 2]) await teach(page, i, ['competition']);
  // three examples raise the score of an untaught sentence with the word
  await select(page, 4);
  const score3 = Number(await page.textContent('#details-scores li[data-topic="competition"] .value'));
  assert.ok(score3 > score0 + 0.15, `${score0} → ${score3}`);
  assert.ok(await page.locator('#details-evidence tbody tr[data-topic="competition"]', { hasText: '蓝鲸' }).count() > 0);
  await teach(page, 3, ['competition']);
  const topics = await sentenceTopics(page);
  assert.deepEqual(topics.slice(4), ['competition', 'competition', ''], 'untaught sentences with 蓝鲸计划 flip; the unrelated one does not');
  assert.equal(await taughtCount(page), 4);
  // teaching a sentence again replaces its labels (the count stays)
  await teach(page, 3, []);
  assert.equal(await taughtCount(page), 4);
  assert.match(await page.textContent('#teach-note'), /Taught again: sentence 4 is no topic/);
  assertClean(errors);
  await close();
});

test('taught sentences apply in the background worker too (long texts)', async () => {
  const { page, errors, close } = await openPage();
  const text = WHALE.map((line) => `${line}\n`).join(''); // one line each, so copies stay apart
  await analyzeText(page, text);
  for (const i of [0, 1, 2, 3]) await teach(page, i, ['competition']);
  const taughtTopics = await sentenceTopics(page);
  assert.deepEqual(taughtTopics.slice(4), ['competition', 'competition', ''], 'taught on the main thread');
  // long enough for the worker
  const limit = Number((await page.textContent('#worker-limit')).replace(/,/g, ''));
  assert.ok(limit > 1000, `worker limit ${limit}`);
  const copies = Math.ceil(limit / text.length) + 1;
  const run = await runOf(page);
  await paste(page, text.repeat(copies));
  await page.click('#analyze');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r
    && /background worker/.test(document.getElementById('status').textContent), run, { timeout: 60000 });
  const topics = await sentenceTopics(page);
  assert.equal(topics.length, 7 * copies);
  assert.deepEqual(topics.slice(0, 7), taughtTopics, 'the worker labels as the taught main thread does');
  assert.deepEqual(topics.slice(-7), taughtTopics);
  assert.doesNotMatch(await page.textContent('#status'), /not used/);
  assertClean(errors);
  await close();
});

test('Evaluate: a clear message under 2 taught sentences, then per-topic precision/recall/F1 and macro-F1; screenshot', async () => {
  const { page, errors, close } = await openPage();
  await loadSample(page);
  await page.click('#teach-evaluate');
  assert.match(await page.textContent('#teach-note'), /needs at least 2 taught sentences.*you have 0/);
  assert.equal(await page.isHidden('#eval'), true);
  const original = await sentenceTopics(page);
  await teach(page, original.findIndex((t) => t === ''), ['competition']);
  await page.click('#teach-evaluate');
  assert.match(await page.textContent('#teach-note'), /you have 1/);
  assert.equal(await page.isHidden('#eval'), true);
  // three more: one per topic, and one confirmed as it is
  const j = original.findIndex((t) => t === 'regulation');
  const k = original.findIndex((t) => t.includes('monetization'));
  const m = original.findIndex((t, n) => t.includes('competition') && n !== j && n !== k);
  await teach(page, j, ['regulation']);
  await teach(page, k, original[k].split(' '));
  await teach(page, m, ['competition', 'monetization']);
  assert.equal(await taughtCount(page), 4);
  await page.click('#teach-evaluate');
  await page.waitForSelector('#eval', { state: 'visible' });
  assert.match(await page.textContent('#eval-caption'), /4-fold cross-validation on your 4 taught sentences/);
  const rows = await page.locator('#eval-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    topic: tr.dataset.topic, cells: [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)) })));
  assert.deepEqual(rows.map((r) => r.topic), TOPICS);
  for (const { cells } of rows) {
    assert.equal(cells.length, 4);
    for (const v of cells.slice(0, 3)) assert.ok(v >= 0 && v <= 1, String(v));
  }
  const taught = [['competition'], ['regulation'], original[k].split(' '), ['competition', 'monetization']];
  const support = TOPICS.map((t) => taught.filter((labels) => labels.includes(t)).length);
  assert.deepEqual(rows.map((r) => r.cells[3]), support, 'support: taught sentences per topic');
  const macro = Number(await page.textContent('#eval-macro'));
  const mean = rows.reduce((a, r) => a + r.cells[2], 0) / rows.length;
  assert.ok(Math.abs(macro - mean) <= 0.011, `macro-F1 ${macro} vs mean F1 ${mean}`);
  assert.match(await page.textContent('#eval-table tfoot'), /Macro-F1/);
  assert.match(await page.textContent('#teach-note'), /macro-F1 \d\.\d\d/);
  // the screenshot: a taught sentence selected, its Teach group, and the evaluation
  await select(page, m);
  await page.evaluate(() => {
    document.querySelector('.bottom').scrollIntoView();
    document.getElementById('details').scrollTop = 0;
  });
  await page.waitForTimeout(150);
  await page.screenshot({ path: shot('teach.png') });
  await page.$eval('#details', (d) => { d.scrollTop = d.scrollHeight; });
  await page.waitForTimeout(100);
  await page.locator('#details').screenshot({ path: shot('teach-eval.png') });
  // a new taught sentence makes the old evaluation go
  await teach(page, 0, ['regulation']);
  assert.equal(await page.isHidden('#eval'), true);
  assertClean(errors);
  await close();
});

test('export the model (version 2) → import into a fresh page gives the same labels; a broken file shows its error and changes nothing', async () => {
  const a = await openPage({ acceptDownloads: true });
  await loadSample(a.page);
  const original = await sentenceTopics(a.page);
  const i = original.findIndex((t) => !t.includes('competition'));
  await teach(a.page, i, ['competition']);
  const taught = await sentenceTopics(a.page);
  assert.notDeepEqual(taught, original);
  const [dl] = await Promise.all([a.page.waitForEvent('download'), a.page.click('#teach-export')]);
  assert.equal(dl.suggestedFilename(), 'newslens-model.json');
  const json = readFileSync(await dl.path(), 'utf8');
  assert.ok(json.includes('"version":2'), json.slice(0, 80));
  const doc = JSON.parse(json);
  assert.equal(doc.format, 'newslens-model');
  assert.deepEqual(doc.examples.map((e) => e.labels), [['competition']]);
  assert.match(await a.page.textContent('#teach-note'), /Exported the model with 1 taught sentence/);
  assertClean(a.errors);
  await a.close();

  const { page, errors, close } = await openPage();
  await loadSample(page);
  assert.deepEqual(await sentenceTopics(page), original, 'a fresh page has the default labels');
  // a broken file (not JSON), then an unsupported version: the Analyzer's message, nothing changes
  for (const [name, content, message] of [
    ['broken.json', json.slice(0, 500), /not JSON/],
    ['future.json', JSON.stringify({ ...doc, version: 99 }), /version 99 is not supported/],
  ]) {
    const run = await runOf(page);
    await importFile(page, name, content);
    const error = page.locator('#teach-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), message);
    assert.match(await error.textContent(), new RegExp(`Could not import “${name}”: importModel: .*The current model is kept\\.`));
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.equal(await runOf(page), run, 'no re-run');
    assert.equal(await taughtCount(page), 0);
    assert.equal(await storedModel(page), null);
  }
  assert.deepEqual(await sentenceTopics(page), original);
  // the exported file: the same labels as the page it came from, the error goes
  const run = await runOf(page);
  await importFile(page, 'newslens-model.json', json);
  await waitRun(page, run);
  assert.deepEqual(await sentenceTopics(page), taught);
  assert.equal(await page.isHidden('#teach-error'), true);
  assert.equal(await taughtCount(page), 1);
  assert.match(await page.textContent('#teach-note'), /Imported “newslens-model.json”: 1 taught sentence\. Re-scored/);
  assert.equal(JSON.parse(await storedModel(page)).examples.length, 1);
  // a broken file now keeps the imported model, and the page keeps working
  await importFile(page, 'broken.json', '{"format":"newslens-model"');
  await page.locator('#teach-error').waitFor({ state: 'visible' });
  assert.equal(await taughtCount(page), 1);
  assert.deepEqual(await sentenceTopics(page), taught);
  const texts = await page.locator('#article .sentence').evaluateAll((els) =>
    els.map((e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join('')));
  await teach(page, original.findIndex((t, n) => t === '' && texts[n] !== texts[i]), ['monetization']);
  assert.equal(await taughtCount(page), 2);
  await analyzeText(page, '竞争对手Shopee和Lazada的GMV增长放缓。\n今天天气很好。');
  assert.equal((await sentenceTopics(page)).length, 2);
  assertClean(errors);
  await close();
});

test('custom topics: a change keeps the taught sentences (learned again); removing a topic drops those with it', async () => {
  const { page, errors, close } = await openPage();
  const text = '这位主播的直播间人气很高。\n两家外卖平台展开价格战。\n今天天气很好,很多市民在公园里散步聊天。';
  await analyzeText(page, text);
  await page.click('#custom summary');
  const addTopic = async (name, terms) => {
    await page.fill('#topic-name', name);
    await page.fill('#topic-terms', terms);
    const run = await runOf(page);
    await page.click('#topic-add');
    await waitRun(page, run);
  };
  await addTopic('livestream', '直播间');
  await teach(page, 0, ['livestream', 'monetization']);
  await teach(page, 2, ['regulation']);
  assert.equal(await taughtCount(page), 2);
  const taught = await sentenceTopics(page);
  assert.ok(taught[0].includes('monetization') && taught[2].includes('regulation'), taught.join(' | '));
  // another topic: both taught sentences stay and still count
  await addTopic('weather', '公园');
  assert.equal(await taughtCount(page), 2);
  assert.match(await page.textContent('#teach-note'), /Topics changed: your 2 taught sentences were learned again/);
  const withWeather = await sentenceTopics(page);
  assert.ok(withWeather[0].includes('monetization'), withWeather[0]);
  assert.ok(withWeather[2].includes('regulation'), withWeather[2]);
  // removing livestream drops the sentence taught with it
  const run = await runOf(page);
  await page.click('#custom-list button[aria-label="Remove livestream"]');
  await waitRun(page, run);
  assert.equal(await taughtCount(page), 1);
  assert.match(await page.textContent('#teach-note'), /1 taught sentence dropped: the topic livestream does not exist now\. The other taught sentence still applies\./);
  assert.deepEqual(JSON.parse(await storedModel(page)).examples.map((e) => e.labels), [['regulation']]);
  const dropped = await sentenceTopics(page);
  assert.ok(dropped[2].includes('regulation'), dropped[2]);
  // after a reload: the custom topic weather and the one taught sentence
  await page.reload();
  await waitReady(page);
  assert.equal(await taughtCount(page), 1);
  await analyzeText(page, text);
  assert.deepEqual(await sentenceTopics(page), dropped);
  assert.deepEqual(await page.locator('#legend-list li').evaluateAll((lis) => lis.map((l) => l.dataset.topic)), [...TOPICS, 'weather', '']);
  assertClean(errors);
  await close();
});
