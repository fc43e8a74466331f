import { ValueError } from '../errors.js';
import { dropTerms } from '../selection/dropTerms.js';
import type { DropTermsResult } from '../selection/dropTerms.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { featureNamesOf } from '../data/designMatrix.js';
import { writeOut } from './io.js';
import type { CliIO } from './io.js';
import { modelTrainingData } from './modelTrainingData.js';
import type { ReadFlags } from './loadTable.js';
import { readModelFile } from '../node/readModelFile.js';
import { formulaTerms } from '../data/formula/formulaDesign.js';
import { UsageError } from '../data/usageError.js';
import { Option } from 'commander';
import type { Command } from 'commander';
import { addReadOptions, dropMissingOption, jsonOption, quietOption } from './sharedOptions.js';

/** The flags of `logreg drop1`, parsed. */
export interface DropTermsFlags extends ReadFlags {
  readonly data?: string;
  readonly dropMissing: boolean;
  readonly json: boolean;
}

/**
 * Adds `logreg drop1 <model>`: its argument and options.
 * Commander parses and checks the flags into `DropTermsFlags` and calls `dropTermsCommand`.
 */
export function addDropTermsCommand(program: Command, io: CliIO): void {
  const drop1 = program
    .command('drop1')
    .summary('likelihood-ratio test of dropping each term (R drop1)')
    .description(
      'R\'s drop1(model, test = "LRT") for a model trained with --penalty none: refit without each ' +
        'input column in turn (a categorical column is one term) on the training data, which the ' +
        "model's stored hashes check, and print each term's df, deviance, AIC, LRT and p-value.",
    )
    .argument('<model>', 'model file written by logreg train --penalty none');
  addReadOptions(drop1);
  drop1
    .addOption(new Option('--data <file>', 'the data the model was trained on (required)'))
    .addOption(dropMissingOption())
    .addOption(jsonOption())
    .addOption(quietOption())
    .action(async (model: string, flags: DropTermsFlags) => dropTermsCommand(io, model, flags));
}

/**
 * `logreg drop1 model.json --data train.csv`: R's `drop1(model, test = "LRT")`, one row per
 * input column (a categorical column is one term), refitting on the training data, which the
 * model's stored hashes check.
 *
 * @throws {UsageError} no --data, a multiclass model.
 * @throws {ValueError} data other than the training data, a penalized model.
 */
export async function dropTermsCommand(
  io: CliIO,
  modelPath: string,
  flags: DropTermsFlags,
): Promise<void> {
  if (flags.data === undefined) {
    throw new UsageError('drop1 needs --data <file>: the data the model was trained on');
  }
  const { file, model } = await readModelFile(modelPath);
  if (!(model instanceof LogisticRegressionModel)) {
    throw new UsageError(
      `drop1 takes two-class models; this one has ${model.classes.length} classes`,
    );
  }
  const data = await modelTrainingData(io, file, model, flags.data, flags);
  // A formula's terms are R's, and as R's drop1 tries only those that no other term contains.
  const formulaTermList = file.formula === undefined ? undefined : formulaTerms(file.formula);
  const terms =
    formulaTermList ??
    file.features.map((e) => ({ name: e.column, features: featureNamesOf([e]) }));
  let result: DropTermsResult;
  try {
    result = dropTerms(model, data.X, data.labels, {
      terms,
      ...(formulaTermList === undefined
        ? {}
        : { scope: formulaTermList.filter((t) => t.droppable).map((t) => t.name) }),
      ...(data.sampleWeight === undefined ? {} : { sampleWeight: data.sampleWeight }),
      ...(data.offset === undefined ? {} : { offset: data.offset }),
    });
  } catch (error) {
    if (error instanceof ValueError) {
      throw new ValueError(
        error.message
          .replace(/^(dropTerms|compareModels): /, `drop1 ${modelPath} --data ${flags.data}: `)
          .replace(/penalty 'none'/, '--penalty none'),
      );
    }
    throw error;
  }
  if (flags.json) {
    await writeOut(io, `${JSON.stringify({ model: modelPath, ...result }, null, 2)}\n`);
    return;
  }
  await writeOut(io, formatDropTerms(result));
}

/** R's drop1 table: `<none>`, then Df, Deviance, AIC, LRT and Pr(>Chi) per term. */
function formatDropTerms(r: DropTermsResult): string {
  const header = ['', 'Df', 'Deviance', 'AIC', 'LRT', 'Pr(>Chi)', ''];
  const stars = (p: number): string =>
    p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : p < 0.1 ? '.' : '';
  const pText = (p: number): string => (p < 2.2e-16 ? '< 2.2e-16' : p.toPrecision(4));
  const rows = [
    ['<none>', '', r.deviance.toFixed(2), r.aic.toFixed(2), '', '', ''],
    ...r.terms.map((t) => [
      t.term,
      String(t.df),
      t.deviance.toFixed(2),
      t.aic.toFixed(2),
      t.lrStatistic.toFixed(4),
      pText(t.pValue),
      stars(t.pValue),
    ]),
  ];
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, j) => (j === 0 || j === 6 ? c.padEnd(widths[j]) : c.padStart(widths[j])))
      .join('  ')
      .trimEnd();
  return (
    [
      'Single term deletions (likelihood-ratio test)',
      '',
      line(header),
      ...rows.map(line),
      '---',
      "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1",
    ].join('\n') + '\n'
  );
}
