import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { classesFlag } from '../../src/cli/classChecks.js';
import { tempFolder } from '../node/tempFiles.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-classes-');
afterAll(() => temp.cleanup());

/** A CSV of n rows, x0, x1, y ("yes"/"no"), with some labels replaced (by 0-based row). */
function yesNoCsv(name: string, n: number, typos: Record<number, string> = {}): string {
  const lines = ['x0,x1,y'];
  for (let i = 0; i < n; i++) {
    lines.push(`${i % 7},${(i * 3) % 11},${typos[i] ?? (i % 2 === 1 ? 'yes' : 'no')}`);
  }
  return temp.file(name, `${lines.join('\n')}\n`);
}

/** Three classes in three bands of x0: separated. */
function bandsCsv(name: string): string {
  const lines = ['x0,x1,y'];
  for (let i = 0; i < 30; i++) {
    const x = i / 3;
    lines.push(`${x},${(i * 7) % 5},${x < 3.2 ? 'a' : x < 6.5 ? 'b' : 'c'}`);
  }
  return temp.file(name, `${lines.join('\n')}\n`);
}

const modelPath = (name: string): string => join(temp.folder, name);

describe('logreg train: class counts and suspicious classes', () => {
  it('reports the class counts (text and --json)', async () => {
    const data = yesNoCsv('clean.csv', 41);
    const text = await runInProcess(['train', data, '-t', 'y', '-m', modelPath('clean.json')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/classes\s+"no" 21, "yes" 20\n/);
    const json = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '-m',
      modelPath('clean.json'),
      '--json',
    ]);
    expect((JSON.parse(json.stdout) as { classCounts: unknown }).classCounts).toEqual({
      no: 21,
      yes: 20,
    });
  });

  it('warns about a single mistyped label, naming it and its file line', async () => {
    // Row 41 (0-based) is on line 43: the header is line 1.
    const data = yesNoCsv('typo.csv', 60, { 41: 'Yse' });
    const result = await runInProcess(['train', data, '-t', 'y', '-m', modelPath('typo.json')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'logreg: warning: class "Yse" has only 1 row (line 43), against "no" 30, "yes" 29: a mistyped label? Correct it, or declare the expected labels with --classes (then any other label is an error, and this warning goes).',
    );
    expect(result.stdout).toMatch(/classes\s+"Yse" 1, "no" 30, "yes" 29/);
    const json = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '-m',
      modelPath('typo.json'),
      '--json',
      '--multi-class',
      'ovr',
    ]);
    const warnings = (JSON.parse(json.stdout) as { warnings: string[] }).warnings;
    expect(warnings.filter((w) => w.includes('"Yse" has only 1 row (line 43)'))).toHaveLength(1);
  });

  it('--classes makes an undeclared label an error naming file and line, and writes no model', async () => {
    const data = yesNoCsv('typo2.csv', 60, { 41: 'Yse' });
    const model = modelPath('refused.json');
    const result = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '--classes',
      'yes,no',
      '-m',
      model,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `logreg: error: ${data}: line 43, column "y": label "Yse" is not one of --classes "yes", "no"\n`,
    );
    expect(existsSync(model)).toBe(false);
  });

  it('--classes with a label the data do not have is an error, and writes no model', async () => {
    const data = yesNoCsv('clean2.csv', 40);
    const model = modelPath('absent.json');
    const result = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '--classes',
      'yes, no, maybe',
      '-m',
      model,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `logreg: error: ${data}: --classes declares "maybe", which the target column "y" does not have (its classes are "no", "yes")\n`,
    );
    expect(existsSync(model)).toBe(false);
  });

  it('--classes listing the labels fits as without it, minus the warning', async () => {
    const data = yesNoCsv('typo3.csv', 60, { 41: 'Yse' });
    const declared = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '--classes',
      'no,yes,Yse',
      '-m',
      modelPath('declared.json'),
    ]);
    expect(declared.code).toBe(0);
    expect(declared.stderr).toBe('');
    await runInProcess(['train', data, '-t', 'y', '-m', modelPath('undeclared.json')]);
    type Stored = { model: { coefficients: unknown; intercepts: unknown; classes: unknown } };
    const read = (name: string) =>
      (JSON.parse(readFileSync(modelPath(name), 'utf8')) as Stored).model;
    const [a, b] = [read('declared.json'), read('undeclared.json')];
    expect(a.classes).toEqual(['Yse', 'no', 'yes']);
    expect([a.coefficients, a.intercepts, a.classes]).toEqual([
      b.coefficients,
      b.intercepts,
      b.classes,
    ]);
  });

  it('--classes matches numeric labels by value', async () => {
    const data = temp.file('numeric.csv', 'x,y\n1,0\n2,1\n3,0\n4,1\n5,1\n6,0\n');
    const ok = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '--classes',
      '0,1.0',
      '-m',
      modelPath('n.json'),
    ]);
    expect(ok.code).toBe(0);
    const bad = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '--classes',
      '1,2',
      '-m',
      modelPath('n2.json'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'line 2, column "y": label "0" is not one of --classes "1", "2" (3 rows have undeclared labels)',
    );
  });

  it('--classes works on a LIBSVM file too', async () => {
    const data = temp.file('d.svm', '1 1:0.5\n-1 1:1.5\n1 1:2\n-1 1:0.2\n2 1:3\n');
    const result = await runInProcess([
      'train',
      data,
      '--classes',
      '1,-1',
      '-m',
      modelPath('s.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${data}: line 5, column "label": label "2" is not one of --classes "1", "-1"`,
    );
  });
});

