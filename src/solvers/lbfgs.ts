import { addScaled, dot, normInf } from '../linalg/vector.js';
import type { Objective, SolverResult, SolverSettings, StopReason } from './objective.js';
import { wolfeLineSearch } from './wolfeLineSearch.js';
import type { LinePoint } from './wolfeLineSearch.js';
import { stoppingRule } from './stoppingRule.js';

/** Settings of {@link lbfgs}. */
export interface LbfgsSettings extends SolverSettings {
  /** Number of correction pairs kept (the "limited memory"). Default 10. */
  readonly memory?: number;
}

/**
 * Limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989) with a strong-Wolfe line search
 * (c₁ = 1e-4, c₂ = 0.9). The search direction is −H·∇F by the two-loop recursion over the last
 * `memory` pairs (s, y) = (Δx, Δ∇F), with H₀ = (sᵀy / yᵀy)·I.
 *
 * Stopping rule: converged when ‖∇F‖∞ ≤ tolerance; otherwise it stops at `maxIterations`, when the
 * line search cannot decrease F any more (at the limit of floating-point precision), or when F is
 * not finite. One objective evaluation (one fused pass over the data) per line-search trial;
 * usually one trial per iteration. Buffers are allocated once, before the first iteration (each
 * correction pair when it is first stored).
 */
export function lbfgs(
  objective: Objective,
  x0: Float64Array,
  settings: LbfgsSettings,
): SolverResult {
  const n = objective.dimension;
  const m = settings.memory ?? 10;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const xTrial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  // The pairs are allocated as they are first stored: a fit of fewer iterations than `memory`
  // never holds the rest (each pair is 2·n doubles: 160 MB at 10⁷ features).
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  const point: LinePoint = { value: 0, slope: 0 };

  let f = objective.valueAndGradient(x, g);
  let evaluations = 1;
  let gNorm = normInf(g);
  const lossHistory = [f];
  let stored = 0;
  let newest = -1;
  let iterations = 0;
  let stopReason: StopReason;

  const phi = (t: number, out: LinePoint): void => {
    addScaled(xTrial, x, t, d);
    out.value = objective.valueAndGradient(xTrial, gTrial);
    out.slope = dot(gTrial, d);
  };

  while (true) {
    const stop = stoppingRule(f, gNorm, iterations, settings.tolerance, settings.maxIterations);
    if (stop !== undefined) {
      stopReason = stop;
      break;
    }

    // Two-loop recursion: d = −H·g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let k = 0, idx = newest; k < stored; k++, idx = (idx - 1 + m) % m) {
      const s = sHist[idx]!;
      const y = yHist[idx]!;
      let a = 0;
      for (let i = 0; i < n; i++) a += s[i] * d[i];
      a *= rho[idx];
      alpha[idx] = a;
      for (let i = 0; i < n; i++) d[i] -= a * y[i];
    }
    if (stored > 0) {
      const s = sHist[newest]!;
      const y = yHist[newest]!;
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < n; i++) {
        sy += s[i] * y[i];
        yy += y[i] * y[i];
      }
      const gamma = sy / yy;
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let k = 0, idx = (newest - stored + 1 + m) % m; k < stored; k++, idx = (idx + 1) % m) {
      const s = sHist[idx]!;
      const y = yHist[idx]!;
      let b = 0;
      for (let i = 0; i < n; i++) b += y[i] * d[i];
      b *= rho[idx];
      const a = alpha[idx];
      for (let i = 0; i < n; i++) d[i] += (a - b) * s[i];
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (lost curvature information): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = dot(g, d);
    }
    const initialStep = stored === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    const ls = wolfeLineSearch(phi, f, slope, initialStep, 0.9, point);
    evaluations += ls.evaluations;
    if (!ls.ok) {
      stopReason = 'line-search-failed';
      break;
    }
    iterations++;
    // Store the pair (s, y) = (x⁺ − x, g⁺ − g) only if it carries positive curvature.
    let sy = 0;
    for (let i = 0; i < n; i++) sy += (xTrial[i] - x[i]) * (gTrial[i] - g[i]);
    if (sy > 1e-300) {
      const next = (newest + 1) % m;
      const s = (sHist[next] ??= new Float64Array(n));
      const y = (yHist[next] ??= new Float64Array(n));
      for (let i = 0; i < n; i++) {
        s[i] = xTrial[i] - x[i];
        y[i] = gTrial[i] - g[i];
      }
      rho[next] = 1 / sy;
      newest = next;
      stored = Math.min(stored + 1, m);
    }
    x.set(xTrial);
    g.set(gTrial);
    f = ls.value;
    gNorm = normInf(g);
    lossHistory.push(f);
    settings.onIteration?.(iterations, f, gNorm);
  }
  return {
    x,
    iterations,
    converged: stopReason === 'gradient-tolerance',
    stopReason,
    objective: f,
    gradientNorm: gNorm,
    lossHistory,
    evaluations,
  };
}
