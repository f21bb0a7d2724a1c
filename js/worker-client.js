// newslens/worker — run the Analyzer in a Web Worker so the page stays responsive.
//
//   import { createWorker } from 'newslens/worker';
//   const lens = createWorker({ topics: [...] });         // options as for new Analyzer()
//   await lens.ready;
//   const analysis = await lens.analyze(text, { onProgress: (done, total) => ..., signal });
//   lens.terminate();
//
// Cancel with an AbortSignal: the promise rejects at once with an Error whose message is 'cancelled'.

import { decodeChunks } from './decode.js';

/** Starts a worker that builds an Analyzer with `options`. */
export function createWorker(options, { url = new URL('./worker.js', import.meta.url) } = {}) {
  const worker = new Worker(url, { type: 'module' });
  let next = 1;
  const pending = new Map();
  // messages wait until the worker's module (and the wasm) has loaded and it says so
  let started;
  const loaded = new Promise((resolve) => { started = resolve; });

  worker.onmessage = ({ data }) => {
    if (data.type === 'ready') return started();
    const job = pending.get(data.id);
    // (the worker sends nothing after a result; a job being decoded takes no more messages)
    if (!job || job.decoding) return;
    if (data.type === 'progress') job.onProgress?.(data.done, data.total);
    else if (data.type !== 'result') settle(data.id, () => job.reject(new Error(data.message)));
    else if (!job.decode) settle(data.id, () => job.resolve(data.value));
    else {
      // building the objects of a long text takes steps (js/decode.js decodeChunks); the job stays
      // pending meanwhile, so an abort or terminate() still rejects at once and stops the decoding
      job.decoding = true;
      job.decode(data.value, job.stop.signal).then(
        (value) => settle(data.id, () => job.resolve(value)),
        (e) => settle(data.id, () => job.reject(e)),
      );
    }
  };
  /** Removes job `id` (and its abort listener, which holds the job and its text) and settles it;
   * a job already gone (aborted, terminated) is left alone. */
  function settle(id, how) {
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    job.unlisten();
    how();
  }
  /** Rejects every pending job with `err` and stops any decoding. */
  function rejectAll(err) {
    for (const [id, job] of [...pending]) {
      job.stop.abort();
      settle(id, () => job.reject(err));
    }
  }
  // A failed worker never answers, so later calls reject too. (A script that cannot be loaded
  // gives an ErrorEvent without a message.)
  let failed = null;
  worker.onerror = (e) => {
    failed = new Error(`newslens worker failed: ${e.message || `could not run ${url}`}`);
    rejectAll(failed);
  };
  let terminated = false;

  function call(message, { onProgress, signal, decode } = {}) {
    const id = next++;
    return new Promise((resolve, reject) => {
      if (terminated) return reject(new Error('terminated'));
      if (failed) return reject(failed);
      if (signal?.aborted) return reject(new Error('cancelled'));
      // the promise rejects at once, whatever the worker is doing (its last chunk, the summary,
      // sending the result) or the objects being built here; the worker is told to stop, whatever it
      // still sends is dropped and the decoding stops at its next step
      const onAbort = () => {
        if (!pending.has(id)) return; // already settled
        const decoding = job.decoding;
        job.stop.abort();
        settle(id, () => reject(new Error('cancelled')));
        if (!decoding) loaded.then(() => worker.postMessage({ type: 'cancel', target: id }));
      };
      const job = {
        resolve, reject, onProgress, decode, stop: new AbortController(), decoding: false,
        unlisten: () => signal?.removeEventListener('abort', onAbort),
      };
      pending.set(id, job);
      signal?.addEventListener('abort', onAbort, { once: true });
      loaded.then(() => worker.postMessage({ ...message, id }));
    });
  }

  const ready = call({ type: 'init', options });
  return {
    /** Resolves with `{ topics }` once the Analyzer is built. */
    ready,
    /** Rebuilds the Analyzer with new options. */
    configure: (opts) => call({ type: 'init', options: opts }),
    /** Replaces the worker's model with an exported one (`Analyzer.exportModel()`), taught sentences included. */
    importModel: (json) => call({ type: 'importModel', json }),
    analyze: (text, { onProgress, signal, ...options } = {}) =>
      call({ type: 'analyze', text, options }, { onProgress, signal, decode: (value, stop) => decodeChunks(text, value, options.evidence !== false, stop) }),
    classify: (sentence) => call({ type: 'classify', sentence }),
    segment: (text, options) => call({ type: 'segment', text, options }),
    /** Stops the worker: pending calls and any later ones reject with Error('terminated'). */
    terminate() {
      terminated = true;
      worker.terminate();
      rejectAll(new Error('terminated'));
    },
  };
}
