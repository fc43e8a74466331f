import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-quiet-');
afterAll(() => temp.cleanup());

describe('--quiet hides chatter, never what changed the data', () => {
  it('still says that a column became categorical; hides notes on ignored flags', async () => {
    const model = join(temp.folder, 'model.json');
    const args = ['train', fixture('pima_categorical.csv'), '-t', 'y', '-m', model];
    const loud = await runInProcess([...args, '--learning-rate', '0.5']);
    const quiet = await runInProcess([...args, '--learning-rate', '0.5', '-q']);
    expect(loud.stderr).toContain('--learning-rate applies to --solver gd and sgd only');
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toContain('column "age_group" is not numeric');
    expect(quiet.stderr).not.toContain('--learning-rate');
  });

  it('still says which rows --drop-missing dropped, and what the reader renamed or guessed', async () => {
    const file = join(temp.folder, 'gaps.csv');
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${i % 7};${i % 5 === 0 ? 'NA' : i % 4};${i % 2}`,
    );
    writeFileSync(file, ['a;;y', ...rows].join('\n') + '\n');
    const args = [
      'train',
      file,
      '-t',
      'y',
      '--drop-missing',
      '-q',
      '-m',
      join(temp.folder, 'm.json'),
    ];
    const quiet = await runInProcess(args);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toContain('--drop-missing dropped 6 of 30 rows');
    expect(quiet.stderr).toContain('reading fields separated by ";"');
    expect(quiet.stderr).toContain('header field 2 is blank');
  });

  it('--help says so', async () => {
    const help = await runInProcess(['train', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      'notes on what changed the data (rows dropped, columns made categorical, header fields renamed) and warnings still print',
    );
  });
});
