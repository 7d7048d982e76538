/**
 * CSV writing for exports that people open in spreadsheets. A cell that begins with `=`, `+`,
 * `-`, `@`, a tab or a carriage return could be read as a formula (CSV injection), so it gets a
 * leading apostrophe: the spreadsheet shows the text and never runs it.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell's text, prefixed with `'` when a spreadsheet could take it for a formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180): neutralised, and quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = neutraliseCell(typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of cells, ending in CRLF. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvField).join(",") + "\r\n";
}

/** A CSV document: the header, then one line per row, each ending in CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly (string | number | null | undefined)[]>): string {
  let text = csvLine(header);
  for (const row of rows) text += csvLine(row);
  return text;
}
