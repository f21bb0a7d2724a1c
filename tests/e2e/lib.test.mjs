// The demo page's pure helpers (www/lib.js), in Node: term parsing, CSV quoting, evidence nesting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTerms, formatTerms, mergeTopic, checkName, parseStored, csvField, csvText, toCSV, parseCSV, evidenceTree, symbolOf, slotOf } from '../../www/lib.js';

test('parseTerms: one term per line, optional weight after a tab or spaces, phrases kept whole', () => {
  assert.deepEqual(parseTerms('直播\n带货\t2.5\n  主播   -1 \n\nTikTok Shop\nTikTok Shop 3\nGMV .5\n'), [
    '直播', { term: '带货', weight: 2.5 }, { term: '主播', weight: -1 }, 'TikTok Shop', { term: 'TikTok Shop', weight: 3 }, { term: 'GMV', weight: 0.5 },
  ]);
  assert.deepEqual(parseTerms('\r\n  \r\n'), []);
  assert.deepEqual(parseTerms('5G'), ['5G'], 'a number alone is a term');
  const terms = parseTerms('a\nb 2');
  assert.deepEqual(parseTerms(formatTerms(terms)), terms);
});

test('mergeTopic appends terms to a topic of the same name, updating those it has, without mutating', () => {
  const list = [{ name: 'x', terms: ['a'] }];
  const merged = mergeTopic(list, { name: 'x', terms: ['b'] });
  assert.deepEqual(merged, [{ name: 'x', terms: ['a', 'b'] }]);
  assert.deepEqual(list, [{ name: 'x', terms: ['a'] }]);
  assert.deepEqual(mergeTopic(list, { name: 'y', terms: ['c'] }).map((t) => t.name), ['x', 'y']);
  // a term added again is updated in place of the old one, never listed twice (the Analyzer
  // refuses a topic with one term twice); ASCII case does not make another term
  const twice = mergeTopic([{ name: 'x', terms: ['a', 'GMV', 'b'] }], { name: 'x', terms: [{ term: 'gmv', weight: 2 }, 'c', 'c'] });
  assert.deepEqual(twice, [{ name: 'x', terms: ['a', 'b', { term: 'gmv', weight: 2 }, 'c'] }]);
  assert.deepEqual(mergeTopic([], { name: 'z', terms: ['d', { term: 'd', weight: 3 }] }), [{ name: 'z', terms: [{ term: 'd', weight: 3 }] }]);
});

test('checkName and parseStored', () => {
  assert.equal(checkName('livestream'), null);
  assert.match(checkName('two words'), /space/);
  assert.deepEqual(parseStored('not json'), []);
  assert.deepEqual(parseStored('{"a":1}'), []);
  assert.deepEqual(parseStored(null), []);
  assert.deepEqual(parseStored('[{"name":"x","terms":["a"]},{"bad":1}]'), [{ name: 'x', terms: ['a'] }]);
  assert.deepEqual(parseStored('[{"name":"x","terms":["a"],"threshold":0.3,"colour":"red"}]'), [{ name: 'x', terms: ['a'], threshold: 0.3 }]);
});

test('CSV: fields quoted only when needed, quotes doubled, BOM and CRLF; parseCSV reads it back', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(' edge'), '" edge"');
  assert.equal(csvField(0), '0');
  // pasted text never runs as a spreadsheet formula
  assert.equal(csvText('=HYPERLINK("http://x")'), '\'=HYPERLINK("http://x")');
  for (const t of ['+1', '-1', '@SUM(A1)', '\tx']) assert.equal(csvText(t), `'${t}`);
  assert.equal(csvText('印尼=禁令'), '印尼=禁令');
  const analysis = { sentences: [
    { start: 0, end: 5, topics: ['regulation', 'x y'], scores: { regulation: 0.9, 'x y': 0.51234 }, text: '他说"好",走\r\n了' },
    { start: 6, end: 7, topics: [], scores: { regulation: 0.1 }, text: '。' },
  ] };
  const csv = toCSV(analysis, ['regulation', 'x y']);
  assert.ok(csv.startsWith('\uFEFFindex,start,end,topics,score_regulation,score_x y,text\r\n'));
  const rows = parseCSV(csv);
  assert.deepEqual(rows, [
    ['index', 'start', 'end', 'topics', 'score_regulation', 'score_x y', 'text'],
    ['0', '0', '5', 'regulation x y', '0.9000', '0.5123', '他说"好",走\r\n了'],
    ['1', '6', '7', '', '0.1000', '0.0000', '。'],
  ]);
});

test('evidenceTree: distinct spans above the weight floor, nested where contained, overlaps dropped', () => {
  const ev = [
    { topic: 'm', term: '@money', weight: 1, start: 10, end: 16 },
    { topic: 'm', term: '亿美元', weight: 0.5, start: 13, end: 16 },
    { topic: 'c', term: '亿美元', weight: 0.3, start: 13, end: 16 },
    { topic: 'r', term: 'weak', weight: 0.05, start: 0, end: 2 },
    { topic: 'r', term: 'neg', weight: -2, start: 3, end: 5 },
    { topic: 'c', term: 'partial', weight: 1, start: 14, end: 20 },
    { topic: 'c', term: 'after', weight: 1, start: 20, end: 22 },
  ];
  const tree = evidenceTree(ev, 0.2);
  assert.deepEqual(tree.map((n) => [n.start, n.end]), [[10, 16], [20, 22]]);
  assert.deepEqual(tree[0].children.map((n) => [n.start, n.end, n.evidence.map((e) => e.topic)]), [[13, 16, ['m', 'c']]]);
});

test('badge symbols and colour slots', () => {
  assert.equal(symbolOf('regulation'), '§');
  assert.equal(symbolOf('competition'), 'vs');
  assert.equal(symbolOf('monetization'), '¥');
  assert.equal(symbolOf('livestream'), 'L');
  assert.equal(symbolOf('直播'), '直');
  assert.equal(symbolOf('𠮷x'), '𠮷', 'a whole character, not half a surrogate pair');
  assert.deepEqual([0, 1, 2, 3, 6, 7, 8].map(slotOf), [0, 1, 2, 3, 6, 0, 1]);
});
