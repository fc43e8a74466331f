import type { FitReport } from '../options/fitReport.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { Label } from '../options/trainOptions.js';
import { formatSummary } from '../inference/formatSummary.js';
import type { CoefficientSummary, ModelSummary } from '../inference/summarize.js';
import type { CategoricalEncoding } from '../data/designMatrix.js';
import { writeOut } from './io.js';
import type { CliIO } from './io.js';
import { readModelFile } from '../node/readModelFile.js';
import { multiclassSummary } from './multiclassOutput.js';
import { UsageError } from '../data/usageError.js';
import { standardErrorTypeOf, summarySeFlagChoices } from './robustFlags.js';
import { formatNumber, keyValueLines, shortest } from './textTable.js';
import { Option } from 'commander';
import type { Command } from 'commander';
import { levelFlag } from './flagParsers.js';
import { addReadOptions, dropMissingOption, jsonOption, quietOption } from './sharedOptions.js';
import type { ReadFlags } from './loadTable.js';
import { modelTrainingData } from './modelTrainingData.js';
import { withProfileIntervals } from '../model/withProfileIntervals.js';
import { MultinomialLogisticRegressionModel } from '../model/multinomialModel.js';
import { multinomialSummary } from '../inference/multinomialSummary.js';
import type { MultinomialSummary } from '../inference/multinomialSummary.js';
import { formatMarginalEffects } from '../inference/formatMarginalEffects.js';
import type { MarginalEffects } from '../inference/marginalEffects.js';
import { featureNamesOf } from '../data/designMatrix.js';

/** The flags of `logreg summary`, parsed. */
export interface SummaryFlags extends ReadFlags {
  readonly json: boolean;
  /** Also print average marginal effects (needs `data`). */
  readonly margins: boolean;
  /** The training data: for `margins`, and for profile intervals the model did not store. */
  readonly data?: string;
  readonly dropMissing: boolean;
  /** Confidence level; absent: 0.95, or with `--ci profile` the level stored at training. */
  readonly level?: number;
  readonly ci: 'wald' | 'profile';
  /** Which stored covariance gives the standard errors (default: the robust one, if stored). */
  readonly se?: (typeof summarySeFlagChoices)[number];
}

/**
 * Adds `logreg summary <model>`: its argument and options.
 * Commander parses and checks the flags into `SummaryFlags` and calls `summaryCommand`.
 */
export function addSummaryCommand(program: Command, io: CliIO): void {
  const summary = program
    .command('summary')
    .summary('print the coefficients and fit report of a model file')
    .description(
      "Print R's coefficient table ((Intercept) first): estimates, standard errors, z values, " +
        'p-values with significance stars, confidence intervals and odds ratios, then deviances, ' +
        'AIC, BIC, pseudo-R² and the likelihood-ratio test, and the fit report. Penalized fits ' +
        'show the estimates only: Wald standard errors do not apply to them.',
    )
    .argument('<model>', 'model file written by logreg train')
    .addOption(
      new Option(
        '--ci <method>',
        'confidence intervals: wald, or profile (stored by train --ci profile, or computed from --data)',
      )
        .choices(['wald', 'profile'])
        .default('wald'),
    )
    .addOption(
      new Option(
        '--level <number>',
        'confidence level, in (0, 1) (default: 0.95; with --ci profile, the level stored by train)',
      ).argParser(levelFlag),
    )
    .addOption(
      new Option(
        '--se <type>',
        'the standard errors: model (inverse information), or the robust (hc0…hc3; robust = hc1) or cluster ones stored by train --se / --cluster (default: those stored, else model)',
      ).choices([...summarySeFlagChoices]),
    )
    .addOption(
      new Option(
        '--margins',
        "also print average marginal effects with delta-method standard errors (as statsmodels get_margeff(at='overall'); a categorical column's dummies as discrete changes), over the rows of --data",
      ).default(false),
    )
    .addOption(
      new Option(
        '--data <file>',
        'the training data: for --margins, and for --ci profile when train did not store profile intervals at --level (they are computed, after checking that the data give the stored fit) (default: none)',
      ),
    );
  addReadOptions(summary);
  summary
    .addOption(dropMissingOption())
    .addOption(quietOption())
    .addOption(jsonOption())
    .action(async (model: string, flags: SummaryFlags) => summaryCommand(io, model, flags));
}

