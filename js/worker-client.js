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
    if (!job) return;
    if (data.type === 'progress') job.onProgress?.(data.done, data.total);
    else {
      pending.delete(data.id);
      if (data.type !== 'result') job.reject(new Error(data.message));
      else {
        try {
          job.resolve(job.decode ? job.decode(data.value) : data.value);
        } catch (e) {
          job.reject(e);
        }
      }
    }
  };
  worker.onerror = (e) => {
    const err = new Error(`newslens worker failed: ${e.message ?? 'unknown error'}`);
    for (const job of pending.values()) job.reject(err);
    pending.clear();
  };

  function call(message, { onProgress, signal, decode } = {}) {
    const id = next++;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('cancelled'));
      pending.set(id, { resolve, reject, onProgress, decode });
      // the promise rejects at once, whatever the worker is doing (its last chunk, the summary or
      // sending the result); the worker is told to stop and whatever it still sends is dropped
      signal?.addEventListener('abort', () => {
        if (!pending.delete(id)) return; // already settled
        reject(new Error('cancelled'));
        loaded.then(() => worker.postMessage({ type: 'cancel', target: id }));
      }, { once: true });
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
      call({ type: 'analyze', text, options }, { onProgress, signal, decode: (value) => decodeChunks(text, value, options.evidence !== false, signal) }),
    classify: (sentence) => call({ type: 'classify', sentence }),
    segment: (text, options) => call({ type: 'segment', text, options }),
    terminate() {
      worker.terminate();
      for (const job of pending.values()) job.reject(new Error('terminated'));
      pending.clear();
    },
  };
}
