/**
 * Typed readers of single CSV cells. Each returns the value or a string saying what is wrong with
 * it (lowercase, quoting the value), so the caller can attach the row and column.
 */

const quote = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** A probability in [0, 1]. */
export function readScore(cell: string): number | string {
  const x = +cell;
  if (x >= 0 && x <= 1) {
    if (cell.length === 0 || cell.trim().length === 0) return "the score is empty";
    return x + 0; // "-0" is 0
  }
  if (cell.trim() === "") return "the score is empty";
  if (Number.isNaN(x)) return `${quote(cell)} is not a number`;
  return `${quote(cell)} is outside [0, 1]`;
}

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const UNIX_TIME = /^-?\d+(?:\.\d+)?$/;
/** Numbers below this are Unix seconds (it is the year 5138 in seconds, 1973 in milliseconds). */
const SECONDS_LIMIT = 1e11;

/**
 * A UTC instant in epoch milliseconds: ISO 8601 (a time without an offset is read as UTC), or Unix
 * seconds, or Unix milliseconds (told apart by size). `null` for an empty cell.
 */
export function readTimestamp(cell: string): number | null | string {
  // Fast path for the common canonical form, e.g. 2026-11-02T10:00:00Z or …:00.123Z.
  if (cell.length >= 20 && cell.length <= 24 && cell.charCodeAt(10) === 84 /* T */ && cell.charCodeAt(cell.length - 1) === 90 /* Z */) {
    const ms = Date.parse(cell);
    if (!Number.isNaN(ms)) return ms;
  }
  const text = cell.trim();
  if (text === "") return null;
  if (UNIX_TIME.test(text)) {
    const n = Number(text);
    return Math.round(Math.abs(n) < SECONDS_LIMIT ? n * 1000 : n);
  }
  const m = ISO_DATE.exec(text);
  if (m) {
    const [, date, time, zone] = m;
    const iso = time ? `${date}T${time.replace(",", ".")}${normalizeZone(zone)}` : `${date}T00:00:00Z`;
    const ms = Date.parse(iso);
    if (!Number.isNaN(ms)) return ms;
  }
  return `${quote(cell)} is not an ISO 8601 date or a Unix time`;
}

function normalizeZone(zone: string | undefined): string {
  if (!zone || zone.toUpperCase() === "Z") return "Z";
  const digits = zone.slice(1).replace(":", "");
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || "00"}`;
}

// Control characters must be escaped in JSON strings; the regex finds them faster than a loop.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

/** A JSON array of strings, without JSON.stringify's cost for plain values. */
export function jsonStringArray(values: readonly string[]): string {
  let out = "[";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ",";
    out += NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
  }
  return out + "]";
}
