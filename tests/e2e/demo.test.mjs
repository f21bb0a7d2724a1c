// The demo page in headless Chromium (Debian's), driven by Playwright: load, type, analyse, read the
// highlighted article, the legend, chart, filter and sentence details; desktop screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, statSync } from 'node:fs';
import { Analyzer } from '../../pkg/node.mjs';
import { MARK_MIN } from '../../www/lib.js';
import {
  setup, openPage, shot, SAMPLE, TOPICS, loadSample, analyzeText, sentenceTopics, sentenceText, runOf, assertClean, waitReady, articleText,
} from './helpers.mjs';

export { CHROMIUM_ARGS } from './chromium.mjs';
setup();

// the same package in Node gives the expected analysis of the sample
const reference = new Analyzer().analyze(SAMPLE);

test('paste text, segment it, see the words', async () => {
  const { page, errors, close } = await openPage();
  await page.fill('#input', '我们中出了一个叛徒');
  await page.click('#segment');
  const words = await page.locator('#words li').allTextContents();
  assert.deepEqual(words, ['我们', '中出', '了', '一个', '叛徒']);
  await page.screenshot({ path: shot('segment.png'), fullPage: true });
  assertClean(errors);
  await close();
});

test('analyze labels sentences with data-topics', async () => {
  const { page, errors, close } = await openPage();
  await page.fill('#input', '印尼政府宣布禁止社交媒体平台进行电商交易。\n今天天气很好。');
  await page.click('#analyze');
  await page.waitForFunction(() => document.querySelectorAll('#article .sentence').length === 2);
  const topics = await sentenceTopics(page);
  assert.equal(topics.length, 2);
  assert.ok(topics[0].split(' ').includes('regulation'), topics[0]);
  assert.equal(topics[1], '');
  await page.screenshot({ path: shot('analyze.png'), fullPage: true });
  assertClean(errors);
  await close();
});

test('traditional Chinese and full-width letters: labelled like simplified ASCII, highlights and words in the text as pasted; screenshot', async () => {
  const { page, errors, close } = await openPage();
  const text = '香港證監會對該平台展開調查，並處以罰款。\nShopee與Lazada的市場份額之爭日益激烈，競爭對手紛紛降價搶奪用戶。\nＴｉｋＴｏｋ Ｓｈｏｐ的ＧＭＶ同比增长３０％。';
  await page.fill('#input', text);
  await page.click('#analyze');
  await page.waitForFunction(() => document.querySelectorAll('#article .sentence').length === 3);
  assert.deepEqual(await sentenceTopics(page), ['regulation', 'competition monetization', 'monetization']);
  const openMarks = async (i) => {
    await page.click(`#article .sentence[data-i="${i}"]`);
    await page.waitForSelector('#details-body', { state: 'visible' });
    const marks = await page.locator('#details-text mark').evaluateAll((ms) => ms.map((m) => ({
      start: Number(m.dataset.start), end: Number(m.dataset.end), term: m.dataset.term, text: m.textContent,
    })));
    for (const m of marks) assert.equal(m.text, text.slice(m.start, m.end), JSON.stringify(m));
    return marks;
  };
  // the lexicon's terms, found in the full-width text
  const wide = await openMarks(2);
  assert.ok(wide.some((m) => m.term === 'GMV' && m.text === 'ＧＭＶ'), JSON.stringify(wide));
  assert.ok((await page.locator('#details-words li').allTextContents()).includes('ＧＭＶ'));
  // and in the traditional text
  const marks = await openMarks(1);
  assert.ok(marks.some((m) => m.term === '竞争对手' && m.text === '競爭對手'), JSON.stringify(marks));
  const words = await page.locator('#details-words li').allTextContents();
  assert.ok(words.includes('競爭對手') && words.includes('降價'), words.join('/'));
  await page.screenshot({ path: shot('traditional.png'), fullPage: true });
  assertClean(errors);
  await close();
});

test('loading state: buttons disabled and a status while the module and dictionary load', async () => {
  let release;
  const gate = new Promise((r) => { release = r; });
  // the wasm is held back until release()
  const { page, errors, close } = await openPage({
    ready: false,
    beforeGoto: (p) => p.route('**/pkg/newslens_bg.wasm', async (route) => { await gate; await route.continue(); }),
  });
  for (const id of ['analyze', 'load-sample', 'segment', 'topic-add']) {
    assert.equal(await page.$eval(`#${id}`, (b) => b.disabled), true, `#${id} disabled while loading`);
  }
  assert.match(await page.textContent('#status'), /Loading/);
  assert.equal(await page.getAttribute('main', 'aria-busy'), 'true');
  assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');
  release();
  await waitReady(page);
  assert.match(await page.textContent('#status'), /Ready/);
  assert.equal(await page.getAttribute('main', 'aria-busy'), null);
  assert.equal(await page.$eval('#load-sample', (b) => b.disabled), false);
  assertClean(errors);
  await close();
});

