import { regularizationPath } from '../model/regularizationPath.js';
import type { ElasticNetPath } from '../model/regularizationPath.js';
import type { ElasticNetPathOptions } from '../options/pathOptions.js';
import { multinomialPath } from '../model/multinomialPath.js';
import { featureNorms, multinomialPathJson, multinomialPathText } from './multinomialPathOutput.js';
import { checkWritable, writeFileAtomic } from '../node/writeFileAtomic.js';
import { coefficientPathSvg } from '../plot/index.js';
import { writeOut } from './io.js';
import { checkGridSize } from './gridLimit.js';
import type { CliIO } from './io.js';
import { loadTrainingData } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { Progress } from './progress.js';
import { formatNumber, textTable } from './textTable.js';
import type { TrainingDataFlags } from '../data/trainingData.js';
import { Option } from 'commander';
import type { Command } from 'commander';
import { defaultPathOptions } from '../options/pathOptions.js';
import { csFlag, limitFlag, numberFlag, unitIntervalFlag } from './flagParsers.js';
import { defaultMaxGrid } from './gridLimit.js';
import {
  addReadOptions,
  addTrainingDataOptions,
  dropMissingOption,
  jsonOption,
  quietOption,
  dataFileArgument,
} from './sharedOptions.js';

/** The flags of `logreg path`, parsed. */
export interface PathFlags extends ReadFlags, TrainingDataFlags {
  readonly penalty: 'l1' | 'elasticnet' | 'l2';
  readonly l1Ratio?: number;
  /** A count of values from the critical C, or the values of C. */
  readonly Cs?: number | readonly number[];
  /** `--max-grid`: the most values `--Cs` may give (see `checkGridSize`). */
  readonly maxGrid?: number;
  readonly standardize: boolean;
  readonly tolerance?: number;
  readonly plot?: string;
  readonly json: boolean;
}

/**
 * Adds `logreg path <data>`: its argument and options (defaults from the library's `defaultPathOptions`).
 * Commander parses and checks the flags into `PathFlags` and calls `pathCommand`.
 */
export function addPathCommand(program: Command, io: CliIO): void {
  const path = program
    .command('path')
    .summary('fit the regularization path of an L1, elastic-net or L2 model')
    .description(
      "Fit glmnet's regularization path with warm starts: from the C at which the first feature " +
        'enters (L1) upward over a log-spaced grid, or over --Cs; print the coefficients and the ' +
        'number of nonzero ones at each C, and draw the coefficient paths with --plot. A target of ' +
        'more than two classes gets the multinomial path: each feature printed and drawn as the ' +
        'norm of its class coefficients (--json: every coefficient).',
    )
    .argument('<data>', dataFileArgument);
  addReadOptions(path);
  addTrainingDataOptions(path);
  path
    .addOption(
      new Option('--penalty <penalty>', 'the penalty along the path')
        .choices(['l1', 'elasticnet', 'l2'])
        .default(defaultPathOptions.penalty),
    )
    .addOption(
      new Option(
        '--l1-ratio <r>',
        'with --penalty elasticnet (required there): the L1 share, in (0, 1] (default: none)',
      ).argParser(unitIntervalFlag),
    )
    .addOption(
      new Option(
        '--Cs <grid>',
        `a count of values log-spaced up from the critical C, or values such as 0.01,0.1,1 (default: ${defaultPathOptions.count} values)`,
      ).argParser(csFlag),
    )
    .addOption(
      new Option(
        '--max-grid <n>',
        'the most values of C that --Cs may give (each is one fit per fold); more is a usage error',
      )
        .argParser(limitFlag(2 ** 31 - 1))
        .default(defaultMaxGrid),
    )
    .addOption(
      new Option(
        '--standardize',
        'penalize standardized coefficients (glmnet); report original units',
      ).default(defaultPathOptions.standardize),
    )
    .addOption(
      new Option('--tolerance <number>', 'per fit: stop when the subgradient norm is at most this')
        .argParser(numberFlag(0))
        .default(defaultPathOptions.tolerance),
    )
    .addOption(
      new Option('--plot <file.svg>', 'write the coefficient paths as SVG (default: none)'),
    )
    .addOption(dropMissingOption())
    .addOption(jsonOption())
    .addOption(quietOption())
    .action(async (data: string, flags: PathFlags) => pathCommand(io, data, flags));
}

