/**
 * Fuzzing the readers and the model loaders (issue 14): over random bytes, random CSV / LIBSVM /
 * JSON structure and random chunk boundaries, every reader returns a valid result or throws a
 * typed error (InputError and subclasses); nothing else escapes. fast-check, fixed seed, bounded
 * runs (a few seconds each).
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseModelFile } from '../../src/data/modelFile.js';
import { InputError } from '../../src/errors.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { modelFromJSON } from '../../src/model/modelFromJSON.js';
import { train } from '../../src/model/train.js';
import { trainMulticlass } from '../../src/model/trainMulticlass.js';
import { readNumericCsv } from '../../src/node/fastNumericCsv.js';
import { LibsvmParser } from '../../src/data/libsvmParser.js';
import { BinaryGuard } from '../../src/node/openDataStream.js';
import { readCsv } from '../../src/node/readCsv.js';
import { readLibsvm, readLibsvmSparse } from '../../src/node/readLibsvm.js';
import { readTable } from '../../src/node/readTable.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-fuzz-');
afterAll(() => temp.cleanup());

/** Fixed seed; at most 120 runs and 20 s per property (a time budget on a loaded CI machine). */
const settings = { seed: 14, numRuns: 120, interruptAfterTimeLimit: 20_000 };

/** Runs `read`; a typed error counts as a pass, any other exception fails the property. */
async function typedOrValue<T>(read: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

/** Cells a hostile or careless CSV holds. */
const cell = fc.oneof(
  fc.constantFrom(
    '',
    'NA',
    'nan',
    'N/A',
    '?',
    'null',
    'Inf',
    '1e309',
    '0x10',
    '"1,5"',
    '""',
    '"a""b"',
  ),
  fc.constantFrom('"', 'a"b', '"open', '\r', ' x ', '\u00e9', '\ufeff1', ',', '-', '.', '+'),
  fc.double({ noNaN: true }).map(String),
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.string({ maxLength: 6 }),
);
const csvText = fc
  .record({
    header: fc.array(fc.constantFrom('a', 'b', 'y', 'a', '', '"q"', 'c d'), {
      minLength: 1,
      maxLength: 4,
    }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 5 }), { maxLength: 8 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    ending: fc.constantFrom('\n', '\r\n', '\r'),
  })
  .map(({ header, rows, delimiter, ending }) =>
    [header, ...rows].map((r) => r.join(delimiter)).join(ending),
  );

const libsvmToken = fc.oneof(
  fc
    .tuple(fc.integer({ min: -2, max: 30 }), fc.double({ noNaN: true }))
    .map(([i, v]) => `${i}:${v}`),
  fc.constantFrom(
    'qid:3',
    '1:',
    ':1',
    '1:1:1',
    '2147483648:1',
    '99999999999:1',
    '#c',
    'x:1',
    '1:nan',
    '1:0x1',
  ),
);
const libsvmText = fc
  .array(
    fc.tuple(
      fc.constantFrom('1', '-1', '0', '+1', '2.5', 'a', ''),
      fc.array(libsvmToken, { maxLength: 6 }),
      fc.constantFrom('\n', '\r\n', ' # note\n', '\n\n'),
    ),
    { maxLength: 10 },
  )
  .map((lines) => lines.map(([label, tokens, end]) => [label, ...tokens].join(' ') + end).join(''));

let counter = 0;
const fileOf = (content: string | Uint8Array, ext: string, gzip = false): string =>
  temp.file(`f${counter++}${ext}${gzip ? '.gz' : ''}`, content, { gzip });

describe('readers: a valid table or a typed error, never another exception', () => {
  it('readCsv and readTable over random bytes (plain and gzipped)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean(), async (bytes, gzip) => {
        const file = fileOf(bytes, '.csv', gzip);
        await typedOrValue(() => readCsv(file));
        await typedOrValue(() => readTable(file, { format: 'tsv' }));
        await typedOrValue(() => readNumericCsv(file));
      }),
      settings,
    );
  });

  it('readCsv over random CSV structure: rows and columns consistent when it succeeds', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.boolean(), async (text, gzip) => {
        const table = await typedOrValue(() =>
          readCsv(fileOf(text, '.csv', gzip), { maxLineLength: 64 }),
        );
        if (table === undefined) return;
        expect(table.lines).toHaveLength(table.rowCount);
        for (const column of table.columns) expect(column.numbers).toHaveLength(table.rowCount);
        await typedOrValue(() => readNumericCsv(fileOf(text, '.csv')));
      }),
      settings,
    );
  });

  it('readLibsvm and readLibsvmSparse over random bytes and random LIBSVM structure', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          libsvmText,
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        fc.boolean(),
        async (text, gzip) => {
          const file = fileOf(text, '.svm', gzip);
          const sparse = await typedOrValue(() => readLibsvmSparse(file, { maxFeatures: 1000 }));
          const dense = await typedOrValue(() => readLibsvm(file, { maxFeatures: 1000 }));
          expect(sparse === undefined).toBe(dense === undefined);
          if (sparse === undefined || dense === undefined) return;
          expect(dense.rowCount).toBe(sparse.X.rows);
          expect(dense.columns).toHaveLength(sparse.X.cols + 1);
          for (const j of sparse.X.indices) expect(j).toBeLessThan(sparse.X.cols);
        },
      ),
      settings,
    );
  });
});

