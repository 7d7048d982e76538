/**
 * Format detection on the first chunk of a file. Pure and synchronous: runs in the browser (upload
 * preview) and in Node (ingest).
 */

/** The delimiters Cutoff recognises, in order of preference on a tie. */
export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The text without a leading UTF-8 byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Counts each delimiter (in DELIMITERS order) per line outside quotes, for the first `maxLines` lines. */
function delimiterCounts(text: string, maxLines: number): number[][] {
  // Character codes, not one-character strings: a header can be megabytes long.
  const lines: number[][] = [];
  let comma = 0;
  let semicolon = 0;
  let tab = 0;
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < maxLines; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines.push([comma, semicolon, tab]);
      comma = semicolon = tab = 0;
    } else if (c === 44) comma++;
    else if (c === 59) semicolon++;
    else if (c === 9) tab++;
  }
  if (lines.length < maxLines && comma + semicolon + tab > 0) lines.push([comma, semicolon, tab]);
  return lines;
}

/**
 * The delimiter of a CSV sample: the one that appears in the header and the same number of times
 * on (nearly) every line, preferring more columns. Comma when nothing fits (a one-column file).
 */
export function sniffDelimiter(sample: string): Delimiter {
  const lines = delimiterCounts(stripBom(sample), 50);
  // The last line of a sample may be cut short; judge it only when it is the only data line.
  const judged = lines.length > 2 ? lines.slice(0, -1) : lines;
  let best: Delimiter = ",";
  let bestScore = 0;
  DELIMITERS.forEach((d, k) => {
    const header = judged[0]?.[k] ?? 0;
    if (header === 0) return;
    const consistent = judged.filter((line) => line[k] === header).length / judged.length;
    const score = consistent * 1000 + header;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  });
  return best;
}

/** The readable name of a delimiter ("comma", "semicolon", "tab"). */
export function delimiterName(d: Delimiter): string {
  return d === "," ? "comma" : d === ";" ? "semicolon" : "tab";
}

/** The dataset name a file suggests: its name without directories and .csv/.tsv/.txt(.gz). */
export function nameFromFile(file: string | null | undefined): string {
  const base = (file ?? "").split(/[\\/]/).pop() ?? "";
  return base.replace(/\.gz$/i, "").replace(/\.(csv|tsv|txt)$/i, "").trim() || "Untitled dataset";
}
