/**
 * Typed readers of single CSV cells. Each returns the value or a string saying what is wrong with
 * it (lowercase, quoting the value), so the caller can attach the row and column.
 */

import { quoteValue as quote } from "./errors";

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The value of a plain decimal such as "0.0038", "1" or ".5" (digits and at most one point, 15
 * digits at most), or NaN for anything else. Exact: the digits as an integer M < 2^53 and 10^k
 * (k ≤ 15) are both doubles, so M / 10^k is the correctly rounded value, as Number() gives it.
 */
function plainDecimal(cell: string): number {
  const n = cell.length;
  if (n === 0 || n > 16) return NaN;
  let digits = 0;
  let mantissa = 0;
  let point = -1;
  for (let i = 0; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === 46 && point < 0) point = i;
    else return NaN;
  }
  if (digits === 0) return NaN;
  return point < 0 ? mantissa : mantissa / POWERS_OF_TEN[n - point - 1];
}

/** A probability in [0, 1]. */
export function readScore(cell: string): number | string {
  const plain = plainDecimal(cell);
  if (plain <= 1) return plain;
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
    const canonical = canonicalInstant(cell);
    if (!Number.isNaN(canonical)) return canonical;
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

/** The digits of `cell` from `from` to `to` as a number, or NaN if one is not a digit. */
function digitsAt(cell: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = cell.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch milliseconds of `YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z` (a real date, hours below 24), read digit
 * by digit: Date.parse cost a third of a million-row file's parsing. NaN for anything else, which
 * then goes to Date.parse.
 */
function canonicalInstant(cell: string): number {
  const n = cell.length;
  if (cell.charCodeAt(4) !== 45 || cell.charCodeAt(7) !== 45 || cell.charCodeAt(13) !== 58 || cell.charCodeAt(16) !== 58) return NaN;
  const year = digitsAt(cell, 0, 4);
  const month = digitsAt(cell, 5, 7);
  const day = digitsAt(cell, 8, 10);
  const hour = digitsAt(cell, 11, 13);
  const minute = digitsAt(cell, 14, 16);
  const second = digitsAt(cell, 17, 19);
  let millis = 0;
  if (n > 20) {
    if (cell.charCodeAt(19) !== 46 /* . */ || n === 21) return NaN;
    millis = digitsAt(cell, 20, n - 1) * 10 ** (24 - n);
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (!(month >= 1 && month <= 12 && day >= 1 && hour < 24 && minute < 60 && second < 60 && millis >= 0)) return NaN;
  if (day > DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0)) return NaN;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
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
