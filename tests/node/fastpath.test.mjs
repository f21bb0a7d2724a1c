// analyze and segment cross the wasm boundary packed (src/packed.rs, js/decode.js); the results
// must be exactly what the module's own JSON methods give, for every option and awkward text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Analyzer } from '../../pkg/node.mjs';
import { installFastPaths, decodeAnalysis, decodeChunks, packedSummaryInput } from '../../pkg/decode.js';
import { workerValue } from './worker-value.mjs';

const viaJson = installFastPaths(Analyzer);
const sample = readFileSync(new URL('../fixtures/sample-articles.txt', import.meta.url), 'utf8');
const texts = [
  sample,
  '',
  '   \n\n ',
  '𠮷野家👍🏽在印尼被禁止销售。\n\n监管部门对TikTok Shop罚款3.25亿元！',
  'lone \uD800 surrogate: 抖音与快手争夺商家。\uDC00',
  'Amazon and Shopee compete on fees. 亚马逊和Shopee争夺卖家，佣金上调5%。',
];

test('analyze: the fast path gives exactly the JSON path\'s result, for every option', () => {
  const analyzer = new Analyzer();
  assert.notEqual(Analyzer.prototype.analyze, viaJson.analyze, 'the fast path is installed');
  let evidence = 0;
  for (const text of texts) {
    for (const options of [undefined, { tokens: true }, { evidence: false }, { tokens: true, evidence: false }]) {
      const fast = analyzer.analyze(text, options);
      const json = viaJson.analyze.call(analyzer, text, options);
      assert.deepEqual(fast, json, `${JSON.stringify(options)} ${text.slice(0, 20)}`);
      assert.equal(JSON.stringify(fast), JSON.stringify(json), 'same key order too');
      evidence += fast.sentences.reduce((n, s) => n + s.evidence.length, 0);
    }
  }
  assert.ok(evidence > 1000, `compared ${evidence} evidence entries`);
});

test('segment: the fast path gives exactly the JSON path\'s tokens, in every mode', () => {
  const analyzer = new Analyzer();
  for (const text of texts) {
    for (const options of [undefined, { mode: 'search' }, { mode: 'all' }, { hmm: false }]) {
      assert.deepEqual(analyzer.segment(text, options), viaJson.segment.call(analyzer, text, options));
    }
  }
});

test('custom topics, including awkward names, decode like the JSON path', () => {
  const analyzer = new Analyzer({ topics: [{ name: '__proto__', terms: ['罚款'] }, { name: 'constructor', terms: ['佣金'] }] });
  const text = '监管部门对平台罚款，并提高佣金。';
  const fast = analyzer.analyze(text);
  assert.deepEqual(fast, viaJson.analyze.call(analyzer, text));
  assert.equal(Object.getPrototypeOf(fast.sentences[0].scores), Object.prototype);
  assert.ok(Object.hasOwn(fast.sentences[0].scores, '__proto__'));
});

test('analyze sends each name once per model, and again after the model changes', () => {
  const analyzer = new Analyzer();
  // what each packed call of analyze() sends: [flags, names]
  const sent = [];
  const packed = analyzer.__analyzePacked.bind(analyzer);
  analyzer.__analyzePacked = (...args) => {
    const result = packed(...args);
    sent.push([result[0][2], result[2]]);
    return result;
  };
  const text = '监管部门对TikTok Shop罚款3.25亿元，Shopee趁机抢夺商家。';
  const same = () => assert.deepEqual(analyzer.analyze(text), viaJson.analyze.call(analyzer, text));
  same();
  assert.equal(sent.at(-1)[0] & 4, 4, 'the first call starts the list of names');
  assert.deepEqual(JSON.parse(sent.at(-1)[1]).slice(0, 3), analyzer.topics);
  same();
  assert.deepEqual(sent.at(-1), [1, ''], 'the same text again: no names, the list goes on');
  assert.equal(analyzer.analyze('').sentences.length, 0);
  assert.equal(analyzer.analyze('阿里巴巴收取佣金。').sentences.length, 1);
  assert.deepEqual(JSON.parse(sent.at(-1)[1]), ['@entity', '佣金'], 'only the new names');
  same();
  // without the flag (the worker's chunks) a call sends all the names it uses
  assert.ok(JSON.parse(packed(text)[2]).includes('罚款'));
  same();
  const changes = [
    () => analyzer.configure({ topics: [{ name: 'fines', terms: ['罚款', { term: '抢夺', weight: 2 }] }] }),
    () => analyzer.learn(text, ['fines']),
    () => analyzer.resetLearning(),
    () => analyzer.importModel(new Analyzer().exportModel()),
  ];
  for (const change of changes) {
    change();
    same();
    assert.equal(sent.at(-1)[0] & 4, 4, 'the list of names starts again');
    assert.deepEqual(JSON.parse(sent.at(-1)[1]).slice(0, analyzer.topics.length), analyzer.topics);
  }
  // a receiver whose list has not the length the wasm side expects (here: a call whose names
  // never reached the package's list) gets the whole list again
  const [ints] = packed('阿里巴巴收取佣金。', undefined, 0);
  assert.equal(ints[2] & 4, 4);
  same();
  assert.equal(sent.at(-1)[0] & 4, 4, 'the package\'s list starts again');
});