describe('chunk boundaries do not change what is read', () => {
  it('LibsvmParser: any grouping of whole lines gives the same rows as one call', () => {
    fc.assert(
      fc.property(libsvmText, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const buf = Buffer.from(text.endsWith('\n') || text === '' ? text : `${text}\n`);
        const once = (): unknown => {
          const parser = new LibsvmParser('f.svm');
          parser.parseLines(buf, 0, buf.length);
          return parser.finish();
        };
        const grouped = (): unknown => {
          const parser = new LibsvmParser('f.svm');
          const ends = [...new Set(cuts.map((c) => buf.indexOf(0x0a, c % Math.max(buf.length, 1))))]
            .filter((e) => e >= 0)
            .sort((a, b) => a - b);
          let start = 0;
          for (const end of [...ends, buf.length - 1]) {
            if (end + 1 <= start) continue;
            parser.parseLines(buf, start, end + 1);
            start = end + 1;
          }
          return parser.finish();
        };
        let expected: unknown;
        try {
          expected = once();
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect(grouped).toThrow((error as Error).message);
          return;
        }
        expect(grouped()).toEqual(expected);
      }),
      { ...settings, numRuns: 300 },
    );
  });

  it('BinaryGuard: the same verdict and the same bytes however the input is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.nat({ max: 400 }), { maxLength: 8 }),
        async (bytes, cuts) => {
          const run = async (chunks: Buffer[]): Promise<string> => {
            const guard = new BinaryGuard('f.csv', 50);
            const out: Buffer[] = [];
            try {
              for await (const chunk of Readable.from(chunks).pipe(guard))
                out.push(chunk as Buffer);
            } catch (error) {
              expect(error).toBeInstanceOf(InputError);
              return `error: ${(error as Error).message}`;
            }
            return Buffer.concat(out).toString('latin1');
          };
          const whole = Buffer.from(bytes);
          const points = [...new Set(cuts.map((c) => Math.min(c, whole.length)))].sort(
            (a, b) => a - b,
          );
          const chunks: Buffer[] = [];
          let start = 0;
          for (const p of [...points, whole.length]) {
            if (p > start) chunks.push(whole.subarray(start, p));
            start = Math.max(start, p);
          }
          expect(await run(chunks)).toBe(await run(whole.length === 0 ? [] : [whole]));
        },
      ),
      settings,
    );
  });
});

describe('fromJSON and modelFromJSON: a model or a ModelFormatError', () => {
  const X = Array.from({ length: 30 }, (_, i) => [((i * 7) % 11) - 5, ((i * 5) % 13) / 3]);
  const y = X.map((_, i) => ((i * 3) % 7 > 2 ? 1 : 0));
  const models = [
    JSON.parse(JSON.stringify(train(X, y))) as Record<string, unknown>,
    JSON.parse(
      JSON.stringify(
        trainMulticlass(
          X,
          X.map((_, i) => i % 3),
        ),
      ),
    ) as Record<string, unknown>,
    JSON.parse(
      JSON.stringify(
        trainMulticlass(
          X,
          X.map((_, i) => `c${i % 3}`),
          { multiClass: 'ovr' },
        ),
      ),
    ) as Record<string, unknown>,
  ];

  const loads = (json: unknown): void => {
    try {
      const model = modelFromJSON(json);
      // What loads must work: its methods read the fields fromJSON checked.
      model.predictProba([[1, 2]]);
      JSON.stringify(model);
      if (model instanceof LogisticRegressionModel) model.summary();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  };

  it('random JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), loads), { ...settings, numRuns: 300 });
  });

  it('valid models with one field (at any depth) replaced by random JSON', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        fc.jsonValue({ maxDepth: 2 }),
        (model, path, value) => {
          const copy = structuredClone(model);
          let node: Record<string, unknown> = copy;
          for (let depth = 0; depth < path.length; depth++) {
            const keys = Object.keys(node);
            if (keys.length === 0) break;
            const key = keys[path[depth]! % keys.length]!;
            const child = node[key];
            if (depth === path.length - 1 || typeof child !== 'object' || child === null) {
              node[key] = value;
              break;
            }
            node = child as Record<string, unknown>;
          }
          loads(copy);
        },
      ),
      { ...settings, numRuns: 400 },
    );
  });

  it('the CLI model file parser over random text and mutated files', () => {
    const file = JSON.stringify({
      format: 'logreg-cli-model',
      version: 1,
      target: 'y',
      weights: null,
      dataFormat: 'csv',
      features: [
        { column: 'x0', kind: 'numeric' },
        { column: 'x1', kind: 'numeric' },
      ],
      training: { file: 'd.csv', rows: 30, droppedRows: 0 },
      model: models[0],
    });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.nat(),
        fc.nat({ max: 20 }),
        (insert, at, cut) => {
          const position = at % file.length;
          for (const text of [
            insert,
            file.slice(0, position) + insert + file.slice(position + cut),
          ]) {
            try {
              parseModelFile(text, 'm.json');
            } catch (error) {
              if (!(error instanceof InputError)) throw error;
            }
          }
        },
      ),
      { ...settings, numRuns: 300 },
    );
  });
});
