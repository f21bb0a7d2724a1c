// The npm package as a user gets it: `npm pack`, install the tarball into a fresh project, then
// use it from Node (import and require), TypeScript, a browser <script type="module">, a Vite
// build, and a Web Worker. Run after `make pkg`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS } from '../e2e/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = join(root, 'tests/npm/tmp');
const app = join(tmp, 'app');
const bin = (name) => join(root, 'node_modules/.bin', name);
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: app, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...opts });
let browser, server, base, tarball;

before(async () => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  const packed = JSON.parse(run('npm', ['pack', join(root, 'pkg'), '--json', '--pack-destination', tmp]));
  tarball = packed[0];
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'newslens-user', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', join(tmp, tarball.filename)]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('the tarball holds the package and nothing else', () => {
  const files = tarball.files.map((f) => f.path).sort();
  for (const f of ['package.json', 'README.md', 'index.js', 'node.mjs', 'newslens.js', 'newslens.d.ts', 'newslens_bg.wasm',
    'worker.js', 'worker-client.js', 'worker-client.d.ts', 'guard.js']) assert.ok(files.includes(f), `missing ${f}`);
  assert.ok(!files.some((f) => f.endsWith('.rs') || f.startsWith('src/')), files.join(' '));
  assert.ok(files.includes('LICENSE'), 'the licence ships');
  // the README for package users: what it is and how to use it, not the project's own commands
  const readme = readFileSync(join(app, 'node_modules/newslens/README.md'), 'utf8');
  for (const h of ['## Quick start', '## API', '## Result shape', '## Speed and size']) assert.ok(readme.includes(h), h);
  assert.ok(!/make test|## Commands|screenshot\.png/.test(readme), 'no repository-only content');
});

test('Node: import with no init call', () => {
  const out = run('node', ['--input-type=module', '-e', `
    import { Analyzer, version } from 'newslens';
    const a = new Analyzer();
    const r = a.analyze('印尼政府宣布禁止社交媒体平台进行电商交易。');
    console.log(JSON.stringify({ v: version(), topics: r.sentences[0].topics }));`]);
  const { v, topics } = JSON.parse(out);
  assert.match(v, /^\d+\.\d+\.\d+$/);
  assert.ok(topics.includes('regulation'), out);
});

test('Node: require', () => {
  const out = run('node', ['-e', `
    const { Analyzer } = require('newslens');
    const a = new Analyzer();
    console.log(JSON.stringify(a.segment('我们中出了一个叛徒').map((t) => t.word)));
    a.free();
    try { a.segment('x'); } catch (e) { console.log(e.message); }`]);
  const [words, freed] = out.trim().split('\n');
  assert.deepEqual(JSON.parse(words), ['我们', '中出', '了', '一个', '叛徒']);
  assert.equal(freed, 'Analyzer.segment: this Analyzer was freed; create a new one');
});

