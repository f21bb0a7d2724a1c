// The built package from Node: import, results, offsets, errors. Run after `make pkg`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Analyzer, version } from '../../pkg/node.mjs';

const analyzer = new Analyzer();

test('segment: the classic example', () => {
  const words = analyzer.segment('我们中出了一个叛徒').map((t) => t.word);
  assert.deepEqual(words, ['我们', '中出', '了', '一个', '叛徒']);
});

test('offsets are UTF-16 code units, also with astral characters', () => {
  const text = '𠮷野家👍🏽在印尼被禁止销售。\n\n监管部门对TikTok Shop罚款。';
  const a = analyzer.analyze(text, { tokens: true });
  assert.equal(a.sentences.length, 2);
  for (const s of a.sentences) {
    assert.equal(text.slice(s.start, s.end), s.text);
    for (const t of s.tokens) assert.equal(text.slice(t.start, t.end), t.word);
    for (const e of s.evidence) assert.ok(text.slice(e.start, e.end).length > 0);
  }
  for (const t of analyzer.segment(text)) assert.equal(text.slice(t.start, t.end), t.word);
});

test('emoji sequences, flags and accented names are one token each, with UTF-16 offsets', () => {
  const text = '𠮷 我们👨‍👩‍👧一家在🇮🇩用TikTok👍🏽，Nestlé和Việt Nam的카카오페이。';
  const units = ['👨‍👩‍👧', '🇮🇩', '👍🏽', 'Nestlé', 'Việt', '카카오페이'];
  for (const mode of ['default', 'search', 'all']) {
    const tokens = analyzer.segment(text, { mode });
    for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.word);
    for (const u of units) {
      const t = tokens.find((x) => x.word === u);
      assert.ok(t, `${mode}: ${u} is not one token: ${tokens.map((x) => x.word).join(' | ')}`);
      assert.equal(t.start, text.indexOf(u));
    }
  }
  const [s] = analyzer.analyze(text, { tokens: true }).sentences;
  assert.deepEqual(
    units.map((u) => s.tokens.find((t) => t.word === u)?.start),
    units.map((u) => text.indexOf(u)),
  );
});

test('traditional Chinese: the labels of its simplified twin, offsets and words of its own text', () => {
  // a Hong Kong / Taiwan article, with an astral character before it to shift UTF-16 offsets
  const trad = '𠮷 印尼政府宣布禁止TikTok Shop在社交媒體平台上進行電商交易。競爭對手紛紛降價搶奪用戶。';
  const simp = '𠮷 印尼政府宣布禁止TikTok Shop在社交媒体平台上进行电商交易。竞争对手纷纷降价抢夺用户。';
  const [t, s] = [trad, simp].map((x) => analyzer.analyze(x, { tokens: true }));
  assert.deepEqual(t.sentences.map((x) => x.topics), [['regulation'], ['competition', 'monetization']]);
  assert.deepEqual(t.summary, s.summary);
  t.sentences.forEach((x, i) => {
    const y = s.sentences[i];
    assert.deepEqual([x.start, x.end, x.scores], [y.start, y.end, y.scores]);
    assert.deepEqual(x.evidence, y.evidence, 'the same terms (named as in the lexicon) at the same spans');
    assert.equal(x.text, trad.slice(x.start, x.end));
    for (const k of x.tokens) assert.equal(trad.slice(k.start, k.end), k.word);
  });
  const competitor = t.sentences[1].evidence.find((e) => e.term === '竞争对手');
  assert.equal(trad.slice(competitor.start, competitor.end), '競爭對手');
  assert.deepEqual(analyzer.segment('競爭對手紛紛降價').map((k) => k.word), ['競爭對手', '紛紛', '降價']);
  assert.deepEqual(analyzer.classify('香港證監會對該平台展開調查。').labels, ['regulation']);
});

test('full-width letters and digits: the labels of their ASCII twin, offsets and words of their own text', () => {
  // three UTF-8 bytes but one UTF-16 unit each: the offsets go back through both
  const wide = '𠮷 ＴｉｋＴｏｋ Ｓｈｏｐ的ＧＭＶ同比增长３０％，超过Ｓｈｏｐｅｅ。';
  const ascii = '𠮷 TikTok Shop的GMV同比增长30％，超过Shopee。';
  const [w, a] = [wide, ascii].map((x) => analyzer.analyze(x, { tokens: true }));
  assert.deepEqual(w.summary, a.summary);
  const [x, y] = [w.sentences[0], a.sentences[0]];
  assert.deepEqual(x.topics, ['competition', 'monetization']);
  assert.deepEqual([x.start, x.end, x.scores], [y.start, y.end, y.scores], 'the same length in UTF-16');
  assert.deepEqual(x.evidence, y.evidence);
  const gmv = x.evidence.find((e) => e.term === 'GMV');
  assert.equal(wide.slice(gmv.start, gmv.end), 'ＧＭＶ');
  for (const k of x.tokens) assert.equal(wide.slice(k.start, k.end), k.word);
  assert.deepEqual(analyzer.segment('ＴｉｋＴｏｋ的ＧＭＶ').map((k) => k.word), ['ＴｉｋＴｏｋ', '的', 'ＧＭＶ']);
});

test('classify gives labels in topic order, scores for every topic, and evidence', () => {
  const c = analyzer.classify('市场监管总局对阿里巴巴处以182.28亿元罚款。');
  assert.ok(c.labels.includes('regulation'));
  assert.deepEqual(Object.keys(c.scores), ['regulation', 'competition', 'monetization']);
  for (const v of Object.values(c.scores)) assert.ok(v >= 0 && v <= 1);
  assert.ok(c.evidence.some((e) => e.topic === 'regulation' && e.weight > 0));
  assert.equal(Object.getPrototypeOf(c), Object.prototype, 'a plain object');
});

