// The demo page: uses the package exactly as a user would.
import { Analyzer } from './pkg/index.js';

const $ = (id) => document.getElementById(id);
const input = $('input');
const status = $('status');

let analyzer;
try {
  const t0 = performance.now();
  analyzer = new Analyzer();
  status.textContent = `Ready (dictionary loaded in ${Math.round(performance.now() - t0)} ms).`;
  $('analyze').disabled = false;
  $('segment').disabled = false;
} catch (e) {
  status.textContent = `Could not start: ${e.message}`;
}

$('segment').addEventListener('click', () => {
  const list = $('words');
  list.replaceChildren(...analyzer.segment(input.value).filter((t) => t.word.trim()).map((t) => {
    const li = document.createElement('li');
    li.textContent = t.word;
    return li;
  }));
  $('words-section').hidden = false;
  status.textContent = `${list.children.length} words.`;
});

$('analyze').addEventListener('click', () => {
  const text = input.value;
  const analysis = analyzer.analyze(text);
  const article = $('article');
  const parts = [];
  let pos = 0;
  for (const s of analysis.sentences) {
    if (s.start > pos) parts.push(document.createTextNode(text.slice(pos, s.start)));
    const span = document.createElement('span');
    span.className = ['sentence', ...s.topics].join(' ');
    span.dataset.topics = s.topics.join(' ');
    span.textContent = s.text;
    parts.push(span);
    pos = s.end;
  }
  article.replaceChildren(...parts);
  $('result-section').hidden = false;
  status.textContent = `${analysis.sentences.length} sentences.`;
});
