import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { chooseCScorings, defaultChooseCOptions } from '../selection/chooseC.js';
import { defaultCrossValidateOptions } from '../selection/crossValidate.js';
import { classesFlag } from './classChecks.js';
import { cvCommand } from './cvCommand.js';
import { defaultPathOptions } from '../options/pathOptions.js';
import { pathCommand } from './pathCommand.js';
import type { PathFlags } from './pathCommand.js';
import type { CvFlags } from './cvCommand.js';
import { evaluateCommand } from './evaluateCommand.js';
import type { EvaluateFlags } from './evaluateCommand.js';
import type { CliIO } from './io.js';
import { predictCommand } from './predictCommand.js';
import {
  addModelOptions,
  addReadOptions,
  addTrainingDataOptions,
  dropMissingOption,
  jsonOption,
  quietOption,
} from './sharedOptions.js';
import type { PredictFlags } from './predictCommand.js';
import { addShareCommands } from './shareCommands.js';
import { summaryCommand } from './summaryCommand.js';
import type { SummaryFlags } from './summaryCommand.js';
import { trainCommand } from './trainCommand.js';
import type { TrainFlags } from './trainCommand.js';
import {
  csFlag,
  levelFlag,
  limitFlag,
  numberFlag,
  recallFlag,
  unitIntervalFlag,
} from './flagParsers.js';
import { defaultMaxGrid } from './gridLimit.js';
import { seFlagChoices, summarySeFlagChoices } from './robustFlags.js';
import { compareCommand } from './compareCommand.js';
import { dropTermsCommand } from './dropTermsCommand.js';
import type { DropTermsFlags } from './dropTermsCommand.js';
import type { CompareFlags } from './compareCommand.js';

/** The version in package.json (two folders up from both src/cli and dist/cli). */
export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * The `logreg` command line: commander definitions of train, predict, evaluate, summary and cv.
 * Every default shown by `--help` comes from the library's `defaultTrainOptions`.
 * Commander's own errors are thrown (exitOverride), not turned into process exits.
 */
