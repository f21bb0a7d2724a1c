// Large inputs (~1 MB: the sample 45 times) run in the Web Worker with a progress bar and Cancel,
// and the page stays responsive meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../pkg/node.mjs';
import { setup, openPage, SAMPLE, runOf, sentenceTopics, analyzeText, paste, assertClean, loadSample, articleText } from './helpers.mjs';

/** Records in the page the longest gap between timer ticks on the main thread (`window.__maxGap`). */
const watchMainThread = (page) => page.evaluate(() => {
  window.__maxGap = 0;
  let last = performance.now();
  const tick = () => { const now = performance.now(); window.__maxGap = Math.max(window.__maxGap, now - last); last = now; window.__tick = setTimeout(tick, 16); };
  tick();
});

/** Counts in the page the tasks that added nodes to the article (`window.__appends`): one per render step. */
const countArticleSteps = (page) => page.evaluate(() => {
  window.__appends = 0;
  new MutationObserver((records) => { if (records.some((r) => r.addedNodes.length)) window.__appends++; })
    .observe(document.getElementById('article'), { childList: true, subtree: true });
});

setup();

const COPIES = 45;
const BIG = SAMPLE.repeat(COPIES);
const reference = new Analyzer().analyze(SAMPLE);
const perSample = reference.sentences.length;

test('~1 MB input: worker run, the progress bar moves, the result arrives', async () => {
  const { page, errors, close } = await openPage();
  // with sentences without a topic unchecked in the filter beforehand (dimmed as they are rendered)
  await loadSample(page);
  await page.uncheck('#filter-none');
  assert.ok(Buffer.byteLength(BIG) > 1_000_000, 'about a megabyte');
  await paste(page, BIG);
  assert.match(await page.textContent('#input-count'), /background/);
  const run = await runOf(page);
  // every value the progress bar takes, recorded in the page (polling could miss a fast run)
  await page.evaluate(() => {
    window.__progress = [];
    const bar = document.getElementById('progress');
    new MutationObserver(() => { if (bar.hasAttribute('value')) window.__progress.push(bar.value); })
      .observe(bar, { attributes: true, attributeFilter: ['value'] });
  });
  await page.click('#analyze');
  await page.locator('#job').waitFor({ state: 'visible' });
  assert.equal(await page.$eval('#analyze', (b) => b.disabled), true, 'Analyze waits while a run is going');
  assert.equal(await page.isVisible('#cancel'), true);
  await page.locator('#job').waitFor({ state: 'hidden', timeout: 60000 });
  const progress = await page.evaluate(() => window.__progress);
  const values = [...new Set(progress)].sort((a, b) => a - b);
  assert.ok(values.filter((v) => v > 0 && v < 1).length >= 2, `progress moved: ${values}`);
  assert.equal(progress.at(-1), 1, 'the bar ends full (the text ends in a line break no sentence holds)');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r
    && document.querySelectorAll('#article .sentence').length > 0, run, { timeout: 60000 });
  assert.equal(await page.locator('#article .sentence').count(), perSample * COPIES);
  assert.match(await page.textContent('#status'), /background worker/);
  const none = perSample * COPIES - reference.sentences.filter((s) => s.topics.length).length * COPIES;
  assert.equal(await page.locator('#article .sentence.dimmed').count(), none);
  assert.equal(await page.locator('#article .sentence.dimmed:not([data-topics=""])').count(), 0);
  assert.equal(await page.$eval('#article', (a) => a.dataset.dimmed), String(none));
  // results are right: the copies are labelled alike
  const topics = await sentenceTopics(page);
  assert.deepEqual(topics.slice(perSample * 7, perSample * 8), topics.slice(0, perSample));
  // and the text of a late sentence is at its offsets
  const last = page.locator('#article .sentence').last();
  await last.click();
  assert.equal(await page.textContent('#details-text'), reference.sentences.at(-1).text);
  assert.match(await page.textContent('#details-meta'), new RegExp(`Sentence ${(perSample * COPIES).toLocaleString('en-US')} of`));
  assert.equal(await page.$eval('#analyze', (b) => b.disabled), false);
  assertClean(errors);
  await close();
});

