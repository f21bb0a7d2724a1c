// Makes use after free() a clear Error, and free() itself idempotent. wasm-bindgen's own message
// for both is "null pointer passed to rust", which tells a user nothing.
export function guardFreed(Analyzer) {
  const proto = Analyzer.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name === 'free' || name.startsWith('__')) continue;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    const wrap = (f) => function guarded(...args) {
      if (!this.__wbg_ptr) throw new Error(`Analyzer.${name}: this Analyzer was freed; create a new one`);
      return f.apply(this, args);
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
