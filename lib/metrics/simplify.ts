/**
 * Ramer–Douglas–Peucker simplification of a polyline: keeps the first and last points and every
 * point needed so that no dropped point lies farther than `tolerance` (in the curve's own units)
 * from the segment between the kept points around it. Returns the indices kept, ascending.
 */
export function simplifyIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, tolerance: number): number[] {
  const n = xs.length;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: number[] = [0, n - 1];
  while (stack.length) {
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    const ax = xs[start];
    const ay = ys[start];
    const dx = xs[end] - ax;
    const dy = ys[end] - ay;
    const lengthSq = dx * dx + dy * dy;
    let worst = -1;
    let worstDistance = tolerance;
    for (let i = start + 1; i < end; i++) {
      const px = xs[i] - ax;
      const py = ys[i] - ay;
      let distance: number;
      if (lengthSq === 0) distance = Math.hypot(px, py);
      else {
        const along = Math.max(0, Math.min(1, (px * dx + py * dy) / lengthSq));
        distance = Math.hypot(px - along * dx, py - along * dy);
      }
      if (distance > worstDistance) {
        worstDistance = distance;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push(start, worst, worst, end);
    }
  }
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) kept.push(i);
  return kept;
}

/** A downsampled curve: the points kept and the largest distance any dropped point may be off. */
export interface Simplified<T> {
  points: T[];
  /** Points before downsampling. */
  originalCount: number;
  /** Every dropped point lies within this distance (unit-square units) of the drawn curve; 0 when none was dropped. */
  tolerance: number;
}

/**
 * Keeps a curve's shape with at most `maxPoints` points: all points when there are few, else
 * Ramer–Douglas–Peucker starting at `tolerance` (1e-3 of the unit square, below a pixel on a
 * 1000-pixel chart) and doubling it until the curve fits.
 */
export function downsampleCurve<T>(points: T[], x: (p: T) => number, y: (p: T) => number, maxPoints = 1000, tolerance = 1e-3): Simplified<T> {
  if (points.length <= maxPoints) return { points, originalCount: points.length, tolerance: 0 };
  const xs = Float64Array.from(points, x);
  const ys = Float64Array.from(points, y);
  let eps = tolerance;
  let kept = simplifyIndices(xs, ys, eps);
  while (kept.length > maxPoints) {
    eps *= 2;
    kept = simplifyIndices(xs, ys, eps);
  }
  return { points: kept.map((i) => points[i]), originalCount: points.length, tolerance: eps };
}
