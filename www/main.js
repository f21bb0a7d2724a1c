// The newslens demo page. It uses the package exactly as a user would:
//   import { Analyzer } from './pkg/index.js'              (ready once the import resolves)
//   import { createWorker } from './pkg/worker-client.js'   (long texts, off the main thread)
// Everything the user typed is put in the page with textContent / createElement only.
import {
  TYPE_LIMIT, WORKER_LIMIT, MARK_MIN, slotOf, symbolOf, parseTerms, formatTerms, mergeTopic, checkName,
  parseStored, toCSV, toJSON, evidenceTree, fmtInt, fmtPct, fmtWeight,
} from './lib.js';

const STORAGE_KEY = 'newslens.customTopics.v1';
const MODEL_KEY = 'newslens.model.v1'; // analyzer.exportModel() while there are taught sentences
const MAX_MODEL_FILE = 20 * 1024 * 1024;
const DEBOUNCE_MS = 300;
const MAX_WORDS_SHOWN = 3000;

const $ = (id) => document.getElementById(id);
const ui = {
  main: $('main'), fatal: $('fatal'), input: $('input'), count: $('input-count'), status: $('status'),
  loadSample: $('load-sample'), analyze: $('analyze'), segment: $('segment'),
  job: $('job'), progress: $('progress'), progressLabel: $('progress-label'), cancel: $('cancel'),
  custom: $('custom'), customCount: $('custom-count'), topicForm: $('topic-form'), topicName: $('topic-name'),
  topicNames: $('topic-names'), topicTerms: $('topic-terms'), topicAdd: $('topic-add'), topicReset: $('topic-reset'),
  topicError: $('topic-error'), customList: $('custom-list'),
  summaryEmpty: $('summary-empty'), summaryBody: $('summary-body'), legendList: $('legend-list'), chartList: $('chart-list'),
  exportJson: $('export-json'), exportCsv: $('export-csv'),
  article: $('article'), wordsSection: $('words-section'), words: $('words'), wordsNote: $('words-note'),
  details: $('details'), detailsClose: $('details-close'), detailsEmpty: $('details-empty'), detailsBody: $('details-body'),
  detailsMeta: $('details-meta'), detailsText: $('details-text'), detailsScores: $('details-scores'),
  detailsEvidence: document.querySelector('#details-evidence tbody'), detailsWords: $('details-words'),
  version: $('version'), markMin: $('mark-min'),
  teachTopics: $('teach-topics'), teachApply: $('teach-apply'), teachState: $('teach-state'),
  teachCountInline: $('teach-count-inline'), teachCount: $('teach-count'), teachEvaluate: $('teach-evaluate'),
  teachExport: $('teach-export'), teachImport: $('teach-import'), teachReset: $('teach-reset'), modelFile: $('model-file'),
  teachNote: $('teach-note'), teachError: $('teach-error'), eval: $('eval'), evalCaption: $('eval-caption'),
  evalBody: document.querySelector('#eval-table tbody'), evalMacro: $('eval-macro'), evalNote: $('eval-note'),
  workerLimit: $('worker-limit'),
};

/** Creates an element: el('span', { className: 'x', dataset: { a: '1' } }, 'text', child…). */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'attrs') for (const [a, av] of Object.entries(v)) node.setAttribute(a, av);
    else node[k] = v;
  }
  node.append(...children.filter((c) => c != null && c !== false));
  return node;
}

// ---------------------------------------------------------------- state
let lens;            // the package module
let createWorker;    // from the worker wrapper module
let analyzer;        // main-thread Analyzer
let worker = null;   // WorkerAnalyzer, created on the first long text
let customTopics = [];
let topics = [];     // analyzer.topics
let current = null;  // { text, analysis, topics, ms, where }
let selected = -1;   // index of the selected sentence
let runId = 0;       // newest analysis run; older results are dropped
let job = null;      // { controller, id } of the running worker analysis
let typingTimer = 0;
let taughtCount = 0; // analyzer.examples().length
let modelVersion = 0; // bumped whenever the taught sentences change
let workerModel = -1; // the modelVersion the worker has
const hidden = new Set(); // topics unchecked in the filter ('' = sentences without a topic)
let filterVersion = 0;     // bumped whenever `hidden` changes (a render in steps checks it)

const setStatus = (text) => { ui.status.textContent = text; };
const nextPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

function fatal(message) {
  ui.fatal.replaceChildren(el('strong', {}, 'newslens cannot run here. '), message);
  ui.fatal.hidden = false;
  setStatus(message);
  ui.main.removeAttribute('aria-busy');
}

