#!/usr/bin/env node
/**
 * The `logreg` executable: the only place that touches `process` exit state. Everything else is
 * in {@link run}, which returns the exit code.
 */
import { run } from './run.js';

// A closed pipe (`logreg predict … | head`) is not an error: stop quietly. Other write errors on
// stdout (a full disk) are reported by `run`, which listens too.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
