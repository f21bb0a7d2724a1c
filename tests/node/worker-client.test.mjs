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
    structuredClone(m); // throws on what a real worker cannot be sent (functions, Proxies)
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

test('createWorker: what a worker cannot be sent, and bad options, reject at once; terminate() works after', async () => {
  const lens = createWorker();
  await lens.ready;
  await assert.rejects(lens.configure({ topics: [{ name: 'x', terms: ['a'], f() {} }] }),
    { message: /^configure: its arguments could not be sent to the worker, which takes plain data only/ });
  await assert.rejects(lens.analyze('x', 5), { message: 'analyze: options must be an object, got number' });
  await assert.rejects(lens.analyze('x', { signal: {} }), { message: 'analyze: options.signal must be an AbortSignal, got object' });
  await assert.rejects(lens.analyze('x', { onProgress: 'log' }), { message: 'analyze: options.onProgress must be a function, got string' });
  StandInWorker.afterResult = null;
  assert.deepEqual(await lens.analyze(sample, null), analyzer.analyze(sample));
  // only the calls that could be sent reached the worker
  assert.deepEqual(StandInWorker.last.posted.map((m) => m.type), ['init', 'analyze']);
  const pending = lens.analyze(sample);
  lens.terminate();
  await assert.rejects(pending, { message: 'terminated' });
});
