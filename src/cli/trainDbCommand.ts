import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION } from '../data/modelFile.js';
import type { ModelFile } from '../data/modelFile.js';
import { UsageError } from '../data/usageError.js';
import type { SqlTrainSpec } from '../sql/fitSql.js';
import { trainSql } from '../node/sql/trainSql.js';
import { checkWritable } from '../node/writeFileAtomic.js';
import { fitWarnings } from './fitWarnings.js';
import { note, warn, writeOut } from './io.js';
import type { CliIO } from './io.js';
import type { TrainFlags, TrainJson } from './trainCommand.js';
import { trainJsonOf, writeTrainFiles } from './trainOutput.js';
import { trainText } from './trainText.js';

/** `train --db`: where the rows are. */
export interface DbFlags {
  readonly db?: string;
  readonly table?: string;
  readonly query?: string;
}

/** Flags of `train` that need the rows in memory, with what to say instead. */
const inMemoryOnly: readonly [keyof TrainFlags, string][] = [
  ['se', '--se'],
  ['cluster', '--cluster'],
  ['tuneThreshold', '--tune-threshold'],
  ['classes', '--classes'],
  ['classWeight', '--class-weight'],
  ['l1Ratio', '--l1-ratio'],
  ['exclude', '--exclude'],
];

/**
 * `logreg train --db <url> --table <name> | --query <select>`: fits inside the engine with
 * `trainSql` (the rows never leave it; each pass is one aggregate query), then writes the model
 * file as `train` does (its input columns with the levels of the categorical ones, so `predict`
 * and `export` work on it) and reports the fit, with the rows left out for a NULL as a note.
 */
export async function trainDbCommand(io: CliIO, flags: TrainFlags & DbFlags): Promise<void> {
  const url = flags.db!;
  if ((flags.table === undefined) === (flags.query === undefined)) {
    throw new UsageError('train --db: name the rows with --table <name> or --query "SELECT …"');
  }
  if (flags.target === undefined || flags.features === undefined) {
    throw new UsageError(
      'train --db: name the columns with --target <column> and --features <a,b,…>',
    );
  }
  for (const [key, flag] of inMemoryOnly) {
    if (flags[key] !== undefined)
      throw new UsageError(`train --db: ${flag} needs the rows in memory`);
  }
  if (flags.ci === 'profile')
    throw new UsageError('train --db: --ci profile needs the rows in memory');
  await checkWritable(flags.model);
  if (flags.plotLoss !== undefined) await checkWritable(flags.plotLoss, [flags.model]);
  const pick = <K extends keyof TrainFlags>(key: K): Partial<Pick<TrainFlags, K>> =>
    flags[key] === undefined ? {} : ({ [key]: flags[key] } as Pick<TrainFlags, K>);
  const spec: SqlTrainSpec = {
    ...(flags.table === undefined ? { query: flags.query! } : { table: flags.table }),
    target: flags.target,
    features: flags.features,
    ...(flags.categorical === undefined ? {} : { categorical: flags.categorical }),
    ...(flags.weights === undefined ? {} : { weights: flags.weights }),
    ...(flags.positiveClass === undefined ? {} : { positiveClass: flags.positiveClass }),
    ...pick('penalty'),
    ...pick('C'),
    ...pick('solver'),
    ...pick('tolerance'),
    ...pick('maxIterations'),
    ...pick('learningRate'),
    ...pick('standardize'),
    fitIntercept: flags.intercept,
  } as SqlTrainSpec;
  const fit = await trainSql(url, spec);
  const { model } = fit;
  const report = model.fitReport;
  const source = `${redactUrl(url)} ${flags.table === undefined ? 'query' : `table ${flags.table}`}`;
  if (fit.droppedRows > 0) {
    note(
      io,
      `left out ${fit.droppedRows} of ${fit.rows + fit.droppedRows} rows with a NULL in a used column`,
    );
  }
  const warnings = fitWarnings(report, flags);
  for (const message of warnings) warn(io, message);
  const file: ModelFile = {
    format: MODEL_FILE_FORMAT,
    version: MODEL_FILE_VERSION,
    target: flags.target,
    weights: flags.weights ?? null,
    dataFormat: 'csv',
    features: fit.encodings,
    training: { file: source, rows: fit.rows, droppedRows: fit.droppedRows },
    model: model.toJSON(),
  };
  await writeTrainFiles(flags, file, report);
  if (flags.json) {
    const json: TrainJson & { readonly passes: number; readonly droppedRows: number } = {
      ...trainJsonOf(flags.model, model.classes, report, warnings, null),
      passes: fit.passes,
      droppedRows: fit.droppedRows,
    };
    await writeOut(io, `${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const text = trainText(
    model,
    source,
    flags,
    report,
    flags.target,
    model instanceof LogisticRegressionModel ? model.positiveClass : undefined,
    model.classes,
    undefined,
    undefined,
  );
  await writeOut(io, text);
  if (!flags.quiet) note(io, `${fit.passes} aggregate queries ran in the engine`);
}

/** A URL without its password. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}