test('Load sample: the article re-rendered, every topic present, data-topics as the package says', async () => {
  const { page, errors, close } = await openPage();
  await loadSample(page);
  assert.equal(await page.inputValue('#input'), SAMPLE);
  const topics = await sentenceTopics(page);
  assert.equal(topics.length, reference.sentences.length);
  assert.deepEqual(topics, reference.sentences.map((s) => s.topics.join(' ')));
  for (const t of TOPICS) assert.ok(await page.locator(`#article .sentence[data-topics~="${t}"]`).count() > 0, `a ${t} sentence`);
  assert.ok(topics.includes(''), 'some sentences have no topic (data-topics="")');
  // the text between sentences (blank lines, spaces) is kept: sentences and gaps give back the input
  assert.equal(await articleText(page), SAMPLE);
  assert.equal(await page.$eval('#article', (a) => getComputedStyle(a).whiteSpace), 'pre-wrap');
  // several blank lines (here "\n\n\u00a0\n\n" between the first two headlines) show as one: the first
  // three one-line sentences are as far apart as sentences one blank line apart
  assert.equal(SAMPLE.slice(reference.sentences[0].end, reference.sentences[1].start), '\n\n\u00a0\n\n');
  assert.equal(SAMPLE.slice(reference.sentences[1].end, reference.sentences[2].start), '\n\n');
  const tops = await page.$$eval('#article .sentence', (ss) => ss.slice(0, 3).map((x) => x.getBoundingClientRect().top));
  assert.ok(Math.abs((tops[1] - tops[0]) - (tops[2] - tops[1])) < 2, `sentence tops ${tops}`);
  // sentences are focusable buttons
  const first = page.locator('#article .sentence').first();
  assert.equal(await first.getAttribute('tabindex'), '0');
  assert.equal(await first.getAttribute('role'), 'button');
  assert.match(await page.textContent('#status'), new RegExp(`${reference.sentences.length} sentences`));
  assertClean(errors);
  await close();
});

test('multi-label sentences show every label: a badge and an underline band per topic', async () => {
  const { page, errors, close } = await openPage();
  await loadSample(page);
  const multi = page.locator('#article .sentence[data-topics*=" "]');
  assert.ok(await multi.count() > 0, 'the sample has multi-label sentences');
  const info = await multi.evaluateAll((els) => els.map((e) => {
    const cs = getComputedStyle(e);
    return {
      topics: e.dataset.topics.split(' '),
      badges: [...e.querySelectorAll('.badges .badge')].map((b) => b.title),
      bands: cs.backgroundImage.split(/,\s*(?![^()]*\))/).filter((l) => l.trim() !== 'none').length,
      sr: e.querySelector('.visually-hidden')?.textContent,
    };
  }));
  for (const s of info) {
    assert.deepEqual(s.badges, s.topics);
    assert.ok(s.bands >= s.topics.length, `one band per label: ${JSON.stringify(s)}`);
    for (const t of s.topics) assert.ok(s.sr.includes(t), 'screen readers hear the labels');
  }
  // distinct patterns: regulation solid, competition dashed, monetization dotted
  const pats = await page.evaluate(() => ['--pat-0', '--pat-1', '--pat-2'].map((v) => getComputedStyle(document.documentElement).getPropertyValue(v)));
  assert.match(pats[0], /^\s*linear-gradient/);
  assert.match(pats[1], /repeating-linear-gradient/);
  assert.match(pats[2], /repeating-linear-gradient/);
  assert.notEqual(pats[1], pats[2]);
  assertClean(errors);
  await close();
});

