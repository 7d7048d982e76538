import { formatAverage } from "@/lib/format";
import type { ExampleKind, FailureModes } from "./gallery-api";

/**
 * Puts one example in context for a meeting: "one of about 200 valid transactions flagged every
 * day", in the dataset's own words (its settings' vocabulary). Null until the counts are known.
 */
export function contextLine(kind: ExampleKind, modes: FailureModes | null): string | null {
  if (!modes) return null;
  const v = modes.vocabulary;
  const d = modes.daily;
  const [count, adjective, what] =
    kind === "fp" ? [d.falsePositives, v.negative, "flagged"]
    : kind === "fn" ? [d.falseNegatives, v.positive, "missed"]
    : kind === "tp" ? [d.truePositives, v.positive, "caught"]
    : [d.trueNegatives, v.negative, "correctly left alone"];
  if (count === null) return null;
  const shown = formatAverage(count);
  return `One of about ${shown} ${adjective} ${shown === "1" ? v.itemSingular : v.itemPlural} ${what} every day.`;
}
