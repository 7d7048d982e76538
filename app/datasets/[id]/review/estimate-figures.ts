import { auditSentences, figureWithRange, frameRowsPerDay, rateWithRange, type AuditEstimate } from "@/lib/audit";
import { capitalize, formatAverage } from "@/lib/format";
import type { ResolvedSettings, Vocabulary } from "@/lib/story/settings";
import type { AuditView } from "./audit-api";

/** The rows of the estimate table: what each figure is called in the dataset's words, and its value. */
export function estimateRows(e: AuditEstimate, v: Vocabulary): { key: string; label: string; value: string }[] {
  return [
    { key: "flagged", label: `All flagged (${v.flaggedAction})`, value: formatAverage(e.flagged.estimate ?? 0) },
    { key: "truePositives", label: capitalize(`${v.positive} ${v.itemPlural} caught`), value: figureWithRange(e.truePositives) },
    { key: "falsePositives", label: capitalize(`${v.negative} ${v.itemPlural} flagged (false alarms)`), value: figureWithRange(e.falsePositives) },
    { key: "falseNegatives", label: capitalize(`${v.positive} ${v.itemPlural} missed`), value: figureWithRange(e.falseNegatives) },
    { key: "precision", label: `Share of flagged that are ${v.positive} (precision)`, value: rateWithRange(e.precision) },
    { key: "recall", label: `Share of ${v.positive} that are flagged (recall)`, value: rateWithRange(e.recall) },
  ];
}

type Volume = Pick<ResolvedSettings, "volumePerDay" | "volumeSource" | "period">;

/** The audit's frame rows a day under these settings (the entered volume, else its own timestamps). */
export const auditRowsPerDay = (audit: Pick<AuditView, "frameRows" | "frameTimeMin" | "frameTimeMax">, volume: Volume) =>
  frameRowsPerDay({ rows: audit.frameRows, timeMin: audit.frameTimeMin === null ? null : Date.parse(audit.frameTimeMin), timeMax: audit.frameTimeMax === null ? null : Date.parse(audit.frameTimeMax) }, volume);

/** The audit's sentences at an estimate, in these words and counts a day. */
export function estimateSentences(e: AuditEstimate, audit: AuditView, v: Vocabulary, volume: Volume): string[] {
  return auditSentences(e, { vocabulary: v, period: volume.period, frameRowsPerDay: auditRowsPerDay(audit, volume).perDay });
}
