// Makes use after free() a clear Error. wasm-bindgen's own message for it is
// "null pointer passed to rust", which tells a user nothing.
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
  return Analyzer;
}
