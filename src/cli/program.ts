import { Command } from 'commander';
import { addCompareCommand } from './compareCommand.js';
import { addCvCommand } from './cvCommand.js';
import { addDropTermsCommand } from './dropTermsCommand.js';
import { addEvaluateCommand } from './evaluateCommand.js';
import { addExportCommand } from './exportCommand.js';
import type { CliIO } from './io.js';
import { packageVersion } from './packageVersion.js';
import { addPathCommand } from './pathCommand.js';
import { addPredictCommand } from './predictCommand.js';
import { addReportCommand } from './reportCommand.js';
import { addSummaryCommand } from './summaryCommand.js';
import { addTrainCommand } from './trainCommand.js';

/** The commands in the order `--help` lists them; each module holds its options and its action. */
const commands = [
  addTrainCommand,
  addPredictCommand,
  addEvaluateCommand,
  addSummaryCommand,
  addCompareCommand,
  addDropTermsCommand,
  addCvCommand,
  addPathCommand,
  addExportCommand,
  addReportCommand,
] as const;

/**
 * The `logreg` command line: the program's own flags and output, and each command registered by
 * its module (`trainCommand.ts` holds `TrainFlags`, the train options and the train action).
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
      // Help is laid out for the stream it goes to (Commander asks process.stdout by default).
      getOutHelpWidth: () => terminalWidth(io.stdout),
      getErrHelpWidth: () => terminalWidth(io.stderr),
    })
    .exitOverride()
    .showSuggestionAfterError()
    .showHelpAfterError('(add --help for usage)')
    .helpCommand('help [command]', 'show help for a command');
  for (const add of commands) add(program, io);
  return program;
}

/** The width of a terminal stream; 80, Commander's default, for a file or a pipe. */
function terminalWidth(stream: NodeJS.WritableStream): number {
  const tty = stream as { isTTY?: boolean; columns?: number };
  return (tty.isTTY === true ? tty.columns : undefined) ?? 80;
}
