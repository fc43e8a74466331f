/** A column found linearly dependent on earlier ones. */
export interface Dependency {
  /** The dependent column. */
  readonly column: number;
  /** Earlier, independent columns and their coefficients: column ≈ Σ coefficient·that column. */
  readonly on: readonly { readonly column: number; readonly coefficient: number }[];
}

/** What {@link pivotedCholesky} finds. */
export interface RankReport {
  readonly rank: number;
  /** One flag per column: true where the column depends on earlier independent ones. */
  readonly aliased: readonly boolean[];
  readonly dependencies: readonly Dependency[];
}

/**
 * The rank of a symmetric positive semi-definite Gram matrix G = AᵀA (n × n, row-major, only
 * read) and which of A's columns are linearly dependent, by a Cholesky factorization with R's
 * limited column pivoting (LINPACK dqrdc2, used by `lm` and `glm`): columns are taken left to
 * right, and one whose residual after projection on the independent columns before it is small,
 * ‖aⱼ − P aⱼ‖² ≤ tolerance·‖aⱼ‖² (the Schur complement Gⱼⱼ − lⱼᵀlⱼ against Gⱼⱼ), is set aside
 * as aliased. So the later of two equal columns is the aliased one, as in R. For each aliased
 * column, its coefficients on the independent columns solve L·Lᵀ·β = G[kept, j].
 *
 * On the Gram matrix the test is on squared norms: `tolerance` 1e-14 is R's `lm` tolerance 1e-7
 * on the norms (QR on A itself reaches below; through AᵀA rounding does not allow it).
 */
export function pivotedCholesky(g: Float64Array, n: number, tolerance: number): RankReport {
  const kept: number[] = [];
  // L of the kept columns, row r (kept order) holding its r + 1 entries.
  const L: Float64Array[] = [];
  const aliased: boolean[] = new Array<boolean>(n).fill(false);
  const dependencies: Dependency[] = [];
  const l = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const r = kept.length;
    // l = L⁻¹·G[kept, j] by forward substitution.
    let residual = g[j * n + j];
    for (let a = 0; a < r; a++) {
      let s = g[kept[a] * n + j];
      const row = L[a];
      for (let c = 0; c < a; c++) s -= row[c] * l[c];
      l[a] = s / row[a];
      residual -= l[a] * l[a];
    }
    if (residual > tolerance * g[j * n + j]) {
      const row = new Float64Array(r + 1);
      row.set(l.subarray(0, r));
      row[r] = Math.sqrt(residual);
      L.push(row);
      kept.push(j);
      continue;
    }
    aliased[j] = true;
    // β = L⁻ᵀ·l by back substitution.
    const beta = l.slice(0, r);
    for (let a = r - 1; a >= 0; a--) {
      let s = beta[a];
      for (let c = a + 1; c < r; c++) s -= L[c][a] * beta[c];
      beta[a] = s / L[a][a];
    }
    dependencies.push({
      column: j,
      on: kept.map((column, a) => ({ column, coefficient: beta[a] })),
    });
  }
  return { rank: kept.length, aliased, dependencies };
}
