// createWorker (newslens/worker) used directly, as an app would, in Chromium with the real worker:
// arguments a worker cannot take reject the call (the job does not hang), options are checked as
// Analyzer.analyze checks them, errors name the caller's method, and progress ends at the total.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, assertClean } from './helpers.mjs';

setup();

test('createWorker: bad arguments reject clearly, the worker works on, progress ends at the total', { timeout: 60000 }, async () => {
  const { page, errors, close } = await openPage();
  const r = await page.evaluate(async () => {
    const { createWorker } = await import('/pkg/worker-client.js');
    const lens = createWorker();
    await lens.ready;
    /** The rejection message of `p`, or 'resolved' (a call that never settles fails the test by its timeout). */
    const outcome = (p) => p.then(() => 'resolved', (e) => (e instanceof Error ? e.message : `not an Error: ${e}`));
    const out = {};
    // a Proxy (a Vue reactive() object), a function: postMessage cannot clone them
    out.proxy = await outcome(lens.configure(new Proxy({ threshold: 0.3 }, {})));
    out.fn = await outcome(lens.configure({ topics: [{ name: 'x', terms: ['a'], f() {} }] }));
    out.analyzeFn = await outcome(lens.analyze(() => 1));
    // options as Analyzer.analyze takes them: null is none, a number is an Error
    out.nullOptions = (await lens.analyze('监管部门对平台罚款。', null)).sentences[0].topics;
    out.numberOptions = await outcome(lens.analyze('x', 5));
    out.signal = await outcome(lens.analyze('x', { signal: {} }));
    out.onProgress = await outcome(lens.analyze('x', { onProgress: 5 }));
    // a text with no sentence has its options checked all the same
    out.emptyBadOption = await outcome(lens.analyze('', { token: true }));
    // arrays are named as Analyzer.analyze names them
    out.arrayText = await outcome(lens.analyze(['a']));
    out.arrayOptions = await outcome(lens.analyze('x', []));
    out.blankBadOption = await outcome(lens.analyze('  ', { tokens: 'yes' }));
    out.configure = await outcome(lens.configure({ topic: [] }));
    // past the worker's limit (four times Analyzer.maxTextLength): its own analyze error
    out.huge = await outcome(lens.analyze('a'.repeat(16777217)));
    // progress: the last event reports the whole text, also when it ends in line breaks, and a text
    // of line breaks only gets one
    const events = async (text) => {
      const seen = [];
      await lens.analyze(text, { onProgress: (done, total) => seen.push([done, total]) });
      return seen;
    };
    const long = '监管部门对平台罚款。TikTok的GMV大涨。\n\n'.repeat(6000);
    out.longEvents = await events(long);
    out.longLength = long.length;
    out.blankEvents = await events('\n \n');
    out.emptyEvents = await events('');
    // after all that, the worker answers as before
    out.after = (await lens.classify('监管部门对平台罚款。')).labels;
    const pending = lens.analyze(long);
    lens.terminate();
    out.terminated = await outcome(pending);
    return out;
  });
  const unsendable = /: its arguments could not be sent to the worker, which takes plain data only \(no functions, Proxies or class instances\): .*could not be cloned/;
  assert.match(r.proxy, new RegExp(`^configure${unsendable.source}`));
  assert.match(r.fn, new RegExp(`^configure${unsendable.source}`));
  assert.match(r.analyzeFn, new RegExp(`^analyze${unsendable.source}`));
  assert.deepEqual(r.nullOptions, ['regulation']);
  assert.equal(r.numberOptions, 'analyze: options must be an object, got number');
  assert.equal(r.signal, 'analyze: options.signal must be an AbortSignal, got object');
  assert.equal(r.onProgress, 'analyze: options.onProgress must be a function, got number');
  assert.equal(r.emptyBadOption, 'analyze: options.token: unknown field `token`, expected one of `tokens`, `evidence`');
  assert.equal(r.blankBadOption, 'analyze: options.tokens must be a boolean, got string');
  assert.equal(r.arrayText, 'analyze: text must be a string, got array');
  assert.equal(r.arrayOptions, 'analyze: options must be an object, got array');
  assert.match(r.configure, /^configure: invalid options: topic: unknown field `topic`/);
  assert.equal(r.huge, 'analyze: text is 16777217 UTF-16 code units long, over the Web Worker\'s limit of 16777216: pass it in parts (paragraphs)');
  assert.ok(r.longEvents.length > 1, `${r.longEvents.length} progress events`);
  assert.deepEqual(r.longEvents.at(-1), [r.longLength, r.longLength], 'the last event reports the whole text');
  assert.ok(r.longEvents.every(([done], i) => i === 0 || done > r.longEvents[i - 1][0]), 'progress only moves forward');
  assert.deepEqual(r.blankEvents, [[3, 3]]);
  assert.deepEqual(r.emptyEvents, []);
  assert.deepEqual(r.after, ['regulation']);
  assert.equal(r.terminated, 'terminated');
  assertClean(errors);
  await close();
});