// ---------------------------------------------------------------- start-up
async function start() {
  ui.main.setAttribute('aria-busy', 'true');
  ui.markMin.textContent = String(MARK_MIN);
  ui.workerLimit.textContent = fmtInt(WORKER_LIMIT);
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fatal('This browser has no WebAssembly (or it is switched off), which newslens needs. ' +
      'Try a current Chrome, Edge, Firefox or Safari with WebAssembly enabled.');
    return;
  }
  let workerClient;
  try {
    [lens, workerClient] = await Promise.all([import('./pkg/index.js'), import('./pkg/worker-client.js')]);
  } catch (e) {
    fatal(`Loading the WebAssembly module failed: ${e?.message ?? e}`);
    return;
  }
  createWorker = workerClient.createWorker;
  await nextPaint(); // let "Loading the dictionary…" show before the (blocking) analyzer build
  const t0 = performance.now();
  customTopics = loadCustom();
  try {
    analyzer = new lens.Analyzer({ topics: customTopics });
  } catch (e) {
    showTopicError(`Your saved custom topics could not be used, so they are switched off: ${e.message}`);
    ui.custom.open = true;
    customTopics = [];
    try {
      analyzer = new lens.Analyzer();
    } catch (e2) {
      fatal(`The analyzer could not start: ${e2.message}`);
      return;
    }
  }
  topics = analyzer.topics;
  restoreTeaching();
  ui.version.textContent = lens.version();
  for (const b of [ui.loadSample, ui.analyze, ui.segment, ui.topicAdd, ui.topicReset,
    ui.teachEvaluate, ui.teachExport, ui.teachImport, ui.teachReset]) b.disabled = false;
  ui.main.removeAttribute('aria-busy');
  renderCustomTopics();
  setStatus(`Ready in ${Math.round(performance.now() - t0)} ms. Paste an article or load the sample.`);
  if (ui.input.value.trim()) scheduleTyping(); // text the browser restored on reload
  // jieba's dictionary loads as texts need it; the rest loads once the page is idle, so that a
  // first long article does not wait for it (results are the same either way)
  const idle = window.requestIdleCallback ?? ((f) => setTimeout(f, 1000));
  idle(() => analyzer?.preload(), { timeout: 5000 });
}

// ---------------------------------------------------------------- analysis
function getWorker() {
  if (!worker) worker = createWorker({ topics: customTopics });
  return worker;
}

function dropWorker() {
  cancelJob();
  worker?.terminate();
  worker = null;
  workerModel = -1;
}

/** Gives the worker the page's model (taught sentences, an imported model) if it changed since. */
async function syncWorkerModel(lens) {
  if (workerModel === modelVersion) return;
  const version = modelVersion;
  await lens.importModel(analyzer.exportModel());
  if (lens === worker) workerModel = version;
}

function cancelJob() {
  if (job) job.controller.abort();
}

function updateCount() {
  const n = ui.input.value.length;
  ui.count.textContent = `${fmtInt(n)} characters` + (n > WORKER_LIMIT ? ' — runs in the background' : n >= TYPE_LIMIT ? ' — press Analyze' : '');
}

function scheduleTyping() {
  clearTimeout(typingTimer);
  updateCount();
  const n = ui.input.value.length;
  if (!analyzer) return;
  if (n === 0) { runId++; cancelJob(); clearResults(); setStatus('Ready.'); return; }
  if (n >= TYPE_LIMIT) { setStatus('Long text: press Analyze when it is complete.'); return; }
  typingTimer = setTimeout(analyze, DEBOUNCE_MS);
}

/** Analyses the textarea's text: on the main thread, or in the worker when it is long. */
async function analyze() {
  clearTimeout(typingTimer);
  if (!analyzer) return;
  const text = ui.input.value;
  const id = ++runId;
  cancelJob();
  if (!text.trim()) { clearResults(); setStatus('Nothing to analyse: the text is empty.'); return; }
  if (text.length > WORKER_LIMIT) return analyzeInWorker(text, id);
  if (text.length > 5000) { setStatus('Analysing…'); await nextPaint(); if (id !== runId) return; }
  try {
    const t0 = performance.now();
    const analysis = analyzer.analyze(text);
    render({ text, analysis, topics, ms: performance.now() - t0, where: 'main thread' });
  } catch (e) {
    setStatus(`Analysis failed: ${e.message}`);
  }
}

async function analyzeInWorker(text, id) {
  const controller = new AbortController();
  job = { controller, id };
  ui.job.hidden = false;
  ui.cancel.disabled = false;
  const hadFocus = document.activeElement === ui.analyze;
  ui.analyze.disabled = true;
  if (hadFocus) ui.cancel.focus(); // a disabled button would drop the keyboard focus
  ui.progress.removeAttribute('value'); // indeterminate until the first chunk is done
  ui.progressLabel.textContent = worker ? 'Analysing in the background…' : 'Starting the background analyzer…';
  setStatus(`Analysing ${fmtInt(text.length)} characters in the background — the page stays usable; Cancel stops it.`);
  const t0 = performance.now();
  try {
    const lens = getWorker();
    await syncWorkerModel(lens);
    const analysis = await lens.analyze(text, {
      signal: controller.signal,
      onProgress: (done, total) => {
        if (id !== runId || controller.signal.aborted) return;
        ui.progress.value = total ? done / total : 1;
        ui.progressLabel.textContent = `Analysing in the background… ${Math.floor((done / total) * 100)}%`;
      },
    });
    if (id !== runId) return;
    endJob(controller);
    setStatus('Rendering…');
    await nextPaint();
    if (id !== runId) return;
    render({ text, analysis, topics, ms: performance.now() - t0, where: 'background worker' }, { steps: true });
  } catch (e) {
    endJob(controller);
    if (id !== runId) return; // replaced by a newer run
    if (controller.signal.aborted) setStatus('Analysis cancelled. The previous result (if any) is still shown.');
    else {
      setStatus(`Analysis failed: ${e.message}`);
      dropWorker(); // the next run starts a fresh worker
    }
  }
}

function endJob(controller) {
  if (job?.controller !== controller) return;
  job = null;
  const hadFocus = document.activeElement === ui.cancel;
  ui.job.hidden = true;
  ui.analyze.disabled = !analyzer;
  if (hadFocus) ui.analyze.focus();
}

