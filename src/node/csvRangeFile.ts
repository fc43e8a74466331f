import { closeSync, openSync } from 'node:fs';
import { countLineFeeds, parseCsvRange } from '../data/csvRange.js';
import type { CsvRangeResult, CsvRangeTask } from '../data/csvRange.js';
import { fileByteSource } from './fileByteSource.js';

/** `countLineFeeds` (src/data/csvRange.ts) of the task's byte range of its file. */
export function countRangeLineFeeds(task: CsvRangeTask): number {
  return withFile(task.file, (fd) =>
    countLineFeeds(fileByteSource(fd), task.start, task.end, task.chunkBytes),
  );
}

/** `parseCsvRange` (src/data/csvRange.ts) of the task's byte range of its file. */
export function parseCsvRangeFile(task: CsvRangeTask): CsvRangeResult {
  return withFile(task.file, (fd) => parseCsvRange(task, fileByteSource(fd)));
}

function withFile<T>(file: string, body: (fd: number) => T): T {
  const fd = openSync(file, 'r');
  try {
    return body(fd);
  } finally {
    closeSync(fd);
  }
}
