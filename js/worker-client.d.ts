import type { Analysis, AnalyzeOptions, AnalyzerOptions, Classification, SegmentOptions, Token, Topic } from './newslens.js';

export interface WorkerCallOptions {
  /** Called after each chunk with UTF-16 units analysed so far and the text's length; the last call has
   * `done === total` (a text of length 0 has none). */
  onProgress?: ((done: number, total: number) => void) | null;
  /** Aborting rejects the call at once with an Error whose message is 'cancelled' (the worker stops at its next chunk). */
  signal?: AbortSignal | null;
}

export interface WorkerAnalyzer {
  /** Resolves once the worker has built its Analyzer. */
  ready: Promise<{ topics: Topic[] }>;
  /** Rebuilds the worker's Analyzer with new options; if they are invalid, it rejects and the worker keeps its Analyzer. */
  configure(options?: AnalyzerOptions | null): Promise<{ topics: Topic[] }>;
  /** Replaces the worker's model with an exported one (`Analyzer.exportModel()`), taught sentences included. */
  importModel(json: string): Promise<{ topics: Topic[] }>;
  analyze(text: string, options?: (AnalyzeOptions & WorkerCallOptions) | null): Promise<Analysis>;
  classify(sentence: string): Promise<Classification>;
  segment(text: string, options?: SegmentOptions | null): Promise<Token[]>;
  /** Stops the worker; pending calls, and any made later, reject with 'terminated'. */
  terminate(): void;
}

/** Starts a module Web Worker running an Analyzer built with `options`. Arguments that cannot be
 * sent to a worker (functions, Proxies such as Vue's reactive objects, class instances) reject the
 * call with an Error saying so. */
export function createWorker(options?: AnalyzerOptions | null, init?: { url?: URL | string }): WorkerAnalyzer;