ui.cancel.addEventListener('click', () => {
  if (!job) return;
  const { controller } = job;
  ui.cancel.disabled = true;
  ui.progressLabel.textContent = 'Cancelling…';
  setStatus('Cancelling…');
  controller.abort(); // the worker stops at its next chunk
  // a worker that does not answer (stuck, or never started) is stopped for good
  setTimeout(() => { if (job?.controller === controller) dropWorker(); }, 5000);
});

// ---------------------------------------------------------------- rendering
const topicSlot = (t, list = topics) => slotOf(Math.max(0, list.indexOf(t)));

function badge(t, list) {
  return el('span', { className: `badge slot-${topicSlot(t, list)}`, title: t }, symbolOf(t));
}

function clearResults() {
  current = null;
  selected = -1;
  ui.article.replaceChildren();
  ui.article.dataset.run = String(runId);
  ui.summaryBody.hidden = true;
  ui.summaryEmpty.hidden = false;
  ui.exportJson.disabled = ui.exportCsv.disabled = true;
  showDetails(-1);
}

/** Sentences per block of the article; long articles render blocks lazily (content-visibility). */
const CHUNK_SENTENCES = 60;
const LAZY_FROM = 600;
/** A block with no line break to end it is still ended after this many sentences (at a sentence
 * boundary; the page's text is unchanged, the display starts a new line there): one paragraph of
 * 63,450 sentences grown step by step was laid out again at every step, minutes in all. */
const MAX_CHUNK_SENTENCES = 600;
/** Sentences put in the page per step when a long result renders in steps, the page getting a turn
 * (input, painting) between steps: 63,450 sentences (6 MB) in one go blocked the page for ~1 s. */
const RENDER_STEP = 2000;

/** Resolves once the event loop has handled the tasks waiting before it (input, and the browser may
 * paint between tasks). A message, not a timer: timers in a background tab are slowed to one a second. */
const yieldToPage = () => new Promise((resolve) => {
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = () => { port1.close(); resolve(); };
  port2.postMessage(null);
});

/**
 * Shows an analysis. With `steps` (results from the worker, which can be megabytes) the sentences go
 * into the page RENDER_STEP at a time; a newer result (or cleared results) stops a render in
 * progress, a newer run that has no result yet does not. `#article[data-run]` is set once every
 * sentence is in the page.
 */
function render(result, { steps = false } = {}) {
  current = result;
  selected = -1;
  const id = runId;
  const version = filterVersion;
  const { text, analysis } = result;
  const list = result.topics;
  const { sentences } = analysis;
  ui.article.classList.toggle('lazy', sentences.length >= LAZY_FROM);
  ui.article.replaceChildren();
  ui.exportJson.disabled = ui.exportCsv.disabled = true;
  renderSummary();
  showDetails(-1);
  // The article is cut into blocks at line breaks between sentences, so a long one renders only
  // what is on screen; the text (sentences and the whitespace between them) stays exactly as given.
  // A block goes into the page when it is started, so each step shows all of its sentences.
  const newChunk = () => ui.article.appendChild(el('div', { className: 'chunk' }));
  let chunk = newChunk();
  let inChunk = 0;
  let pos = 0;
  let dimmed = 0;
  // Blank lines between paragraphs (several line breaks, spaces, NBSPs) show as one blank line: the
  // text stays in the page as given, in a block one line high.
  const appendGap = (str) => {
    if (!str) return;
    if (/^\s*$/.test(str) && str.split('\n').length > 3) chunk.append(el('span', { className: 'blank' }, str));
    else chunk.append(str);
  };
  const gap = (to) => {
    const between = text.slice(pos, to);
    const cut = between.lastIndexOf('\n');
    if (inChunk >= CHUNK_SENTENCES && cut >= 0) {
      appendGap(between.slice(0, cut + 1));
      chunk = newChunk();
      inChunk = 0;
      appendGap(between.slice(cut + 1));
    } else appendGap(between);
  };
  const bands = ['a', 'b', 'c', 'd'];
  const add = (s, i) => {
    if (s.start > pos) gap(s.start);
    if (inChunk >= MAX_CHUNK_SENTENCES) {
      chunk = newChunk();
      inChunk = 0;
    }
    const span = document.createElement('span');
    const cls = ['sentence'];
    if (s.topics.length) {
      cls.push(`n${Math.min(s.topics.length, 4)}`, s.topics.length > 1 ? 'multi' : `tint-${topicSlot(s.topics[0], list)}`);
      s.topics.slice(0, 4).forEach((t, k) => cls.push(`${bands[k]}-${topicSlot(t, list)}`));
      const badges = el('span', { className: 'badges', attrs: { 'aria-hidden': 'true' } });
      for (const t of s.topics) badges.append(badge(t, list));
      span.append(badges, el('span', { className: 'visually-hidden' }, `(${s.topics.join(', ')}) `));
    }
    if (!isShown(s.topics)) {
      cls.push('dimmed');
      dimmed++;
    }
    span.className = cls.join(' ');
    span.tabIndex = 0;
    span.setAttribute('role', 'button');
    span.setAttribute('aria-controls', 'details');
    span.dataset.i = String(i);
    span.dataset.topics = s.topics.join(' ');
    span.append(s.text);
    chunk.append(span);
    inChunk++;
    pos = s.end;
  };
  let k = 0;
  const step = () => {
    if (current !== result) return; // replaced by a newer result, or cleared
    const stop = steps ? Math.min(k + RENDER_STEP, sentences.length) : sentences.length;
    for (; k < stop; k++) add(sentences[k], k);
    if (k < sentences.length) {
      // (said once: the status is a live region, read out on every change)
      if (k <= RENDER_STEP && id === runId) setStatus(`Rendering ${fmtInt(sentences.length)} sentences…`);
      yieldToPage().then(step).catch((e) => setStatus(`Rendering failed: ${e.message}`));
      return;
    }
    if (pos < text.length) chunk.append(text.slice(pos));
    ui.article.dataset.run = String(id);
    // dimmed as they were added, unless the filter changed meanwhile
    if (filterVersion !== version) applyFilter();
    else showDimmed(dimmed);
    ui.exportJson.disabled = ui.exportCsv.disabled = false;
    // (a newer run going on, or one that failed or was cancelled, keeps its own status)
    if (id !== runId) return;
    const labelled = sentences.filter((s) => s.topics.length).length;
    setStatus(`${fmtInt(sentences.length)} sentences, ${fmtInt(labelled)} with a topic — analysed in ${fmtInt(result.ms)} ms (${result.where}).`);
  };
  step();
}

