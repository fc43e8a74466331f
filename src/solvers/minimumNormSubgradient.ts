/**
 * The stationarity measure of F(x) + Σⱼ κⱼ·|xⱼ| (a smooth F plus a weighted L1 term): the
 * ∞-norm of the minimum-norm element of its subdifferential, given g = ∇F(x):
 *
 *   xⱼ ≠ 0:  gⱼ + κⱼ·sign(xⱼ)                  (the term is differentiable there)
 *   xⱼ = 0:  sign(gⱼ)·max(|gⱼ| − κⱼ, 0)        (distance from −gⱼ to [−κⱼ, κⱼ])
 *
 * It is 0 exactly at a minimizer (the KKT conditions |gⱼ| ≤ κⱼ at zeros, gⱼ = −κⱼ·sign(xⱼ)
 * elsewhere), and it is ‖∇F‖∞ when every κⱼ is 0. Coordinates with κⱼ = 0 (an intercept) count
 * as smooth ones.
 *
 * @param g - ∇F(x), length n; `x` and `l1Weights` (κ ≥ 0) of the same length.
 * @example
 * minimumNormSubgradient(new Float64Array([0.5, -2]), new Float64Array([0, 1]),
 *   new Float64Array([1, 1])); // 1: |0.5| ≤ 1 is optimal at 0; −2 + 1 = −1 is not
 */
export function minimumNormSubgradient(
  g: Float64Array,
  x: Float64Array,
  l1Weights: Float64Array,
): number {
  let worst = 0;
  for (let j = 0; j < g.length; j++) {
    const k = l1Weights[j];
    let v: number;
    if (x[j] > 0) v = Math.abs(g[j] + k);
    else if (x[j] < 0) v = Math.abs(g[j] - k);
    else v = Math.max(Math.abs(g[j]) - k, 0);
    if (v > worst || Number.isNaN(v)) worst = v;
  }
  return worst;
}
