// Teaching from JS: learn, train, crossValidate, exportModel / importModel, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../pkg/node.mjs';

const examples = [
  { text: '抖品牌正在抢走老牌国货的年轻顾客。', labels: ['competition'] },
  { text: '越来越多抖品牌向传统大牌发起挑战。', labels: ['competition'] },
  { text: '抖品牌与传统品牌的较量进入下半场。', labels: ['competition'] },
  { text: '今天的天气很好,大家出去散步。', labels: [] },
];
const probe = '抖品牌的崛起让老品牌很紧张。';

test('train moves the model; the learned word is evidence; export/import round-trips', () => {
  const a = new Analyzer({ words: [{ word: '抖品牌', freq: 20000 }] });
  const before = a.classify(probe).scores.competition;
  a.train(examples);
  a.learn('监管部门约谈抖品牌负责人。', ['regulation']);
  const after = a.classify(probe);
  assert.ok(after.scores.competition > 2 * before, `${before} → ${after.scores.competition}`);
  assert.ok(after.evidence.some((e) => e.term === '抖品牌' && e.topic === 'competition' && e.kind === 'word'));
  assert.equal(a.examples().length, 5);
  const json = a.exportModel();
  assert.equal(JSON.parse(json).version, 2);
  const b = new Analyzer({ words: [{ word: '抖品牌', freq: 20000 }] });
  b.importModel(json);
  assert.deepEqual(b.classify(probe), after);
  assert.throws(() => b.importModel(json.replace('"version":2', '"version":0')),
    { message: 'importModel: invalid model: version 0 is not supported (this newslens reads versions 1 to 2)' });
  // a version 1 export (before dictionary words were exported, e.g. saved by the demo) still imports
  b.importModel(json.replace('"version":2', '"version":1'));
  assert.throws(() => b.importModel('{'), /importModel: invalid model: not JSON/);
  assert.deepEqual(b.classify(probe), after, 'a failed import keeps the model');
  b.resetLearning();
  assert.equal(b.examples().length, 0);
});

test('crossValidate reports per-topic metrics; bad input is a clear Error', () => {
  const a = new Analyzer();
  const e = a.crossValidate([...examples, { text: '监管部门对平台罚款。', labels: ['regulation'] }], 3);
  assert.deepEqual(e.topics.map((t) => t.topic), ['regulation', 'competition', 'monetization']);
  assert.ok(e.macroF1 >= 0 && e.macroF1 <= 1);
  assert.ok('fn' in e.topics[0]);
  assert.throws(() => a.learn('x', ['fashion']), { message: 'learn: invalid argument: unknown topic `fashion` (topics are regulation, competition, monetization)' });
  a.learn('监管部门对平台罚款。', ['regulation']);
  // the index is into the argument, not into the examples learned so far
  assert.throws(() => a.train([{ text: 'x', labels: [] }, { text: 'y', labels: ['sports'] }]), /^Error: train: invalid argument: examples\[1\]: unknown topic `sports`/);
  assert.equal(a.examples().length, 1, 'nothing learned from a rejected call');
  assert.throws(() => a.learn('x', 'competition'), { message: 'learn: labels must be an array of topic names, got string' });
  assert.throws(() => a.train([{ text: 1 }]), { message: 'train: examples[0].text must be a string, got number' });
  assert.throws(() => a.train([1]), { message: 'train: examples[0] must be { text, labels }, got number' });
  assert.throws(() => a.train([{ text: 'x', labels: 'regulation' }]), { message: 'train: examples[0].labels must be an array of topic names, got string' });
  assert.throws(() => a.crossValidate([{ text: 'x', labels: [null] }], 2), { message: 'crossValidate: examples[0].labels[0] must be a topic name (a string), got null' });
  assert.throws(() => a.learn('x', [1]), { message: 'learn: labels[0] must be a topic name (a string), got number' });
  assert.throws(() => a.train('x'), { message: 'train: examples must be an array of { text, labels }, got string' });
  assert.throws(() => a.crossValidate(examples, 1), /crossValidate: invalid argument: k: 1 folds/);
  // k is a number of folds, not whatever JS would coerce to one
  for (const [k, got] of [[undefined, 'undefined'], [-3, '-3'], [2.5, '2.5'], ['5', 'string'], [2 ** 32 + 2, '4294967298']]) {
    assert.throws(() => a.crossValidate(examples, k), { message: `crossValidate: k must be a number of folds, an integer ≥ 2, got ${got}` });
  }
  // a label given twice, or a blank sentence, is a mistake; nothing is learned from it
  assert.throws(() => a.learn('监管部门对平台罚款。', ['regulation', 'regulation']), { message: 'learn: invalid argument: topic `regulation` is given twice' });
  assert.throws(() => a.learn(' ', []), { message: 'learn: invalid argument: sentence is empty' });
  assert.throws(() => a.train([{ text: '', labels: [] }]), { message: 'train: invalid argument: examples[0]: text is empty' });
  assert.equal(a.examples().length, 1);
});

test('exportModel carries the dictionary words: a worker or another page segments and labels the same', () => {
  const a = new Analyzer({ words: ['蜜雪冰城'] });
  a.addWord('霸王茶姬');
  const b = new Analyzer();
  const text = '蜜雪冰城和霸王茶姬在东南亚开店。';
  const words = (x) => x.segment(text).map((t) => t.word);
  assert.notDeepEqual(words(b), words(a));
  b.importModel(a.exportModel());
  assert.deepEqual(words(b), words(a));
  assert.deepEqual(b.analyze(text), a.analyze(text));
  a.free();
  b.free();
});
