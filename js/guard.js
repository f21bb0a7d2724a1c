// Makes use after free() a clear Error, and free() itself idempotent. wasm-bindgen's own message
// for both is "null pointer passed to rust", which tells a user nothing.
//
// Object arguments reach wasm as copies made here of the fields it reads (`ARGS`): the caller's
// getters and Proxy traps run in JS, before wasm holds the Analyzer. One that throws while wasm
// reads it would leave the Analyzer borrowed, and `free()` failing.
export function guardFreed(Analyzer) {
  const proto = Analyzer.prototype;
  // the module's own getter: a subclass's `topics` does not bound the labels
  const topicNames = Object.getOwnPropertyDescriptor(proto, 'topics').get;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name === 'free' || name.startsWith('__')) continue;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    const copies = ARGS[name] ?? [];
    const freed = () => new Error(`Analyzer.${name}: this Analyzer was freed; create a new one`);
    const wrap = (f) => function guarded(...args) {
      if (!this.__wbg_ptr) throw freed();
      // (the number of topics, read once and only if a list of labels needs it)
      let count;
      const topics = () => {
        if (!this.__wbg_ptr) throw freed();
        return (count ??= topicNames.call(this).length);
      };
      const copied = args.map((a, i) => (copies[i] ? copies[i](a, topics) : a));
      // (a getter may have freed it)
      if (!this.__wbg_ptr) throw freed();
      return f.apply(this, copied);
    };
    if (typeof d.value === 'function') d.value = wrap(d.value);
    if (d.get) d.get = wrap(d.get);
    Object.defineProperty(proto, name, d);
  }
  // free() twice (or free() and then the end of a `using` block) is a no-op, not wasm-bindgen's
  // "null pointer passed to rust"
  const freeNow = proto.free;
  const freeOnce = function free() {
    if (this.__wbg_ptr) freeNow.call(this);
  };
  Object.defineProperty(proto, 'free', { ...Object.getOwnPropertyDescriptor(proto, 'free'), value: freeOnce });
  if (typeof Symbol.dispose === 'symbol' && Object.hasOwn(proto, Symbol.dispose)) proto[Symbol.dispose] = freeOnce;
  return Analyzer;
}

/**
 * A copy of object `v` with the fields of `shape` (read as wasm reads them, getters on the prototype
 * included), each copied by its own function; for a `strict` shape (options), the other own keys too,
 * with no value, for wasm to name as misspelt. Anything not an object is passed on as it is, for wasm
 * to name.
 */
const object = (shape, strict = false) => (v, topics) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const entries = strict ? Object.keys(v).filter((k) => !Object.hasOwn(shape, k)).map((k) => [k, null]) : [];
  for (const [k, copy] of Object.entries(shape)) {
    const x = v[k];
    if (x !== undefined) entries.push([k, copy(x, topics)]);
  }
  // (fromEntries: a key `__proto__` stays a key)
  return Object.fromEntries(entries);
};
/** An array copied element by element, up to `max(topics)` long (`topics()` is the number of
 * topics); a longer one is passed as an empty array of its length, for wasm to refuse by its length
 * without reading it. */
const array = (item, max = () => Infinity) => (v, topics) => {
  // (wasm takes any iterable where it takes an array: a Set, a generator)
  if (!Array.isArray(v) && !(v !== null && typeof v === 'object' && typeof v[Symbol.iterator] === 'function' && !(v instanceof Map))) return v;
  const list = Array.isArray(v) ? v : Array.from(v);
  return list.length > max(topics) ? new Array(list.length) : Array.from(list, (x) => item(x, topics));
};
const value = (v) => v;
/** Any own fields, read once (the scores of a sentence). */
const record = (v) => (v === null || typeof v !== 'object' || Array.isArray(v) ? v : Object.fromEntries(Object.keys(v).map((k) => [k, v[k]])));
const labels = array(value, (topics) => topics());
// (16,777,216 units of text in all, each example at least one)
const examples = array(object({ text: value, labels }), () => 16777216);
// a term or word is a string or an object that wasm reads by its own fields (a Map as it is)
const entry = (v) => (v instanceof Map ? v : record(v));
const topicConfig = object({ name: value, terms: array(entry), threshold: value, bias: value }, true);
const analyzerOptions = object({ topics: array(topicConfig), replaceDefaults: value, threshold: value, words: array(entry) }, true);
/** Analysed sentences as `summarize` takes them (its fallback, when they cannot be packed: decode.js). */
export const copySentences = array(object({
  text: value, start: value, end: value, topics: array(value), scores: record,
  evidence: array(object({ topic: value, term: value, kind: value, weight: value, start: value, end: value })),
  tokens: array(object({ word: value, start: value, end: value })),
}));
/** The copy of each object argument, by method. */
const ARGS = {
  configure: [analyzerOptions],
  analyze: [null, object({ tokens: value, evidence: value }, true)],
  segment: [null, object({ mode: value, hmm: value }, true)],
  learn: [null, labels],
  train: [examples],
  crossValidate: [examples],
};
