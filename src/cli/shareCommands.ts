import type { Command } from 'commander';
import { Option } from 'commander';
import { exportCommand } from './exportCommand.js';
import type { ExportFlags } from './exportCommand.js';
import { levelFlag } from './flagParsers.js';
import type { CliIO } from './io.js';
import { reportCommand } from './reportCommand.js';
import type { ReportFlags } from './reportCommand.js';
import { addReadOptions, dropMissingOption, quietOption } from './sharedOptions.js';

/**
 * The commands that take a model elsewhere: `export` (an ONNX graph) and `report` (a one-file
 * HTML page). Kept apart from program.ts, which adds them with one call.
 */
export function addShareCommands(program: Command, io: CliIO, version: string): void {
  program
    .command('export')
    .summary('write the model as an ONNX graph')
    .description(
      'Write the model file as an ONNX graph (opset 13, plus ai.onnx.ml for categorical columns) ' +
        'that any ONNX runtime runs without logreg: one input per input column, named as the ' +
        'column (numeric: float64 [N, 1]; categorical: string [N, 1], one-hot coded in the graph, ' +
        'an unseen level an error); outputs label [N] and probabilities [N, classes] (no ZipMap). ' +
        'Standardization is already folded into the stored coefficients.',
    )
    .argument('<model>', 'model file written by train')
    .addOption(new Option('--onnx <file>', 'where to write the ONNX graph (required)'))
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
      exportCommand(io, model, { ...flags, version }),
    );

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
