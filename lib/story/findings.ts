import { formatAverage } from "../format";
import type { DailyCounts } from "./daily";
import type { Vocabulary } from "./settings";

/** A failure mode's counts among the tagged (reviewed) errors at a threshold. */
export interface ModeCount {
  name: string;
  /** Tagged false alarms / misses at the threshold. */
  fp: number;
  fn: number;
}

/** The tags of the reviewed errors at a threshold: the sample the findings are measured on. */
export interface ReviewedErrors {
  reviewedFp: number;
  reviewedFn: number;
  modes: ModeCount[];
}

/**
 * The failure-mode findings in words, largest first, at most `limit` per kind, e.g. "About 111 of
 * the 200 false alarms a day are “gift cards” (139 of the 250 reviewed)." Each daily estimate is
 * the mode's share of the reviewed errors × the daily errors (`daily`). Nothing without reviews.
 */
export function failureModeFindings(reviewed: ReviewedErrors, daily: Pick<DailyCounts, "falsePositives" | "falseNegatives">, v: Vocabulary, limit = 3): string[] {
  const lines = (kind: "fp" | "fn") => {
    const total = kind === "fp" ? reviewed.reviewedFp : reviewed.reviewedFn;
    const perDay = kind === "fp" ? daily.falsePositives : daily.falseNegatives;
    if (!total || perDay === null) return [];
    const what = kind === "fp" ? "false alarms" : `${v.positive} ${v.itemPlural} missed`;
    return reviewed.modes
      .filter((m) => m[kind] > 0)
      .sort((a, b) => b[kind] - a[kind] || a.name.localeCompare(b.name))
      .slice(0, limit)
      .map((m) => `About ${formatAverage((m[kind] / total) * perDay)} of the ${formatAverage(perDay)} ${what} a day are “${m.name}” (${m[kind]} of the ${total} reviewed).`);
  };
  return [...lines("fp"), ...lines("fn")];
}