function renderSummary() {
  const { analysis, topics: list } = current;
  const total = analysis.summary.sentences;
  const byTopic = new Map(analysis.summary.topics.map((t) => [t.topic, t]));
  const none = analysis.sentences.filter((s) => !s.topics.length).length;

  const legend = list.map((t, i) => {
    const count = byTopic.get(t)?.count ?? 0;
    const id = `filter-${i}`;
    return el('li', { dataset: { topic: t } },
      el('input', { type: 'checkbox', id, checked: !hidden.has(t), dataset: { topic: t } }),
      el('label', { htmlFor: id },
        el('span', { className: 'key', attrs: { 'aria-hidden': 'true' } }, badge(t, list), el('span', { className: `swatch a-${topicSlot(t, list)}` })),
        el('span', { className: 'name' }, t), ' ',
        el('span', { className: 'count', title: `${count} sentences` }, String(count))));
  });
  legend.push(el('li', { dataset: { topic: '' }, className: 'none' },
    el('input', { type: 'checkbox', id: 'filter-none', checked: !hidden.has(''), dataset: { topic: '' } }),
    el('label', { htmlFor: 'filter-none' },
      el('span', { className: 'key', attrs: { 'aria-hidden': 'true' } }, el('span', { className: 'badge none' }, '–'), el('span', { className: 'swatch' })),
      el('span', { className: 'name' }, 'no topic'), ' ',
      el('span', { className: 'count' }, String(none)))));
  ui.legendList.replaceChildren(...legend);

  ui.chartList.replaceChildren(...list.map((t) => {
    const s = byTopic.get(t) ?? { count: 0, share: 0 };
    const fill = el('span', { className: `fill slot-${topicSlot(t, list)}` });
    fill.style.width = `${Math.min(100, s.share * 100)}%`;
    return el('li', { dataset: { topic: t } },
      el('span', { className: 'name' }, t),
      el('span', { className: 'track', attrs: { 'aria-hidden': 'true' } }, fill),
      el('span', { className: 'value' }, `${fmtPct(s.share)} `, el('span', { className: 'of' }, `(${fmtInt(s.count)} of ${fmtInt(total)})`)));
  }));
  ui.summaryBody.hidden = false;
  ui.summaryEmpty.hidden = true;
}

// ---------------------------------------------------------------- filter
ui.legendList.addEventListener('change', (e) => {
  const box = e.target.closest('input[type=checkbox]');
  if (!box) return;
  if (box.checked) hidden.delete(box.dataset.topic);
  else hidden.add(box.dataset.topic);
  applyFilter();
});

/** Whether a sentence with these topics is shown by the filter (not dimmed). */
const isShown = (ts) => (ts.length ? ts.some((t) => !hidden.has(t)) : !hidden.has(''));
/** Marks the article with how many of its sentences are dimmed. */
function showDimmed(n) {
  ui.article.classList.toggle('filtered', n > 0);
  ui.article.dataset.dimmed = String(n);
}

function applyFilter() {
  filterVersion++;
  if (!current) return;
  const sentences = current.analysis.sentences;
  let dimmed = 0;
  for (const span of ui.article.querySelectorAll('.sentence')) {
    const show = isShown(sentences[span.dataset.i].topics);
    span.classList.toggle('dimmed', !show);
    if (!show) dimmed++;
  }
  showDimmed(dimmed);
}

// ---------------------------------------------------------------- sentence details
function selectSentence(span) {
  const i = Number(span.dataset.i);
  if (i === selected) return;
  ui.article.querySelector('.sentence.selected')?.classList.remove('selected');
  ui.article.querySelector('.sentence[aria-current]')?.removeAttribute('aria-current');
  span.classList.add('selected');
  span.setAttribute('aria-current', 'true');
  showDetails(i);
}

let refocusing = false; // focusing a sentence selects it, except when Close hands focus back
ui.article.addEventListener('focusin', (e) => {
  const span = e.target.closest('.sentence');
  if (span && !refocusing) selectSentence(span);
});
ui.article.addEventListener('click', (e) => {
  const span = e.target.closest('.sentence');
  if (span) selectSentence(span);
});
ui.article.addEventListener('keydown', (e) => {
  const span = e.target.closest('.sentence');
  if (!span || (e.key !== 'Enter' && e.key !== ' ')) return;
  e.preventDefault(); // Space would scroll
  if (Number(span.dataset.i) === selected) return;
  selectSentence(span);
});

function closeDetails() {
  const span = ui.article.querySelector('.sentence.selected');
  span?.classList.remove('selected');
  span?.removeAttribute('aria-current');
  showDetails(-1);
  if (span) { refocusing = true; span.focus({ preventScroll: true }); refocusing = false; }
}
ui.detailsClose.addEventListener('click', closeDetails);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && selected >= 0 && (ui.details.contains(e.target) || ui.article.contains(e.target))) closeDetails();
});