test('errors are thrown Errors with clear messages', () => {
  assert.throws(() => analyzer.analyze(42), { name: 'Error', message: 'analyze: text must be a string, got number' });
  assert.throws(() => new Analyzer({ topics: [{ name: 'x', terms: [] }] }), /topic `x`: no terms/);
  assert.throws(() => new Analyzer({ topics: [{ name: 'x', terms: ['监管', 'GMV', { term: 'ＧＭＶ', weight: 2 }] }] }),
    { name: 'Error', message: /invalid config: topic `x`: terms\[2\] `ＧＭＶ` is terms\[1\] `GMV` again/ });
  assert.equal(analyzer.analyze('').sentences.length, 0, 'still works after errors');
});

test('version and require()', () => {
  assert.match(version(), /^\d+\.\d+\.\d+/);
  const require = createRequire(import.meta.url);
  const pkg = require('../../pkg/package.json');
  assert.equal(pkg.version, version());
});

test('analyze without evidence: same labels, scores and summary, no evidence', () => {
  const text = '市场监管总局对阿里巴巴处以182.28亿元罚款。\nTikTok超过Shopee成为第一。';
  const full = analyzer.analyze(text);
  const lean = analyzer.analyze(text, { evidence: false });
  assert.deepEqual(lean.summary, full.summary);
  assert.deepEqual(lean.sentences.map((s) => [s.topics, s.scores, s.evidence.length]), full.sentences.map((s) => [s.topics, s.scores, 0]));
  assert.throws(() => analyzer.analyze(text, { evidence: 0 }), { message: 'analyze: options.evidence must be a boolean, got number' });
});

test('preload(): the dictionary loaded as texts need it or all at once gives the same results', async () => {
  const text = readFileSync(new URL('../fixtures/sample-articles.txt', import.meta.url), 'utf8');
  const options = { words: [{ word: '鸡蛋价', freq: 30 }, '抖品牌'] };
  const asNeeded = new Analyzer(options);
  const preloaded = new Analyzer(options);
  preloaded.preload();
  preloaded.preload(); // idempotent
  // a word of jieba's own added before any text had its first character
  assert.equal(asNeeded.addWord('鸡毛蒜皮', 90000000), preloaded.addWord('鸡毛蒜皮', 90000000));
  const more = '鸡蛋价上涨，东南亚抖品牌崛起，鸡毛蒜皮的小事。';
  for (const t of [more, text]) {
    for (const mode of ['default', 'search', 'all']) assert.deepEqual(asNeeded.segment(t, { mode }), preloaded.segment(t, { mode }));
    assert.deepEqual(asNeeded.analyze(t, { tokens: true }), preloaded.analyze(t, { tokens: true }));
  }
  assert.ok(asNeeded.segment(more).some((w) => w.word === '抖品牌'));
  asNeeded.free();
  assert.throws(() => asNeeded.preload(), { message: 'Analyzer.preload: this Analyzer was freed; create a new one' });
  preloaded.free();
});

test('newslens/web before init() says to call it; after initSync it is the same Analyzer', async () => {
  // (a process of its own: here node.mjs has initialised the glue already)
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
    import { Analyzer, version } from ${JSON.stringify(new URL('../../pkg/web.js', import.meta.url).href)};
    for (const f of [() => new Analyzer(), () => Analyzer.maxTextLength, () => version()]) {
      try { console.log(f()); } catch (e) { console.log(e.constructor.name, e.message); }
    }`], { encoding: 'utf8' });
  const uninitialised = 'the module is not initialised: call `await init()` (or initSync) from newslens/web first';
  assert.deepEqual(out.trim().split('\n'), [
    `Error new Analyzer: ${uninitialised}`,
    `Error Analyzer.maxTextLength: ${uninitialised}`,
    `Error version: ${uninitialised}`,
  ]);
  const web = await import('../../pkg/web.js');
  web.initSync({ module: readFileSync(new URL('../../pkg/newslens_bg.wasm', import.meta.url)) });
  const a = new web.Analyzer();
  assert.equal(web.Analyzer.maxTextLength, Analyzer.maxTextLength);
  // once initialised, a TypeError of the caller's own is passed on as it is
  assert.throws(() => new web.Analyzer({ get words() { return undefined.analyzer_words; } }), (e) => e instanceof TypeError && /analyzer_words/.test(e.message));
  assert.equal(web.version(), version());
  const text = '印尼政府宣布禁止社交媒体平台进行电商交易。TikTok超过Shopee成为第一。';
  assert.deepEqual(a.analyze(text), analyzer.analyze(text));
  a.free();
  assert.throws(() => a.analyze(text), /this Analyzer was freed/);
});

test('the thresholds the type declarations name are the shipped model\'s', () => {
  const types = readFileSync(new URL('../../pkg/newslens.d.ts', import.meta.url), 'utf8');
  const shipped = JSON.parse(analyzer.exportModel()).topics.map((t) => t.threshold);
  const named = [...types.matchAll(/regulation ([\d.]+), competition ([\d.]+), monetization ([\d.]+)|\(([\d.]+) \/ ([\d.]+) \/ ([\d.]+)\)/g)]
    .map((m) => m.slice(1).filter(Boolean).map(Number));
  assert.equal(named.length, 2, 'TopicConfig.threshold and AnalyzerOptions.threshold');
  for (const n of named) assert.deepEqual(n, shipped);
});
