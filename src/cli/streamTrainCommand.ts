import { trainStream } from '../model/trainStream.js';
import type { StreamTrainOptions } from '../model/trainStream.js';
import { UsageError } from '../data/usageError.js';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION } from '../data/modelFile.js';
import type { ModelFile } from '../data/modelFile.js';
import { csvCacheSource } from '../node/csvCacheSource.js';
import { formatOf } from '../node/readTable.js';
import { checkWritable } from '../node/writeFileAtomic.js';
import { resolveTrainPlan } from '../options/trainPlan.js';
import { fitWarnings } from './fitWarnings.js';
import { note, warn, writeOut } from './io.js';
import type { CliIO } from './io.js';
import { readLimits } from './loadTable.js';
import { Progress } from './progress.js';
import { formatNumber } from './textTable.js';
import { heapCollector } from './heapCollector.js';
import type { TrainFlags, TrainJson } from './trainCommand.js';
import { trainJsonOf, writeTrainFiles } from './trainOutput.js';
import { trainText } from './trainText.js';

/** The `train` flags a streamed fit cannot honour, with the flag's name. */
const unsupported: readonly [keyof TrainFlags, string][] = [
  ['cluster', '--cluster'],
  ['se', '--se'],
  ['tuneThreshold', '--tune-threshold'],
  ['classWeight', '--class-weight'],
  ['classes', '--classes'],
  ['l1Ratio', '--l1-ratio'],
  ['validationFraction', '--validation-fraction'],
];

/**
 * `logreg train <data> --memory-limit <size>`: the fit streams. Pass 1 parses the CSV into a
 * binary row cache (csvCacheSource: a temporary file, or `--cache`); every later pass (the
 * moments, then one per solver evaluation) reads the cache in chunks of about 1/16 of the limit,
 * so that memory stays near the limit above Node's baseline; a progress bar per pass. The model
 * file is the same as `train`'s.
 */
