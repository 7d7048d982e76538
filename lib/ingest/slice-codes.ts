/**
 * Slice values as small integer codes, one dictionary per slice column: the segments store a
 * Uint16 code per row and column, and the dataset keeps the values (code = index). An append
 * starts from the dataset's dictionaries, so codes never change once given.
 */

/** The last code: every value past 65,534 distinct ones of a column shares it ("other values"). */
export const OVERFLOW_CODE = 65535;

export class SliceDictionary {
  /** values[c][code]: the slice values of column c, in the order they were first seen. */
  readonly values: string[][];
  private readonly codes: Map<string, number>[];

  constructor(columns: number, initial: readonly (readonly string[])[] = []) {
    this.values = Array.from({ length: columns }, (_, c) => [...(initial[c] ?? [])]);
    this.codes = this.values.map((values) => new Map(values.map((v, i) => [v, i])));
  }

  /** The code of column c's value (a new value gets the next code). */
  code(column: number, value: string): number {
    const codes = this.codes[column];
    const found = codes.get(value);
    if (found !== undefined) return found;
    const values = this.values[column];
    if (values.length >= OVERFLOW_CODE) return OVERFLOW_CODE;
    codes.set(value, values.length);
    values.push(value);
    return values.length - 1;
  }
}
