// createWorker (js/worker-client.js) against a stand-in Worker that answers like js/worker.js, so the
// client's side — decoding the packed chunks in steps, abort and terminate while it decodes — is
// tested without a browser (the e2e tests run the real worker in Chromium).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Analyzer } from '../../pkg/node.mjs';
import { createWorker } from '../../pkg/worker-client.js';
import { workerValue } from './worker-value.mjs';

const sample = readFileSync(new URL('../fixtures/sample-articles.txt', import.meta.url), 'utf8');
const analyzer = new Analyzer();

/** A Worker that answers 'init' and 'analyze' as js/worker.js does; `afterResult` runs right after
 * the result message has been handled; `decoded` counts the chunks the client has read of the
 * `chunks` sent. */
class StandInWorker {
  static afterResult = null;
  static last = null;
  static decoded = 0;
  static chunks = 0;
  constructor() {
    this.posted = [];
    StandInWorker.last = this;
    setTimeout(() => this.onmessage({ data: { type: 'ready' } }), 0);
  }
  postMessage(m) {
    this.posted.push(m);
    if (m.type === 'init') queueMicrotask(() => this.onmessage({ data: { id: m.id, type: 'result', value: {} } }));
    if (m.type === 'analyze') {
      setTimeout(() => {
        const value = workerValue(analyzer, m.text, 4096);
        StandInWorker.decoded = 0;
        StandInWorker.chunks = value.chunks.length;
        value.chunks = value.chunks.map(({ base, end, packed }) => ({
          base, end, get packed() { StandInWorker.decoded++; return packed; },
        }));
        this.onmessage({ data: { id: m.id, type: 'result', value } });
        StandInWorker.afterResult?.(this);
      }, 0);
    }
  }
  terminate() { this.terminated = true; }
}
globalThis.Worker = StandInWorker;

test('createWorker: the decoded result is analyze\'s', async () => {
  const lens = createWorker();
  await lens.ready;
  const text = sample.repeat(2);
  StandInWorker.afterResult = null;
  assert.deepEqual(await lens.analyze(text), analyzer.analyze(text));
  const lean = await lens.analyze(text, { evidence: false });
  assert.deepEqual(lean.sentences, analyzer.analyze(text, { evidence: false }).sentences);
  lens.terminate();
});

/** Analyses `text` through a new createWorker, aborted right after the result message: the promise
 * rejects, and the worker, done with that job, is not sent a 'cancel'. Returns the worker. */
async function abortedAfterResult(text) {
  const lens = createWorker();
  await lens.ready;
  const controller = new AbortController();
  StandInWorker.afterResult = () => controller.abort();
  await assert.rejects(lens.analyze(text, { signal: controller.signal }), { message: 'cancelled' });
  assert.deepEqual(StandInWorker.last.posted.map((m) => m.type), ['init', 'analyze']);
  return lens;
}

test('createWorker: an abort after the result arrived, while the objects are built, rejects at once', async () => {
  (await abortedAfterResult(sample.repeat(2))).terminate();
});

test('createWorker: an abort stops the decoding of a long text at its next step', async () => {
  // ~2 MB: its objects take several 30 ms steps to build
  const lens = await abortedAfterResult(sample.repeat(90));
  await new Promise((resolve) => setTimeout(resolve, 300)); // time for the rest, were it still going
  const { decoded, chunks } = StandInWorker;
  assert.ok(decoded > 0 && decoded < chunks, `decoded ${decoded} of ${chunks} chunks`);
  lens.terminate();
});

test('createWorker: terminate() while the objects are built rejects at once', async () => {
  const lens = createWorker();
  await lens.ready;
  StandInWorker.afterResult = () => lens.terminate();
  await assert.rejects(lens.analyze(sample.repeat(2)), { message: 'terminated' });
  assert.equal(StandInWorker.last.terminated, true);
});
