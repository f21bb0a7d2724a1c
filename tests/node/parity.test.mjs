// The wasm package and the native crate give the same labels and scores on every sentence of
// data/eval/dev.jsonl (native: `cargo run --release --example classify`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Analyzer } from '../../pkg/node.mjs';

const root = new URL('../../', import.meta.url);
const dev = readFileSync(new URL('data/eval/dev.jsonl', root), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

test('wasm and native agree on every dev sentence', () => {
  const input = dev.map((r) => r.text).join('\n') + '\n';
  const native = execFileSync('cargo', ['run', '--quiet', '--locked', '--release', '--example', 'classify'], {
    cwd: root, input, encoding: 'utf8', maxBuffer: 64 << 20,
  }).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(native.length, dev.length);
  const analyzer = new Analyzer();
  let maxDiff = 0;
  dev.forEach((r, i) => {
    const c = analyzer.classify(r.text);
    assert.deepEqual(c.labels, native[i].labels, r.text);
    assert.deepEqual(Object.keys(c.scores), Object.keys(native[i].scores));
    for (const [topic, score] of Object.entries(c.scores)) maxDiff = Math.max(maxDiff, Math.abs(score - native[i].scores[topic]));
  });
  console.log(`# ${dev.length} sentences, largest score difference ${maxDiff}`);
  // labels are identical; scores agree to the last bit or two (exp() differs by an ulp between platforms)
  assert.ok(maxDiff <= 1e-12, `largest score difference ${maxDiff}`);
});
