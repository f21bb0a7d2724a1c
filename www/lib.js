// Pure helpers of the demo page (no DOM): topic palette, custom-topic parsing and storage format,
// CSV/JSON export, evidence nesting. Importable from Node for unit tests.

/** Texts up to this length are analysed as you type (debounced). */
export const TYPE_LIMIT = 20_000;
/** Texts longer than this are analysed in the Web Worker, with progress and Cancel. */
export const WORKER_LIMIT = 50_000;
/** Evidence of at least this weight is highlighted inside the sentence. */
export const MARK_MIN = 0.2;
/** Number of colour/pattern slots (style.css defines .slot-0 … .slot-6). */
export const SLOTS = 7;

const SYMBOLS = { regulation: '§', competition: 'vs', monetization: '¥' };

/** Colour/pattern slot of the topic at `index` in `analyzer.topics` (defaults first: 0, 1, 2). */
export const slotOf = (index) => ((index % SLOTS) + SLOTS) % SLOTS;

/** The short badge text of a topic: a symbol for the defaults, the first character otherwise. */
export function symbolOf(topic) {
  if (SYMBOLS[topic]) return SYMBOLS[topic];
  const first = Array.from(topic.trim())[0] ?? '?';
  return first.toUpperCase();
}

/**
 * Parses the custom-topic editor's lines: `term`, or `term<TAB or spaces>weight`. Blank lines are
 * skipped. A line whose last field is not a number is a term as a whole (phrases like `TikTok Shop`).
 */
export function parseTerms(text) {
  const terms = [];
  for (const raw of String(text).split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(.+?)[\t ]+([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)$/i.exec(line);
    terms.push(m ? { term: m[1].trim(), weight: Number(m[2]) } : line);
  }
  return terms;
}

/** The editor's text for a list of terms (inverse of parseTerms). */
export const formatTerms = (terms) => terms.map((t) => (typeof t === 'string' ? t : `${t.term}\t${t.weight}`)).join('\n');

const termOf = (t) => (typeof t === 'string' ? t : t.term);
/** How the Analyzer compares terms, as far as plain JS can tell (it also reads 監管 as 监管, ＧＭＶ as GMV). */
const termKey = (t) => termOf(t).replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * Adds `topic` to the list of custom topics: a topic of the same name gets the new terms
 * appended, and a term it already has is replaced (added again with another weight, it is
 * updated, not listed twice, which the Analyzer refuses).
 */
export function mergeTopic(list, topic) {
  const out = list.map((t) => ({ ...t, terms: [...t.terms] }));
  const same = out.find((t) => t.name === topic.name);
  const terms = [...new Map(topic.terms.map((t) => [termKey(t), t])).values()];
  if (same) {
    const added = new Set(terms.map(termKey));
    same.terms = [...same.terms.filter((t) => !added.has(termKey(t))), ...terms];
  } else out.push({ name: topic.name, terms });
  return out;
}

/** Checks what the Analyzer cannot: names end up space-separated in data-topics, so no whitespace. */
export function checkName(name) {
  if (/\s/.test(name)) return `Topic name “${name.trim()}” contains a space; use - or _ instead.`;
  return null;
}

/** Reads the stored custom topics; anything malformed gives []. */
export function parseStored(json) {
  try {
    const v = JSON.parse(json ?? '[]');
    if (!Array.isArray(v)) return [];
    // only the fields a topic has (the analyzer rejects unknown ones)
    return v.filter((t) => t && typeof t.name === 'string' && Array.isArray(t.terms))
      .map(({ name, terms, threshold, bias }) => ({ name, terms, ...(threshold != null && { threshold }), ...(bias != null && { bias }) }));
  } catch {
    return [];
  }
}

/** One CSV field, quoted when it must be (RFC 4180): quotes doubled, commas, line breaks, edge spaces. */
export function csvField(value) {
  const s = value == null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A cell of pasted text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe, which spreadsheets show as text (OWASP's advice against CSV injection).
 */
export function csvText(text) {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The analysis as CSV: one row per sentence — index, start, end, topics (space-separated), one
 * score column per topic, text. CRLF line ends and a UTF-8 BOM, so Excel reads the Chinese text.
 */
export function toCSV(analysis, topics) {
  const rows = [['index', 'start', 'end', 'topics', ...topics.map((t) => `score_${t}`), 'text']];
  analysis.sentences.forEach((s, i) => {
    rows.push([i, s.start, s.end, s.topics.join(' '), ...topics.map((t) => (s.scores[t] ?? 0).toFixed(4)), csvText(s.text)]);
  });
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Parses CSV (RFC 4180, as written by toCSV) into rows of strings; used by the tests. */
export function parseCSV(text) {
  const src = text.replace(/^\uFEFF/, '');
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && src[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The analysis as a JSON document: the input text, the topics, every sentence and the summary. */
export function toJSON({ text, analysis, topics, customTopics = [], version = '' }) {
  return JSON.stringify({
    generator: 'newslens demo',
    version,
    topics,
    customTopics,
    text,
    sentences: analysis.sentences,
    summary: analysis.summary,
  }, null, 2);
}

/**
 * The evidence spans of one sentence to highlight, as a tree: distinct [start, end) spans with a
 * weight ≥ `min`, nested where one lies inside another; a span that partly overlaps an earlier
 * one is left out (it stays in the evidence list). Each node: { start, end, evidence, children }.
 */
export function evidenceTree(evidence, min = MARK_MIN) {
  const bySpan = new Map();
  for (const e of evidence) {
    if (!(e.weight >= min) || e.end <= e.start) continue;
    const key = `${e.start}:${e.end}`;
    if (!bySpan.has(key)) bySpan.set(key, { start: e.start, end: e.end, evidence: [], children: [] });
    bySpan.get(key).evidence.push(e);
  }
  const spans = [...bySpan.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  const roots = [];
  const stack = []; // open ancestors, innermost last
  for (const sp of spans) {
    while (stack.length && stack.at(-1).end <= sp.start) stack.pop();
    const parent = stack.at(-1);
    const siblings = parent ? parent.children : roots;
    const prev = siblings.at(-1);
    if (prev && prev.end > sp.start) continue; // partial overlap with an earlier sibling
    if (parent && sp.end > parent.end) continue; // sticks out of its parent
    siblings.push(sp);
    stack.push(sp);
  }
  for (const sp of spans) sp.evidence.sort((a, b) => b.weight - a.weight);
  return roots;
}

/** Groups digits: 1234567 → "1,234,567". */
export const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
/** 0.1276 → "12.8%". */
export const fmtPct = (x) => `${(x * 100).toFixed(1)}%`;
/** A signed weight: +0.86 / −0.12. */
export const fmtWeight = (w) => `${w < 0 ? '−' : '+'}${Math.abs(w).toFixed(2)}`;
