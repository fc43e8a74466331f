import { basename } from 'node:path';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { columnsByName, requireColumns } from '../data/designMatrix.js';
import { modelDesignMatrix, modelInputColumns } from '../data/modelInputs.js';
import { libsvmLabelColumn } from '../data/libsvmData.js';
import { indicatorOf } from '../data/targetLabels.js';
import { checkWritable, writeFileAtomic } from '../node/writeFileAtomic.js';
import { htmlReport } from '../report/htmlReport.js';
import type { ReportData } from '../report/htmlReport.js';
import { note } from './io.js';
import type { CliIO } from './io.js';
import { libsvmDesignMatrix, libsvmLabelTable } from '../data/libsvmData.js';
import { loadData } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { readModelFile } from '../node/readModelFile.js';
import { classIndices } from './multiclassOutput.js';
import { Progress } from './progress.js';
import { selectRows } from '../data/selectRows.js';
import { UsageError } from '../data/usageError.js';
import { Option } from 'commander';
import type { Command } from 'commander';
import { levelFlag } from './flagParsers.js';
import { addReadOptions, dropMissingOption, quietOption } from './sharedOptions.js';

/** The flags of `logreg report`, parsed. */
export interface ReportFlags extends ReadFlags {
  readonly html?: string;
  readonly data?: string;
  readonly target?: string;
  readonly title?: string;
  readonly level: number;
  readonly dropMissing: boolean;
}

/**
 * Adds `logreg report <model>`: its argument and options.
 * Commander parses and checks the flags into `ReportFlags` and calls `reportCommand`.
 */
export function addReportCommand(program: Command, io: CliIO): void {
  const report = program
    .command('report')
    .summary('write a one-file HTML report of the model (and its evaluation on data)')
    .description(
      'Write a self-contained HTML page (no script, no network request; phone and desktop): the ' +
        'fit, the coefficient table with odds ratios and intervals, a forest plot and the loss ' +
        'curve; with --data, the evaluation as evaluate computes it: class counts, rows dropped, ' +
        'metrics, the confusion matrix at the model threshold, and ROC, precision-recall and ' +
        'calibration curves.',
    )
    .argument('<model>', 'model file written by train')
    .addOption(new Option('--html <file>', 'where to write the page (required)'))
    .addOption(new Option('--data <file>', 'data to evaluate the model on (default: none)'))
    .addOption(
      new Option(
        '-t, --target <column>',
        'the target column of --data (default: the model file’s)',
      ),
    )
    .addOption(new Option('--title <text>', 'the page title (default: from the model file)'))
    .addOption(
      new Option('--level <number>', 'confidence level of the intervals, in (0, 1)')
        .argParser(levelFlag)
        .default(0.95),
    );
  addReadOptions(report);
  report
    .addOption(dropMissingOption())
    .addOption(quietOption())
    .action(async (model: string, flags: ReportFlags) => reportCommand(io, model, flags));
}

/**
 * `logreg report <model> --html <file> [--data test.csv]`: the library's `htmlReport` of the
 * model file, evaluated on the data file's rows when one is given (read as `evaluate` reads it:
 * the same target, features, missing-value rule and threshold); written atomically.
 */
export async function reportCommand(
  io: CliIO,
  modelPath: string,
  flags: ReportFlags,
): Promise<void> {
  if (flags.html === undefined)
    throw new UsageError('report: say where to write with --html <file>');
  await checkWritable(flags.html, [modelPath, ...(flags.data === undefined ? [] : [flags.data])]);
  const { file, model } = await readModelFile(modelPath);
  let data: ReportData | undefined;
  if (flags.data !== undefined && model instanceof LogisticRegressionModel && model.offset) {
    throw new UsageError(
      `report --data scores without an offset, and the model was fitted with the offset "${model.offset}"; use logreg evaluate (it reads the offset column) or leave out --data`,
    );
  }
  if (flags.data !== undefined) {
    const dataFile = flags.data;
    const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
    const minFeatures = file.dataFormat === 'libsvm' ? file.features.length : undefined;
    const loaded = await loadData(io, progress, dataFile, flags, minFeatures);
    const table = loaded.kind === 'libsvm' ? libsvmLabelTable(loaded.libsvm) : loaded.table;
    const target = flags.target ?? (table.format === 'libsvm' ? libsvmLabelColumn : file.target);
    const features = loaded.kind === 'libsvm' ? [] : modelInputColumns(file);
    requireColumns(table, [target, ...features]);
    const rows = selectRows((message) => note(io, message), table, [target, ...features], flags);
    const X: FeatureMatrix =
      loaded.kind === 'libsvm'
        ? libsvmDesignMatrix(loaded.libsvm, file.features)
        : modelDesignMatrix(file, table, rows);
    const column = columnsByName(table).get(target)!;
    const y =
      model instanceof LogisticRegressionModel
        ? indicatorOf(table, column, rows, model.classes, model.positiveClass)
        : classIndices(table, column, rows, model.classes);
    data = { source: dataFile, X, y, droppedRows: table.rowCount - rows.length };
  }
  const html = htmlReport(model, {
    title: flags.title ?? `Logistic regression: ${file.target} (${basename(modelPath)})`,
    training: {
      source: file.training.file,
      rows: file.training.rows,
      droppedRows: file.training.droppedRows,
    },
    level: flags.level,
    ...(data === undefined ? {} : { data }),
  });
  await writeFileAtomic(flags.html, html);
  if (!flags.quiet) note(io, `wrote ${flags.html} (${html.length} characters, self-contained)`);
}