test('analysis as you type: debounced, one run after a pause, not one per key', async () => {
  const { page, errors, close } = await openPage();
  await page.click('#input');
  const before = await runOf(page);
  const t0 = Date.now();
  await page.keyboard.type('印尼政府宣布禁止社交媒体平台进行电商交易。', { delay: 40 });
  const typedFor = Date.now() - t0;
  assert.equal(await runOf(page), before, 'no analysis while typing');
  await page.waitForFunction((r) => Number(document.getElementById('article').dataset.run) > r, before, { timeout: 5000 });
  assert.ok(Date.now() - t0 >= typedFor + 250, 'the analysis waits for a pause');
  await page.waitForTimeout(400);
  assert.equal(await runOf(page), before + 1, 'exactly one analysis');
  assert.deepEqual(await sentenceTopics(page), ['regulation']);
  // clearing the text clears the result
  await page.fill('#input', '');
  await page.waitForFunction(() => document.querySelectorAll('#article .sentence').length === 0);
  // long texts wait for the Analyze button
  await page.fill('#input', '政府。'.repeat(8000));
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#article .sentence').count(), 0);
  assert.match(await page.textContent('#status'), /press Analyze/);
  assertClean(errors);
  await close();
});

test('legend counts equal the sentences of each topic; the chart shows the shares', async () => {
  const { page, errors, close } = await openPage();
  await loadSample(page);
  const total = await page.locator('#article .sentence').count();
  for (const t of TOPICS) {
    const shown = Number(await page.textContent(`#legend-list li[data-topic="${t}"] .count`));
    const actual = await page.locator(`#article .sentence[data-topics~="${t}"]`).count();
    assert.equal(shown, actual, t);
    assert.equal(shown, reference.summary.topics.find((s) => s.topic === t).count, t);
    const value = await page.textContent(`#chart-list li[data-topic="${t}"] .value`);
    assert.ok(value.includes(`${(actual / total * 100).toFixed(1)}%`), value);
    assert.ok(value.includes(`${actual} of ${total}`), value);
    const width = await page.$eval(`#chart-list li[data-topic="${t}"] .fill`, (f) => f.getBoundingClientRect().width / f.parentElement.getBoundingClientRect().width);
    assert.ok(Math.abs(width - actual / total) < 0.02, `${t} bar ${width}`);
  }
  const none = Number(await page.textContent('#legend-list li[data-topic=""] .count'));
  assert.equal(none, await page.locator('#article .sentence[data-topics=""]').count());
  assertClean(errors);
  await close();
});

test('filter: unchecked topics dim their sentences; checking them again restores', async () => {
  const { page, errors, close } = await openPage();
  await loadSample(page);
  assert.equal(await page.locator('#article .sentence.dimmed').count(), 0);
  // show only regulation
  for (const id of ['#filter-1', '#filter-2', '#filter-none']) await page.uncheck(id);
  await page.waitForTimeout(300); // the fade
  const rows = await page.locator('#article .sentence').evaluateAll((els) => els.map((e) => ({
    topics: e.dataset.topics.split(' ').filter(Boolean), dimmed: e.classList.contains('dimmed'), opacity: Number(getComputedStyle(e).opacity),
  })));
  for (const r of rows) {
    assert.equal(r.dimmed, !r.topics.includes('regulation'), JSON.stringify(r));
    if (r.dimmed) assert.ok(r.opacity < 0.5, 'dimmed sentences are faded');
    else assert.equal(r.opacity, 1);
  }
  assert.ok(rows.some((r) => r.dimmed) && rows.some((r) => !r.dimmed));
  // a multi-label regulation+competition sentence stays visible when only competition is on
  await page.check('#filter-1');
  await page.uncheck('#filter-0');
  const visible = await page.locator('#article .sentence:not(.dimmed)').evaluateAll((els) => els.map((e) => e.dataset.topics));
  assert.ok(visible.length > 0 && visible.every((t) => t.split(' ').includes('competition')));
  for (const id of ['#filter-0', '#filter-2', '#filter-none']) await page.check(id);
  assert.equal(await page.locator('#article .sentence.dimmed').count(), 0);
  assertClean(errors);
  await close();
});

