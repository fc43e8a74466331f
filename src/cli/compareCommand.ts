import { ValueError } from '../errors.js';
import { compareModels } from '../selection/compareModels.js';
import type { ModelComparison } from '../selection/compareModels.js';
import { formatComparison } from '../selection/formatComparison.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { writeOut } from './io.js';
import type { CliIO } from './io.js';
import { readModelFile } from '../node/readModelFile.js';
import type { Command } from 'commander';
import { jsonOption } from './sharedOptions.js';

/** The flags of `logreg compare`, parsed. */
export interface CompareFlags {
  readonly json: boolean;
}

/**
 * Adds `logreg compare <small> <big>`: its arguments and options.
 * Commander parses and checks the flags into `CompareFlags` and calls `compareCommand`.
 */
export function addCompareCommand(program: Command, io: CliIO): void {
  program
    .command('compare')
    .summary('likelihood-ratio test of two nested model files (R anova)')
    .description(
      'Compare two nested maximum-likelihood models (train --penalty none) fitted on the same rows: ' +
        "the likelihood-ratio test (deviance difference, df, chi-squared p-value) and AIC and BIC, as R's " +
        'anova(small, big, test = "LRT"). The small model\'s features must be among the big one\'s; ' +
        'the rows are checked by hashes stored at training.',
    )
    .argument('<small>', 'model file of the smaller model')
    .argument('<big>', 'model file of the bigger model')
    .addOption(jsonOption())
    .action(async (small: string, big: string, flags: CompareFlags) =>
      compareCommand(io, small, big, flags),
    );
}

/** What `compare --json` prints: the library's comparison and the two files. */
export interface CompareJson extends ModelComparison {
  readonly models: readonly [string, string];
  readonly target: string;
}

/**
 * `logreg compare small.json big.json`: the likelihood-ratio test of two nested models, with AIC
 * and BIC, as R's `anova(small, big, test = "LRT")` (the library's `compareModels`, which checks
 * that they are nested and were fitted on the same rows); the files must also model one target.
 *
 * @throws {ValueError} a multiclass model, another target, or what compareModels refuses.
 */
export async function compareCommand(
  io: CliIO,
  smallPath: string,
  bigPath: string,
  flags: CompareFlags,
): Promise<void> {
  const small = await readModelFile(smallPath);
  const big = await readModelFile(bigPath);
  for (const [path, loaded] of [
    [smallPath, small],
    [bigPath, big],
  ] as const) {
    if (!(loaded.model instanceof LogisticRegressionModel)) {
      throw new ValueError(
        `${path}: compare takes two-class models; this one has ${loaded.model.classes.length} classes`,
      );
    }
  }
  if (small.file.target !== big.file.target) {
    throw new ValueError(
      `the models predict different targets: "${small.file.target}" (${smallPath}) and "${big.file.target}" (${bigPath})`,
    );
  }
  let comparison: ModelComparison;
  try {
    comparison = compareModels(
      small.model as LogisticRegressionModel,
      big.model as LogisticRegressionModel,
    );
  } catch (error) {
    if (error instanceof ValueError) {
      throw new ValueError(
        `${error.message.replace(/^compareModels: /, `compare ${smallPath} ${bigPath}: `).replace(/penalty 'none'/, '--penalty none')}`,
      );
    }
    throw error;
  }
  if (flags.json) {
    const json: CompareJson = {
      ...comparison,
      models: [smallPath, bigPath],
      target: small.file.target,
    };
    await writeOut(io, `${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  await writeOut(io, `${formatComparison(comparison, [smallPath, bigPath])}\n`);
}
