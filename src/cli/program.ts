import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { defaultTrainOptions } from '../model/options.js';
import { evaluateCommand } from './evaluateCommand.js';
import type { EvaluateFlags } from './evaluateCommand.js';
import type { CliIO } from './io.js';
import { predictCommand } from './predictCommand.js';
import type { PredictFlags } from './predictCommand.js';
import { summaryCommand } from './summaryCommand.js';
import { trainCommand } from './trainCommand.js';
import type { TrainFlags } from './trainCommand.js';
import { shortest } from './textTable.js';
import { classWeightFlag, delimiterFlag, listFlag, numberFlag } from './flagParsers.js';

/** The version in package.json (two folders up from both src/cli and dist/cli). */
export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * The `logreg` command line: commander definitions of train, predict, evaluate and summary.
 * Every default shown by `--help` comes from the library's `defaultTrainOptions`.
 * Commander's own errors are thrown (exitOverride), not turned into process exits.
 */
export function createProgram(io: CliIO): Command {
  const program = new Command('logreg')
    .description(
      'Logistic regression on CSV, TSV and LIBSVM files (gzipped too): train, predict, evaluate, summarize.',
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
      'Fit a binary logistic regression to a data file and write the model file (atomically).\n\n' +
        'The features are every column except the target and the weights, unless --features or ' +
        '--exclude says otherwise. A column with a non-numeric cell is categorical: one 0/1 feature ' +
        '"column=level" per level except the first in sorted order (the reference). Missing values ' +
        '(empty, NA, NaN, ?) are errors unless --drop-missing.',
    )
    .argument('<data>', 'data file: .csv, .tsv, .svm/.libsvm, optionally .gz');
  addReadOptions(train);
  train
    .addOption(
      new Option(
        '-t, --target <column>',
        'the column to predict (default: "label" for LIBSVM; required otherwise)',
      ),
    )
    .addOption(new Option('-m, --model <file>', 'where to write the model').default('model.json'))
    .addOption(
      new Option(
        '--features <columns>',
        'feature columns, comma-separated (default: all but target and weights)',
      ).argParser(listFlag),
    )
    .addOption(
      new Option(
        '--exclude <columns>',
        'columns to leave out, comma-separated (default: none)',
      ).argParser(listFlag),
    )
    .addOption(
      new Option(
        '--categorical <columns>',
        'columns to one-hot code even if numeric (default: only non-numeric columns)',
      ).argParser(listFlag),
    )
    .addOption(
      new Option(
        '--positive-class <value>',
        'the class whose probability is modelled (default: the second of the two sorted classes)',
      ),
    )
    .addOption(
      new Option('--weights <column>', 'column of row weights ≥ 0 (default: every row weighs 1)'),
    )
    .addOption(
      new Option(
        '--penalty <penalty>',
        "l2; none for maximum likelihood (as R's glm); firth for Firth's bias-reduced fit (finite on separated data)",
      )
        .choices(['l2', 'none', 'firth'])
        .default(defaultTrainOptions.penalty),
    )
    .addOption(
      new Option('--C <number>', 'inverse L2 penalty strength, > 0: larger C penalizes less')
        .argParser(numberFlag(0))
        .default(defaultTrainOptions.C),
    )
    .addOption(
      new Option('--solver <solver>', 'optimizer')
        .choices(['lbfgs', 'newton', 'gd'])
        .default(defaultTrainOptions.solver),
    )
    .addOption(
      new Option('--learning-rate <number>', 'step size of --solver gd, > 0')
        .argParser(numberFlag(0))
        .default(defaultTrainOptions.learningRate),
    )
    .addOption(
      new Option(
        '--max-iterations <n>',
        `iteration limit (default: ${Object.entries(defaultTrainOptions.maxIterations)
          .map(([solver, n]) => `${n} for ${solver}`)
          .join(', ')})`,
      ).argParser(numberFlag(1, { inclusive: true, integer: true })),
    )
    .addOption(
      new Option('--tolerance <number>', 'stop when the largest gradient component is ≤ this, > 0')
        .argParser(numberFlag(0))
        .default(defaultTrainOptions.tolerance, shortest(defaultTrainOptions.tolerance)),
    )
    .addOption(
      new Option('--no-intercept', 'fit without an intercept (default: an intercept is fitted)'),
    )
    .addOption(
      new Option(
        '--standardize',
        'fit on features scaled to mean 0, sd 1 (coefficients reported in original units)',
      ).default(defaultTrainOptions.standardize),
    )
    .addOption(
      new Option(
        '--class-weight <weights>',
        '"balanced" (n / (2 · class count)) or class=weight pairs such as "0=1,1=5" (default: none)',
      ).argParser(classWeightFlag),
    )
    .addOption(
      new Option(
        '--on-separation <policy>',
        'unpenalized fit on separated classes: error, or warn and fit',
      )
        .choices(['error', 'warn'])
        .default(defaultTrainOptions.onSeparation),
    )
    .addOption(
      new Option(
        '--seed <n>',
        'random seed (the current solvers are deterministic; kept for stochastic ones) (default: none)',
      ).argParser(numberFlag(0, { inclusive: true, integer: true })),
    )
    .addOption(
      new Option(
        '--drop-missing',
        'drop rows with a missing value in a used column, and say how many',
      ).default(false),
    )
    .addOption(new Option('--plot-loss <file.svg>', 'write the loss curve as SVG (default: none)'))
    .addOption(new Option('--json', 'print a JSON report on stdout').default(false))
    .addOption(
      new Option('-q, --quiet', 'no progress bar, no notes (warnings still print)').default(false),
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
    .addOption(new Option('--proba', 'add the probability of the positive class').default(false))
    .addOption(
      new Option(
        '-o, --output <file>',
        'write the CSV to a file instead of stdout (default: stdout)',
      ),
    )
    .addOption(new Option('-q, --quiet', 'no progress bar, no notes').default(false))
    .action(async (model: string, data: string, flags: PredictFlags) =>
      predictCommand(io, model, data, flags),
    );

  const evaluate = program
    .command('evaluate')
    .summary('score a model file on labelled data')
    .description(
      'Score a model on labelled data at threshold 0.5: accuracy, precision, recall, F1, ' +
        'log loss, ROC AUC, Brier score and the confusion matrix.',
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
        '--drop-missing',
        'drop rows with a missing value in a used column, and say how many',
      ).default(false),
    )
    .addOption(new Option('--json', 'print a JSON report on stdout').default(false))
    .addOption(new Option('-q, --quiet', 'no progress bar, no notes').default(false))
    .action(async (model: string, data: string, flags: EvaluateFlags) =>
      evaluateCommand(io, model, data, flags),
    );

  program
    .command('summary')
    .summary('print the coefficients and fit report of a model file')
    .description(
      'Print the coefficient table ((Intercept) first) and the fit report of a model file.',
    )
    .argument('<model>', 'model file written by logreg train')
    .addOption(new Option('--json', 'print a JSON report on stdout').default(false))
    .action(async (model: string, flags: { json: boolean }) => summaryCommand(io, model, flags));

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
] as const;

/**
 * The flags without the library options the user did not give, so that the library applies its
 * own defaults, including those that depend on other options (`--penalty firth` fits with
 * `newton` unless `--solver` says otherwise).
 */
function withoutLibraryDefaults(command: Command, flags: TrainFlags): TrainFlags {
  const given: Record<string, unknown> = { ...flags };
  for (const key of libraryOptionFlags) {
    if (command.getOptionValueSource(key) === 'default') delete given[key];
  }
  return given as unknown as TrainFlags;
}

/** `--format` and `--delimiter`, shared by every command that reads data. */
function addReadOptions(command: Command): void {
  command
    .addOption(
      new Option(
        '--format <format>',
        'data format (default: by extension: .svm/.libsvm/.svmlight LIBSVM, .tsv/.tab TSV, else CSV)',
      ).choices(['csv', 'tsv', 'libsvm']),
    )
    .addOption(
      new Option(
        '-d, --delimiter <char>',
        'CSV field separator, one character or "tab" (default: ","; a tab for .tsv; ' +
          'guessed from the header when it has no comma)',
      ).argParser(delimiterFlag),
    );
}
