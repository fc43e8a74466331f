import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWritable, OutputFileError, writeFileAtomic } from '../../src/node/writeFileAtomic.js';
import { tempFolder } from './tempFiles.js';

const temp = tempFolder();
afterAll(() => temp.cleanup());

describe('writeFileAtomic', () => {
  it('creates a file, replaces it, and leaves no temporary file', async () => {
    const folder = join(temp.folder, 'a');
    mkdirSync(folder);
    const file = join(folder, 'model.json');
    await writeFileAtomic(file, 'first');
    expect(readFileSync(file, 'utf8')).toBe('first');
    await writeFileAtomic(file, new TextEncoder().encode('second'));
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(folder)).toEqual(['model.json']);
  });

  it('into a missing folder: an OutputFileError and no file', async () => {
    const file = join(temp.folder, 'missing', 'model.json');
    const error = await writeFileAtomic(file, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputFileError);
    expect((error as Error).message).toMatch(/model\.json: cannot write: no such folder/);
  });

  it('over a folder: an error, the folder untouched and no temporary file left', async () => {
    const folder = join(temp.folder, 'b');
    mkdirSync(join(folder, 'model.json'), { recursive: true });
    writeFileSync(join(folder, 'model.json', 'inside'), 'keep');
    const error = await writeFileAtomic(join(folder, 'model.json'), 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputFileError);
    expect(readdirSync(folder)).toEqual(['model.json']);
    expect(readFileSync(join(folder, 'model.json', 'inside'), 'utf8')).toBe('keep');
  });

  it('checkWritable rejects a missing folder and a folder as the file, accepts a new file', async () => {
    await expect(checkWritable(join(temp.folder, 'nope', 'm.json'))).rejects.toThrow(
      /no such folder/,
    );
    await expect(checkWritable(temp.folder)).rejects.toThrow(/it is a folder/);
    await expect(checkWritable(join(temp.folder, 'new.json'))).resolves.toBeUndefined();
  });
});
