// What js/worker.js sends back for `text` (its chunking, which runs in a Web Worker and so cannot be
// imported here): chunks of whole sentences about `chunkUnits` long, each packed on its own.
export function workerValue(analyzer, text, chunkUnits) {
  const spans = analyzer.splitSentences(text);
  const chunks = [];
  for (let i = 0; i < spans.length;) {
    const first = spans[i].start;
    let j = i;
    while (j < spans.length && (j === i || spans[j].end - first <= chunkUnits)) j++;
    const end = spans[j - 1].end;
    const [ints, floats, terms] = analyzer.__analyzePacked(text.slice(first, end));
    chunks.push({ base: first, end, packed: [ints.slice(), floats.slice(), terms] });
    i = j;
  }
  return { chunks, summary: analyzer.analyze(text).summary };
}
