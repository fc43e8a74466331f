import { basename } from 'node:path';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { buildDesignMatrix, columnsByName, requireColumns } from '../data/designMatrix.js';
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
  await checkWritable(flags.html);
  const { file, model } = await readModelFile(modelPath);
  let data: ReportData | undefined;
  if (flags.data !== undefined) {
    const dataFile = flags.data;
    const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
    const minFeatures = file.dataFormat === 'libsvm' ? file.features.length : undefined;
    const loaded = await loadData(io, progress, dataFile, flags, minFeatures);
    const table = loaded.kind === 'libsvm' ? libsvmLabelTable(loaded.libsvm) : loaded.table;
    const target = flags.target ?? (table.format === 'libsvm' ? libsvmLabelColumn : file.target);
    const features = loaded.kind === 'libsvm' ? [] : file.features.map((e) => e.column);
    requireColumns(table, [target, ...features]);
    const rows = selectRows((message) => note(io, message), table, [target, ...features], flags);
    const X: FeatureMatrix =
      loaded.kind === 'libsvm'
        ? libsvmDesignMatrix(loaded.libsvm, file.features)
        : buildDesignMatrix(table, file.features, rows);
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
