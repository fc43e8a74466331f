import { parentPort } from 'node:worker_threads';
import { countRangeLineFeeds, parseCsvRangeFile } from './csvRangeFile.js';
import type { CsvRangeTask } from '../data/csvRange.js';

/** A request to a CSV range worker (see `readCsvParallel`). */
export type CsvRangeRequest =
  | { readonly kind: 'count'; readonly task: CsvRangeTask }
  | { readonly kind: 'parse'; readonly task: CsvRangeTask };

// The worker thread's body: one reply per request, `{ value }` or `{ crash }` (a bug).
parentPort?.on('message', (request: CsvRangeRequest) => {
  try {
    const { task } = request;
    if (request.kind === 'count') {
      parentPort!.postMessage({
        value: countRangeLineFeeds(task),
      });
      return;
    }
    const result = parseCsvRangeFile(task);
    const transfer = [
      ...result.missing.map((m) => m.buffer as ArrayBuffer),
      ...result.codes.flatMap((c) => (c === undefined ? [] : [c.buffer as ArrayBuffer])),
    ];
    parentPort!.postMessage({ value: result }, transfer);
  } catch (error) {
    parentPort!.postMessage({
      crash: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
