import { readFile } from 'node:fs/promises';
import { parseModelFile } from '../data/modelFile.js';
import type { LoadedModel } from '../data/modelFile.js';
import { fileSystemError } from './openDataStream.js';

/**
 * Reads a model file written by `logreg train` (or a bare library model) and parses it with
 * {@link parseModelFile}.
 *
 * @throws {DataFileError} the file cannot be read.
 * @throws {ModelFormatError} as {@link parseModelFile}.
 */
export async function readModelFile(path: string): Promise<LoadedModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw fileSystemError(path, error);
  }
  return parseModelFile(text, path);
}
