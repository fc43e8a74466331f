import { toOnnx } from '../onnx/toOnnx.js';
import { checkWritable, writeFileAtomic } from '../node/writeFileAtomic.js';
import { note, writeOut } from './io.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { scoringSql } from '../sql/scoringSql.js';
import { SQL_DIALECTS } from '../sql/sqlDialect.js';
import type { SqlDialectName } from '../sql/sqlDialect.js';
import type { CliIO } from './io.js';
import { readModelFile } from '../node/readModelFile.js';
import { UsageError } from '../data/usageError.js';
import type { ModelFile } from '../data/modelFile.js';
import { Option } from 'commander';
import type { Command } from 'commander';
import { packageVersion } from './packageVersion.js';
import { quietOption } from './sharedOptions.js';

/** The flags of `logreg export`, parsed. */
export interface ExportFlags {
  readonly onnx?: string;
  /** Print a SELECT expression of the probability in this engine's SQL. */
  readonly sql?: SqlDialectName;
  readonly float32: boolean;
  readonly matrix: boolean;
  readonly quiet: boolean;
  /** logreg's version, written into the graph's producer_version. */
  readonly version: string;
}

/**
 * Adds `logreg export <model>`: its argument and options.
 * Commander parses and checks the flags into `ExportFlags` and calls `exportCommand`.
 */
export function addExportCommand(program: Command, io: CliIO): void {
  program
    .command('export')
    .summary('write the model as an ONNX graph, or print it as SQL')
    .description(
      'Write the model file as an ONNX graph (opset 13, plus ai.onnx.ml for categorical columns) ' +
        'that any ONNX runtime runs without logreg: one input per input column, named as the ' +
        'column (numeric: float64 [N, 1]; categorical: string [N, 1], one-hot coded in the graph, ' +
        'an unseen level an error); outputs label [N] and probabilities [N, classes] (no ZipMap). ' +
        'Standardization is already folded into the stored coefficients.',
    )
    .argument('<model>', 'model file written by train')
    .addOption(new Option('--onnx <file>', 'where to write the ONNX graph'))
    .addOption(
      new Option(
        '--sql <engine>',
        'print a SQL expression of P(positive class) for SELECT … FROM t in this engine (binary models; categorical coding included)',
      ).choices([...SQL_DIALECTS]),
    )
    .addOption(
      new Option(
        '--float32',
        'compute in float32 for runtimes without double kernels: coefficients rounded to the nearest float32 (relative error ≤ 6e-8), probabilities then differ by about 1e-7 × Σ|wⱼxⱼ| (at most 4e-7 on pima)',
      ).default(false),
    )
    .addOption(
      new Option(
        '--matrix',
        'one input "features" of shape [N, p] instead of one per column (numeric models only)',
      ).default(false),
    )
    .addOption(quietOption())
    .action(async (model: string, flags: Omit<ExportFlags, 'version'>) =>
      exportCommand(io, model, { ...flags, version: packageVersion() }),
    );
}

/**
 * `logreg export <model> --onnx <file>`: the model file as an ONNX graph (`toOnnx` of
 * `logreg/onnx`), with one input per input column of the model file (numeric columns float64
 * `[N, 1]`, categorical ones string `[N, 1]`), or with `--matrix` one `[N, p]` input; written
 * atomically.
 */
export async function exportCommand(
  io: CliIO,
  modelPath: string,
  flags: ExportFlags,
): Promise<void> {
  if (flags.onnx === undefined && flags.sql === undefined) {
    throw new UsageError(
      'export: say where to write with --onnx <file>, or print SQL with --sql <engine>',
    );
  }
  if (flags.onnx === undefined) {
    const { file, model } = await readModelFile(modelPath);
    refuseFormula(file);
    if (!(model instanceof LogisticRegressionModel)) {
      throw new UsageError(
        'export --sql: the model must be binary (multiclass scoring SQL is not written)',
      );
    }
    await writeOut(io, `${scoringSql(model, flags.sql!, file.features)}\n`);
    return;
  }
  await checkWritable(flags.onnx, [modelPath]);
  const { file, model } = await readModelFile(modelPath);
  refuseFormula(file);
  if (flags.sql !== undefined && model instanceof LogisticRegressionModel) {
    await writeOut(io, `${scoringSql(model, flags.sql, file.features)}\n`);
  }
  const bytes = toOnnx(model, {
    columns: file.features,
    layout: flags.matrix ? 'matrix' : 'columns',
    precision: flags.float32 ? 'float32' : 'float64',
    producerVersion: flags.version,
  });
  await writeFileAtomic(flags.onnx, bytes);
  if (!flags.quiet) {
    const real = flags.float32 ? 'float32' : 'float64';
    const numeric = file.features.filter((f) => f.kind === 'numeric').length;
    const categorical = file.features.length - numeric;
    const inputs = flags.matrix
      ? `features (${real} [N, ${model.featureNames.length}])`
      : file.features.length <= 8
        ? file.features
            .map((f) => `${f.column} (${f.kind === 'numeric' ? real : 'string'} [N, 1])`)
            .join(', ')
        : `one per column: ${numeric} numeric (${real} [N, 1]), ${categorical} categorical (string [N, 1])`;
    note(
      io,
      `wrote ${flags.onnx} (${bytes.length} bytes, ONNX opset 13, ${real}): inputs ${inputs}; ` +
        `outputs label [N] and probabilities [N, ${model.classes.length}] (classes ${model.classes.map(String).join(', ')})`,
    );
  }
}

/** A formula model's columns are computed (I(), log, poly, interactions): neither SQL nor ONNX is written for them. */
function refuseFormula(file: ModelFile): void {
  if (file.formula !== undefined) {
    throw new UsageError(
      `export: the model was trained with --formula "${file.formula.formula}"; exporting the formula's columns is not supported`,
    );
  }
}
