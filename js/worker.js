// newslens/worker-script — runs an Analyzer inside a Web Worker. Started by `createWorker()`
// (newslens/worker); speaks a small postMessage protocol:
//   in:  { id, type: 'init', options, what } | { id, type: 'analyze', text, options } |
//        { id, type: 'classify', sentence } | { id, type: 'segment', text, options } |
//        { id, type: 'importModel', json } | { id, type: 'cancel', target }
//   out: { id, type: 'result', value } | { id, type: 'error', message } |
//        { id, type: 'progress', done, total }   (UTF-16 units of the text analysed so far; the
//        last has done === total, and a text of length 0 has none)
// ('init' names its caller in `what`, 'createWorker' or 'configure', for its errors.)
// Long texts are analysed in chunks of whole sentences; between chunks the worker yields, so a
// 'cancel' message is seen and the job stops with the error 'cancelled'.
// The value of 'analyze' is packed: `{ chunks: [{ base, end, packed: [ints, floats, terms] }],
// summary }`, each chunk the packed analysis (src/packed.rs) of `text.slice(base, end)`, its
// arrays transferred, not copied; the client decodes them (js/decode.js `decodeAnalysis` with
// `base`). Cloning 60,000 sentence objects instead cost the page seconds of its own thread.
import { Analyzer } from './index.js';
import { packedSummaryInput } from './decode.js';

/** Target chunk size in UTF-16 code units. */
const CHUNK = 64 * 1024;
let analyzer;
/** Why there is no Analyzer: the first 'init' failed (its options were invalid). */
let noAnalyzer = 'newslens worker: not initialised';
const running = new Set();
/** Analyzers replaced by 'init' while an analysis was using them. */
const retired = [];
const cancelled = new Set();

const yieldToEvents = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The worker's Analyzer; a clear Error if the first 'init' failed. */
function current() {
  if (!analyzer) throw new Error(noAnalyzer);
  return analyzer;
}

async function analyzeChunked(id, text, options = {}) {
  // (the same message as Analyzer.analyze, rather than splitSentences' below)
  const type = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (typeof text !== 'string') throw new Error(`analyze: text must be a string, got ${type(text)}`);
  const analyzer = current();
  // splitSentences takes four times Analyzer.maxTextLength; its error would name a method the
  // caller never called and suggest the worker they are using
  const max = 4 * Analyzer.maxTextLength;
  if (text.length > max) throw new Error(`analyze: text is ${text.length} UTF-16 code units long, over the Web Worker's limit of ${max}: pass it in parts (paragraphs)`);
  // then the options, as Analyzer.analyze checks them (also for a text with no sentence)
  analyzer.__analyzePacked('', options);
  const spans = analyzer.splitSentences(text);
  const chunks = [];
  // always with evidence: the summary is taken from it (as `analyze` does); the client drops
  // it when { evidence: false } was asked for
  const withEvidence = options?.evidence === false ? { ...options, evidence: true } : options;
  let i = 0;
  while (i < spans.length) {
    if (cancelled.delete(id)) throw new Error('cancelled');
    // a chunk of whole sentences, about CHUNK units long
    const first = spans[i].start;
    let j = i;
    while (j < spans.length && (j === i || spans[j].end - first <= CHUNK)) j++;
    const end = spans[j - 1].end;
    const [ints, floats, terms] = analyzer.__analyzePacked(text.slice(first, end), withEvidence);
    // copies: the views into wasm memory are only valid until the next call
    chunks.push({ base: first, end, packed: [ints.slice(), floats.slice(), terms] });
    i = j;
    // the last chunk reports the whole text done (it may end in spaces or line breaks that
    // belong to no sentence), so a bar reaches 100% and `done === total` marks the end
    postMessage({ id, type: 'progress', done: i === spans.length ? text.length : end, total: text.length });
    await yieldToEvents();
  }
  // a text of spaces and line breaks has no sentences, and no chunk reported it
  if (!spans.length && text.length) postMessage({ id, type: 'progress', done: text.length, total: text.length });
  if (cancelled.delete(id)) throw new Error('cancelled');
  const summary = analyzer.__summarizePacked(...packedSummaryInput(chunks.map((c) => c.packed)));
  return { chunks, summary };
}

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    let value;
    switch (type) {
      case 'init': {
        // built before the old one is freed: invalid options leave the worker as it was (as
        // Analyzer.configure does), and a first 'init' that fails is what later calls report
        let built;
        try {
          built = new Analyzer(data.options);
        } catch (e) {
          // named as the caller's method (createWorker or configure), not the worker's own call
          const message = String(e?.message ?? e).replace(/^new Analyzer: /, `${data.what ?? 'new Analyzer'}: `);
          if (!analyzer) noAnalyzer = `newslens worker: no Analyzer, its options were invalid: ${message}`;
          throw new Error(message);
        }
        // an analysis still running keeps the Analyzer it started with; it is freed when none is
        if (analyzer && running.size) retired.push(analyzer);
        else analyzer?.free();
        analyzer = built;
        postMessage({ id, type: 'result', value: { topics: analyzer.topics } });
        // jieba's dictionary otherwise loads as texts need it: load the rest now, off the page's
        // thread, rather than during the first long text (results are the same either way)
        analyzer.preload();
        return;
      }
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
          if (!running.size) for (const old of retired.splice(0)) old.free();
        }
        postMessage({ id, type: 'result', value }, value.chunks.flatMap((c) => [c.packed[0].buffer, c.packed[1].buffer]));
        return;
      case 'importModel':
        current().importModel(data.json);
        value = { topics: analyzer.topics };
        break;
      case 'classify':
        value = current().classify(data.sentence);
        break;
      case 'segment':
        value = current().segment(data.text, data.options);
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
