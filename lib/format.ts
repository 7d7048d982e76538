/**
 * How Cutoff writes numbers and words, everywhere (pages, sentences, the brief, the API's texts,
 * the CLI): honest rounding, never "199.9999", never NaN.
 */

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

/** The text with its first letter in upper case: "missed" → "Missed". */
export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/**
 * An average count for a sentence: whole numbers from 10 up ("8,000", "14"), one decimal below 10
 * ("2.4", "3"), one significant digit below 1 ("0.4", "0.004"), "0" for zero.
 */
export function formatAverage(x: number): string {
  if (!Number.isFinite(x)) return "—";
  const a = Math.abs(x);
  if (a === 0) return "0";
  if (a >= 9.95) return integer.format(x);
  if (a >= 0.95) return oneDecimal.format(x);
  return String(Number(x.toPrecision(1)));
}

/** "1" reads as one item; anything else takes the plural. */
export const isOne = (shown: string) => shown === "1";

/**
 * A rate as a percentage: up to 1 decimal from 1% ("5%", "2.5%"), 2 significant digits below
 * ("0.031%"), 2 decimals just under 100% ("99.97%").
 */
export function formatRate(share: number): string {
  if (!Number.isFinite(share)) return "—";
  const pct = share * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  if (pct < 1) return `${Number(pct.toPrecision(2))}%`;
  if (pct > 99) return `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(pct)}%`;
  return `${oneDecimal.format(pct)}%`;
}

/** "a" or "an" before a number as it is read aloud: an 8%, an 11%, an 18.5%, a 1.8%. */
export function articleFor(shown: string): "a" | "an" {
  return /^8/.test(shown) || /^1[18](\D|$)/.test(shown) ? "an" : "a";
}

/** A threshold with at least 2 and at most 4 decimals: 0.5 → "0.50", 0.425 → "0.425". */
export function formatThreshold(t: number): string {
  if (!Number.isFinite(t)) return "—";
  for (let digits = 2; digits < 4; digits++) {
    if (Math.abs(Number(t.toFixed(digits)) - t) < 1e-12) return t.toFixed(digits);
  }
  return t.toFixed(4);
}

/** Money with its symbol: whole units from 100 up ("$1,234"), cents below ("$12.50"), "−$40" when negative. */
export function formatMoney(x: number, currency: string): string {
  if (!Number.isFinite(x)) return "—";
  const a = Math.abs(x);
  const digits = a >= 100 || Number.isInteger(a) ? 0 : 2;
  const text = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(a);
  return `${x < 0 && Number(text.replace(/,/g, "")) !== 0 ? "−" : ""}${currency}${text}`;
}

/** A count with its 95% range: "200 (182–220)"; a range is shown only when it is one. */
export function formatWithRange(value: number | null, range: readonly [number, number] | null): string {
  if (value === null) return "unknown";
  const shown = formatAverage(value);
  if (!range) return shown;
  const lo = formatAverage(range[0]);
  const hi = formatAverage(range[1]);
  return lo === hi ? shown : `${shown} (${lo}–${hi})`;
}

/**
 * The threshold with the fewest decimals in (lo, hi]: the value a person would type to get exactly
 * the flagged set of the score `hi`. E.g. (0.4999, 0.5] → 0.5.
 */
export function niceThresholdBetween(lo: number, hi: number): number {
  for (let digits = 1; digits <= 8; digits++) {
    const scale = 10 ** digits;
    const x = (Math.floor(lo * scale + 1e-9) + 1) / scale;
    if (x > lo && x <= hi) return x;
  }
  return hi;
}

/** Removes floating-point noise (7999.999999999999 → 8000) without rounding real digits away. */
export const clean = (x: number) => Number(x.toPrecision(12));

/** A file size a person reads: "512 bytes", "48 KB", "1.2 MB", "2.1 GB" (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1024) return `${integer.format(bytes)} ${bytes === 1 ? "byte" : "bytes"}`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) [value, unit] = [value / 1024, unit + 1];
  return `${value >= 100 ? integer.format(value) : oneDecimal.format(value)} ${units[unit]}`;
}

/**
 * A column name as words: "merchant_category" → "Merchant category", "amountUSD" → "Amount USD",
 * "is-fraud" → "Is fraud". Names that already have spaces only get their first letter raised.
 */
export function readableColumn(name: string): string {
  const words = name.trim().replace(/([a-z\d])([A-Z])/g, "$1 $2").split(/[\s_-]+/).filter(Boolean);
  if (!words.length) return name;
  // "Category" inside a name reads "category"; acronyms such as "USD" stay as they are.
  const lowered = words.map((w, i) => (i > 0 && /^[A-Z][a-z]+$/.test(w) ? w.toLowerCase() : w));
  return capitalize(lowered.join(" "));
}

/** A category value as words: "gift_cards" → "gift cards"; values with spaces, digits only or mixed text stay. */
export function readableValue(value: string): string {
  return /^[A-Za-z]+(_[A-Za-z]+)+$/.test(value) ? value.replace(/_/g, " ") : value;
}