test('TypeScript: the declarations type-check a usage file, and catch a misuse', () => {
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'esnext.disposable', 'dom'], skipLibCheck: false },
    files: ['usage.ts'],
  }));
  writeFileSync(join(app, 'usage.ts'), `
import { Analyzer, version, memoryBytes } from 'newslens';
import type { Analysis, Sentence, Classification, Evidence, Token, Topic, AnalyzerOptions, TopicConfig } from 'newslens';
import { createWorker } from 'newslens/worker';
import type { WorkerAnalyzer } from 'newslens/worker';
const topics: TopicConfig[] = [{ name: 'labor', terms: ['裁员', { term: '罢工', weight: 2 }], threshold: 0.6 }];
const options: AnalyzerOptions = { topics, words: ['抖品牌', { word: '货架电商', freq: 20000 }], threshold: 0.5 };
const a = new Analyzer(options);
const analysis: Analysis = a.analyze('text', { tokens: true });
const s: Sentence | undefined = analysis.sentences[0];
const first: Topic | undefined = s?.topics[0];
const score: number | undefined = s?.scores['regulation'];
const ev: Evidence[] = s?.evidence ?? [];
const toks: Token[] = a.segment('text', { mode: 'search', hmm: false });
const c: Classification = a.classify('sentence');
const labels: string[] = c.labels;
const n: number = a.addWord('抖品牌', 100, 'n') + analysis.summary.topics[0].count;
const v: string = version();
const bytes: number = memoryBytes();
let w: WorkerAnalyzer | undefined;
if (typeof Worker !== 'undefined') w = createWorker({ threshold: 0.4 });
// null is "absent", at runtime and in the types
const none = new Analyzer(null);
none.configure({ threshold: null, topics: [{ name: 'x', terms: ['y'], threshold: null, bias: null }], words: [{ word: '抖品牌', freq: null, tag: null }] });
none.analyze('text', null);
none.analyze('text', { tokens: null, evidence: null });
none.segment('text', { mode: null, hmm: null });
none.segment('text', null);
none.addWord('抖音电商', null, null);
if (w) void w.analyze('text', { onProgress: null, signal: null }).then(() => w?.segment('text', null));
none.free();
a.free();
export { first, score, ev, toks, labels, n, v, w, bytes };
`);
  run(bin('tsc'), ['-p', 'tsconfig.json']);
  // TypeScript's older "node10" resolution (no exports map) finds the subpaths' declarations too
  writeFileSync(join(app, 'tsconfig.node10.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'commonjs', moduleResolution: 'node10', target: 'es2022', lib: ['es2022', 'esnext.disposable', 'dom'], skipLibCheck: false },
    files: ['usage.ts'],
  }));
  run(bin('tsc'), ['-p', 'tsconfig.node10.json']);
  writeFileSync(join(app, 'usage.ts'), `import { Analyzer } from 'newslens';\nconst n: number = new Analyzer().analyze('x');\nexport { n };\n`);
  assert.throws(() => run(bin('tsc'), ['-p', 'tsconfig.json']), (e) => /TS2322/.test(e.stdout), 'a wrong type must not type-check');
});

async function servePage(dir) {
  server?.close();
  server = await serve(0, '127.0.0.1', [['/', dir]]);
  base = `http://127.0.0.1:${server.address().port}/`;
}

async function openAndWait(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  const result = await page.waitForFunction(() => window.result, null, { timeout: 60000 }).then((h) => h.jsonValue());
  await page.close();
  return { result, errors };
}