function showDetails(i) {
  selected = i;
  const s = i >= 0 ? current?.analysis.sentences[i] : null;
  document.documentElement.classList.toggle('has-selection', !!s);
  ui.details.classList.toggle('open', !!s);
  ui.detailsEmpty.hidden = !!s;
  ui.detailsBody.hidden = !s;
  ui.detailsClose.hidden = !s;
  if (!s) return;
  const { text, topics: list, analysis } = current;

  ui.detailsMeta.replaceChildren(
    `Sentence ${fmtInt(i + 1)} of ${fmtInt(analysis.sentences.length)} · characters ${fmtInt(s.start)}–${fmtInt(s.end)} · `,
    ...(s.topics.length ? s.topics.flatMap((t) => [badge(t, list), el('span', { className: 'label-name' }, t), ' ']) : ['no topic']));

  // the sentence with its evidence spans as (nested) <mark>s; offsets are into the full text
  const slotOfSpan = (sp) => topicSlot(sp.evidence[0].topic, list);
  const build = (parent, from, to, nodes) => {
    let pos = from;
    for (const sp of nodes) {
      if (sp.start > pos) parent.append(text.slice(pos, sp.start));
      const mark = el('mark', {
        className: `ev slot-${slotOfSpan(sp)}`,
        title: sp.evidence.map((e) => `${e.term} → ${e.topic} ${fmtWeight(e.weight)}`).join('\n'),
        dataset: { start: String(sp.start), end: String(sp.end), term: sp.evidence[0].term, topic: sp.evidence[0].topic },
      });
      build(mark, sp.start, sp.end, sp.children);
      parent.append(mark);
      pos = sp.end;
    }
    if (pos < to) parent.append(text.slice(pos, to));
  };
  ui.detailsText.replaceChildren();
  build(ui.detailsText, s.start, s.end, evidenceTree(s.evidence, MARK_MIN));

  ui.detailsScores.replaceChildren(...list.map((t) => {
    const score = s.scores[t] ?? 0;
    const fill = el('span', { className: `fill slot-${topicSlot(t, list)}` });
    fill.style.width = `${(score * 100).toFixed(1)}%`;
    const on = s.topics.includes(t);
    return el('li', { dataset: { topic: t }, className: on ? 'on' : '' },
      el('span', { className: 'name' }, badge(t, list), ' ', t),
      el('span', { className: 'track', attrs: { 'aria-hidden': 'true' } }, fill),
      el('span', { className: 'value' }, score.toFixed(2)),
      el('span', { className: 'flag' }, on ? '✓ label' : ''));
  }));

  const ev = [...s.evidence].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  ui.detailsEvidence.replaceChildren(...(ev.length ? ev.map((e) => {
    const found = text.slice(e.start, e.end);
    return el('tr', { className: e.weight < 0 ? 'neg' : (e.weight >= MARK_MIN ? 'strong' : ''), dataset: { topic: e.topic } },
      el('td', {}, el('span', { className: 'term', lang: 'zh-CN' }, e.term),
        found !== e.term ? el('span', { className: 'found', lang: 'zh-CN' }, ` “${found}”`) : null,
        e.kind !== 'term' ? el('span', { className: 'kind' }, ` ${e.kind}`) : null),
      el('td', {}, badge(e.topic, list), ' ', e.topic),
      el('td', { className: 'num' }, fmtWeight(e.weight)));
  }) : [el('tr', {}, el('td', { colSpan: 3, className: 'hint' }, 'No evidence: no term of any topic occurs here.'))]));

  renderTeach(s, list);

  const tokens = s.tokens ?? analyzer.segment(s.text).map((t) => ({ ...t, start: t.start + s.start, end: t.end + s.start }));
  ui.detailsWords.replaceChildren(...tokens.filter((t) => t.word.trim()).map((t) => el('li', {}, t.word)));
}

// ---------------------------------------------------------------- segment button
ui.segment.addEventListener('click', async () => {
  const text = ui.input.value;
  if (!analyzer) return;
  try {
    let tokens;
    if (text.length > WORKER_LIMIT) {
      setStatus('Segmenting in the background…');
      tokens = await getWorker().segment(text);
    } else tokens = analyzer.segment(text);
    const words = tokens.filter((t) => t.word.trim());
    ui.words.replaceChildren(...words.slice(0, MAX_WORDS_SHOWN).map((t) => el('li', {}, t.word)));
    ui.wordsNote.textContent = words.length > MAX_WORDS_SHOWN ? `The first ${fmtInt(MAX_WORDS_SHOWN)} of ${fmtInt(words.length)} words.` : '';
    ui.wordsSection.hidden = false;
    setStatus(`${fmtInt(words.length)} words.`);
  } catch (e) {
    setStatus(`Segmentation failed: ${e.message}`);
  }
});

// ---------------------------------------------------------------- input, sample, analyze
ui.input.addEventListener('input', scheduleTyping);
ui.analyze.addEventListener('click', () => analyze());
let loadingSample = false; // (the button is not disabled meanwhile: that would drop keyboard focus)
ui.loadSample.addEventListener('click', async () => {
  if (loadingSample || !analyzer) return;
  loadingSample = true;
  ui.loadSample.setAttribute('aria-busy', 'true');
  setStatus('Loading the sample articles…');
  try {
    const res = await fetch('sample-articles.txt');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    ui.input.value = await res.text();
    updateCount();
    await analyze();
  } catch (e) {
    setStatus(`Could not load the sample: ${e.message}`);
  } finally {
    loadingSample = false;
    ui.loadSample.removeAttribute('aria-busy');
  }
});

