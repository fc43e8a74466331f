import { describe, expect, it } from 'vitest';
import { cliMessage, optionFlags } from '../../src/cli/optionFlags.js';
import { trainOptionsOf } from '../../src/cli/modelOptionFlags.js';
import type { ModelOptionFlags } from '../../src/cli/modelOptionFlags.js';
import { createProgram } from '../../src/cli/program.js';
import type { TrainingData } from '../../src/data/trainingData.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const pima = fixture('pima.csv');

/** Every long flag of every command, as `--help` lists them. */
function cliFlags(): Set<string> {
  const io = { stdout: process.stdout, stderr: process.stderr };
  const flags = new Set<string>();
  for (const command of createProgram(io).commands) {
    for (const option of command.options) if (option.long !== undefined) flags.add(option.long);
  }
  return flags;
}

describe('library option names become CLI flags in error messages', () => {
  it.each([
    [['--penalty', 'elasticnet'], '--penalty elasticnet needs --l1-ratio', 'l1Ratio'],
    [['--l1-ratio', '0.5'], '--l1-ratio applies to --penalty elasticnet only', 'l1Ratio'],
    [['--penalty', 'l1', '--solver', 'lbfgs'], 'use --solver newglmnet', "solver '"],
    [['--class-weight', '3=1'], '--class-weight names "3"', 'classWeight'],
  ])('train %j says %j', async (extra, says, never) => {
    const result = await runInProcess([
      'train',
      pima,
      '-t',
      'y',
      '-q',
      '-m',
      'unused.json',
      ...extra,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(says);
    expect(result.stderr).not.toContain(never);
  });

  it('--ci profile on a multinomial model names --ci profile, not profileConfidenceLevel', async () => {
    const digits = fixture('digits.csv');
    const args = ['train', digits, '-t', 'label', '--ci', 'profile', '-q', '-m', 'unused.json'];
    const result = await runInProcess(args);
    expect(result.stderr).toContain('--ci profile is available for binary');
    expect(result.stderr).not.toContain('profileConfidenceLevel');
  });

  it('the table has a flag for every library option that train and cv pass on', () => {
    const every: Required<ModelOptionFlags> & { intercept: boolean } = {
      penalty: 'l2',
      C: 1,
      l1Ratio: 0.5,
      solver: 'sgd',
      learningRate: 0.1,
      maxIterations: 10,
      tolerance: 1e-6,
      standardize: true,
      standardizeWeights: 'fit',
      classWeight: 'balanced',
      onSeparation: 'warn',
      seed: 1,
      batchSize: 2,
      learningRateSchedule: 'constant',
      average: true,
      validationFraction: 0.1,
      learningRateExponent: 0.5,
      patience: 3,
      validationTolerance: 1e-4,
      kernel: 'plain',
      intercept: true,
    };
    const data = {
      featureNames: ['a'],
      X: { rows: 1, cols: 1 },
      classes: [0, 1],
      positiveClass: 1,
      sampleWeight: new Float64Array(1),
    } as unknown as TrainingData;
    const passed = [
      ...Object.keys(trainOptionsOf(every, data)),
      'profileConfidenceLevel', // train --ci profile
      'multiClass', // train --multi-class
    ];
    for (const option of passed) expect(optionFlags, option).toHaveProperty(option);
  });

  it('every flag in the table exists, and every option name in a message becomes its flag', () => {
    const flags = cliFlags();
    for (const [option, flag] of Object.entries(optionFlags)) {
      expect(flags, flag).toContain(flag.split(' ')[0]);
      const message = cliMessage(`train: option '${option}' must be a number, got "x"`);
      expect(message).toBe(`train: ${flag} must be a number, got "x"`);
    }
    expect(
      cliMessage("train: penalty 'elasticnet' needs option 'l1Ratio' (a number in [0, 1])"),
    ).toBe('train: --penalty elasticnet needs --l1-ratio (a number in [0, 1])');
    expect(cliMessage('train with profileConfidenceLevel: 0.9 (CLI: …)')).toBe(
      'train with --ci profile --level 0.9 (CLI: …)',
    );
    // Words of prose are left alone; only quoted values of word options become flags.
    expect(cliMessage('C is the inverse of the penalty strength')).toBe(
      'C is the inverse of the penalty strength',
    );
  });
});
