import { log1pExp } from './log1pExp.js';

/**
 * log σ(z) = −log(1 + e^(−z)) = −softplus(−z), finite for every finite z
 * (log σ(−1e4) = −1e4, where `Math.log(sigmoid(-1e4))` would be `-Infinity`).
 *
 * @example
 * logSigmoid(0); // -Math.LN2
 */
export function logSigmoid(z: number): number {
  return -log1pExp(-z);
}
