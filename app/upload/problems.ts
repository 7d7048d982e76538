import type { ErrorDetail } from "@/lib/http";

/** Problems in the order of the file: by row (problems of the whole file first), then as reported. */
export function inRowOrder(details: ErrorDetail[]): ErrorDetail[] {
  return details
    .map((d, i) => [d, i] as const)
    .sort(([a, i], [b, j]) => (a.row ?? 0) - (b.row ?? 0) || i - j)
    .map(([d]) => d);
}
