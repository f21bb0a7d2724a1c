// Export: the analysis downloads as JSON and as CSV (Blob + a temporary <a download>).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCSV } from '../../www/lib.js';
import { setup, openPage, SAMPLE, TOPICS, loadSample, analyzeText, assertClean } from './helpers.mjs';

setup();

async function download(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  assert.equal(await dl.failure(), null);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

test('Export JSON: the text, topics, every sentence and the summary', async () => {
  const { page, errors, close } = await openPage({ acceptDownloads: true });
  assert.equal(await page.$eval('#export-json', (b) => b.disabled), true, 'nothing to export before an analysis');
  await loadSample(page);
  const { name, bytes } = await download(page, '#export-json');
  assert.equal(name, 'newslens-analysis.json');
  const doc = JSON.parse(bytes.toString('utf8'));
  assert.equal(doc.text, SAMPLE);
  assert.deepEqual(doc.topics, TOPICS);
  const rendered = await page.locator('#article .sentence').evaluateAll((els) => els.map((e) => e.dataset.topics));
  assert.equal(doc.sentences.length, rendered.length);
  assert.deepEqual(doc.sentences.map((s) => s.topics.join(' ')), rendered);
  for (const s of doc.sentences) {
    assert.equal(SAMPLE.slice(s.start, s.end), s.text);
    assert.deepEqual(Object.keys(s.scores), TOPICS);
    for (const e of s.evidence) assert.ok(e.start >= s.start && e.end <= s.end);
  }
  assert.equal(doc.summary.sentences, doc.sentences.length);
  assert.match(doc.version, /^\d+\.\d+\.\d+/);
  assert.match(await page.textContent('#status'), /Exported/);
  assertClean(errors);
  await close();
});

test('Export CSV: BOM, header, one quoted row per sentence', async () => {
  const { page, errors, close } = await openPage({ acceptDownloads: true });
  await loadSample(page);
  const { name, bytes } = await download(page, '#export-csv');
  assert.equal(name, 'newslens-sentences.csv');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
  const rows = parseCSV(bytes.toString('utf8'));
  const n = await page.locator('#article .sentence').count();
  assert.equal(rows.length, n + 1, 'a header and one row per sentence');
  assert.deepEqual(rows[0], ['index', 'start', 'end', 'topics', 'score_regulation', 'score_competition', 'score_monetization', 'text']);
  const topics = await page.locator('#article .sentence').evaluateAll((els) => els.map((e) => e.dataset.topics));
  rows.slice(1).forEach((r, i) => {
    assert.equal(r.length, 8, `row ${i} has 8 fields`);
    assert.equal(Number(r[0]), i);
    assert.equal(SAMPLE.slice(Number(r[1]), Number(r[2])), r[7], 'the text column is the sentence');
    assert.equal(r[3], topics[i]);
    for (const k of [4, 5, 6]) assert.ok(Number(r[k]) >= 0 && Number(r[k]) <= 1);
  });
  assert.ok(rows.slice(1).some((r) => r[7].includes(',')), 'the sample has ASCII commas inside sentences');
  assertClean(errors);
  await close();
});

test('Export CSV quotes double quotes, commas and line breaks (RFC 4180)', async () => {
  const { page, errors, close } = await openPage({ acceptDownloads: true });
  const text = '他说"你好,世界"然后离开。\n第二句, 有逗号。';
  await analyzeText(page, text);
  const { bytes } = await download(page, '#export-csv');
  const raw = bytes.toString('utf8');
  assert.ok(raw.includes('"他说""你好,世界""然后离开。"'), raw);
  assert.ok(raw.endsWith('\r\n'));
  const rows = parseCSV(raw);
  assert.equal(rows.length, 3);
  assert.equal(rows[1][7], '他说"你好,世界"然后离开。');
  assert.equal(rows[2][7], '第二句, 有逗号。');
  assertClean(errors);
  await close();
});
