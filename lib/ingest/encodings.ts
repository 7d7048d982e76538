/**
 * The text encodings a CSV may be read in (`encoding=` on the API, `--encoding` on the CLI).
 * Browser-safe: the upload page offers the same list.
 */

/** UTF-8 (the default, strict), Windows-1252 (what Excel on Windows writes), ISO-8859-1. */
export const ENCODINGS = ["utf-8", "windows-1252", "latin1"] as const;
export type CsvEncoding = (typeof ENCODINGS)[number];

const ALIASES: Record<string, CsvEncoding> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  "cp-1252": "windows-1252",
  "x-cp1252": "windows-1252",
  latin1: "latin1",
  "latin-1": "latin1",
  "iso-8859-1": "latin1",
  "iso8859-1": "latin1",
  l1: "latin1",
};

/** The encoding a name stands for (case and spaces ignored), or null for one Cutoff does not read. */
export function encodingFromName(name: string): CsvEncoding | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
}

/** Every name `encodingFromName` accepts, for messages. */
export const ENCODING_NAMES = Object.keys(ALIASES);

/** True when the bytes start with a UTF-8 byte-order mark (EF BB BF). */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** True when the bytes start with a UTF-16 byte-order mark (FF FE or FE FF). */
export function isUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/**
 * Matches a NUL or an undecodable byte in decoded text. With the `u` flag a surrogate class
 * matches only a lone surrogate, never the second half of a valid character such as U+1F480.
 */
// eslint-disable-next-line no-control-regex
export const BAD_CHARACTER = /[\u0000\udc80-\udcff]/u;

/** The byte an undecodable character stands for, or 0 for NUL. */
export function badByte(character: number): number {
  return character >= 0xdc80 && character <= 0xdcff ? character - 0xdc00 : 0;
}
