// Hostile and huge input from JS: wrong types, lone surrogates, 10 MB, use after free, many
// calls with flat memory. Each gives a correct result or a clear Error, and the Analyzer keeps
// working after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Analyzer, memoryBytes } from '../../pkg/node.mjs';

// a real collection before each heap reading, with or without --expose-gc on the command line
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const analyzer = new Analyzer();
const SENT = '印尼政府宣布禁止社交媒体平台进行电商交易,TikTok的GMV随之下滑。';

test('non-strings are rejected with the method, argument and type named', () => {
  const cases = [[undefined, 'undefined'], [null, 'null'], [42, 'number'], [{}, 'object'], [['a'], 'array'], [Symbol('s'), 'symbol'], [10n, 'bigint'], [() => 1, 'function']];
  for (const [value, type] of cases) {
    assert.throws(() => analyzer.analyze(value), { message: `analyze: text must be a string, got ${type}` });
    assert.throws(() => analyzer.segment(value), { message: `segment: text must be a string, got ${type}` });
    assert.throws(() => analyzer.classify(value), { message: `classify: sentence must be a string, got ${type}` });
    assert.throws(() => analyzer.splitSentences(value), { message: `splitSentences: text must be a string, got ${type}` });
  }
  assert.throws(() => analyzer.analyze('x', 5), { message: 'analyze: options must be an object, got number' });
  assert.throws(() => analyzer.analyze('x', []), { message: 'analyze: options must be an object, got array' });
  assert.throws(() => new Analyzer([]), { message: 'new Analyzer: options must be an object, got array' });
  assert.throws(() => analyzer.analyze('x', { tokens: 'yes' }), { message: 'analyze: options.tokens must be a boolean, got string' });
  assert.throws(() => analyzer.segment('x', { mode: 3 }), { message: 'segment: options.mode must be a string, got number' });
  assert.throws(() => analyzer.addWord('x', -1), { message: 'addWord: freq must be a positive integer up to 4294967295' });
  assert.throws(() => analyzer.addWord('x', 1e10), { message: 'addWord: freq must be a positive integer up to 4294967295' });
  // jieba's total frequency must stay within what WebAssembly's usize holds (else every cut changes)
  const words = analyzer.segment(SENT).map((t) => t.word);
  assert.throws(() => analyzer.addWord('测试词', 4294967295), /^Error: addWord: invalid dictionary entry: `测试词` with frequency 4294967295 would take the dictionary's total frequency to \d+, over 4294967295$/);
  assert.deepEqual(analyzer.segment(SENT).map((t) => t.word), words, 'nothing changed');
  assert.throws(() => analyzer.addWord(''), /addWord: invalid dictionary entry: word is empty/);
  assert.ok(analyzer.classify(SENT).labels.includes('regulation'), 'still works');
});

test('lone surrogates: offsets still index the caller\'s string', () => {
  const text = `\uD800${SENT}\uDC00${SENT}\uD83D`;
  const a = analyzer.analyze(text, { tokens: true });
  assert.ok(a.sentences.length >= 2);
  for (const s of a.sentences) {
    // a lone surrogate is one UTF-16 unit, replaced by U+FFFD (also one unit) inside the analyzer
    assert.equal(text.slice(s.start, s.end).replace(/[\uD800-\uDFFF]/g, '\uFFFD'), s.text);
    for (const t of s.tokens) assert.equal(text.slice(t.start, t.end).replace(/[\uD800-\uDFFF]/g, '\uFFFD'), t.word);
  }
  const seg = analyzer.segment(text);
  assert.equal(seg.at(-1).end, text.length);
});

test('a 10 MB input completes with exact offsets', () => {
  const text = `${SENT}\n`.repeat(Math.ceil(10e6 / Buffer.byteLength(`${SENT}\n`)));
  const t0 = performance.now();
  const a = analyzer.analyze(text);
  const secs = (performance.now() - t0) / 1e3;
  console.log(`# 10 MB (${Buffer.byteLength(text)} bytes): ${a.sentences.length} sentences in ${secs.toFixed(2)} s, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  assert.equal(a.sentences.length, text.split('\n').length - 1);
  const last = a.sentences.at(-1);
  assert.equal(text.slice(last.start, last.end), last.text);
  assert.equal(a.summary.topics[0].count, a.sentences.length);
});

test('pathological runs: no punctuation, only terminators, control characters', () => {
  for (const text of ['字'.repeat(100000), '。'.repeat(10000), '\u0000\u0001\r\n\u202e\u200d👨‍👩‍👧‍👦'.repeat(1000), 'a\u0301'.repeat(20000)]) {
    const a = analyzer.analyze(text);
    let pos = 0;
    for (const s of a.sentences) {
      assert.equal(text.slice(s.start, s.end), s.text);
      assert.ok(text.slice(pos, s.start).trim() === '');
      pos = s.end;
    }
  }
});

test('use after free is a clear Error', () => {
  const a = new Analyzer();
  a.free();
  assert.throws(() => a.analyze('x'), { message: 'Analyzer.analyze: this Analyzer was freed; create a new one' });
  assert.throws(() => a.topics, { message: 'Analyzer.topics: this Analyzer was freed; create a new one' });
  // freeing again, or the end of a `using` block after free(), is a no-op
  a.free();
  a[Symbol.dispose]();
  const b = new Analyzer();
  b[Symbol.dispose]();
  b.free();
  assert.throws(() => b.classify('x'), /this Analyzer was freed/);
});

test('a wrong option says where it is: misspelt keys, terms, words and arguments of the wrong shape', () => {
  const cases = [
    [{ topic: [] }, 'topic: unknown field `topic`, expected one of `replaceDefaults`, `threshold`, `topics`, `words`'],
    [{ topics: [{ name: 'a', terms: ['x'], treshold: 0.2 }] }, 'topics[0].treshold: unknown field `treshold`, expected one of `name`, `terms`, `threshold`, `bias`'],
    [{ topics: [{ name: 'a', terms: ['x'] }, { name: 'b', terms: ['y', { term: 'z' }] }] }, 'topics[1].terms[1]: a term must be a string or { term: string, weight: number }'],
    [{ topics: [{ name: 'a', terms: [{ term: 'z', weight: 1, wieght: 2 }] }] }, 'topics[0].terms[0].wieght: unknown field `wieght`, expected one of `term`, `weight`'],
    [{ topics: [{ name: 'a', terms: [{ term: 'z', weight: '2' }] }] }, 'topics[0].terms[0].weight: must be a number, got string'],
    [{ topics: [{ name: 'a', terms: [{ term: 5, weight: 2 }] }] }, 'topics[0].terms[0].term: must be a string, got number'],
    [{ words: ['a', { word: 'b', tag: 5 }] }, 'words[1].tag: must be a string, got number'],
    [{ words: [{ word: ['b'] }] }, 'words[0].word: must be a string, got array'],
    [{ words: [{ word: 'b', freq: '9' }] }, 'words[0].freq: must be a number, got string'],
    [{ topics: [{ name: 5, terms: [] }] }, 'topics[0].name: invalid type: number `5`, expected a string'],
    [{ topics: [{ name: 'a', terms: [], threshold: 0.5 }], replaceDefaults: 1 }, 'replaceDefaults: invalid type: number `1`, expected a boolean'],
    [{ words: ['a', { word: 'b', freq: -1 }] }, 'words[1]: a word must be a string or { word: string, freq?: integer ≥ 1, tag?: string }'],
    [{ topics: [{ terms: ['x'] }] }, 'topics[0]: missing field `name`'],
    [{ topics: { name: 'a' } }, 'topics: must be an array, got object'],
    [{ topics: [{ name: 'a', terms: 'x' }] }, 'topics[0].terms: must be an array, got string'],
    [{ threshold: 'x' }, 'threshold: invalid type: string "x", expected a number'],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => new Analyzer(options), { message: `new Analyzer: invalid options: ${message}` }, JSON.stringify(options));
  }
  // keys set to undefined are as if absent
  assert.deepEqual(new Analyzer({ threshold: undefined, topics: undefined }).topics, ['regulation', 'competition', 'monetization']);
  const a = new Analyzer();
  assert.throws(() => a.configure({ topics: [{ name: 'a', terms: ['x'], colour: 'red' }] }), { message: 'configure: invalid options: topics[0].colour: unknown field `colour`, expected one of `name`, `terms`, `threshold`, `bias`' });
  // analyze and segment options set to null or undefined are as if absent too
  assert.deepEqual(a.analyze(SENT, { evidence: null, tokens: undefined }), a.analyze(SENT));
  assert.deepEqual(a.segment(SENT, { mode: null, hmm: null }), a.segment(SENT));
  assert.throws(() => a.analyze('x', { token: true }), { message: 'analyze: options.token: unknown field `token`, expected one of `tokens`, `evidence`' });
  assert.throws(() => a.segment('x', { HMM: false }), { message: 'segment: options.HMM: unknown field `HMM`, expected one of `mode`, `hmm`' });
  assert.throws(() => a.summarize('x'), { message: 'summarize: sentences must be an array of analysed sentences, got string' });
  assert.throws(() => a.train([{ text: 'x', labels: [] }, { text: 'y' }]), { message: 'train: examples[1].labels must be an array of topic names, got undefined' });
  // summarize's sentences are analyze's: a wrong one is named in JS's words, not Rust's
  const sentence = a.analyze(SENT).sentences[0];
  assert.throws(() => a.summarize([{ ...sentence, evidence: 5 }]), { message: 'summarize: sentences[0].evidence: invalid type: number' });
  assert.throws(() => a.summarize([sentence, 5]), { message: 'summarize: sentences[1]: invalid type: number `5`, expected an object' });
  assert.throws(() => a.summarize([{ ...sentence, start: 'x' }]), { message: 'summarize: sentences[0].start: invalid type: string "x", expected an integer ≥ 0' });
  assert.throws(() => a.crossValidate({}, 2), { message: 'crossValidate: examples must be an array of { text, labels }, got object' });
  // a dictionary word is named by its place in the list; frequency 0 (never cut whole) is refused
  // by the options as by addWord
  assert.throws(() => new Analyzer({ words: ['a', 'b', 'c', ''] }), { message: 'new Analyzer: invalid dictionary entry: words[3]: word is empty' });
  assert.throws(() => new Analyzer({ words: [{ word: '零频词', freq: 0 }] }), { message: 'new Analyzer: invalid dictionary entry: words[0]: `零频词`: freq must be a positive integer (a word of frequency 0 is never cut whole)' });
  assert.throws(() => a.configure({ words: ['甲乙', { word: '零频词', freq: 0 }] }), /^Error: configure: invalid dictionary entry: words\[1\]: `零频词`: freq must be a positive integer/);
  assert.throws(() => a.addWord('零频词', 0), /addWord: freq must be a positive integer/);
  // the nth term of a topic is terms[n - 1], as in every other path
  assert.throws(() => new Analyzer({ topics: [{ name: 'x', terms: ['a', ''] }] }), { message: 'new Analyzer: invalid config: topic `x`: terms[1]: term is empty' });
  a.free();
});

test('a text over the size limit is a clear Error before it reaches wasm, and the module keeps working', () => {
  // past ~4 million UTF-16 units a pathological text could exhaust wasm32's 4 GB, and a module
  // that has trapped is unusable until reloaded: such texts are refused up front
  const MAX_TEXT = Analyzer.maxTextLength;
  assert.equal(MAX_TEXT, 4194304);
  const a = new Analyzer();
  const over = 'a'.repeat(MAX_TEXT + 1);
  const limit = `is ${MAX_TEXT + 1} UTF-16 code units long, over the limit of ${MAX_TEXT}: pass it in parts (paragraphs, or runs of sentences from splitSentences)`;
  const orWorker = `${limit} or analyse it with newslens/worker, which does that (up to 16,777,216 units)`;
  assert.throws(() => a.analyze(over), { message: `analyze: text ${orWorker}` });
  assert.throws(() => a.analyze(over, { evidence: false }), { message: `analyze: text ${orWorker}` });
  assert.throws(() => a.segment(over), { message: `segment: text ${limit}` });
  assert.throws(() => a.classify(over), { message: `classify: sentence ${limit}` });
  assert.throws(() => a.learn(over, []), { message: `learn: sentence ${limit}` });
  // every path that takes a text: examples of train and crossValidate, a model, a word
  assert.throws(() => a.train([{ text: '罚款。', labels: [] }, { text: over, labels: [] }]), { message: `train: examples[1].text ${limit}` });
  assert.throws(() => a.crossValidate([{ text: over, labels: [] }], 2), { message: `crossValidate: examples[0].text ${limit}` });
  assert.throws(() => a.train([...Array(5)].map(() => ({ text: '监'.repeat(MAX_TEXT), labels: [] }))), { message: `train: the texts of examples[0] to examples[4] are ${5 * MAX_TEXT} UTF-16 code units long together, over the limit of ${4 * MAX_TEXT}: learn from fewer examples at a time` });
  assert.throws(() => a.importModel('a'.repeat(4 * MAX_TEXT + 1)), /^Error: importModel: json is 16777217 UTF-16 code units long, over the limit of 16777216: is it a string from exportModel\(\)\?$/);
  assert.throws(() => a.addWord('词'.repeat(257)), { message: 'addWord: word is 257 UTF-16 code units long, over the limit of 256: a word is at most 64 characters' });
  assert.equal(a.examples().length, 0);
  // splitSentences takes texts four times as long (the worker splits first, then analyses in chunks)
  const long = `${'监管部门对平台罚款。'.repeat(100)}\n${over}`;
  const spans = a.splitSentences(long);
  assert.equal(spans[99].text, '监管部门对平台罚款。');
  assert.equal(spans.at(-1).end, long.length, 'the unpunctuated run is cut into pieces, to its end');
  assert.throws(() => a.splitSentences('a'.repeat(4 * MAX_TEXT + 1)), /^Error: splitSentences: text is 16777217 UTF-16 code units long, over the limit of 16777216/);
  assert.deepEqual(a.analyze(SENT), analyzer.analyze(SENT));
  assert.deepEqual(new Analyzer().analyze(SENT), analyzer.analyze(SENT));
  a.free();
});

test('a failed configure keeps the working Analyzer', () => {
  const a = new Analyzer({ topics: [{ name: 'labor', terms: ['裁员'] }] });
  const before = a.analyze(SENT);
  assert.throws(() => a.configure({ topics: [{ name: 'x', terms: [{ term: 'y', weight: 1e9 }] }] }), /weight 1e9 is out of range/);
  assert.throws(() => a.configure({ topics: [{ name: 'a', terms: ['x'] }, { name: 'a', terms: ['y'] }] }), /topic `a`: duplicate topic name/);
  assert.throws(() => a.configure({ topics: [{ name: 'a', terms: [] }] }), /topic `a`: no terms/);
  assert.throws(() => a.configure('{'), /options must be an object/);
  assert.deepEqual(a.analyze(SENT), before);
  assert.deepEqual(a.topics, ['regulation', 'competition', 'monetization', 'labor']);
  const terms = Array.from({ length: 100000 }, (_, i) => `词${i}`);
  a.configure({ topics: [{ name: 'big', terms }] });
  assert.deepEqual(a.topics, ['regulation', 'competition', 'monetization', 'big']);
  a.free();
});

test('10,000 analyze calls keep wasm memory and the JS heap flat', () => {
  const a = new Analyzer();
  for (let i = 0; i < 500; i++) a.analyze(SENT);
  gc();
  const start = { heap: process.memoryUsage().heapUsed, wasm: memoryBytes() };
  for (let i = 0; i < 10000; i++) a.analyze(SENT);
  gc();
  const grew = (process.memoryUsage().heapUsed - start.heap) / 1e6;
  const wasmGrew = (memoryBytes() - start.wasm) / 1e6;
  console.log(`# after 10,000 calls: JS heap +${grew.toFixed(1)} MB, wasm memory +${wasmGrew.toFixed(1)} MB (of ${(memoryBytes() / 1e6).toFixed(1)} MB)`);
  assert.ok(grew < 8, `JS heap grew ${grew} MB`);
  assert.equal(wasmGrew, 0, 'wasm memory did not grow');
  a.free();
});

test('search and all modes: overlapping tokens keep exact UTF-16 offsets', () => {
  const text = `𠮷👍🏽${'中华人民共和国国务院监管部门对平台经济进行反垄断调查。'.repeat(50)}`;
  for (const mode of ['search', 'all']) {
    const tokens = analyzer.segment(text, { mode });
    assert.ok(tokens.length > 1000);
    for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.word);
  }
});

test('the examples of train and crossValidate are checked before any is copied into wasm memory', async () => {
  // (a process of its own: a fresh module has a few MB of wasm memory, so any copy would grow it)
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
    import { Analyzer, memoryBytes } from ${JSON.stringify(new URL('../../pkg/node.mjs', import.meta.url).href)};
    const a = new Analyzer();
    const before = memoryBytes();
    const big = '监'.repeat(Analyzer.maxTextLength);
    const calls = [
      () => a.train([{ text: '监'.repeat(100e6), labels: [] }]),
      () => a.train([...Array(5)].map(() => ({ text: big, labels: [] }))),
      () => a.crossValidate([{ text: 'x', labels: ['监'.repeat(50e6)] }], 2),
      () => a.train([{ text: 'x', labels: Array(2e6).fill('regulation') }]),
      () => a.learn('x', ['监'.repeat(50e6)]),
      // a long array of holes, or of nulls, costs nothing before its first entry is refused
      () => { const holes = []; holes.length = 16777216; a.train(holes); },
      () => a.crossValidate(Array(1e7).fill(null), 2),
    ];
    for (const f of calls) {
      try { f(); console.log('no error'); } catch (e) { console.log(e.message); }
    }
    console.log(memoryBytes() - before);
    a.learn('监管部门对平台罚款。', ['regulation']);
    console.log(a.examples().length);`], { encoding: 'utf8' });
  assert.deepEqual(out.trim().split('\n'), [
    'train: examples[0].text is 100000000 UTF-16 code units long, over the limit of 4194304: pass it in parts (paragraphs, or runs of sentences from splitSentences)',
    'train: the texts of examples[0] to examples[4] are 20971520 UTF-16 code units long together, over the limit of 16777216: learn from fewer examples at a time',
    'crossValidate: examples[0].labels[0] is no topic name: it is 50000000 UTF-16 code units long (topics are regulation, competition, monetization)',
    'train: examples[0].labels has 2000000 entries, more than there are topics (regulation, competition, monetization)',
    'learn: labels[0] is no topic name: it is 50000000 UTF-16 code units long (topics are regulation, competition, monetization)',
    'train: examples[0] must be { text, labels }, got undefined',
    'crossValidate: examples[0] must be { text, labels }, got null',
    '0',
    '1',
  ]);
});

test('each example is read once: a getter cannot pass the check with one value and be copied with another', () => {
  const a = new Analyzer();
  let reads = 0;
  const example = { get text() { return reads++ ? '监'.repeat(50e6) : '监管部门对平台罚款。'; }, labels: ['regulation'] };
  a.train([example]);
  assert.equal(reads, 1);
  assert.deepEqual(a.examples(), [{ text: '监管部门对平台罚款。', labels: ['regulation'] }]);
  // a getter that throws does so in JS, as it is, and the Analyzer works on
  const throwing = { get text() { throw new Error('no text today'); }, labels: [] };
  assert.throws(() => a.train([throwing]), { message: 'no text today' });
  assert.equal(a.examples().length, 1);
  a.free();
});

test('a getter or Proxy trap that throws while arguments are read leaves the Analyzer working', () => {
  const a = new Analyzer();
  const before = a.analyze(SENT);
  const boom = () => { throw new TypeError('trap'); };
  // thrown by JS while wasm reads the argument: it passes through as it is, and the next call works
  assert.throws(() => a.analyze(SENT, new Proxy({}, { ownKeys: boom })), { message: 'trap' });
  assert.deepEqual(a.analyze(SENT), before);
  assert.throws(() => a.configure(new Proxy({}, { ownKeys: boom })), { message: 'trap' });
  assert.throws(() => a.configure({ get topics() { return [{ name: 'x', get terms() { throw new TypeError('trap'); } }]; } }), /trap/);
  assert.throws(() => a.learn(SENT, new Proxy([], { get: boom })), /trap/);
  assert.throws(() => a.summarize(new Proxy([], { get: boom })), /trap/);
  // sentences that cannot be packed reach wasm as a copy: a getter throws while it is made
  const s = a.analyze(SENT).sentences[0];
  assert.throws(() => a.summarize([{ ...s, tokens: 5, scores: { get regulation() { throw new Error('boom'); } } }]), { message: 'boom' });
  assert.deepEqual(a.analyze(SENT), before);
  a.learn(SENT, ['regulation']);
  a.configure({ threshold: 0.3 });
  assert.deepEqual(a.topics, ['regulation', 'competition', 'monetization']);
  a.free();
  assert.throws(() => a.analyze(SENT), /this Analyzer was freed/);
});

test('serde\'s words are rewritten where they name types, never inside the caller\'s values', () => {
  const cases = [
    [{ threshold: 'expected f64' }, 'threshold: invalid type: string "expected f64", expected a number'],
    [{ threshold: 'v1.0`' }, 'threshold: invalid type: string "v1.0`", expected a number'],
    [{ threshold: 'TypeError' }, 'threshold: invalid type: string "TypeError", expected a number'],
    [{ threshold: {} }, 'threshold: invalid type: object, expected a number'],
    [{ threshold: [0.5] }, 'threshold: invalid type: array, expected a number'],
    [{ threshold: 10n }, 'threshold: invalid type: bigint, expected a number'],
    [{ replaceDefaults: 2.5 }, 'replaceDefaults: invalid type: number `2.5`, expected a boolean'],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => new Analyzer(options), { message: `new Analyzer: invalid options: ${message}` }, String(options.threshold));
  }
  const sentence = analyzer.analyze(SENT).sentences[0];
  assert.throws(() => analyzer.summarize(['expected struct X']), { message: 'summarize: sentences[0]: invalid type: string "expected struct X", expected an object' });
  assert.throws(() => analyzer.summarize([{ ...sentence, evidence: [{ ...sentence.evidence[0], kind: 5 }] }]), { message: 'summarize: sentences[0].evidence[0].kind: invalid type: number `5`, expected a string' });
});