// ---------------------------------------------------------------- export
function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el('a', { href: url, download: name });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

ui.exportJson.addEventListener('click', () => {
  if (!current) return;
  download('newslens-analysis.json', 'application/json', toJSON({ ...current, customTopics, version: lens.version() }));
  setStatus('Exported the analysis as JSON (newslens-analysis.json).');
});
ui.exportCsv.addEventListener('click', () => {
  if (!current) return;
  download('newslens-sentences.csv', 'text/csv;charset=utf-8', toCSV(current.analysis, current.topics));
  setStatus(`Exported ${fmtInt(current.analysis.sentences.length)} sentences as CSV (newslens-sentences.csv).`);
});

// ---------------------------------------------------------------- custom topics
function loadCustom() {
  try {
    return parseStored(localStorage.getItem(STORAGE_KEY));
  } catch {
    return []; // storage switched off
  }
}

function saveCustom() {
  try {
    if (customTopics.length) localStorage.setItem(STORAGE_KEY, JSON.stringify(customTopics));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    showTopicError('Could not save in this browser (storage is off); the topics apply until you reload.');
  }
}

function showTopicError(message) {
  ui.topicError.textContent = message;
  ui.topicError.hidden = !message;
}

/** Rebuilds the analyzer with `next` topics; on error shows the Analyzer's message and keeps the old ones. */
function applyTopics(next, done) {
  const examples = analyzer.examples(); // configure() starts again from the defaults, without them
  try {
    analyzer.configure({ topics: next });
  } catch (e) {
    showTopicError(e.message);
    return false;
  }
  showTopicError('');
  customTopics = next;
  topics = analyzer.topics;
  if (examples.length) {
    const r = relearn(examples);
    saveModel();
    teachingChanged();
    showTeachNote(r.dropped
      ? `Topics changed: ${dropNote(r)}${r.kept === 1 ? ' The other taught sentence still applies.' : r.kept ? ` The other ${fmtInt(r.kept)} still apply.` : ''}`
      : `Topics changed: your ${plural(r.kept, 'taught sentence')} were learned again.`);
  }
  for (const t of [...hidden]) if (t && !topics.includes(t)) hidden.delete(t);
  filterVersion++; // (a render in steps re-applies the filter at its end)
  saveCustom();
  dropWorker();
  renderCustomTopics();
  setStatus(done);
  if (ui.input.value.trim()) analyze();
  return true;
}

function renderCustomTopics() {
  ui.topicNames.replaceChildren(...topics.map((t) => el('option', { value: t })));
  ui.customCount.textContent = customTopics.length ? `(${customTopics.length})` : '';
  ui.customList.replaceChildren(...customTopics.map((t, i) => el('li', {},
    el('span', { className: 'name' }, t.name), ' ',
    el('span', { className: 'hint' }, `${t.terms.length} term${t.terms.length === 1 ? '' : 's'}: `),
    el('span', { className: 'terms', lang: 'zh-CN' }, formatTerms(t.terms).replace(/\n/g, ' · ')), ' ',
    el('button', { type: 'button', className: 'small', dataset: { remove: String(i) }, ariaLabel: `Remove ${t.name}` }, 'Remove'))));
  ui.topicReset.disabled = !analyzer;
}

ui.topicForm.addEventListener('submit', (e) => {
  e.preventDefault();
  if (!analyzer) return;
  const name = ui.topicName.value.trim();
  const terms = parseTerms(ui.topicTerms.value);
  const bad = checkName(ui.topicName.value.trim());
  if (bad) { showTopicError(bad); return; }
  const isDefault = topics.includes(name) && !customTopics.some((t) => t.name === name);
  if (applyTopics(mergeTopic(customTopics, { name, terms }),
    `${isDefault ? 'Added terms to' : 'Added topic'} “${name}”; re-running the analysis.`)) {
    ui.topicName.value = '';
    ui.topicTerms.value = '';
  }
});

ui.customList.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-remove]');
  if (!b) return;
  const i = Number(b.dataset.remove);
  const name = customTopics[i]?.name;
  applyTopics(customTopics.filter((_, k) => k !== i), `Removed the custom terms of “${name}”.`);
  ui.topicName.focus();
});

ui.topicReset.addEventListener('click', () => {
  if (!analyzer) return;
  applyTopics([], 'Custom topics removed; back to the three default topics.');
});

// ---------------------------------------------------------------- teaching
// The taught sentences live in the main-thread Analyzer (the worker protocol has none), so they apply
// to texts analysed here (≤ WORKER_LIMIT); a note says so. Saved as analyzer.exportModel() in
// localStorage while there are any; after a change of the custom topics they are learned again.
let taught = new Map(); // sentence text → the labels the reader gave it

const plural = (n, word) => `${fmtInt(n)} ${word}${n === 1 ? '' : 's'}`;
const labelText = (labels) => (labels.length ? labels.join(', ') : 'no topic');
const sameLabels = (a, b) => a.length === b.length && a.every((t) => b.includes(t));

function showTeachNote(message) { ui.teachNote.textContent = message; }
function showTeachError(message) {
  ui.teachError.textContent = message;
  ui.teachError.hidden = !message;
}

