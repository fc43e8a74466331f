import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-threshold-');
afterAll(() => temp.cleanup());

describe('a tuned threshold in text output', () => {
  it('prints with 6 significant digits in train, summary and evaluate; JSON keeps every digit', async () => {
    const model = join(temp.folder, 'tuned.json');
    const pima = fixture('pima.csv');
    const trained = await runInProcess([
      'train',
      pima,
      '-t',
      'y',
      '--tune-threshold',
      'f1',
      '-m',
      model,
      '-q',
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    const threshold = (JSON.parse(readFileSync(model, 'utf8')) as { model: { threshold: number } })
      .model.threshold;
    expect(String(threshold).length).toBeGreaterThan(10); // the test means something
    const shown = String(Number(threshold.toPrecision(6)));
    expect(trained.stdout).toMatch(new RegExp(`threshold\\s+${shown} \\(`));
    const summary = await runInProcess(['summary', model]);
    expect(summary.stdout).toMatch(new RegExp(`threshold\\s+${shown} \\(tuned`));
    const evaluated = await runInProcess(['evaluate', model, pima, '-q']);
    expect(evaluated.stdout).toContain(`threshold ${shown} (tuned)`);
    for (const text of [trained.stdout, summary.stdout, evaluated.stdout]) {
      expect(text).not.toContain(String(threshold));
    }
  });
});
