// Fast paths for Analyzer.analyze, .segment and .summarize. The wasm module hands over typed
// arrays (layout in src/packed.rs) and the plain result objects are built here: several times
// faster than printing JSON in wasm and parsing it in JS, and no text crosses back, since every
// sentence and word is a slice of the caller's own string. `summarize` goes the other way:
// the sentences are packed here and cross as typed arrays. The results are identical to the
// module's own (JSON) methods, which tests/node/fastpath.test.mjs checks.

import { copySentences } from './guard.js';

const KINDS = ['term', 'word', 'pattern'];
const TOKENS = 2;
const NAMES_RESET = 4;

/** The string the offsets index, as the analyzer read it (a lone surrogate reads as U+FFFD). */
const wellFormed = (text) => (typeof text !== 'string' || text.isWellFormed() ? text : text.toWellFormed());

/** Sets `obj[key]`, also for a topic named `__proto__`. */
function put(obj, key, value) {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * Builds the analysis objects from the packed arrays of `__analyzePacked`. `base` is added to
 * every offset (a chunk of a longer text: `text` is the chunk, offsets are into the whole);
 * with `keepEvidence` false the sentences get no evidence, as with `{ evidence: false }`.
 * `names` is the list of names kept between calls of `__analyzePacked(text, options, names.length)`,
 * which sends only the names new to it (and flag NAMES_RESET when the list starts again).
 */
export function decodeAnalysis(text, [ints, floats, termsJson], base = 0, keepEvidence = true, names = undefined) {
  const src = wellFormed(text);
  let terms;
  if (names) {
    if ((ints[2] & NAMES_RESET) !== 0) names.length = 0;
    if (termsJson) for (const name of JSON.parse(termsJson)) names.push(name);
    terms = names;
  } else {
    terms = JSON.parse(termsJson);
  }
  const n = ints[0];
  const nt = ints[1];
  const topics = terms.slice(0, nt);
  const plainNames = !topics.includes('__proto__');
  const withTokens = (ints[2] & TOKENS) !== 0;
  const sentences = new Array(n);
  let i = 3;
  let f = 0;
  for (let k = 0; k < n; k++) {
    const start = ints[i];
    const end = ints[i + 1];
    const nl = ints[i + 2];
    i += 3;
    const labels = new Array(nl);
    for (let j = 0; j < nl; j++) labels[j] = topics[ints[i++]];
    const scores = {};
    if (plainNames) for (let t = 0; t < nt; t++) scores[topics[t]] = floats[f++];
    else for (let t = 0; t < nt; t++) put(scores, topics[t], floats[f++]);
    let ne = ints[i++];
    if (!keepEvidence) {
      i += 5 * ne;
      f += ne;
      ne = 0;
    }
    const evidence = new Array(ne);
    for (let j = 0; j < ne; j++, i += 5) {
      evidence[j] = {
        topic: topics[ints[i]],
        term: terms[ints[i + 1]],
        kind: KINDS[ints[i + 2]],
        weight: floats[f++],
        start: ints[i + 3] + base,
        end: ints[i + 4] + base,
      };
    }
    const sentence = { text: src.slice(start, end), start: start + base, end: end + base, topics: labels, scores, evidence };
    if (withTokens) {
      const nk = ints[i++];
      const tokens = new Array(nk);
      for (let j = 0; j < nk; j++, i += 2) tokens[j] = { word: src.slice(ints[i], ints[i + 1]), start: ints[i] + base, end: ints[i + 1] + base };
      sentence.tokens = tokens;
    }
    sentences[k] = sentence;
  }
  const summaries = new Array(nt);
  for (let t = 0; t < nt; t++) {
    const count = ints[i];
    const share = floats[f++];
    const nterms = ints[i + 1];
    i += 2;
    const topTerms = new Array(nterms);
    for (let j = 0; j < nterms; j++, i += 2) topTerms[j] = { term: terms[ints[i]], count: ints[i + 1], weight: floats[f++] };
    const ntop = ints[i++];
    const topSentences = Array.from(ints.subarray(i, i + ntop));
    i += ntop;
    summaries[t] = { topic: topics[t], count, share, topTerms, topSentences };
  }
  if (i !== ints.length || f !== floats.length) throw new Error('newslens: malformed packed analysis');
  return { sentences, summary: { sentences: n, topics: summaries } };
}

/** Build at most this many ms of result objects before the page gets a turn (input, painting). */
const DECODE_STEP_MS = 30;

/** Resolves after the event loop has handled what is waiting. A message, not a timer: timers in a
 * background tab are slowed to one a second. */
const yieldToEvents = () => new Promise((resolve) => {
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = () => { port1.close(); resolve(); };
  port2.postMessage(null);
});

/**
 * The analysis of `text` from a worker's packed chunks (js/worker.js: `{ chunks: [{ base, end,
 * packed }], summary }`), built a chunk at a time with the page getting a turn every DECODE_STEP_MS
 * (6 MB of results in one go blocked it ~0.4 s). Rejects with 'cancelled' if `signal` is aborted
 * meanwhile. (`stepMs` 0 yields before every chunk: for tests.)
 */
export async function decodeChunks(text, { chunks, summary }, keepEvidence = true, signal = undefined, stepMs = DECODE_STEP_MS) {
  const sentences = [];
  let since = performance.now();
  for (const { base, end, packed } of chunks) {
    if (performance.now() - since >= stepMs) {
      await yieldToEvents();
      if (signal?.aborted) throw new Error('cancelled');
      since = performance.now();
    }
    for (const s of decodeAnalysis(text.slice(base, end), packed, base, keepEvidence).sentences) sentences.push(s);
  }
  return { sentences, summary };
}

/** Builds the token objects from the UTF-16 spans of `__segmentPacked`. */
export function decodeTokens(text, spans) {
  const src = wellFormed(text);
  const tokens = new Array(spans.length / 2);
  for (let j = 0, i = 0; i < spans.length; j++, i += 2) tokens[j] = { word: src.slice(spans[i], spans[i + 1]), start: spans[i], end: spans[i + 1] };
  return tokens;
}

/** Distinct names in order of first use: `id(name)` is the index of `name` in `names`. */
function interner() {
  const index = new Map();
  const names = [];
  const id = (name) => {
    let i = index.get(name);
    if (i === undefined) {
      i = names.length;
      names.push(name);
      index.set(name, i);
    }
    return i;
  };
  return { names, id };
}

const isCount = (x) => Number.isSafeInteger(x) && x >= 0;
const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
const KIND_CODE = new Map(KINDS.map((k, i) => [k, i]));

/**
 * Packs analysed sentences for `__summarizePacked` (layout in src/packed.rs): labels and
 * evidence topics as indices into `topics` (other names are left out, as `summarize` ignores
 * them), each distinct term once. Returns null for anything not shaped like analysed sentences,
 * so the caller can take the module's own route, which says what is wrong.
 */
export function packSentences(sentences, topics) {
  if (!Array.isArray(sentences)) return null;
  const topicIndex = new Map(topics.map((t, i) => [t, i]));
  const terms = interner();
  const ints = [sentences.length];
  const floats = [];
  for (const s of sentences) {
    if (!isObject(s) || typeof s.text !== 'string' || !isCount(s.start) || !isCount(s.end)
      || !Array.isArray(s.topics) || !isObject(s.scores) || !Array.isArray(s.evidence)) return null;
    if (s.tokens != null) {
      if (!Array.isArray(s.tokens)) return null;
      for (const t of s.tokens) if (!isObject(t) || typeof t.word !== 'string' || !isCount(t.start) || !isCount(t.end)) return null;
    }
    const at = ints.length;
    ints.push(0);
    for (const name of s.topics) {
      if (typeof name !== 'string') return null;
      const t = topicIndex.get(name);
      if (t !== undefined) { ints.push(t); ints[at]++; }
    }
    for (const v of Object.values(s.scores)) if (typeof v !== 'number') return null;
    for (const name of topics) floats.push(Object.hasOwn(s.scores, name) ? s.scores[name] : 0);
    const ne = ints.length;
    ints.push(0);
    for (const e of s.evidence) {
      if (!isObject(e) || typeof e.term !== 'string' || typeof e.topic !== 'string' || typeof e.weight !== 'number'
        || !KIND_CODE.has(e.kind) || !isCount(e.start) || !isCount(e.end)) return null;
      const t = topicIndex.get(e.topic);
      if (t === undefined) continue;
      ints.push(t, terms.id(e.term), KIND_CODE.get(e.kind));
      floats.push(e.weight);
      ints[ne]++;
    }
  }
  return [Uint32Array.from(ints), Float64Array.from(floats), JSON.stringify(terms.names)];
}

/**
 * The packed `summarize` input of several packed analyses (the chunks of one text, in order,
 * from one analyzer), read straight from their arrays: the Web Worker sums up a long text this
 * way without building its sentence objects. Labels, scores and evidence are what the decoded
 * sentences would give `packSentences`.
 */
export function packedSummaryInput(parts) {
  const terms = interner();
  const ints = [0];
  const floats = [];
  for (const [pi, pf, termsJson] of parts) {
    const local = JSON.parse(termsJson);
    const global = new Array(local.length);
    const n = pi[0];
    const nt = pi[1];
    const withTokens = (pi[2] & TOKENS) !== 0;
    let i = 3;
    let f = 0;
    for (let k = 0; k < n; k++) {
      const nl = pi[i + 2];
      i += 3;
      ints.push(nl);
      for (let j = 0; j < nl; j++) ints.push(pi[i++]);
      for (let t = 0; t < nt; t++) floats.push(pf[f++]);
      const ne = pi[i++];
      ints.push(ne);
      for (let j = 0; j < ne; j++, i += 5) {
        const l = pi[i + 1];
        global[l] ??= terms.id(local[l]);
        ints.push(pi[i], global[l], pi[i + 2]);
        floats.push(pf[f++]);
      }
      if (withTokens) i += 1 + 2 * pi[i];
    }
    ints[0] += n;
  }
  return [Uint32Array.from(ints), Float64Array.from(floats), JSON.stringify(terms.names)];
}

const originals = new WeakMap();
const sentNames = new WeakMap();

/**
 * Replaces `analyze`, `segment` and `summarize` on the Analyzer class with the packed fast paths (same
 * arguments, errors and results); idempotent. Returns the module's own methods, for tests.
 */
export function installFastPaths(Analyzer) {
  const proto = Analyzer.prototype;
  if (!originals.has(proto)) {
    const own = { analyze: proto.analyze, segment: proto.segment, summarize: proto.summarize };
    originals.set(proto, own);
    const methods = {
      analyze(text, options) {
        // the names (topics, terms) this analyzer has sent so far: each call sends only new ones
        let names = sentNames.get(this);
        if (!names) sentNames.set(this, (names = []));
        // (the wasm side starts the list again if it does not have the length it expects)
        return decodeAnalysis(text, this.__analyzePacked(text, options, names.length), 0, true, names);
      },
      segment(text, options) {
        return decodeTokens(text, this.__segmentPacked(text, options));
      },
      summarize(sentences) {
        const packed = packSentences(sentences, this.topics);
        // (unpacked, they reach wasm as a copy made here: see guard.js)
        const input = packed ?? copySentences(sentences);
        // (a getter of the sentences may have freed it)
        if (!this.__wbg_ptr) throw new Error('Analyzer.summarize: this Analyzer was freed; create a new one');
        return packed ? this.__summarizePacked(...input) : own.summarize.call(this, input);
      },
    };
    for (const [name, value] of Object.entries(methods)) {
      Object.defineProperty(proto, name, { value, writable: true, configurable: true, enumerable: false });
    }
  }
  return originals.get(proto);
}
