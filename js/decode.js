// Fast paths for Analyzer.analyze and Analyzer.segment. The wasm module hands over typed arrays
// (layout in src/packed.rs) and the plain result objects are built here: several times faster
// than printing JSON in wasm and parsing it in JS, and no text crosses back, since every
// sentence and word is a slice of the caller's own string. The results are identical to the
// module's own (JSON) methods, which tests/node/package.test.mjs checks.

const KINDS = ['term', 'word', 'pattern'];
const TOKENS = 2;

/** The string the offsets index, as the analyzer read it (a lone surrogate reads as U+FFFD). */
const wellFormed = (text) => (typeof text !== 'string' || text.isWellFormed() ? text : text.toWellFormed());

/** Sets `obj[key]`, also for a topic named `__proto__`. */
function put(obj, key, value) {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Builds the analysis objects from the packed arrays of `__analyzePacked`. */
export function decodeAnalysis(text, [ints, floats, termsJson]) {
  const src = wellFormed(text);
  const terms = JSON.parse(termsJson);
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
    const ne = ints[i++];
    const evidence = new Array(ne);
    for (let j = 0; j < ne; j++, i += 5) {
      evidence[j] = {
        topic: topics[ints[i]],
        term: terms[ints[i + 1]],
        kind: KINDS[ints[i + 2]],
        weight: floats[f++],
        start: ints[i + 3],
        end: ints[i + 4],
      };
    }
    const sentence = { text: src.slice(start, end), start, end, topics: labels, scores, evidence };
    if (withTokens) {
      const nk = ints[i++];
      const tokens = new Array(nk);
      for (let j = 0; j < nk; j++, i += 2) tokens[j] = { word: src.slice(ints[i], ints[i + 1]), start: ints[i], end: ints[i + 1] };
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

/** Builds the token objects from the UTF-16 spans of `__segmentPacked`. */
export function decodeTokens(text, spans) {
  const src = wellFormed(text);
  const tokens = new Array(spans.length / 2);
  for (let j = 0, i = 0; i < spans.length; j++, i += 2) tokens[j] = { word: src.slice(spans[i], spans[i + 1]), start: spans[i], end: spans[i + 1] };
  return tokens;
}

const originals = new WeakMap();

/**
 * Replaces `analyze` and `segment` on the Analyzer class with the packed fast paths (same
 * arguments, errors and results); idempotent. Returns the module's own methods, for tests.
 */
export function installFastPaths(Analyzer) {
  const proto = Analyzer.prototype;
  if (!originals.has(proto)) {
    originals.set(proto, { analyze: proto.analyze, segment: proto.segment });
    const methods = {
      analyze(text, options) {
        return decodeAnalysis(text, this.__analyzePacked(text, options));
      },
      segment(text, options) {
        return decodeTokens(text, this.__segmentPacked(text, options));
      },
    };
    for (const [name, value] of Object.entries(methods)) {
      Object.defineProperty(proto, name, { value, writable: true, configurable: true, enumerable: false });
    }
  }
  return originals.get(proto);
}
