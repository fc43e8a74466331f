/**
 * The last weighted Gram matrix a kernel formed and the point it was formed at: the covariance
 * after a fit asks for the Hessian at the point where Newton's stopping test may have just formed
 * it, so the second request is a copy instead of a pass over X. A hit needs the same point exactly
 * (element-wise equal, not merely close).
 */
export class GramMemo {
  private last:
    | {
        readonly w: Float64Array;
        readonly b: number;
        readonly center: Float64Array;
        readonly scale: Float64Array;
        readonly fitIntercept: boolean;
        readonly out: Float64Array;
      }
    | undefined;

  /** Copies the remembered Gram into `out` and returns true when it was formed at this point. */
  recall(
    w: Float64Array,
    b: number,
    center: Float64Array,
    scale: Float64Array,
    fitIntercept: boolean,
    out: Float64Array,
  ): boolean {
    const last = this.last;
    if (
      last !== undefined &&
      last.out.length === out.length &&
      last.b === b &&
      last.fitIntercept === fitIntercept &&
      sameValues(last.w, w) &&
      sameValues(last.center, center) &&
      sameValues(last.scale, scale)
    ) {
      out.set(last.out);
      return true;
    }
    return false;
  }

  /** Remembers `out`, the Gram formed at this point (copies of every argument are kept). */
  store(
    w: Float64Array,
    b: number,
    center: Float64Array,
    scale: Float64Array,
    fitIntercept: boolean,
    out: Float64Array,
  ): void {
    this.last = {
      w: Float64Array.from(w),
      b,
      center: Float64Array.from(center),
      scale: Float64Array.from(scale),
      fitIntercept,
      out: Float64Array.from(out),
    };
  }
}

/** Element-wise equality (the same point, not merely close). */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
