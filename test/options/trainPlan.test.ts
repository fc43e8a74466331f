import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveTrainPlan, planPenaltyStrength } from '../../src/options/trainPlan.js';
import { defaultTrainOptions } from '../../src/options/trainOptions.js';
import type {
  MulticlassTrainOptions,
  Penalty,
  SolverChoice,
} from '../../src/options/trainOptions.js';
import { train } from '../../src/model/train.js';

const binary = { rows: 200, features: 3, classCount: 2 };

describe('resolveTrainPlan: every decision of a fit, made once', () => {
  it('defaults: lbfgs for L2, newton to R precision for none and Firth, newglmnet for L1', () => {
    const l2 = resolveTrainPlan({}, binary);
    expect(l2).toMatchObject({
      model: 'binary',
      penalty: 'l2',
      C: 1,
      l1Ratio: 0,
      solver: 'lbfgs',
      stoppingRule: 'gradient',
      tolerance: defaultTrainOptions.tolerance,
      maxIterations: defaultTrainOptions.maxIterations.lbfgs,
      fitIntercept: true,
      standardize: false,
      onSeparation: 'error',
      lbfgsStart: false,
    });
    for (const penalty of ['none', 'firth'] as const) {
      expect(resolveTrainPlan({ penalty }, binary)).toMatchObject({
        solver: 'newton',
        stoppingRule: 'decrement',
        tolerance: defaultTrainOptions.decrementTolerance,
        maxIterations: defaultTrainOptions.maxIterations.newton,
      });
    }
    expect(resolveTrainPlan({ penalty: 'l1' }, binary)).toMatchObject({
      solver: 'newglmnet',
      l1Ratio: 1,
    });
    expect(resolveTrainPlan({ penalty: 'elasticnet', l1Ratio: 0.3 }, binary).l1Ratio).toBe(0.3);
  });

  it('multinomial fits take newton with the gradient rule; one-vs-rest plans as its binary fits', () => {
    const shape = { rows: 200, features: 3, classCount: 4 };
    expect(resolveTrainPlan({ multiClass: 'multinomial' }, shape)).toMatchObject({
      model: 'multinomial',
      solver: 'newton',
      stoppingRule: 'gradient',
      tolerance: 1e-6,
    });
    expect(resolveTrainPlan({ multiClass: 'multinomial', penalty: 'none' }, shape)).toMatchObject({
      solver: 'newton',
      stoppingRule: 'gradient',
    });
    expect(resolveTrainPlan({ multiClass: 'ovr', penalty: 'none' }, shape)).toMatchObject({
      model: 'ovr',
      solver: 'newton',
      stoppingRule: 'decrement',
    });
    expect(resolveTrainPlan({ multiClass: 'auto' }, shape).model).toBe('multinomial');
    expect(resolveTrainPlan({ multiClass: 'auto' }, binary).model).toBe('binary');
  });

  it("'auto' takes Newton for small binary L2 problems and L-BFGS for large ones", () => {
    expect(resolveTrainPlan({ solver: 'auto' }, binary).solver).toBe('newton');
    expect(resolveTrainPlan({ solver: 'auto' }, { ...binary, features: 60 }).solver).toBe('lbfgs');
    expect(resolveTrainPlan({ solver: 'auto' }, { ...binary, rows: 1e7 }).solver).toBe('lbfgs');
  });

  it('large maximum-likelihood fits start Newton from L-BFGS; Firth never does', () => {
    const big = { rows: 1_000_000, features: 100, classCount: 2 };
    expect(resolveTrainPlan({ penalty: 'none' }, big).lbfgsStart).toBe(true);
    expect(resolveTrainPlan({ penalty: 'firth' }, big).lbfgsStart).toBe(false);
    expect(resolveTrainPlan({ penalty: 'none', solver: 'lbfgs' }, big).lbfgsStart).toBe(false);
  });

  it('sgd: gd-only default step left to the data, schedule by penalty, batch at most the rows', () => {
    const sgd = resolveTrainPlan({ solver: 'sgd', batchSize: 500 }, binary);
    expect(sgd).toMatchObject({ learningRate: undefined, batchSize: 200, seed: 0 });
    expect(sgd.learningRateSchedule).toBe('optimal');
    expect(resolveTrainPlan({ solver: 'sgd', penalty: 'none' }, binary).learningRateSchedule).toBe(
      'invscaling',
    );
    expect(resolveTrainPlan({ solver: 'gd' }, binary).learningRate).toBe(0.1);
  });

  it('given options win over every default (property)', () => {
    const solvers: SolverChoice[] = ['lbfgs', 'newton', 'gd', 'sgd'];
    const penalties: Penalty[] = ['none', 'l2'];
    fc.assert(
      fc.property(
        fc.constantFrom(...solvers),
        fc.constantFrom(...penalties),
        fc.double({ min: 1e-10, max: 1e-2, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        (solver, penalty, tolerance, maxIterations) => {
          const options: MulticlassTrainOptions = { solver, penalty, tolerance, maxIterations };
          const plan = resolveTrainPlan(options, binary);
          return (
            plan.solver === solver &&
            plan.tolerance === tolerance &&
            plan.maxIterations === maxIterations
          );
        },
      ),
      { seed: 16, numRuns: 100 },
    );
  });

  it('λ comes from C in one place: λ₂ = (1 − l1Ratio)/(C·S), zero without a penalty', () => {
    const plan = resolveTrainPlan({ penalty: 'elasticnet', l1Ratio: 0.25, C: 2 }, binary);
    const { l1, l2 } = planPenaltyStrength(plan, 10);
    expect(l1).toBeCloseTo(0.25 / 20, 15);
    expect(l2).toBeCloseTo(0.75 / 20, 15);
    expect(planPenaltyStrength(resolveTrainPlan({ penalty: 'none' }, binary), 10)).toEqual({
      l1: 0,
      l2: 0,
    });
    expect(planPenaltyStrength(resolveTrainPlan({ penalty: 'firth' }, binary), 10).l2).toBe(0);
  });

  it('the fit runs and reports the plan: solver, tolerance and C', () => {
    const X = [[0], [1], [2], [3], [0.5], [2.5]];
    const y = [0, 0, 1, 1, 1, 0];
    for (const options of [{}, { penalty: 'none' as const }, { solver: 'auto' as const, C: 3 }]) {
      const plan = resolveTrainPlan(options, { rows: 6, features: 1, classCount: 2 });
      const report = train(X, y, options).fitReport;
      expect([report.solver, report.tolerance, report.penalty]).toEqual([
        plan.solver,
        plan.tolerance,
        plan.penalty,
      ]);
      expect(report.C).toBe(plan.penalty === 'none' ? null : plan.C);
    }
  });

  it('a larger C gives a larger ‖w‖ (C is the inverse strength)', () => {
    const X = [[0], [1], [2], [3], [0.5], [2.5]];
    const y = [0, 0, 1, 1, 1, 0];
    const norm = (C: number) => Math.abs(train(X, y, { C }).coefficients[0]);
    expect(norm(10)).toBeGreaterThan(norm(1));
    expect(norm(1)).toBeGreaterThan(norm(0.1));
  });
});
