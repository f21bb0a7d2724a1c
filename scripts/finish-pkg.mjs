// Turns wasm-pack's web-target output in pkg/ into one npm package for browsers, bundlers and
// Node: entry points, an exports map, package.json, README and licence.
import { readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';

const pkg = new URL('../pkg/', import.meta.url);
const root = new URL('../', import.meta.url);
const cargo = readFileSync(new URL('Cargo.toml', root), 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))?.[1];

// Browsers and bundlers: instantiate with top-level await, so importing is all a user does.
writeFileSync(new URL('index.js', pkg), `// Browsers and bundlers: the module is ready once this import resolves.
import init, { Analyzer, version } from './newslens.js';
import { guardFreed } from './guard.js';
import { installFastPaths } from './decode.js';

installFastPaths(Analyzer);
const wasm = await init({ module_or_path: new URL('./newslens_bg.wasm', import.meta.url) });
guardFreed(Analyzer);

/** Bytes of WebAssembly linear memory in use by the module (it grows, never shrinks). */
export const memoryBytes = () => wasm.memory.buffer.byteLength;
export { Analyzer, version, init };
export default init;
`);

// Node (ESM): synchronous instantiation from the file next to this one; no init call.
writeFileSync(new URL('node.mjs', pkg), `// Node.js (ESM): ready on import, no init call.
import { readFileSync } from 'node:fs';
import { initSync, Analyzer, version } from './newslens.js';
import { guardFreed } from './guard.js';
import { installFastPaths } from './decode.js';

installFastPaths(Analyzer);

const wasm = initSync({ module: readFileSync(new URL('./newslens_bg.wasm', import.meta.url)) });
guardFreed(Analyzer);

/** Bytes of WebAssembly linear memory in use by the module (it grows, never shrinks). */
export const memoryBytes = () => wasm.memory.buffer.byteLength;
/** Already initialised in Node; kept so code written for browsers runs unchanged. */
export default async function init() {}
export { Analyzer, version, init };
`);

// newslens/web: the raw glue (call init yourself), with the same fast paths and guard.
writeFileSync(new URL('web.js', pkg), `// newslens/web: the wasm-bindgen glue; call \`await init()\` (or initSync) before use.
import { Analyzer as Glue, version as glueVersion } from './newslens.js';
import { guardFreed } from './guard.js';
import { installFastPaths } from './decode.js';

installFastPaths(Glue);
guardFreed(Glue);

// Before init() the glue reads its wasm exports from \`undefined\`: a TypeError. That is said as
// what it means, if a call that takes no argument fails too (a TypeError thrown by the caller's
// own getter is passed on as it is).
const initialised = () => {
  try {
    return Glue.maxTextLength > 0;
  } catch {
    return false;
  }
};
const notInitialised = (e, what) =>
  e instanceof TypeError && !initialised()
    ? new Error(\`\${what}: the module is not initialised: call \\\`await init()\\\` (or initSync) from newslens/web first\`)
    : e;

/** The glue's Analyzer; before init() it says so, rather than "Cannot read properties of undefined". */
export class Analyzer extends Glue {
  constructor(options) {
    try {
      super(options);
    } catch (e) {
      throw notInitialised(e, 'new Analyzer');
    }
  }

  static get maxTextLength() {
    try {
      return super.maxTextLength;
    } catch (e) {
      throw notInitialised(e, 'Analyzer.maxTextLength');
    }
  }
}

/** The package version. */
export function version() {
  try {
    return glueVersion();
  } catch (e) {
    throw notInitialised(e, 'version');
  }
}
export * from './newslens.js';
export { default } from './newslens.js';
`);

// TypeScript: trailing `x: T | undefined` parameters become optional `x?: T`.
let types = readFileSync(new URL('newslens.d.ts', pkg), 'utf8');
for (let prev; prev !== types; ) {
  prev = types;
  types = types.replace(/(\w+): ([^,()]+?) \| undefined\)/g, '$1?: $2)').replace(/(\w+): ([^,()]+?) \| undefined, (\w+\?:)/g, '$1?: $2, $3');
}
writeFileSync(new URL('newslens.d.ts', pkg), types);