export function createProgram(io: CliIO): Command {
  const program = new Command('logreg')
    .description(
      'Logistic regression on CSV, TSV and LIBSVM files (gzipped too): train, predict, evaluate, summarize, cross-validate.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`logreg: ${text}`),
    })
    .exitOverride()
    .showSuggestionAfterError()
    .showHelpAfterError('(add --help for usage)')
    .helpCommand('help [command]', 'show help for a command');

  const train = program
    .command('train')
    .summary('fit a model to a data file and write the model file')
    .description(
      'Fit a logistic regression to a data file and write the model file (atomically): binary ' +
        'for two classes, multinomial (or --multi-class ovr) for more.\n\n' +
        'The features are every column except the target and the weights, unless --features or ' +
        '--exclude says otherwise. A column of text (more than 5% of its cells not numbers) is ' +
        'categorical: one 0/1 feature "column=level" per level except the first in sorted order ' +
        '(the reference); a column of numbers with a few other cells is an error naming them. ' +
        'Missing values (empty, NA, NaN, N/A, null, #N/A, ?, any case, and --na-values) are errors ' +
        'unless --drop-missing.',
    )
    .argument('<data>', 'data file: .csv, .tsv, .svm/.libsvm, optionally .gz');
  addReadOptions(train);
  addTrainingDataOptions(train);
  addModelOptions(train);
  train
    .addOption(new Option('-m, --model <file>', 'where to write the model').default('model.json'))
    .addOption(
      new Option(
        '--ci <method>',
        'confidence intervals for summary: wald, or profile to also compute and store profile-likelihood intervals at --level',
      )
        .choices(['wald', 'profile'])
        .default('wald'),
    )
    .addOption(
      new Option('--level <number>', 'confidence level of --ci profile, in (0, 1)')
        .argParser(levelFlag)
        .default(0.95),
    )
    .addOption(
      new Option(
        '--se <type>',
        'also compute and store robust standard errors (with --penalty none): hc0, hc1, hc2, hc3 as sandwich::vcovHC, or robust (= hc1, as Stata); summary shows them (default: none)',
      ).choices([...seFlagChoices]),
    )
    .addOption(
      new Option(
        '--cluster <column>',
        'also compute and store cluster-robust standard errors, clustered by this column (with --penalty none): CR1 as sandwich::vcovCL(type = "HC1") and Stata, or CR0 with --se hc0 (default: none)',
      ),
    )
    .addOption(
      new Option(
        '--classes <labels>',
        'the expected labels of the target, comma-separated (CSV quoting): any other label, or a listed one that is absent, is an error (default: any)',
      ).argParser(classesFlag),
    )
    .addOption(
      new Option(
        '--multi-class <strategy>',
        'with more than two classes: multinomial (one softmax model) or ovr (one-vs-rest)',
      )
        .choices(['multinomial', 'ovr'])
        .default('multinomial'),
    )
    .addOption(
      new Option(
        '--tune-threshold <criterion>',
        'store the decision threshold that maximizes f1 or youden (J = TPR − FPR), or the highest reaching --target-recall, tuned on the training data; predict and evaluate use it (default: none, P > 0.5)',
      ).choices(['f1', 'youden', 'recall']),
    )
    .addOption(
      new Option(
        '--target-recall <number>',
        'the recall that --tune-threshold recall must reach, in (0, 1] (default: none)',
      ).argParser(recallFlag),
    )
    .addOption(
      new Option('--seed <n>', 'seed of the row shuffles of --solver sgd')
        .argParser(numberFlag(0, { inclusive: true, integer: true }))
        .default(0),
    )
    .addOption(dropMissingOption())
    .addOption(new Option('--plot-loss <file.svg>', 'write the loss curve as SVG (default: none)'))
    .addOption(jsonOption())
    .addOption(
      new Option(
        '-q, --quiet',
        'no progress bar and no advice; notes on what changed the data (rows dropped, columns made categorical, header fields renamed) and warnings still print',
      ).default(false),
    )
    .action(async (data: string, flags: TrainFlags, command: Command) =>
      trainCommand(io, data, withoutLibraryDefaults(command, flags)),
    );

  const predict = program
    .command('predict')
    .summary('predict with a model file; CSV to stdout')
    .description(
      'Predict the class of each row of a data file: CSV on stdout (or --output) with a ' +
        '"prediction" column and, with --proba, a "probability" column (the probability of the ' +
        'positive class). The target column may be absent; extra columns are ignored.',
    )
    .argument('<model>', 'model file written by logreg train')
    .argument('<data>', 'data file: .csv, .tsv, .svm/.libsvm, optionally .gz');
  addReadOptions(predict);
  predict
    .addOption(
      new Option(
        '--proba',
        'add the probability of the positive class (multiclass: one column p(<class>) per class)',
      ).default(false),
    )
    .addOption(
      new Option(
        '--se',
        "add the linear predictor and its standard error (link, link_se) and the probability's (probability_se), from the stored covariance, as R predict.glm(se.fit = TRUE)",
      ).default(false),
    )
    .addOption(
      new Option(
        '--interval <level>',
        'add confidence intervals at this level, in (0, 1): link_lower, link_upper, and their inverse logits probability_lower, probability_upper (default: none)',
      ).argParser(levelFlag),
    )
    .addOption(
      new Option(
        '-o, --output <file>',
        'write the CSV to a file instead of stdout, streamed in batches into a temporary file renamed over it at the end (default: stdout)',
      ),
    )
    .addOption(
      new Option(
        '-q, --quiet',
        'no progress bar and no advice; notes on what changed the data (rows dropped, columns made categorical, header fields renamed) and warnings still print',
      ).default(false),
    )
    .action(async (model: string, data: string, flags: PredictFlags) =>
      predictCommand(io, model, data, flags),
    );

  const evaluate = program
    .command('evaluate')
    .summary('score a model file on labelled data')
    .description(
      "Score a model on labelled data at the model's threshold (0.5 unless train " +
        '--tune-threshold stored one): accuracy, balanced accuracy, precision, recall, F1, ' +
        'log loss, ROC AUC, average precision, Brier score, expected calibration error ' +
        '(10 equal-width bins) and the confusion matrix.',
    )
    .argument('<model>', 'model file written by logreg train')
    .argument('<data>', 'data file: .csv, .tsv, .svm/.libsvm, optionally .gz');
  addReadOptions(evaluate);
  evaluate
    .addOption(
      new Option(
        '-t, --target <column>',
        "the column of true labels (default: the model's target column)",
      ),
    )
    .addOption(
      new Option('--roc <file.svg>', 'write the ROC curve with its AUC as SVG (default: none)'),
    )
    .addOption(
      new Option(
        '--pr <file.svg>',
        'write the precision-recall curve with its average precision as SVG (default: none)',
      ),
    )
    .addOption(
      new Option(
        '--calibration <file.svg>',
        'write the calibration curve (10 equal-width bins) with its ECE as SVG (default: none)',
      ),
    )
    .addOption(dropMissingOption())
    .addOption(jsonOption())
    .addOption(quietOption())
    .action(async (model: string, data: string, flags: EvaluateFlags) =>
      evaluateCommand(io, model, data, flags),
    );

  program
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
        'confidence intervals: wald, or profile (stored by train --ci profile)',
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
    .addOption(jsonOption())
    .action(async (model: string, flags: SummaryFlags) => summaryCommand(io, model, flags));

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

  const cv = program
    .command('cv')
    .summary('cross-validate the train options, or choose C with --Cs')
    .description(
      'Stratified k-fold cross-validation: fit on k − 1 folds with the train options, score the ' +
        "held-out fold, and print each metric's mean and standard deviation over folds (each " +
        'fold too with --json). With --Cs, choose the L2 strength C instead: fit the grid with warm ' +
        'starts in every fold, score by the cross-validated --scoring, pick the best mean (or with ' +
        '--one-se the smallest C within one standard error), print the curve, and refit on all ' +
        'rows (--model writes that model).',
    )
    .argument('<data>', 'data file: .csv, .tsv, .svm/.libsvm, optionally .gz');
  addReadOptions(cv);
  addTrainingDataOptions(cv);
  addModelOptions(cv);
  cv.addOption(
    new Option('--folds <k>', 'number of stratified folds, ≥ 2')
      .argParser(numberFlag(2, { inclusive: true, integer: true }))
      .default(defaultCrossValidateOptions.folds),
  )
    .addOption(
      new Option('--seed <n>', 'seed of the fold assignment (and of --solver sgd)')
        .argParser(numberFlag(0, { inclusive: true, integer: true }))
        .default(defaultCrossValidateOptions.seed),
    )
    .addOption(
      new Option(
        '--no-shuffle',
        "keep each class's rows in file order when dealing them to folds, so that the folds equal scikit-learn's StratifiedKFold(shuffle=False) (default: shuffled by --seed)",
      ),
    )
    .addOption(
      new Option(
        '--Cs <grid>',
        'choose C: a count of values log-spaced over [1e-4, 1e4] (such as 10) or values such as 0.01,0.1,1,10 (default: none, cross-validate --C)',
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
      new Option('--scoring <metric>', 'the cross-validated score that chooses C with --Cs')
        .choices([...chooseCScorings])
        .default(defaultChooseCOptions.scoring),
    )
    .addOption(
      new Option(
        '--one-se',
        'with --Cs: the smallest C whose mean score is within one standard error of the best (cv.glmnet lambda.1se)',
      ).default(defaultChooseCOptions.oneStandardError),
    )
    .addOption(
      new Option('--plot-cv <file.svg>', 'with --Cs: write the score curve as SVG (default: none)'),
    )
    .addOption(
      new Option(
        '-m, --model <file>',
        'with --Cs: write the model refitted on all rows at the chosen C (default: none)',
      ),
    )
    .addOption(dropMissingOption())
    .addOption(jsonOption())
    .addOption(quietOption())
    .action(async (data: string, flags: CvFlags, command: Command) =>
      // --seed of cv also seeds the folds: it keeps its default.
      cvCommand(io, data, { ...withoutLibraryDefaults(command, flags), seed: flags.seed }),
    );

  const path = program
    .command('path')
    .summary('fit the regularization path of an L1, elastic-net or L2 model')
    .description(
      "Fit glmnet's regularization path with warm starts: from the C at which the first feature " +
        'enters (L1) upward over a log-spaced grid, or over --Cs; print the coefficients and the ' +
        'number of nonzero ones at each C, and draw the coefficient paths with --plot.',
    )
    .argument('<data>', 'data file: .csv, .tsv, .svm/.libsvm, optionally .gz');
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

  addShareCommands(program, io, packageVersion());
  return program;
}

/** The train flags whose defaults are the library's: `--help` shows them, `train` applies them. */
const libraryOptionFlags = [
  'penalty',
  'C',
  'solver',
  'learningRate',
  'tolerance',
  'standardize',
  'onSeparation',
  'batchSize',
  'seed',
] as const;

/**
 * The flags without the library options the user did not give, so that the library applies its
 * own defaults, including those that depend on other options (`--penalty firth` fits with
 * `newton` unless `--solver` says otherwise).
 */
function withoutLibraryDefaults<F extends object>(command: Command, flags: F): F {
  const given = { ...flags } as Record<string, unknown>;
  for (const key of libraryOptionFlags) {
    if (command.getOptionValueSource(key) === 'default') delete given[key];
  }
  return given as unknown as F;
}
