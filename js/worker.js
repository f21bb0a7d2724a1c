// newslens/worker-script — runs an Analyzer inside a Web Worker. Started by `createWorker()`
// (newslens/worker); speaks a small postMessage protocol:
//   in:  { id, type: 'init', options } | { id, type: 'analyze', text, options } |
//        { id, type: 'classify', sentence } | { id, type: 'segment', text, options } |
//        { id, type: 'cancel', target }
//   out: { id, type: 'result', value } | { id, type: 'error', message } |
//        { id, type: 'progress', done, total }   (UTF-16 units of the text analysed so far)
// Long texts are analysed in chunks of whole sentences; between chunks the worker yields, so a
// 'cancel' message is seen and the job stops with the error 'cancelled'.
import { Analyzer } from './index.js';

/** Target chunk size in UTF-16 code units. */
const CHUNK = 64 * 1024;
let analyzer;
const running = new Set();
const cancelled = new Set();

const yieldToEvents = () => new Promise((resolve) => setTimeout(resolve, 0));

async function analyzeChunked(id, text, options = {}) {
  const spans = analyzer.splitSentences(text);
  const sentences = [];
  let i = 0;
  while (i < spans.length) {
    if (cancelled.delete(id)) throw new Error('cancelled');
    // a chunk of whole sentences, about CHUNK units long
    const first = spans[i].start;
    let j = i;
    while (j < spans.length && (j === i || spans[j].end - first <= CHUNK)) j++;
    const part = analyzer.analyze(text.slice(first, spans[j - 1].end), options);
    for (const s of part.sentences) {
      s.start += first;
      s.end += first;
      for (const e of s.evidence) { e.start += first; e.end += first; }
      if (s.tokens) for (const t of s.tokens) { t.start += first; t.end += first; }
      sentences.push(s);
    }
    i = j;
    postMessage({ id, type: 'progress', done: spans[j - 1].end, total: text.length });
    await yieldToEvents();
  }
  if (cancelled.delete(id)) throw new Error('cancelled');
  return { sentences, summary: analyzer.summarize(sentences) };
}

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    let value;
    switch (type) {
      case 'init':
        analyzer?.free();
        analyzer = new Analyzer(data.options);
        value = { topics: analyzer.topics };
        break;
      case 'cancel':
        if (running.has(data.target)) cancelled.add(data.target); // a finished job has nothing to stop
        return;
      case 'analyze':
        running.add(id);
        try {
          value = await analyzeChunked(id, data.text, data.options);
        } finally {
          running.delete(id);
          cancelled.delete(id);
        }
        break;
      case 'classify':
        value = analyzer.classify(data.sentence);
        break;
      case 'segment':
        value = analyzer.segment(data.text, data.options);
        break;
      default:
        throw new Error(`newslens worker: unknown message type ${JSON.stringify(type)}`);
    }
    postMessage({ id, type: 'result', value });
  } catch (e) {
    postMessage({ id, type: 'error', message: e?.message ?? String(e) });
  }
};
postMessage({ type: 'ready' });