describe('classesFlag', () => {
  it('splits by CSV rules: quotes keep commas, spaces around labels go', () => {
    expect(classesFlag('a, b ,c', undefined)).toEqual(['a', 'b', 'c']);
    expect(classesFlag('"x, y",z', undefined)).toEqual(['x, y', 'z']);
    expect(classesFlag('d', ['a'])).toEqual(['a', 'd']);
  });

  it('refuses an empty list or several lines', () => {
    expect(() => classesFlag(',', undefined)).toThrow(InvalidArgumentError);
    expect(() => classesFlag('a\nb', undefined)).toThrow(InvalidArgumentError);
    expect(() => classesFlag('"a', undefined)).toThrow(InvalidArgumentError);
  });
});

describe('logreg train: separation with more than two classes', () => {
  it('--penalty none on separated classes is an error naming the classes; no model file', async () => {
    const data = bandsCsv('bands.csv');
    const model = modelPath('bands.json');
    const result = await runInProcess(['train', data, '-t', 'y', '--penalty', 'none', '-m', model]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^logreg: error: train: the classes are completely separated \("a" from "b", "a" from "c", "b" from "c"; a hyperplane in x0, x1, \(Intercept\) splits them\)/,
    );
    expect(result.stderr).toContain(
      'On the command line: --multi-class ovr --penalty firth, or the default --penalty l2 (leave out --penalty none), or --on-separation warn to fit anyway.',
    );
    expect(existsSync(model)).toBe(false);
    const ovr = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '--penalty',
      'none',
      '--multi-class',
      'ovr',
      '-m',
      model,
    ]);
    expect(ovr.code).toBe(1);
    expect(ovr.stderr).toMatch(/class "a" vs rest completely .*; class "c" vs rest completely/);
    expect(existsSync(model)).toBe(false);
  });

  it('--on-separation warn fits and says so: not converged, separation', async () => {
    const data = bandsCsv('bands2.csv');
    const result = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '--penalty',
      'none',
      '--on-separation',
      'warn',
      '-m',
      modelPath('bands2.json'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/logreg: warning: train: the classes are completely separated/);
    expect(result.stdout).toMatch(/NOT converged \(separation\)/);
  });
});