test('arguments are read as wasm reads them: getters on the prototype count, other fields are not read', () => {
  class Options {
    get replaceDefaults() { return true; }
    get topics() { return [{ name: 'fees', terms: ['佣金'] }]; }
  }
  const a = new Analyzer();
  a.configure(new Options());
  assert.deepEqual(a.topics, new Analyzer(new Options()).topics);
  assert.deepEqual(a.topics, ['fees']);
  a.configure(null);
  assert.deepEqual(a.analyze(SENT, Object.create({ tokens: true })).sentences[0].tokens.length > 0, true);
  assert.equal(a.segment(SENT, Object.create({ mode: 'all' })).length, a.segment(SENT, { mode: 'all' }).length);
  // fields wasm does not read are not copied: cycles, DOM-like objects, getters that throw
  const example = { text: SENT, labels: ['regulation'], meta: { get boom() { throw new Error('never read'); } } };
  example.self = example;
  a.train([example]);
  assert.deepEqual(a.examples(), [{ text: SENT, labels: ['regulation'] }]);
  // a key __proto__ is a key, named as misspelt, not a prototype
  assert.throws(() => a.configure(JSON.parse('{"__proto__": {"threshold": 0.3}}')), /^Error: configure: invalid options: __proto__: unknown field `__proto__`/);
  assert.throws(() => a.analyze(SENT, JSON.parse('{"__proto__": {"tokens": true}}')), /^Error: analyze: options.__proto__: unknown field `__proto__`/);
  // a list longer than it can be is refused by its length, without being read
  const many = []; many.length = 2 ** 32 - 1;
  assert.throws(() => a.learn(SENT, many), { message: 'learn: labels has 4294967295 entries, more than there are topics (regulation, competition, monetization)' });
  assert.throws(() => a.train(many), { message: 'train: examples has 4294967295 entries, more than the 16777216 units of text they may have in all' });
  // terms and words as Maps, as the constructor takes them
  const maps = { topics: [{ name: 'fines', terms: [new Map([['term', '罚款'], ['weight', 3]])] }], words: [new Map([['word', '抖品牌'], ['freq', 5]])] };
  a.configure(maps);
  assert.deepEqual(a.topics, new Analyzer(maps).topics);
  assert.deepEqual(a.topics, ['regulation', 'competition', 'monetization', 'fines']);
  // labels are bounded by the module's own count of topics (four here), not by a subclass's getter
  a.learn(SENT, ['regulation', 'competition', 'monetization', 'fines']);
  class Hiding extends Analyzer { get topics() { return []; } }
  const h = new Hiding();
  h.learn(SENT, ['regulation', 'competition']);
  assert.equal(h.examples().length, 1);
  h.free();
  // a getter that frees the Analyzer while its arguments are read
  const freedBy = (method, f) => {
    const b = new Analyzer();
    assert.throws(() => f(b), { message: `Analyzer.${method}: this Analyzer was freed; create a new one` });
  };
  freedBy('analyze', (b) => b.analyze(SENT, { get tokens() { b.free(); return true; } }));
  freedBy('learn', (b) => b.learn(SENT, new Proxy(['regulation'], { get: (t, k) => (k === '0' && b.free(), t[k]) })));
  freedBy('train', (b) => b.train([{ text: SENT, get labels() { b.free(); return ['regulation']; } }]));
  const s = analyzer.analyze(SENT).sentences[0];
  freedBy('summarize', (b) => b.summarize([{ ...s, get text() { b.free(); return s.text; } }]));
  a.free();
});