// Types of the entry points: the generated declarations plus what index.js and node.mjs add.
writeFileSync(new URL('index.d.ts', pkg), `export type * from './newslens.js';
export { Analyzer, version } from './newslens.js';
/** Initialises the module; already done on import of 'newslens', so calling it is optional. */
export default function init(): Promise<unknown>;
export { init };
/** Bytes of WebAssembly linear memory in use by the module (it grows, never shrinks). */
export function memoryBytes(): number;
`);

// The Web Worker wrapper.
for (const f of ['guard.js', 'decode.js', 'worker.js', 'worker-client.js', 'worker-client.d.ts']) copyFileSync(new URL(`js/${f}`, root), new URL(f, pkg));

const json = {
  name: 'newslens',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  type: 'module',
  main: './node.mjs',
  module: './index.js',
  types: './index.d.ts',
  exports: {
    '.': {
      types: './index.d.ts',
      node: './node.mjs',
      default: './index.js',
    },
    './web': { types: './newslens.d.ts', default: './web.js' },
    './worker': { types: './worker-client.d.ts', default: './worker-client.js' },
    './worker-script': './worker.js',
    './newslens_bg.wasm': './newslens_bg.wasm',
    './package.json': './package.json',
  },
  files: ['newslens.js', 'newslens.d.ts', 'index.d.ts', 'newslens_bg.wasm', 'newslens_bg.wasm.d.ts', 'index.js', 'node.mjs', 'web.js',
    'guard.js', 'decode.js', 'worker.js', 'worker-client.js', 'worker-client.d.ts', 'README.md', 'LICENSE'],
  // TypeScript's older "node10" resolution reads no exports map: the subpaths' declarations
  typesVersions: { '*': { worker: ['./worker-client.d.ts'], web: ['./newslens.d.ts'] } },
  sideEffects: ['./index.js', './node.mjs', './web.js'],
  // require('newslens') loads the ES module synchronously: require(esm) is on by default from Node 20.19
  engines: { node: '>=20.19' },
  keywords: ['chinese', 'nlp', 'jieba', 'wasm', 'news', 'classification', 'segmentation'],
};
writeFileSync(new URL('package.json', pkg), JSON.stringify(json, null, 2) + '\n');
writeFileSync(new URL('README.md', pkg), packageReadme(readFileSync(new URL('README.md', root), 'utf8')));
if (existsSync(new URL('LICENSE', root))) copyFileSync(new URL('LICENSE', root), new URL('LICENSE', pkg));
if (!types.includes('class Analyzer')) throw new Error('finish-pkg: newslens.d.ts does not declare Analyzer');
console.log(`finish-pkg: pkg/package.json written (newslens ${json.version})`);

/**
 * The package's README: the repository README's sections a user of the package reads (what it
 * is, quick start, API, results, how it classifies and how well, speed, robustness), without the
 * project's own commands, history and layout, and without the screenshot (a repository path).
 */
function packageReadme(readme) {
  const KEEP = ['Quick start', 'API', 'Result shape', 'How classification works', 'Speed and size', 'Robustness'];
  const sections = readme.split(/^(?=## )/m);
  const [intro, ...rest] = sections;
  const head = intro
    .replace(/```sh\n[^`]*make [^`]*```\n*/, '')
    .replace(/^!\[[^\]]*\]\([^)]*\)\n*/m, '');
  const speedEnd = /^Every throughput measure/m;
  const kept = rest.filter((s) => KEEP.includes(s.slice(3, s.indexOf('\n')).trim())).map((s) => {
    if (!s.startsWith('## Speed and size')) return s;
    // of "Speed and size", the tables (what was measured, and how), not the history after them
    if (!speedEnd.test(s)) throw new Error(`finish-pkg: README "Speed and size" has no line matching ${speedEnd}`);
    return s.split(speedEnd)[0];
  });
  if (kept.length !== KEEP.length) throw new Error(`finish-pkg: README sections missing: ${KEEP.join(', ')}`);
  // (sections added to the README later are left out until they are added to KEEP: say so)
  const left = rest.map((s) => s.slice(3, s.indexOf('\n')).trim()).filter((h) => !KEEP.includes(h));
  const KNOWN = ['Layout', 'Commands', 'Data'];
  const unknown = left.filter((h) => !KNOWN.includes(h));
  if (unknown.length) throw new Error(`finish-pkg: README sections neither kept nor known to be left out: ${unknown.join(', ')}`);
  return `${head.trimEnd()}\n\n${kept.join('').trimEnd()}\n\nLicence: MIT (see LICENSE).\n`;
}
