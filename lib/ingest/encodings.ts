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

/** True when the bytes start with a UTF-16 byte-order mark (FF FE or FE FF). */
export function isUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}
