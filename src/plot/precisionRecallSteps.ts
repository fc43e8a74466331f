/**
 * The vertices of a precision–recall step curve. Between two consecutive points the curve
 * holds the precision of the point with the larger recall, which is the rectangle rule that
 * defines average precision, AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ (scikit-learn's `average_precision_score`
 * and matplotlib's `drawstyle='steps-post'` on its decreasing-recall output). So for each
 * consecutive pair one corner is inserted: `(rᵢ, pᵢ₊₁)` when recall rises, `(rᵢ₊₁, pᵢ)` when it
 * falls, none when it stays. Works for either ordering; pairs with a non-finite value are
 * dropped first.
 *
 * @example
 * precisionRecallSteps([1, 0.5, 0], [0.5, 1, 1]);
 * // { recall: [1, 0.5, 0.5, 0, 0], precision: [0.5, 0.5, 1, 1, 1] }
 */
export function precisionRecallSteps(
  recall: ArrayLike<number>,
  precision: ArrayLike<number>,
): { recall: number[]; precision: number[] } {
  const r: number[] = [];
  const p: number[] = [];
  const n = Math.min(recall.length, precision.length);
  let previous: [number, number] | undefined;
  for (let i = 0; i < n; i++) {
    const ri = recall[i];
    const pi = precision[i];
    if (!Number.isFinite(ri) || !Number.isFinite(pi)) continue;
    if (previous) {
      const [r0, p0] = previous;
      if (ri > r0) {
        r.push(r0);
        p.push(pi);
      } else if (ri < r0) {
        r.push(ri);
        p.push(p0);
      }
    }
    r.push(ri);
    p.push(pi);
    previous = [ri, pi];
  }
  return { recall: r, precision: p };
}