/** What `summary --json` prints: the library's `ModelSummary` and the model file's context. */
export interface SummaryJson extends Omit<ModelSummary, 'coefficients'> {
  /** `(Intercept)` first when the model has one, then the features in order. */
  readonly coefficients: readonly CoefficientSummary[];
  readonly target: string;
  readonly classes: readonly Label[];
  readonly positiveClass: Label;
  /** The decision threshold stored by `train --tune-threshold`, or null (P > 0.5). */
  readonly threshold: number | null;
  readonly categorical: readonly Omit<CategoricalEncoding, 'kind'>[];
  readonly fitReport: Omit<FitReport, 'lossHistory'>;
  /** With `--margins`: the average marginal effects. */
  readonly marginalEffects?: MarginalEffects;
}

/**
 * `logreg summary <model>`: R's coefficient table (`formatSummary` of the library's
 * `model.summary`) and the fit report, from the model file alone.
 */
export async function summaryCommand(
  io: CliIO,
  modelPath: string,
  flags: SummaryFlags,
): Promise<void> {
  const loaded = await readModelFile(modelPath);
  const file = loaded.file;
  let model = loaded.model;
  if (!(model instanceof LogisticRegressionModel)) {
    if (flags.margins) throw new UsageError('--margins applies to two-class models');
    if (flags.ci === 'profile' || flags.se !== undefined) {
      throw new UsageError(
        '--ci profile and --se apply to two-class models (a multinomial model gets Wald standard errors with --data)',
      );
    }
    if (flags.level !== undefined && flags.data === undefined) {
      throw new UsageError(
        '--level applies to a multiclass model with --data (its intervals need the training data)',
      );
    }
    let inference: MultinomialSummary | undefined;
    if (flags.data !== undefined) {
      if (!(model instanceof MultinomialLogisticRegressionModel)) {
        throw new UsageError(
          '--data gives standard errors of multinomial models (train --multi-class multinomial); a one-vs-rest model is K binary models',
        );
      }
      const data = await modelTrainingData(io, file, model, flags.data, flags);
      inference = multinomialSummary(model, data.X, data.labels, {
        level: flags.level ?? 0.95,
        ...(data.sampleWeight === undefined ? {} : { sampleWeight: data.sampleWeight }),
      });
    }
    await writeOut(io, multiclassSummary(file, model, flags.json, inference));
    return;
  }
  const report = model.fitReport;
  const storedProfileLevel = model.inference?.profile?.level;
  const level = flags.level ?? (flags.ci === 'profile' ? (storedProfileLevel ?? 0.95) : 0.95);
  const se = standardErrorTypeOf(flags.se);
  if (flags.margins && flags.data === undefined) {
    throw new UsageError('--margins needs --data <file>: the rows to average the effects over');
  }
  const data =
    flags.data === undefined
      ? undefined
      : await modelTrainingData(io, file, model, flags.data, flags);
  const profileStored =
    storedProfileLevel !== undefined && Math.abs(storedProfileLevel - level) <= 1e-12;
  if (flags.ci === 'profile' && data === undefined && !profileStored) {
    throw new UsageError(
      `no profile-likelihood intervals at level ${level} are stored with ${modelPath}; give --data <training file> to compute them, or store them with train --ci profile --level ${level}`,
    );
  }
  // Profile intervals the model did not store are computed from the training data.
  if (flags.ci === 'profile' && data !== undefined && !profileStored) {
    model = withProfileIntervals(model, data.X, data.labels, {
      level,
      ...(data.sampleWeight === undefined ? {} : { sampleWeight: data.sampleWeight }),
      ...(data.offset === undefined ? {} : { offset: data.offset }),
    });
  }
  const summary = model.summary({ level, ci: flags.ci, ...(se === undefined ? {} : { se }) });
  const margins =
    !flags.margins || data === undefined
      ? undefined
      : model.marginalEffects(data.X, {
          level,
          ...(se === undefined ? {} : { se }),
          discrete: file.features.flatMap((e) =>
            e.kind === 'categorical' ? featureNamesOf([e]) : [],
          ),
          ...(data.sampleWeight === undefined ? {} : { sampleWeight: data.sampleWeight }),
          ...(data.offset === undefined ? {} : { offset: data.offset }),
        });
  const categorical = file.features.flatMap((e) =>
    e.kind === 'categorical'
      ? [{ column: e.column, levels: e.levels, reference: e.reference }]
      : [],
  );
  if (flags.json) {
    // The loss history is long and belongs to plots (train --plot-loss), not to a summary.
    const rest: Omit<FitReport, 'lossHistory'> & { lossHistory?: unknown } = { ...report };
    delete rest.lossHistory;
    const json: SummaryJson = {
      ...summary,
      target: file.target,
      classes: model.classes,
      positiveClass: model.positiveClass,
      threshold: model.threshold ?? null,
      categorical,
      fitReport: rest,
      ...(margins === undefined ? {} : { marginalEffects: margins }),
    };
    await writeOut(io, `${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const classes = model.classes.map((c) => `"${String(c)}"`).join(', ');
  const fit: [string, string][] = [
    [
      'target',
      `${file.target}: P(${file.target} = "${String(model.positiveClass)}"), classes ${classes}`,
    ],
    ['training data', describeTraining(file.training)],
    [
      'penalty',
      report.penalty === 'l2'
        ? `L2, C = ${formatNumber(report.C ?? NaN)}`
        : report.penalty === 'none'
          ? 'none (maximum likelihood)'
          : "firth (Firth's bias reduction)",
    ],
    ['standardized', report.standardize ? 'yes (coefficients in original units)' : 'no'],
    [
      'solver',
      `${report.solver}, ${report.iterations} iterations, ${report.converged ? 'converged' : 'NOT converged'} (${report.stopReason})`,
    ],
    ['objective', formatNumber(report.objective)],
    report.solver === 'newton' && (report.penalty === 'none' || report.penalty === 'firth')
      ? [
          'score norm',
          `${formatNumber(report.gradientNorm, 3)} (stopping rule: relative Newton decrement ≤ ${shortest(report.tolerance)})`,
        ]
      : [
          'gradient norm',
          `${formatNumber(report.gradientNorm, 3)} (tolerance ${shortest(report.tolerance)})`,
        ],
    ['log loss', `${formatNumber(report.logLoss)} (training data)`],
    [
      'threshold',
      model.threshold === undefined
        ? '0.5 (predict says positive where P > 0.5)'
        : `${formatNumber(model.threshold)} (tuned; predict says positive where P ≥ it)`,
    ],
    ['features', String(report.nFeatures)],
  ];
  for (const c of categorical) {
    fit.push([
      `levels of ${c.column}`,
      `${c.levels.join(', ')}${c.reference === null ? '' : ` (reference ${c.reference})`}`,
    ]);
  }
  let text =
    `${formatSummary(summary)}\n` +
    (margins === undefined ? '' : `\n${formatMarginalEffects(margins)}\n`) +
    `\nLog-odds of ${file.target} = "${String(model.positiveClass)}"\n${keyValueLines(fit)}\n`;
  if (report.warnings.length > 0)
    text += `\nWarnings\n${report.warnings.map((w) => `  ${w}`).join('\n')}\n`;
  await writeOut(io, text);
}

function describeTraining(training: {
  readonly file: string;
  readonly rows: number;
  readonly droppedRows: number;
}): string {
  const from = training.file === '' ? '' : `${training.file}, `;
  const dropped =
    training.droppedRows > 0 ? ` (${training.droppedRows} dropped for missing values)` : '';
  return `${from}${training.rows} rows${dropped}`;
}
