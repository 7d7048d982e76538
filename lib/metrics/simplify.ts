/**
 * Ramer–Douglas–Peucker simplification of a polyline: keeps the first and last points and every
 * point needed so that no dropped point lies farther than `tolerance` (in the curve's own units)
 * from the segment between the kept points around it. Returns the indices kept, ascending.
 */
export function simplifyIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, tolerance: number): number[] {
  const levels = simplificationLevels(xs, ys, tolerance);
  const kept: number[] = [];
  for (let i = 0; i < levels.length; i++) if (levels[i] > tolerance) kept.push(i);
  return kept;
}

/**
 * Ramer–Douglas–Peucker once for every tolerance from `tolerance` up: levels[i] is the largest
 * tolerance below which point i is kept (Infinity for the end points, 0 for points dropped at
 * `tolerance` already), so that simplifying at any eps >= tolerance keeps exactly the points with
 * levels[i] > eps. The split points RDP chooses (the first farthest point of a stretch) do not
 * depend on the tolerance, only where it stops does; a point is kept when it and every split
 * above it lie farther than eps, so its level is the smallest of those distances.
 */
export function simplificationLevels(xs: ArrayLike<number>, ys: ArrayLike<number>, tolerance: number): Float64Array {
  const n = xs.length;
  const levels = new Float64Array(n);
  if (n === 0) return levels;
  levels[0] = Infinity;
  levels[n - 1] = Infinity;
  if (n <= 2) return levels;
  // Stretches to split: start, end, and the level of the split above them.
  const stack: number[] = [0, n - 1, Infinity];
  while (stack.length) {
    const above = stack.pop() as number;
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
      const level = Math.min(above, worstDistance);
      levels[worst] = level;
      stack.push(start, worst, level, worst, end, level);
    }
  }
  return levels;
}

/**
 * The tolerance `tolerance` × 2^k (smallest k) at which RDP keeps at most `maxPoints` of the
 * points, and the indices it keeps, ascending.
 */
export function downsampleIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, maxPoints: number, tolerance: number): { kept: number[]; tolerance: number } {
  const levels = simplificationLevels(xs, ys, tolerance);
  const count = (eps: number) => {
    let kept = 0;
    for (let i = 0; i < levels.length; i++) if (levels[i] > eps) kept++;
    return kept;
  };
  let eps = tolerance;
  while (count(eps) > maxPoints) eps *= 2;
  const kept: number[] = [];
  for (let i = 0; i < levels.length; i++) if (levels[i] > eps) kept.push(i);
  return { kept, tolerance: eps };
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
  const { kept, tolerance: eps } = downsampleIndices(Float64Array.from(points, x), Float64Array.from(points, y), maxPoints, tolerance);
  return { points: kept.map((i) => points[i]), originalCount: points.length, tolerance: eps };
}