test('details: click a sentence → scores, evidence highlighted at its offsets, evidence list, words', async () => {
  const { page, errors, close } = await openPage();
  await loadSample(page);
  // a labelled sentence with a lexicon term
  const i = reference.sentences.findIndex((s) => s.topics.length && s.evidence.some((e) => e.kind === 'term' && e.weight >= 1));
  const ref = reference.sentences[i];
  assert.equal(await page.isHidden('#details-body'), true);
  await page.click(`#article .sentence[data-i="${i}"]`);
  await page.waitForSelector('#details-body', { state: 'visible' });
  assert.equal(await page.getAttribute(`#article .sentence[data-i="${i}"]`, 'aria-current'), 'true');
  assert.match(await page.textContent('#details-meta'), new RegExp(`Sentence ${i + 1} of ${reference.sentences.length}`));
  // the sentence text, whole
  assert.equal(await page.textContent('#details-text'), ref.text);
  // scores: a number and a bar per topic
  for (const t of TOPICS) {
    const value = Number(await page.textContent(`#details-scores li[data-topic="${t}"] .value`));
    assert.ok(Math.abs(value - ref.scores[t]) < 0.006, `${t} ${value} vs ${ref.scores[t]}`);
    const width = await page.$eval(`#details-scores li[data-topic="${t}"] .fill`, (f) => parseFloat(f.style.width));
    assert.ok(Math.abs(width - ref.scores[t] * 100) < 0.06, `${t} bar ${width}%`);
    assert.equal(await page.$eval(`#details-scores li[data-topic="${t}"]`, (li) => li.classList.contains('on')), ref.topics.includes(t));
  }
  // every highlight is exactly the evidence occurrence: text.slice(start, end)
  const marks = await page.locator('#details-text mark').evaluateAll((ms) => ms.map((m) => ({
    start: Number(m.dataset.start), end: Number(m.dataset.end), term: m.dataset.term, text: m.textContent,
  })));
  assert.ok(marks.length > 0);
  for (const m of marks) {
    assert.equal(m.text, SAMPLE.slice(m.start, m.end), JSON.stringify(m));
    assert.ok(ref.evidence.some((e) => e.start === m.start && e.end === m.end && e.term === m.term), 'a mark is an evidence span');
  }
  const strongTerm = ref.evidence.find((e) => e.kind === 'term' && e.weight >= 1);
  const mark = marks.find((m) => m.start === strongTerm.start && m.end === strongTerm.end);
  assert.ok(mark, `the strongest term ${strongTerm.term} is highlighted`);
  assert.equal(mark.text.toLowerCase(), strongTerm.term.toLowerCase());
  assert.ok(marks.length <= new Set(ref.evidence.filter((e) => e.weight >= MARK_MIN).map((e) => `${e.start}:${e.end}`)).size);
  // the evidence list: term, topic, weight — every evidence of the sentence
  const rows = await page.locator('#details-evidence tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    term: tr.querySelector('.term').textContent, topic: tr.dataset.topic, weight: tr.querySelector('.num').textContent,
  })));
  assert.equal(rows.length, ref.evidence.length);
  const row = rows.find((r) => r.term === strongTerm.term && r.topic === strongTerm.topic);
  assert.equal(row.weight, `+${strongTerm.weight.toFixed(2)}`);
  // words
  const words = await page.locator('#details-words li').allTextContents();
  assert.equal(words.join(''), ref.text.replace(/\s+/g, ''));
  assert.ok(words.length > 3);
  // Close
  await page.click('#details-close');
  assert.equal(await page.isHidden('#details-body'), true);
  assert.equal(await page.locator('#article .sentence.selected').count(), 0);
  assertClean(errors);
  await close();
});

test('desktop screenshots: sample analysed, a multi-label sentence selected', async () => {
  const { page, errors, close } = await openPage({ viewport: { width: 1200, height: 900 } });
  await loadSample(page);
  // the first multi-label sentence with highlighted evidence
  const i = reference.sentences.findIndex((s) => s.topics.length >= 2);
  await page.locator(`#article .sentence[data-i="${i}"]`).click();
  await page.waitForSelector('#details-body', { state: 'visible' });
  await page.evaluate(() => document.activeElement.blur());
  await page.screenshot({ path: shot('demo.png'), fullPage: true });
  // the README's picture: the viewport, the page scrolled to the panels, the article to the sentence
  await page.evaluate((k) => {
    window.scrollTo(0, document.getElementById('summary').getBoundingClientRect().top + scrollY - 8);
    const article = document.getElementById('article');
    const s = article.querySelector(`.sentence[data-i="${k}"]`);
    article.scrollTop += s.getBoundingClientRect().top - article.getBoundingClientRect().top - 120;
  }, i);
  await page.screenshot({ path: shot('screenshot.png') });
  // the README's picture is refreshed on request only, so a test run leaves the tree clean
  if (process.env.UPDATE_SCREENSHOT) copyFileSync(shot('screenshot.png'), new URL('../../www/screenshot.png', import.meta.url));
  assert.ok(statSync(shot('screenshot.png')).size < 400_000, 'the README screenshot stays small');
  assertClean(errors);
  await close();
});