/**
 * `logreg path <data>`: the regularization path (glmnet's, with warm starts) of an L1, elastic-net
 * or L2 logistic regression: coefficients at each C, from the C at which the first feature enters;
 * `--plot` draws the coefficient paths. A target of more than two classes gets the multinomial
 * path (`multinomialPath`): per C the K × p coefficients (`--json`), printed and plotted as each
 * feature's norm over the classes.
 */
export async function pathCommand(io: CliIO, dataFile: string, flags: PathFlags): Promise<void> {
  checkGridSize(flags.Cs, flags.maxGrid);
  if (flags.plot !== undefined) await checkWritable(flags.plot, [dataFile]);
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  const { data } = await loadTrainingData(io, progress, dataFile, flags);
  const options: ElasticNetPathOptions = {
    penalty: flags.penalty,
    ...(flags.l1Ratio === undefined ? {} : { l1Ratio: flags.l1Ratio }),
    ...(flags.Cs === undefined
      ? {}
      : typeof flags.Cs === 'number'
        ? { count: flags.Cs }
        : { Cs: flags.Cs }),
    standardize: flags.standardize,
    // A formula says whether there is an intercept ("- 1", "+ 0").
    fitIntercept: data.formula?.intercept ?? flags.intercept,
    featureNames: data.featureNames,
    ...(flags.tolerance === undefined ? {} : { tolerance: flags.tolerance }),
    ...(data.sampleWeight === undefined ? {} : { sampleWeight: data.sampleWeight }),
  };
  if (data.classes.length > 2) {
    const path = multinomialPath(data.X, data.labels, options);
    if (flags.plot !== undefined) {
      const svg = coefficientPathSvg(
        { Cs: path.Cs, coefficients: featureNorms(path), featureNames: path.featureNames },
        {
          title: `${flags.penalty} multinomial path of ${data.target}: ‖coefficients‖ over ${path.classes.length} classes`,
        },
      );
      await writeFileAtomic(flags.plot, svg);
    }
    await writeOut(
      io,
      flags.json
        ? multinomialPathJson(path)
        : multinomialPathText(path, dataFile, flags.penalty, flags.plot),
    );
    return;
  }
  const path = regularizationPath(data.X, data.labels, {
    ...options,
    ...(data.positiveClass === undefined ? {} : { positiveClass: data.positiveClass }),
  });
  if (flags.plot !== undefined) {
    const svg = coefficientPathSvg(
      { Cs: path.Cs, coefficients: path.coefficients, featureNames: path.featureNames },
      { title: `${flags.penalty} regularization path of ${data.target}` },
    );
    await writeFileAtomic(flags.plot, svg);
  }
  await writeOut(io, flags.json ? pathJson(path) : pathText(path, dataFile, flags));
}

function pathJson(path: ElasticNetPath): string {
  const json = {
    Cs: path.Cs,
    l1Ratio: path.l1Ratio,
    featureNames: path.featureNames,
    coefficients: path.coefficients.map((c) => Array.from(c)),
    intercepts: path.intercepts,
    objectives: path.objectives,
    nonZero: path.nonZero,
    iterations: path.iterations,
    converged: path.converged,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function pathText(path: ElasticNetPath, dataFile: string, flags: PathFlags): string {
  const shown = path.featureNames.slice(0, 6);
  const header = [
    'C',
    'nonzero',
    'objective',
    ...shown,
    ...(path.featureNames.length > 6 ? ['…'] : []),
  ];
  const rows = path.Cs.map((C, i) => [
    formatNumber(C, 4),
    String(path.nonZero[i]),
    formatNumber(path.objectives[i]!, 6),
    ...shown.map((_, j) => formatNumber(path.coefficients[i]![j]!, 4)),
    ...(path.featureNames.length > 6 ? [''] : []),
  ]);
  const notConverged = path.converged.filter((c) => !c).length;
  return (
    `Regularization path of ${dataFile}: penalty ${flags.penalty}` +
    (flags.penalty === 'elasticnet' ? ` (l1Ratio ${path.l1Ratio})` : '') +
    `, ${path.Cs.length} values of C, warm-started (coefficients in original units)\n` +
    `${textTable([header, ...rows])}\n` +
    (notConverged > 0 ? `warning: ${notConverged} fit(s) did not converge\n` : '') +
    (flags.plot === undefined ? '' : `coefficient paths written to ${flags.plot}\n`)
  );
}
