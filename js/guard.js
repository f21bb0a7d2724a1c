// Makes use after free() a clear Error, and free() itself idempotent. wasm-bindgen's own message
// for both is "null pointer passed to rust", which tells a user nothing.
//
// Object arguments reach wasm as plain copies made here (own enumerable fields, arrays element by
// element): the caller's getters and Proxy traps run in JS, before wasm holds the Analyzer. One
// that throws while wasm reads it would leave the Analyzer borrowed, and `free()` failing.
// (`summarize` reads its sentences in JS already: see decode.js.)
export function guardFreed(Analyzer) {
  const proto = Analyzer.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name === 'free' || name.startsWith('__')) continue;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    const copy = name === 'summarize' ? (v) => v : plain;
    const wrap = (f) => function guarded(...args) {
      if (!this.__wbg_ptr) throw new Error(`Analyzer.${name}: this Analyzer was freed; create a new one`);
      return f.apply(this, args.map(copy));
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

/** `v` as plain data: objects with their own enumerable fields, arrays, and everything else as it is
 * (strings are not copied; wasm names a wrong type as before). */
export function plain(v) {
  if (v === null || typeof v !== 'object' || v instanceof String) return v;
  if (Array.isArray(v)) return Array.from(v, plain);
  const out = {};
  for (const k of Object.keys(v)) out[k] = plain(v[k]);
  return out;
}
