/**
 * The axis range of charts of rates and probabilities: [0, 1] plus a hair either side, so a
 * curve running along 0 or 1 (an ROC curve up the left edge) is not hidden under the axis line.
 * Ticks stay at 0, 0.2, …, 1.
 */
export const UNIT_DOMAIN: readonly [number, number] = [-0.02, 1.02];
