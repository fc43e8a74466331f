/**
 * The coefficients of R's orthogonal polynomials `poly(x, k)` (`attr(, "coefs")`): the centres
 * `alpha` (k of them) and the squared norms `norm2` (k + 2, the first 1), from which the three-term
 * recurrence rebuilds the columns on new data (R's `predict.poly`).
 */
export interface PolyCoefficients {
  readonly alpha: readonly number[];
  readonly norm2: readonly number[];
}

/**
 * Fits `poly(x, degree)` on training values, as R's `stats::poly`: the monic polynomials p₀ = 1,
 * p₁ … p_k orthogonal on x (Stieltjes' recurrence p_{i+1} = (x − αᵢ)·pᵢ − (‖pᵢ‖² / ‖p_{i−1}‖²)·p_{i−1},
 * αᵢ = Σ x·pᵢ² / ‖pᵢ‖²), which are R's QR columns `Q·diag(R)`; R stores α₀ … α_{k−1} and
 * (1, ‖p₀‖², …, ‖p_k‖²).
 *
 * @throws {RangeError} when x has at most `degree` distinct values (R: "'degree' must be less
 *   than number of unique points"); the caller names the variable.
 */
export function fitPolyCoefficients(x: Float64Array, degree: number): PolyCoefficients {
  const n = x.length;
  const alpha: number[] = [];
  const norm2: number[] = [1];
  let previous = new Float64Array(n);
  let current = new Float64Array(n).fill(1);
  for (let i = 0; i <= degree; i++) {
    let squares = 0;
    let weighted = 0;
    for (let r = 0; r < n; r++) {
      const p2 = current[r]! * current[r]!;
      squares += p2;
      weighted += x[r]! * p2;
    }
    norm2.push(squares);
    if (i === degree) break;
    const a = weighted / squares;
    alpha.push(a);
    const ratio = i === 0 ? 0 : squares / norm2[i]!;
    const next = new Float64Array(n);
    for (let r = 0; r < n; r++) next[r] = (x[r]! - a) * current[r]! - ratio * previous[r]!;
    previous = current;
    current = next;
  }
  const distinct = new Set(x).size;
  if (distinct <= degree) {
    throw new RangeError(
      `degree ${degree} needs more than ${degree} distinct values, got ${distinct}`,
    );
  }
  return { alpha, norm2 };
}

/**
 * The columns p₁/‖p₁‖ … p_k/‖p_k‖ of `poly(x, k)` on any values, by the recurrence with the fitted
 * coefficients (R's `predict.poly`, which `predict.glm` uses on new data).
 */
export function polyColumns(x: Float64Array, coefficients: PolyCoefficients): Float64Array[] {
  const { alpha, norm2 } = coefficients;
  const degree = alpha.length;
  const n = x.length;
  const columns: Float64Array[] = [];
  let previous = new Float64Array(n).fill(1);
  let current = x.map((v) => v - alpha[0]!);
  for (let i = 1; i <= degree; i++) {
    if (i > 1) {
      const ratio = norm2[i]! / norm2[i - 1]!;
      const next = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        next[r] = (x[r]! - alpha[i - 1]!) * current[r]! - ratio * previous[r]!;
      }
      previous = current;
      current = next;
    }
    const scale = Math.sqrt(norm2[i + 1]!);
    columns.push(current.map((v) => v / scale));
  }
  return columns;
}
