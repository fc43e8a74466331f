import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/data/dataFileError.js';
import { readLibsvm, readLibsvmSparse } from '../../src/node/readLibsvm.js';
import { readTable } from '../../src/node/readTable.js';
import { OptionError } from '../../src/errors.js';
import { runInProcess } from '../cli/runInProcess.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-libsvm-');
afterAll(() => temp.cleanup());

/** The 13-byte file of issue 14: one feature index at 2³¹ − 1. */
const hugeIndex = '1 1:1\n-1 2147483647:1\n';

describe('LIBSVM feature index limit (maxFeatures, --max-features)', () => {
  it('an index above the default limit of 10⁷ is an error naming file, line and index', async () => {
    const file = temp.file('huge.svm', hugeIndex);
    for (const read of [readLibsvmSparse, readLibsvm]) {
      const error = await read(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataFileError);
      expect((error as Error).message).toBe(
        `${file}: line 2: the feature index 2147483647 in "2147483647:1" is above the limit of ` +
          '10000000 features; if the data really has that many, raise the limit ' +
          '(--max-features, option maxFeatures)',
      );
    }
  });

  it('maxFeatures accepts an index equal to it and refuses the next, on both parser paths', async () => {
    // Plain ASCII lines take the byte parser; a non-ASCII comment sends the line to the text parser.
    for (const tail of ['', ' # é']) {
      const file = temp.file('limit.svm', `1 1:1 3:2${tail}\n0 2:1${tail}\n`);
      const data = await readLibsvmSparse(file, { maxFeatures: 3 });
      expect(data.X.cols).toBe(3);
      expect(data.featureNames).toEqual(['x1', 'x2', 'x3']);
      const error = await readLibsvmSparse(file, { maxFeatures: 2 }).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(
        /line 1: the feature index 3 in "3:2" is above the limit of 2 features/,
      );
      const table = await readTable(file, { format: 'libsvm', maxFeatures: 2 }).catch(
        (e: unknown) => e,
      );
      expect(table).toBeInstanceOf(DataFileError);
    }
  });

  it('maxFeatures outside [1, 2³¹ − 1] is an OptionError', async () => {
    const file = temp.file('ok.svm', '1 1:1\n0 2:1\n');
    for (const maxFeatures of [0, 1.5, 2 ** 31, Number.NaN]) {
      await expect(readLibsvmSparse(file, { maxFeatures })).rejects.toBeInstanceOf(OptionError);
    }
  });

  it('feature names are made on first use, x1 … xd', async () => {
    const file = temp.file('names.svm', '1 1:1\n0 5:1\n');
    const data = await readLibsvmSparse(file, { minFeatures: 6 });
    expect(Object.getOwnPropertyDescriptor(data, 'featureNames')?.get).toBeTypeOf('function');
    expect(data.featureNames).toEqual(['x1', 'x2', 'x3', 'x4', 'x5', 'x6']);
    expect(data.featureNames).toBe(data.featureNames);
  });
});

describe('CLI: --max-features', () => {
  it('train on the 13-byte file: exit 1, file:line and index, no model', async () => {
    const file = temp.file('huge-cli.svm', hugeIndex);
    const model = join(temp.folder, 'huge.model.json');
    const result = await runInProcess(['train', file, '-m', model, '-q']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^logreg: error: .*huge-cli\.svm: line 2: the feature index 2147483647 .*\(--max-features/,
    );
    expect(() => readFileSync(model)).toThrow();
    const good = temp.file('good.svm', '1 1:1\n-1 2:1\n1 1:0.5\n-1 2:0.3\n');
    expect((await runInProcess(['train', good, '-m', model, '-q'])).code).toBe(0);
    const predict = await runInProcess(['predict', model, file, '-q']);
    expect(predict.code).toBe(1);
    expect(predict.stderr).toMatch(/line 2: the feature index 2147483647/);
  });

  it('a smaller --max-features refuses a smaller index; a bad value is a usage error', async () => {
    const file = temp.file('six.svm', '1 1:1\n-1 6:1\n1 2:1\n-1 3:1\n');
    const model = join(temp.folder, 'six.model.json');
    const refused = await runInProcess(['train', file, '-m', model, '--max-features', '5', '-q']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /six\.svm: line 2: the feature index 6 in "6:1" is above the limit of 5/,
    );
    const accepted = await runInProcess(['train', file, '-m', model, '--max-features', '6', '-q']);
    expect(accepted.code).toBe(0);
    for (const bad of ['0', '2.5', '2147483648', 'many']) {
      const usage = await runInProcess(['train', file, '-m', model, '--max-features', bad]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/--max-features/);
    }
  });
});

describe('model files of LIBSVM data are compact', () => {
  it('"features": "libsvm" instead of one object per column; round trip through predict', async () => {
    const file = temp.file('small.svm', '1 1:1 2:0.5\n-1 3:1\n1 1:0.7\n-1 2:1 3:0.2\n');
    const model = join(temp.folder, 'small.model.json');
    expect((await runInProcess(['train', file, '-m', model, '-q'])).code).toBe(0);
    const json = JSON.parse(readFileSync(model, 'utf8')) as Record<string, unknown>;
    expect(json.features).toBe('libsvm');
    expect((json.model as { featureNames: string[] }).featureNames).toEqual(['x1', 'x2', 'x3']);
    const predicted = await runInProcess(['predict', model, file, '-q']);
    expect(predicted.code).toBe(0);
    expect(predicted.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('a model of more than 10,000 features is written on one line and loads back', async () => {
    // 10,002 features in use (a model keeps only those), in four rows.
    const row = (label: number, from: number): string =>
      `${label} ${Array.from({ length: 5001 }, (_, k) => `${from + 2 * k}:1`).join(' ')}`;
    const rows = [row(1, 1), row(-1, 2), row(1, 1), row(-1, 2)];
    const file = temp.file('wide.svm', `${rows.join('\n')}\n`);
    const model = join(temp.folder, 'wide.model.json');
    expect((await runInProcess(['train', file, '-m', model, '-q'])).code).toBe(0);
    const text = readFileSync(model, 'utf8');
    expect(text.indexOf('\n')).toBe(text.length - 1);
    const predicted = await runInProcess(['predict', model, file, '--proba', '-q']);
    expect(predicted.code).toBe(0);
    expect(predicted.stdout.trim().split('\n')).toHaveLength(5);
  });
});
