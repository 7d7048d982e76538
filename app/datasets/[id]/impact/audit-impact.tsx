"use client";

import Link from "next/link";
import { formatMoney } from "@/lib/format";
import { expectedCost, hasCosts } from "@/lib/story/costs";
import { PERIOD_DAYS, type ResolvedSettings } from "@/lib/story/settings";
import type { DatasetAudit } from "@/lib/services/audit-estimates";
import { auditDailyCounts, auditDailyRows } from "@/lib/audit";
import { auditRowsPerDay, estimateSentences } from "../review/estimate-figures";
import { useAuditEstimate } from "../review/use-audit-estimate";

interface Props {
  datasetId: number;
  found: DatasetAudit;
  settings: ResolvedSettings;
  threshold: number;
}

/**
 * Daily impact of a dataset whose labels come from an audit: the sentences and daily counts are the
 * audit's weighted estimates with their ranges, following the threshold; the labelled rows are
 * never counted as if they were a random sample.
 */
export function AuditImpact({ datasetId, found, settings, threshold }: Props) {
  const { audit } = found;
  const v = settings.vocabulary;
  const { answer, error } = useAuditEstimate(datasetId, audit.id, threshold, audit.revision);
  const sentences = answer ? estimateSentences(answer, audit, v, settings) : [];
  const daily = answer ? auditDailyCounts(answer, auditRowsPerDay(audit, settings).perDay) : null;
  const cost = daily && hasCosts(settings.costs)
    ? expectedCost({ flagged: daily.flagged.estimate, falsePositives: daily.falsePositives.estimate, falseNegatives: daily.falseNegatives.estimate, truePositives: daily.truePositives.estimate, trueNegatives: null }, settings.costs)
    : null;
  return (
    <section className="card" aria-labelledby="impact-audit">
      <h2 id="impact-audit">What this threshold means every {settings.period}, from the audit</h2>
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
      <p className="impact-sentences" data-testid="impact-sentences">{answer ? sentences.slice(0, 3).join(" ") : "Loading the audit's estimate…"}</p>
      {daily ? (
        <table className="table story-table" aria-label={`Average ${v.itemPlural} a ${settings.period}, from the audit`} data-testid="impact-audit-table">
          <thead>
            <tr><th scope="col">Outcome</th><th scope="col" className="num">A {settings.period} (95% range)</th></tr>
          </thead>
          <tbody>
            {auditDailyRows(daily, v, settings.period).map(([label, value]) => <tr key={label}><th scope="row">{label}</th><td className="num">{value}</td></tr>)}
          </tbody>
        </table>
      ) : null}
      {cost !== null ? <p>Expected cost: <strong data-testid="impact-cost">{formatMoney(cost * PERIOD_DAYS[settings.period], settings.costs.currency)} a {settings.period}</strong> (from the estimates above).</p> : null}
      <p className="small muted" data-testid="impact-audit-note">
        {found.auditedRows.toLocaleString("en-US")} of this dataset&apos;s labels come from the audit “{audit.name}”, a weighted sample (more {v.itemPlural} drawn near the threshold and among high scores), so the labelled {v.itemPlural} are not counted as they are: each counts for the {v.itemPlural} it was drawn to represent,
        and the ranges are 95% intervals (Fay and Feuer&apos;s gamma intervals, mid-p). {auditRowsPerDay(audit, settings).source === "rows" ? `Without timestamps or an entered volume, the audit's ${audit.frameRows.toLocaleString("en-US")} ${v.itemPlural} count as one ${settings.period}: enter the real volume below.` : ""}{" "}
        <Link href={`/datasets/${datasetId}/review?audit=${audit.id}&t=${threshold}`}>Open the audit</Link>.
      </p>
    </section>
  );
}
