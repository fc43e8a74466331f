import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFlag } from '../../src/cli/flagParsers.js';
import { tempFolder } from '../node/tempFiles.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-column-lists-');
afterAll(() => temp.cleanup());

/** 40 rows whose first column is named `a,b` (quoted in the header), then c, level and y. */
function commaColumnFile(): string {
  const file = join(temp.folder, 'comma.csv');
  const rows = Array.from({ length: 40 }, (_, i) => {
    const a = (i * 7) % 11;
    const c = (i * 5) % 13;
    return `${a},${c},${i % 3},${(a + c + (i % 4)) % 2}`;
  });
  writeFileSync(file, ['"a,b",c,level,y', ...rows].join('\n') + '\n');
  return file;
}

describe('column lists (--features, --exclude, --categorical) follow CSV quoting', () => {
  it('splits on commas outside quotes; quotes are doubled inside', () => {
    expect(listFlag('"a,b",c', undefined)).toEqual(['a,b', 'c']);
    expect(listFlag(' x , "say ""hi""" ,, y', ['w'])).toEqual(['w', 'x', 'say "hi"', 'y']);
    expect(listFlag('" spaced "', undefined)).toEqual([' spaced ']);
    expect(() => listFlag('"a,b', undefined)).toThrow('unterminated quote');
    expect(() => listFlag('"a"b', undefined)).toThrow('expected a comma after the quoted name "a"');
  });

  it('train --features and --categorical name a column with a comma', async () => {
    const file = commaColumnFile();
    const model = join(temp.folder, 'model.json');
    const args = ['train', file, '-t', 'y', '--features', '"a,b",level', '--categorical', 'level'];
    const result = await runInProcess([...args, '-m', model, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { nFeatures: number }).nFeatures).toBe(3); // a,b + 2 levels
    const excluded = await runInProcess([
      'train',
      file,
      '-t',
      'y',
      '--exclude',
      '"a,b"',
      '-m',
      model,
      '--json',
    ]);
    expect((JSON.parse(excluded.stdout) as { nFeatures: number }).nFeatures).toBe(2); // c, level
  });

  it('errors name the whole column, not its halves', async () => {
    const file = commaColumnFile();
    const args = ['train', file, '-t', 'y', '--exclude', '"a,b"', '--categorical', '"a,b"'];
    const result = await runInProcess([...args, '-m', join(temp.folder, 'no.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--categorical names "a,b", which is not a feature');
  });
});
