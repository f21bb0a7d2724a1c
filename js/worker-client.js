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

  /** Sends `message` as job `what` (the method named in its errors). */
  function call(what, message, { onProgress, signal, decode } = {}) {
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
      loaded.then(() => {
        if (!pending.has(id)) return; // aborted or terminated meanwhile
        try {
          worker.postMessage({ ...message, id });
        } catch (e) {
          // a function, a Proxy (a Vue reactive() object) or a class instance cannot be cloned
          settle(id, () => reject(new Error(`${what}: its arguments could not be sent to the worker, which takes plain data only (no functions, Proxies or class instances): ${e?.message ?? e}`)));
        }
      });
    });
  }

  /** `options` of `analyze`: an object (or nothing), with `onProgress` a function and `signal` an
   * AbortSignal if given; else the Error to reject with, worded as Analyzer.analyze words it. */
  function analyzeOptions(opts) {
    if (opts === undefined || opts === null) return {};
    const type = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
    if (typeof opts !== 'object' || Array.isArray(opts)) return new Error(`analyze: options must be an object, got ${type(opts)}`);
    const { onProgress, signal } = opts;
    if (onProgress != null && typeof onProgress !== 'function') {
      return new Error(`analyze: options.onProgress must be a function, got ${type(onProgress)}`);
    }
    // (duck-typed: a signal of another realm or a polyfill is not an instance of this AbortSignal)
    if (signal != null && !(typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function')) {
      return new Error(`analyze: options.signal must be an AbortSignal, got ${type(signal)}`);
    }
    return opts;
  }

  const ready = call('createWorker', { type: 'init', options, what: 'createWorker' });
  return {
    /** Resolves with `{ topics }` once the Analyzer is built. */
    ready,
    /** Rebuilds the Analyzer with new options. */
    configure: (opts) => call('configure', { type: 'init', options: opts, what: 'configure' }),
    /** Replaces the worker's model with an exported one (`Analyzer.exportModel()`), taught sentences included. */
    importModel: (json) => call('importModel', { type: 'importModel', json }),
    analyze(text, opts) {
      const checked = analyzeOptions(opts);
      if (checked instanceof Error) return Promise.reject(checked);
      const { onProgress, signal, ...options } = checked;
      const decode = (value, stop) => decodeChunks(text, value, options.evidence !== false, stop);
      return call('analyze', { type: 'analyze', text, options }, { onProgress, signal, decode });
    },
    classify: (sentence) => call('classify', { type: 'classify', sentence }),
    segment: (text, options) => call('segment', { type: 'segment', text, options }),
    /** Stops the worker: pending calls and any later ones reject with Error('terminated'). */
    terminate() {
      terminated = true;
      worker.terminate();
      rejectAll(new Error('terminated'));
    },
  };
}