test('browser: <script type="module"> with an explicit init', async () => {
  mkdirSync(join(app, 'web'), { recursive: true });
  writeFileSync(join(app, 'web/index.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="main.js"></script>`);
  writeFileSync(join(app, 'web/main.js'), `
import init, { Analyzer } from '../node_modules/newslens/newslens.js';
await init();
const a = new Analyzer();
window.result = { words: a.segment('我们中出了一个叛徒').map((t) => t.word), labels: a.classify('监管部门对平台罚款。').labels };
`);
  await servePage(app);
  const { result, errors } = await openAndWait(`${base}web/index.html`);
  assert.deepEqual(result.words, ['我们', '中出', '了', '一个', '叛徒']);
  assert.ok(result.labels.includes('regulation'));
  assert.deepEqual(errors, []);
});

test('browser: a Web Worker with progress and cancellation', async () => {
  writeFileSync(join(app, 'web/worker.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="worker-main.js"></script>`);
  writeFileSync(join(app, 'web/worker-main.js'), `
import { createWorker } from '../node_modules/newslens/worker-client.js';
import { Analyzer } from '../node_modules/newslens/index.js';
const lens = createWorker();
await lens.ready;
const text = '印尼政府宣布禁止社交媒体平台进行电商交易。TikTok的GMV大幅下滑。\\n'.repeat(8000);
const progress = [];
const analysis = await lens.analyze(text, { onProgress: (done, total) => progress.push([done, total]) });
const sliced = analysis.sentences.every((s) => text.slice(s.start, s.end) === s.text);
// in chunks in the worker = in one call on this thread, words included
const mixed = \`\${text.slice(0, 150000)}𠮷野家👍🏽与Shopee竞争，佣金上调5%。\${text.slice(0, 100000)}\`;
const onThread = new Analyzer();
const same = JSON.stringify(await lens.analyze(mixed, { tokens: true })) === JSON.stringify(onThread.analyze(mixed, { tokens: true }))
  && JSON.stringify(await lens.analyze(mixed, { evidence: false })) === JSON.stringify(onThread.analyze(mixed, { evidence: false }));
const controller = new AbortController();
let cancelled = '';
const job = lens.analyze(text, { signal: controller.signal, onProgress: () => controller.abort() }).catch((e) => { cancelled = e.message; });
await job;
// cancelled after the last chunk (while the worker sums up and sends the result): still rejects,
// at once, and the late result is dropped
const late = new AbortController();
let lateCancel = '';
let lateMs = 0;
await lens.analyze(text, { signal: late.signal, onProgress: (done, total) => { if (done === total) { lateMs = performance.now(); late.abort(); } } })
  .then(() => { lateCancel = 'resolved'; }, (e) => { lateCancel = e.message; lateMs = performance.now() - lateMs; });
const after = await lens.classify('监管部门对平台罚款。');
lens.terminate();
// several Analyzers in several workers at once
const texts = ['监管部门对平台罚款。', 'TikTok超过Shopee成为第一。', '平台的广告收入大涨。'];
const many = await Promise.all(texts.map(async (t) => {
  const w = createWorker();
  const r = await w.analyze(t.repeat(2000));
  w.terminate();
  return [r.sentences.length, r.summary.topics.map((x) => x.count)];
}));
window.result = { n: analysis.sentences.length, count: analysis.summary.topics[0].count, progress, sliced, same, cancelled, lateCancel, lateMs, after: after.labels, many };
`);
  const { result, errors } = await openAndWait(`${base}web/worker.html`);
  assert.equal(result.n, 16000);
  assert.equal(result.count, 8000);
  assert.ok(result.progress.length > 2, `progress events: ${result.progress.length}`);
  assert.equal(result.progress.at(-1)[0], result.progress.at(-1)[1], 'last progress reaches the end of the text, its final line break included');
  assert.ok(result.sliced, 'offsets index the original text');
  assert.ok(result.same, 'the worker\'s analysis (chunked, packed, transferred) is the one-call analysis');
  assert.equal(result.cancelled, 'cancelled');
  assert.equal(result.lateCancel, 'cancelled', 'a cancel after the last chunk still cancels');
  assert.ok(result.lateMs < 500, `and rejects at once (${result.lateMs} ms), not when the worker is done`);
  assert.ok(result.after.includes('regulation'), 'the worker keeps working after a cancel');
  assert.deepEqual(result.many.map(([n]) => n), [2000, 2000, 2000]);
  assert.deepEqual(result.many.map(([, counts]) => counts.indexOf(2000)), [0, 1, 2], 'each worker labelled its own text');
  assert.deepEqual(errors, []);
});

test('browser: the worker after bad options, a bad argument, terminate() and a wrong url', async () => {
  writeFileSync(join(app, 'web/worker-errors.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="worker-errors.js"></script>`);
  writeFileSync(join(app, 'web/worker-errors.js'), `
import { createWorker } from '../node_modules/newslens/worker-client.js';
const message = (p) => p.then(() => 'resolved', (e) => e.message);
const lens = createWorker({ topics: [{ name: 'labor', terms: ['裁员'] }] });
await lens.ready;
const sentence = '监管部门处罚了拼多多，公司宣布裁员。';
const before = await lens.classify(sentence);
// invalid options: configure rejects, and the worker keeps its Analyzer
const badConfigure = await message(lens.configure({ topics: [{ name: 'x', terms: [] }] }));
const after = await lens.classify(sentence);
const analysed = (await lens.analyze(sentence)).sentences[0].topics;
const notText = await message(lens.analyze(123));
const reconfigured = (await lens.configure({ topics: [{ name: 'ads', terms: ['广告'] }] })).topics;
// configure while a long analysis runs: the analysis finishes with the Analyzer it started with
const long = '监管部门处罚了拼多多，公司宣布裁员。'.repeat(20000);
const running = lens.analyze(long);
const during = (await lens.configure({ topics: [{ name: 'strikes', terms: ['罢工'] }] })).topics;
const finished = await running.then((a) => a.sentences.length, (e) => e.message);
const afterwards = (await lens.classify('工人罢工。')).labels;
lens.terminate();
const afterTerminate = await Promise.race([message(lens.classify(sentence)), new Promise((r) => setTimeout(() => r('hung'), 5000))]);
// a first init that fails: it rejects, and so does every later call, saying why
const bad = createWorker({ threshold: 5 });
const badReady = await message(bad.ready);
const badAnalyze = await message(bad.analyze('x'));
bad.terminate();
const lost = createWorker({}, { url: new URL('./no-such-worker.js', import.meta.url) });
const lostReady = await Promise.race([message(lost.ready), new Promise((r) => setTimeout(() => r('hung'), 5000))]);
const lostLater = await Promise.race([message(lost.classify('x')), new Promise((r) => setTimeout(() => r('hung'), 5000))]);
lost.terminate();
window.result = { before, after, analysed, badConfigure, notText, reconfigured, during, finished, afterwards, afterTerminate, badReady, badAnalyze, lostReady, lostLater };
`);
  const { result, errors } = await openAndWait(`${base}web/worker-errors.html`);
  assert.match(result.badConfigure, /topic `x`: no terms/);
  assert.deepEqual(result.after, result.before, 'the worker kept its Analyzer');
  assert.ok(result.before.labels.includes('labor') && result.analysed.includes('labor'), JSON.stringify(result));
  assert.equal(result.notText, 'analyze: text must be a string, got number');
  assert.deepEqual(result.reconfigured, ['regulation', 'competition', 'monetization', 'ads']);
  assert.equal(result.afterTerminate, 'terminated');
  assert.match(result.badReady, /threshold/);
  assert.match(result.badAnalyze, /^newslens worker: no Analyzer, its options were invalid: .*threshold/);
  assert.match(result.lostReady, /^newslens worker failed: .*no-such-worker\.js/);
  assert.equal(result.lostLater, result.lostReady, 'a later call to a failed worker rejects too');
  assert.deepEqual(result.during, ['regulation', 'competition', 'monetization', 'strikes']);
  assert.equal(result.finished, 20000, 'the analysis running meanwhile finished');
  assert.ok(result.afterwards.includes('strikes'), JSON.stringify(result.afterwards));
  // (the browser logs the missing script itself)
  assert.deepEqual(errors.filter((e) => !/no-such-worker|404|Failed to load/.test(e)), []);
});

test('bundler: a Vite app that imports the package builds and runs', async () => {
  const dir = join(app, 'vite');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="./main.js"></script>`);
  writeFileSync(join(dir, 'main.js'), `
import { Analyzer, version, memoryBytes } from 'newslens';
const a = new Analyzer();
window.result = { version: version(), topics: a.analyze('TikTok超过Shopee成为印尼最大的电商平台。').sentences[0].topics };
`);
  const { build } = await import(join(root, 'node_modules/vite/dist/node/index.js'));
  await build({ root: dir, logLevel: 'error', build: { outDir: join(dir, 'dist'), emptyOutDir: true } });
  const assets = readFileSync(join(dir, 'dist/index.html'), 'utf8');
  assert.match(assets, /assets\/index-[\w-]+\.js/);
  await servePage(join(dir, 'dist'));
  const { result, errors } = await openAndWait(base);
  assert.match(result.version, /^\d+\.\d+\.\d+$/);
  assert.ok(result.topics.includes('competition'), JSON.stringify(result));
  assert.deepEqual(errors, []);
});