/** The count, the details' "taught" state; an evaluation shown is of the old examples, so it goes. */
function teachingChanged() {
  modelVersion++;
  const examples = analyzer.examples();
  taughtCount = examples.length;
  taught = new Map(examples.map((e) => [e.text, e.labels]));
  ui.teachCountInline.textContent = fmtInt(taughtCount);
  ui.teachCount.textContent = taughtCount ? `${plural(taughtCount, 'taught sentence')}.` : 'No taught sentences yet.';
  ui.teachCount.dataset.count = String(taughtCount);
  ui.eval.hidden = true;
}

function saveModel() {
  try {
    if (analyzer.examples().length) localStorage.setItem(MODEL_KEY, analyzer.exportModel());
    else localStorage.removeItem(MODEL_KEY);
  } catch {
    showTeachError('Could not save the taught sentences in this browser (storage is off or full); they apply until you reload.');
  }
}

/** Trains the examples whose labels are all topics of the analyzer; the others are dropped. */
function relearn(examples) {
  const missing = new Set();
  const kept = examples.filter((e) => {
    const gone = e.labels.filter((t) => !topics.includes(t));
    for (const t of gone) missing.add(t);
    return gone.length === 0;
  });
  if (kept.length) analyzer.train(kept);
  return { kept: kept.length, dropped: examples.length - kept.length, missing: [...missing] };
}

const dropNote = ({ dropped, missing }) =>
  `${plural(dropped, 'taught sentence')} dropped: ${missing.length === 1 ? 'the topic' : 'the topics'} ` +
  `${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist now.`;

/**
 * Replaces the model with an exported one (throws the Analyzer's Error and keeps the model on a bad
 * file). Made with the same topics and terms: taken as it is. Otherwise the page's topics stay (the
 * custom-topics editor owns them) and the file's examples whose labels exist here are learned again.
 */
function adoptModel(json) {
  const configOf = (doc) => JSON.stringify([doc.topics, doc.terms]);
  const mine = configOf(JSON.parse(analyzer.exportModel()));
  analyzer.importModel(json);
  if (configOf(JSON.parse(json)) === mine) return { kept: analyzer.examples().length, dropped: 0, missing: [], same: true };
  const examples = analyzer.examples();
  try {
    analyzer.configure({ topics: customTopics });
  } finally {
    topics = analyzer.topics;
  }
  return { ...relearn(examples), same: false };
}

function restoreTeaching() {
  let json = null;
  try {
    json = localStorage.getItem(MODEL_KEY);
  } catch { /* storage switched off */ }
  if (json) {
    try {
      const r = adoptModel(json);
      showTeachNote(`Restored ${plural(r.kept, 'taught sentence')} saved in this browser.${r.dropped ? ` ${dropNote(r)}` : ''}`);
      if (!r.same) saveModel();
    } catch (e) {
      showTeachError(`The taught sentences saved in this browser could not be restored, so they were removed: ${e.message}`);
      try { localStorage.removeItem(MODEL_KEY); } catch { /* storage switched off */ }
    }
  }
  teachingChanged();
}

/** The Teach group of the details panel: one checkbox per topic, ticked as the sentence is labelled now. */
function renderTeach(s, list) {
  ui.teachTopics.replaceChildren(...list.map((t, k) => el('li', { dataset: { topic: t } },
    el('input', { type: 'checkbox', id: `teach-${k}`, checked: s.topics.includes(t), dataset: { topic: t } }),
    el('label', { htmlFor: `teach-${k}` }, el('span', { attrs: { 'aria-hidden': 'true' } }, badge(t, list)), ' ',
      el('span', { className: 'name' }, t)))));
  const mine = taught.get(s.text);
  let state = mine
    ? `You taught it as ${labelText(mine)}.` + (sameLabels(mine, s.topics) ? ''
      : ` The model still labels it ${labelText(s.topics)}: teaching similar sentences helps.`)
    : 'Ticked: the labels the model gives it now. Change them and press Teach.';
  if (current.text.length > WORKER_LIMIT) state += ' This long text runs in the background: teaching is saved and re-scores it when you press Analyze.';
  ui.teachState.textContent = state;
}

/**
 * Analyses the shown text again with the taught model and re-renders it, keeping the selected sentence
 * selected and the focus where it was. Returns null for long texts (analysed in the worker, untaught).
 */
function rescore() {
  if (!current || current.text.length > WORKER_LIMIT) return null;
  const keep = selected;
  const { text } = current;
  const before = current.analysis.sentences.map((s) => s.topics.join(' '));
  const focused = ui.details.contains(document.activeElement) ? document.activeElement.id : '';
  const scroll = ui.article.scrollTop;
  if (!job) runId++; // (a running background job's newer text still replaces this when it is done)
  let analysis;
  const t0 = performance.now();
  try {
    analysis = analyzer.analyze(text);
  } catch (e) {
    setStatus(`Analysis failed: ${e.message}`);
    return null;
  }
  render({ text, analysis, topics, ms: performance.now() - t0, where: 'main thread' });
  ui.article.scrollTop = scroll;
  const span = keep >= 0 ? ui.article.querySelector(`.sentence[data-i="${keep}"]`) : null;
  if (span) selectSentence(span);
  if (focused && document.activeElement?.id !== focused) $(focused)?.focus({ preventScroll: true });
  const changed = analysis.sentences.filter((s, k) => s.topics.join(' ') !== before[k]).length;
  return { changed, sentence: span ? analysis.sentences[keep] : null };
}

/** After the model changed (taught, reset, imported): clear the error, save, update the Teach UI
 * and re-score the article; returns what `rescore` returns. */
