import { IngestError, MAX_QUOTED_CHARS, quoteValue } from "./errors";
import { UNLABELED } from "./types";

/** Well-known two-valued label codings: [positive, negative], compared in lower case. */
const CODINGS: readonly (readonly [string, string])[] = [
  ["1", "0"],
  ["true", "false"],
  ["yes", "no"],
  ["t", "f"],
  ["y", "n"],
];

/** "1.0" and "0.0" (pandas floats) count as "1" and "0". */
function normalize(value: string): string {
  const v = value.trim().toLowerCase();
  return v === "1.0" ? "1" : v === "0.0" ? "0" : v;
}

/**
 * The well-known coding of a column's values, judged by its first two distinct values (a third
 * value is then reported on its own row), or null.
 */
export function knownCoding(values: readonly string[]): readonly [string, string] | null {
  const first = [...new Set(values.map(normalize).filter((v) => v !== ""))].slice(0, 2);
  if (first.length === 0) return null;
  return CODINGS.find(([p, n]) => first.every((v) => v === p || v === n)) ?? null;
}

/**
 * Turns label cells into 1 (positive), 0 (negative) or UNLABELED (empty cell). The positive value
 * is the user's `positive`, else the positive side of a well-known coding found in the sample.
 * Any two distinct values are accepted with `positive`; a third one is a problem of its row.
 */
export class LabelReader {
  private readonly coding: readonly [string, string] | null;
  private readonly positive: string | null;
  private negative: string | null = null;
  /** The label values as they appeared first in the file. */
  positiveSeen: string | null = null;
  negativeSeen: string | null = null;

  /** `known`: the label values a dataset already has (appends): those, or a well-known coding's, are accepted. */
  private readonly known: { positive: string; negative: string } | null = null;

  constructor(readonly column: string, sampleValues: readonly string[], positive: string | undefined, known?: { positive: string; negative: string }) {
    if (known) {
      this.known = known;
      this.positive = known.positive;
      this.negative = known.negative;
      this.coding = null;
      return;
    }
    if (positive !== undefined && positive.trim() !== "") {
      this.positive = positive.trim();
      this.coding = null;
      return;
    }
    this.positive = null;
    const found = [...new Set(sampleValues.map((v) => v.trim()).filter(Boolean))].slice(0, 10);
    // No label in the sample at all (unlabelled rows, or no rows): assume 1/0.
    this.coding = found.length === 0 ? CODINGS[0] : knownCoding(sampleValues);
    if (!this.coding) {
      throw new IngestError(
        "positive_label_required",
        `column ${quoteValue(column, 80)} has the label values ${found.map((v) => quoteValue(v)).join(", ")}: say which one is the positive class (positive=…)`,
        [{ column, message: `label values found: ${found.map((v) => (v.length > MAX_QUOTED_CHARS ? `${v.slice(0, MAX_QUOTED_CHARS)}…` : v)).join(", ")}` }],
      );
    }
  }

  /** 1, 0, UNLABELED, or the problem with this cell. */
  read(cell: string): number | string {
    const raw = cell.trim();
    if (raw === "") return UNLABELED;
    if (this.known) return this.readKnown(raw);
    if (this.coding) {
      const v = normalize(raw);
      if (v === this.coding[0]) {
        this.positiveSeen ??= raw;
        return 1;
      }
      if (v === this.coding[1]) {
        this.negativeSeen ??= raw;
        return 0;
      }
      return `${quoteValue(raw)} is not a label of this column (expected ${this.coding[0]} or ${this.coding[1]})`;
    }
    if (raw === this.positive) {
      this.positiveSeen ??= raw;
      return 1;
    }
    if (this.negative === null) this.negative = raw;
    if (raw === this.negative) {
      this.negativeSeen ??= raw;
      return 0;
    }
    const positiveNote = this.positiveSeen === null ? `; the positive value ${quoteValue(this.positive!)} has not appeared` : "";
    return `${quoteValue(raw)} is a third label value (the column already has ${quoteValue(this.positive!)} and ${quoteValue(this.negative)}${positiveNote})`;
  }

  /** A dataset's own label values, or 1/0, true/false, yes/no. */
  private readKnown(raw: string): number | string {
    const { positive, negative } = this.known!;
    if (raw === positive) return 1;
    if (raw === negative) return 0;
    const v = normalize(raw);
    if (v === "1" || v === "true" || v === "yes") return 1;
    if (v === "0" || v === "false" || v === "no") return 0;
    return `${JSON.stringify(raw)} is not a label of this dataset (expected ${JSON.stringify(positive)} or ${JSON.stringify(negative)}, or 1/0, true/false)`;
  }

  /** The label values to store on the dataset: as seen in the file, else the coding's own. */
  labelValues(): { positiveLabel: string; negativeLabel: string } {
    return {
      positiveLabel: this.positiveSeen ?? this.positive ?? this.coding?.[0] ?? "1",
      negativeLabel: this.negativeSeen ?? this.negative ?? this.coding?.[1] ?? "0",
    };
  }
}