test('the fast paths keep the errors of the JSON paths', () => {
  const analyzer = new Analyzer();
  assert.throws(() => analyzer.analyze(42), { name: 'Error', message: 'analyze: text must be a string, got number' });
  assert.throws(() => analyzer.analyze('x', { tokens: 1 }), /analyze: options.tokens must be a boolean, got number/);
  assert.throws(() => analyzer.segment('x', { mode: 'fast' }), /segment: invalid argument: mode: unknown segmentation mode `fast`/);
  analyzer.free();
  assert.throws(() => analyzer.analyze('x'), /Analyzer.analyze: this Analyzer was freed/);
  assert.throws(() => analyzer.segment('x'), /Analyzer.segment: this Analyzer was freed/);
});

test('summarize: the packed route gives exactly the JSON route\'s summary', () => {
  const analyzer = new Analyzer();
  let compared = 0;
  for (const text of texts) {
    for (const options of [undefined, { tokens: true }, { evidence: false }]) {
      const { sentences, summary } = analyzer.analyze(text, options);
      const fast = analyzer.summarize(sentences);
      assert.deepEqual(fast, viaJson.summarize.call(analyzer, sentences));
      // (without evidence there are no terms to total; analyze's own summary has them)
      if (options?.evidence !== false) assert.deepEqual(fast, summary, 'and the summary analyze gave');
      compared += fast.topics.reduce((n, t) => n + t.topTerms.length, 0);
    }
  }
  assert.ok(compared > 10, `compared ${compared} top terms`);
  // the worker's case: chunks analysed one by one, offsets moved, summed up together
  const chunks = sample.split('\n\n').flatMap((p) => analyzer.analyze(p).sentences);
  assert.deepEqual(analyzer.summarize(chunks), viaJson.summarize.call(analyzer, chunks));
  // sentences from another analyzer: names it does not know are left out by both routes;
  // a missing score counts as 0
  const other = new Analyzer({ topics: [{ name: 'livestream', terms: ['直播'] }, { name: 'regulation', terms: ['罚款'] }] });
  const mixed = [...other.analyze('监管部门对直播平台罚款。直播带货很火。').sentences, ...chunks.slice(0, 20)];
  delete mixed.at(-1).scores.competition;
  const fast = analyzer.summarize(mixed);
  assert.deepEqual(fast, viaJson.summarize.call(analyzer, mixed));
  assert.equal(fast.sentences, mixed.length);
  // awkward topic names
  const odd = new Analyzer({ topics: [{ name: '__proto__', terms: ['罚款'] }, { name: 'constructor', terms: ['佣金'] }] });
  const oddSentences = odd.analyze('监管部门对平台罚款，并提高佣金。佣金又涨了。').sentences;
  assert.deepEqual(odd.summarize(oddSentences), viaJson.summarize.call(odd, oddSentences));
  assert.equal(odd.summarize(oddSentences).topics[0].count, 1);
});