function modelChanged() {
  showTeachError('');
  saveModel();
  teachingChanged();
  return rescore();
}

function teachSelected() {
  if (!analyzer || !current || selected < 0) return;
  const i = selected;
  const { text } = current.analysis.sentences[i];
  const labels = [...ui.teachTopics.querySelectorAll('input[type=checkbox]')].filter((b) => b.checked).map((b) => b.dataset.topic);
  const before = analyzer.examples();
  const again = before.some((e) => e.text === text);
  try {
    if (again) { // taught before: its new labels replace the old ones
      analyzer.resetLearning();
      try {
        analyzer.train([...before.filter((e) => e.text !== text), { text, labels }]);
      } catch (e) {
        if (before.length) analyzer.train(before);
        throw e;
      }
    } else analyzer.learn(text, labels);
  } catch (e) {
    showTeachError(`Teaching failed: ${e.message}`);
    return;
  }
  const r = modelChanged();
  let message = `${again ? 'Taught again' : 'Taught'}: sentence ${fmtInt(i + 1)} is ${labelText(labels)}.`;
  if (!r) message += ' Saved; press Analyze to re-score the long text shown (it runs in the background, with what you taught).';
  else {
    message += ` Re-scored the article: ${plural(r.changed, 'sentence')} changed labels.`;
    if (r.sentence && !sameLabels(labels, r.sentence.topics)) message += ` The model still labels it ${labelText(r.sentence.topics)}.`;
  }
  showTeachNote(message);
}
ui.teachApply.addEventListener('click', teachSelected);

function renderEval(result, n, k) {
  const f = (x) => x.toFixed(2);
  ui.evalCaption.textContent = `${k}-fold cross-validation on your ${plural(n, 'taught sentence')}`;
  ui.evalBody.replaceChildren(...result.topics.map((m) => el('tr', { dataset: { topic: m.topic } },
    el('th', { scope: 'row' }, el('span', { attrs: { 'aria-hidden': 'true' } }, badge(m.topic, topics)), ' ', m.topic),
    el('td', { className: 'num' }, f(m.precision)),
    el('td', { className: 'num' }, f(m.recall)),
    el('td', { className: 'num f1' }, f(m.f1)),
    el('td', { className: 'num', title: `tp ${m.tp}, fp ${m.fp}, fn ${m.fn}` }, String(m.support)))));
  ui.evalMacro.textContent = f(result.macroF1);
  const none = result.topics.filter((m) => !m.support).map((m) => m.topic);
  ui.evalNote.textContent = 'Each fold is labelled by a model taught with the other folds. Support: taught sentences with that topic.' +
    (none.length ? ` No taught sentence has ${none.join(', ')}: ${none.length === 1 ? 'its' : 'their'} F1 counts as 0 in the macro-F1.` : '');
  ui.eval.hidden = false;
}

ui.teachEvaluate.addEventListener('click', async () => {
  if (!analyzer) return;
  const examples = analyzer.examples();
  if (examples.length < 2) {
    ui.eval.hidden = true;
    showTeachNote(`Evaluate needs at least 2 taught sentences (it learns from some and tests on the others); you have ${fmtInt(examples.length)}.`);
    return;
  }
  const k = Math.min(5, examples.length);
  showTeachError('');
  showTeachNote(`Evaluating (${k}-fold cross-validation)…`);
  await nextPaint();
  let result;
  try {
    result = analyzer.crossValidate(examples, k);
  } catch (e) {
    showTeachNote('');
    showTeachError(`Evaluation failed: ${e.message}`);
    return;
  }
  renderEval(result, examples.length, k);
  showTeachNote(`Evaluated ${plural(examples.length, 'taught sentence')}: macro-F1 ${result.macroF1.toFixed(2)}.`);
});

ui.teachExport.addEventListener('click', () => {
  if (!analyzer) return;
  download('newslens-model.json', 'application/json', analyzer.exportModel());
  showTeachNote(`Exported the model with ${plural(taughtCount, 'taught sentence')} (newslens-model.json).`);
});

ui.teachImport.addEventListener('click', () => ui.modelFile.click());
ui.modelFile.addEventListener('change', async () => {
  const file = ui.modelFile.files[0];
  ui.modelFile.value = ''; // the same file can be chosen again
  if (!file || !analyzer) return;
  let r;
  try {
    if (file.size > MAX_MODEL_FILE) throw new Error(`the file is ${fmtInt(file.size)} bytes, more than a model export can be`);
    r = adoptModel(await file.text());
  } catch (e) {
    showTeachNote('');
    showTeachError(`Could not import “${file.name}”: ${e.message}. The current model is kept.`);
    return;
  }
  const rescored = modelChanged();
  showTeachNote(`Imported “${file.name}”: ${plural(r.kept, 'taught sentence')}.` +
    (r.same ? '' : ' It was made with other topics or terms, so its sentences were learned again with the topics of this page.') +
    (r.dropped ? ` ${dropNote(r)}` : '') +
    (rescored ? ' Re-scored the article.' : current ? ' Press Analyze to re-score the long text shown (it runs in the background).' : ''));
});

ui.teachReset.addEventListener('click', () => {
  if (!analyzer) return;
  const n = taughtCount;
  try {
    analyzer.resetLearning();
  } catch (e) {
    showTeachError(`Reset failed: ${e.message}`);
    return;
  }
  const rescored = modelChanged();
  showTeachNote(n ? `Forgot ${plural(n, 'taught sentence')}: back to the default model${rescored ? '; the article was re-scored' : ''}.`
    : 'No taught sentences: the model is the default one.');
});

start();