export async function streamTrainCommand(
  io: CliIO,
  dataFile: string,
  flags: TrainFlags & { readonly memoryLimit: number },
): Promise<void> {
  checkFlags(dataFile, flags);
  await checkWritable(flags.model, [dataFile]);
  if (flags.plotLoss !== undefined) await checkWritable(flags.plotLoss, [dataFile, flags.model]);
  if (flags.cache !== undefined) {
    await checkWritable(flags.cache, [dataFile, flags.model, ...(flags.plotLoss ?? [])]);
  }
  if (flags.target === undefined) {
    throw new UsageError('train needs --target <column>: the column to predict');
  }
  const progress = new Progress(
    io,
    (io.stderr.isTTY === true || flags.progress === true) && !flags.quiet,
  );
  const limit = flags.memoryLimit;
  // A full collection after each 1/8 of the limit parsed, and after each pass of the fit.
  const collect = heapCollector();
  let collectedAt = 0;
  const bar = progress.reading(dataFile);
  const onProgress = (bytesRead: number, totalBytes: number): void => {
    if (bytesRead - collectedAt >= limit / 8) {
      collectedAt = bytesRead;
      collect();
    }
    bar?.(bytesRead, totalBytes);
  };
  const format = flags.format ?? formatOf(dataFile);
  const delimiter = flags.delimiter ?? (format === 'tsv' ? '\t' : undefined);
  let source;
  try {
    source = await csvCacheSource(dataFile, {
      target: flags.target,
      features: flags.features,
      exclude: flags.exclude,
      categorical: flags.categorical,
      weights: flags.weights,
      positiveClass: flags.positiveClass,
      dropMissing: flags.dropMissing,
      fitIntercept: flags.intercept,
      cacheFile: flags.cache,
      chunkBytes: Math.min(Math.max(limit / 16, 1 << 18), 64 << 20),
      batchRows: limit < 256 << 20 ? 2048 : 8192,
      ...(delimiter === undefined ? {} : { delimiter }),
      ...readLimits(flags),
      ...(flags.naValues === undefined ? {} : { naValues: flags.naValues }),
      onProgress,
      onNote: (message: string) => note(io, message),
    });
  } finally {
    progress.stop();
  }
  try {
    if (source.droppedRows > 0) {
      note(io, `${source.droppedRows} row(s) with missing values left out (--drop-missing)`);
    }
    const options: StreamTrainOptions = {
      ...pick(flags),
      fitIntercept: flags.intercept,
    };
    const plan = resolveTrainPlan(options, {
      rows: source.rows,
      features: source.features,
      classCount: 2,
    });
    let pass = 1;
    const startPass = (): void => {
      collect();
      pass++;
      source.onChunk = progress.streamPass(pass, plan.solver);
    };
    startPass();
    const model = trainStream(source, { ...options, onPass: startPass });
    progress.stop();
    const report = model.fitReport;
    for (const message of fitWarnings(report, flags)) warn(io, message);
    if (!flags.quiet) {
      note(
        io,
        `streamed ${report.passes ?? 0} passes over a ${formatNumber(source.cacheBytes / (1 << 20))} MB row cache${flags.cache === undefined ? '' : ` (kept: ${flags.cache})`}` +
          (report.progressiveValidationLoss === undefined
            ? ''
            : `; progressive validation loss ${formatNumber(report.progressiveValidationLoss)}`),
      );
    }
    const file: ModelFile = {
      format: MODEL_FILE_FORMAT,
      version: MODEL_FILE_VERSION,
      target: flags.target,
      weights: flags.weights ?? null,
      dataFormat: 'csv',
      features: source.encodings,
      training: { file: dataFile, rows: source.rows, droppedRows: source.droppedRows },
      model: model.toJSON(),
    };
    await writeTrainFiles(flags, file, report);
    const warnings = fitWarnings(report, flags);
    if (flags.json) {
      const json: TrainJson & { passes: number; progressiveValidationLoss?: number } = {
        ...trainJsonOf(flags.model, model.classes, report, warnings, null),
        passes: report.passes ?? 0,
        ...(report.progressiveValidationLoss === undefined
          ? {}
          : { progressiveValidationLoss: report.progressiveValidationLoss }),
      };
      await writeOut(io, `${JSON.stringify(json, null, 2)}\n`);
    } else {
      await writeOut(
        io,
        trainText(
          model,
          dataFile,
          flags,
          report,
          flags.target,
          model.positiveClass,
          model.classes,
          undefined,
          undefined,
        ),
      );
    }
  } finally {
    progress.stop();
    source.close();
  }
}

/** Flags that do not go with --memory-limit are usage errors naming them. */
function checkFlags(dataFile: string, flags: TrainFlags & { readonly cache?: string }): void {
  const format = flags.format ?? formatOf(dataFile);
  if (format === 'libsvm') {
    throw new UsageError('--memory-limit streams CSV and TSV files; read LIBSVM files without it');
  }
  for (const [key, flag] of unsupported) {
    if (flags[key] !== undefined) {
      throw new UsageError(`${flag} does not go with --memory-limit (a streamed fit)`);
    }
  }
  if (flags.ci === 'profile') {
    throw new UsageError('--ci profile does not go with --memory-limit (a streamed fit)');
  }
  if (flags.penalty !== undefined && flags.penalty !== 'l2' && flags.penalty !== 'none') {
    throw new UsageError(
      `--penalty ${flags.penalty} does not go with --memory-limit: a streamed fit takes l2 or none`,
    );
  }
}

/** The model flags a streamed fit takes, as library options. */
function pick(flags: TrainFlags): StreamTrainOptions {
  const keys = [
    'penalty',
    'C',
    'solver',
    'tolerance',
    'maxIterations',
    'standardize',
    'learningRate',
    'batchSize',
    'learningRateSchedule',
    'learningRateExponent',
    'average',
  ] as const;
  const options: Record<string, unknown> = {};
  for (const key of keys) if (flags[key] !== undefined) options[key] = flags[key];
  return options as StreamTrainOptions;
}