test('a 6 MB result arrives and renders in steps: the page never stalls for long, every sentence is there, the filter holds', async () => {
  const { page, errors, close } = await openPage();
  // sentences without a topic are dimmed from the start; regulation is unchecked while it renders
  await loadSample(page);
  await page.uncheck('#filter-none');
  const copies = COPIES * 6;
  await paste(page, SAMPLE.repeat(copies));
  const run = await runOf(page);
  await watchMainThread(page);
  await countArticleSteps(page);
  await page.click('#analyze');
  await page.waitForFunction(() => /^Rendering [\d,]+ sentences/.test(document.getElementById('status').textContent), null, { timeout: 120000 });
  await page.uncheck('#filter-0');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r, run, { timeout: 120000 });
  const { maxGap, appends } = await page.evaluate(() => ({ maxGap: window.__maxGap, appends: window.__appends }));
  // dimmed: exactly the sentences whose topics are all unchecked (none, or regulation alone)
  const filter = await page.evaluate(() => {
    const spans = [...document.querySelectorAll('#article .sentence')];
    const hiddenOnly = (s) => s.dataset.topics === '' || s.dataset.topics === 'regulation';
    return { wrong: spans.filter((s) => s.classList.contains('dimmed') !== hiddenOnly(s)).length,
      dimmed: spans.filter(hiddenOnly).length, said: Number(document.getElementById('article').dataset.dimmed) };
  });
  assert.equal(filter.wrong, 0, 'every sentence dimmed as the filter says');
  assert.ok(filter.dimmed > 0);
  assert.equal(filter.said, filter.dimmed);
  assert.equal(await page.locator('#article .sentence').count(), perSample * copies);
  assert.ok(appends > 1, `rendered in ${appends} step(s)`);
  // building the objects and the page in one go stalled this machine for ~1.4 s (decode ~0.4 s, render
  // ~1.1 s); in steps the longest stall is ~60 ms. The bound leaves room for a loaded 2-core CI machine.
  assert.ok(maxGap < 800, `longest main-thread stall while the result arrived: ${Math.round(maxGap)} ms`);
  assert.match(await page.textContent('#status'), new RegExp(`^${(perSample * copies).toLocaleString('en-US')} sentences, .* with a topic`));
  assert.equal(await page.$eval('#export-json', (b) => b.disabled), false);
  assertClean(errors);
  await close();
});

test('a long text without line breaks also renders in steps, in blocks of 600 sentences, its text unchanged', async () => {
  const { page, errors, close } = await openPage();
  const text = BIG.replace(/\n+/g, '');
  await paste(page, text);
  const run = await runOf(page);
  await countArticleSteps(page);
  await page.click('#analyze');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r, run, { timeout: 120000 });
  const n = new Analyzer().splitSentences(text).length;
  assert.equal(await page.locator('#article .sentence').count(), n);
  // one paragraph grown step by step was laid out again at every step (a 6 MB one took minutes)
  assert.equal(await page.locator('#article .chunk').count(), Math.ceil(n / 600));
  assert.equal(await articleText(page), text);
  const appends = await page.evaluate(() => window.__appends);
  assert.ok(appends >= Math.ceil(n / 2000), `${n} sentences added in ${appends} step(s)`);
  assertClean(errors);
  await close();
});

test('Cancel stops the worker run: status says cancelled, nothing rendered, the page works on', async () => {
  const { page, errors, close } = await openPage();
  await analyzeText(page, '印尼政府宣布禁止社交媒体平台进行电商交易。');
  const run = await runOf(page);
  await paste(page, BIG.repeat(4)); // long enough that the run is still going when Cancel is clicked
  await page.click('#analyze');
  await page.waitForFunction(() => document.getElementById('progress').value > 0, null, { timeout: 60000 });
  await page.click('#cancel');
  await page.waitForFunction(() => /cancelled/i.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  assert.equal(await page.isHidden('#job'), true, 'the progress bar goes away');
  await page.waitForTimeout(1500); // a late result must not show up
  assert.equal(await runOf(page), run, 'no render after the cancelled run');
  assert.deepEqual(await sentenceTopics(page), ['regulation'], 'the previous result is still shown');
  assert.match(await page.textContent('#status'), /cancelled/i);
  // and the next run works, in the same worker
  await paste(page, SAMPLE.repeat(6));
  await page.click('#analyze');
  await page.waitForFunction(() => document.querySelectorAll('#article .sentence').length > 1000, null, { timeout: 60000 });
  assert.equal(await page.locator('#article .sentence').count(), perSample * 6);
  assertClean(errors);
  await close();
});

test('the page stays responsive while the worker runs', async () => {
  const { page, errors, close } = await openPage();
  // Six times the ~1 MB text, so that the run outlasts the checks even on a fast machine; the run is
  // cancelled after them (the result arriving is the test above), so nothing this large is rendered.
  await paste(page, BIG.repeat(6));
  await watchMainThread(page);
  await page.click('#analyze');
  await page.waitForFunction(() => document.getElementById('progress').value > 0, null, { timeout: 60000 });
  // measure from here: the worker is running, the click handler has returned
  await page.evaluate(() => { window.__maxGap = 0; });
  // while it runs: scripts answer at once, typing works. Each probe reads, in one step, whether the
  // worker is still busy and the longest stall so far, so only readings taken during the run count.
  const probe = () => page.evaluate(() => ({ running: !document.getElementById('job').hidden, maxGap: window.__maxGap }));
  const latencies = [];
  let during = null;
  await page.click('#custom summary');
  for (const ch of 'typed') {
    const t0 = Date.now();
    const p = await probe();
    latencies.push(Date.now() - t0);
    if (!p.running) break;
    during = p;
    await page.locator('#topic-name').press(ch);
  }
  assert.ok(during && latencies.length === 5, 'the checks ran while the worker was busy');
  assert.equal(await page.inputValue('#topic-name'), 'typed', 'the keys typed during the run arrived');
  // bounds with room for a loaded 2-core CI machine; analysing and rendering 1 MB on the main thread
  // blocks it for longer than that
  assert.ok(Math.max(...latencies) < 500, `evaluate latencies ${latencies}`);
  assert.ok(during.maxGap < 500, `longest main-thread stall while the worker ran: ${Math.round(during.maxGap)} ms`);
  await page.click('#cancel');
  await page.waitForFunction(() => /cancelled/i.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  assertClean(errors);
  await close();
});