test('summarize: what is not analysed sentences fails as on the JSON route', () => {
  const analyzer = new Analyzer();
  const [s] = analyzer.analyze('监管部门对平台罚款。').sentences;
  const bad = [
    42, 'x', null, {}, [null], [{}], [{ ...s, text: 1 }], [{ ...s, start: -1 }], [{ ...s, topics: 'regulation' }],
    [{ ...s, scores: { regulation: 'high' } }], [{ ...s, evidence: [{ ...s.evidence[0], kind: 'guess' }] }],
    [{ ...s, evidence: [{ ...s.evidence[0], weight: '1' }] }], [{ ...s, tokens: 3 }], [{ ...s, tokens: [{ word: 1, start: 0, end: 1 }] }],
  ];
  for (const input of bad) {
    let expected;
    try { viaJson.summarize.call(analyzer, input); } catch (e) { expected = e; }
    assert.ok(expected, `the JSON route rejects ${JSON.stringify(input)?.slice(0, 80)}`);
    assert.throws(() => analyzer.summarize(input), { name: expected.name, message: expected.message });
  }
  assert.deepEqual(analyzer.summarize([]), analyzer.analyze('').summary);
});

test('the worker\'s route: packed chunks decode with a base and sum up as the whole text', () => {
  const analyzer = new Analyzer();
  const text = `${sample}\n𠮷野家👍🏽被罚款。\n${sample}`;
  const spans = analyzer.splitSentences(text);
  const bounds = [0, Math.floor(spans.length / 3), Math.floor((2 * spans.length) / 3), spans.length];
  for (const options of [undefined, { tokens: true }]) {
    const parts = [];
    const sentences = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const base = spans[bounds[k]].start;
      const chunk = text.slice(base, spans[bounds[k + 1] - 1].end);
      const [ints, floats, terms] = analyzer.__analyzePacked(chunk, options);
      const packed = [ints.slice(), floats.slice(), terms];
      parts.push(packed);
      sentences.push(...decodeAnalysis(chunk, packed, base).sentences);
    }
    const whole = analyzer.analyze(text, options);
    assert.ok(whole.sentences.length > 400);
    assert.deepEqual(sentences, whole.sentences, 'offsets into the whole text');
    assert.deepEqual(analyzer.__summarizePacked(...packedSummaryInput(parts)), whole.summary);
    // { evidence: false }: the same packs, decoded without evidence; the summary still has its terms
    const bare = analyzer.analyze(text, { ...options, evidence: false });
    const decoded = parts.flatMap((p, k) => decodeAnalysis(text.slice(spans[bounds[k]].start, spans[bounds[k + 1] - 1].end), p, spans[bounds[k]].start, false).sentences);
    assert.deepEqual(decoded, bare.sentences);
    assert.deepEqual(analyzer.__summarizePacked(...packedSummaryInput(parts)), bare.summary);
  }
  assert.deepEqual(analyzer.__summarizePacked(...packedSummaryInput([])), analyzer.analyze('').summary);
});

test('decodeChunks (the worker client): a chunk at a time, giving the same sentences; an abort meanwhile rejects', async () => {
  const analyzer = new Analyzer();
  const text = sample.repeat(3);
  const value = workerValue(analyzer, text, 4096);
  assert.ok(value.chunks.length > 5, `${value.chunks.length} chunks`);
  const expected = analyzer.analyze(text).sentences;
  // yielding before every chunk (stepMs 0) changes nothing in the result
  assert.deepEqual((await decodeChunks(text, value, true, undefined, 0)).sentences, expected);
  assert.deepEqual((await decodeChunks(text, value)).sentences, expected);
  const lean = (await decodeChunks(text, value, false, undefined, 0)).sentences;
  assert.deepEqual(lean, expected.map((s) => ({ ...s, evidence: [] })));
  // aborted while it waits for its turn: rejects, the rest is not built
  const controller = new AbortController();
  const pending = decodeChunks(text, value, true, controller.signal, 0);
  controller.abort();
  await assert.rejects(pending, { message: 'cancelled' });
});

test('__cutCount (the benchmark\'s floor of analyze) counts the words segment and analyze give', () => {
  const analyzer = new Analyzer();
  for (const text of texts) {
    assert.equal(analyzer.__cutCount(text, false), analyzer.segment(text).length, text.slice(0, 20));
    const tokens = analyzer.analyze(text, { tokens: true }).sentences.reduce((n, s) => n + s.tokens.length, 0);
    assert.equal(analyzer.__cutCount(text, true), tokens, text.slice(0, 20));
  }
  assert.ok(analyzer.__cutCount(sample, true) > 4000, "the sample articles have ~4,900 words");
  assert.throws(() => analyzer.__cutCount(42, true), /cut: text must be a string/);
});
