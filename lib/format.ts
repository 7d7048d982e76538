/** Number formatting shared by pages, the API's texts and the CLI. Never prints NaN. */

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "—" : integer.format(n);
}

// Building an Intl.NumberFormat costs far more than using one; the explorer formats on every frame.
const percentFormats = new Map<number, Intl.NumberFormat>();

/** A share as a percentage with up to `digits` decimals: 0.025 → "2.5%". */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  let formatter = percentFormats.get(digits);
  if (!formatter) percentFormats.set(digits, (formatter = new Intl.NumberFormat("en-US", { maximumFractionDigits: digits })));
  return `${formatter.format(share * 100)}%`;
}

/** A score or rate with fixed decimals: 0.98765 → "0.988". */
export function formatDecimal(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(digits);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) + " UTC";
}
