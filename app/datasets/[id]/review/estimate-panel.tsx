"use client";

import { formatThreshold } from "@/lib/format";
import type { ResolvedSettings, Vocabulary } from "@/lib/story/settings";
import { ThresholdControl } from "@/app/ui/charts/threshold-control";
import { useThreshold } from "../threshold-context";
import type { AuditView } from "./audit-api";
import { auditRowsPerDay, estimateRows, estimateSentences } from "./estimate-figures";
import { useAuditEstimate } from "./use-audit-estimate";

interface Props {
  datasetId: number;
  audit: AuditView;
  revision: number;
  vocabulary: Vocabulary;
  volume: Pick<ResolvedSettings, "volumePerDay" | "volumeSource" | "period">;
}

/** What the labels so far say about the whole frame at the threshold, with 95% ranges, live as it moves. */
export function EstimatePanel({ datasetId, audit, revision, vocabulary: v, volume }: Props) {
  const { threshold, setThreshold } = useThreshold();
  const { answer, error } = useAuditEstimate(datasetId, audit.id, threshold, revision);
  const sentences = answer ? estimateSentences(answer, audit, v, volume) : [];
  return (
    <section className="card review-estimate" aria-labelledby="review-estimate-title">
      <h2 id="review-estimate-title">What the audit says at {formatThreshold(threshold)}</h2>
      <ThresholdControl threshold={threshold} onChange={setThreshold} valueText={`threshold ${formatThreshold(threshold)}`} />
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
      {answer ? (
        <>
          <p className="review-estimate-sentence" data-testid="review-estimate-sentence">{sentences[0]}</p>
          <table className="table review-estimate-table" aria-label={`Estimates for the ${audit.frameRows.toLocaleString("en-US")} ${v.itemPlural} of the audit`}>
            <thead>
              <tr><th scope="col">In the {audit.frameRows.toLocaleString("en-US")} {v.itemPlural} the audit stands for</th><th scope="col" className="num">Estimate (95% range)</th></tr>
            </thead>
            <tbody>
              {estimateRows(answer, v).map((row) => (
                <tr key={row.key} data-testid={`estimate-${row.key}`}><th scope="row">{row.label}</th><td className="num">{row.value}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="small muted">
            {answer.labeled ? `From ${answer.labeled.toLocaleString("en-US")} labelled of ${answer.size.toLocaleString("en-US")} drawn. ` : "No label yet: every range is as wide as it can be. "}
            {auditRowsPerDay(audit, volume).source === "rows" ? `Without timestamps or an entered volume, the ${audit.frameRows.toLocaleString("en-US")} ${v.itemPlural} count as one ${volume.period} (enter the volume on Daily impact). ` : ""}
            {audit.skipped ? `${audit.skipped.toLocaleString("en-US")} skipped ${audit.skipped === 1 ? v.itemSingular + " is" : v.itemPlural + " are"} still unlabelled: the ranges assume skipping has nothing to do with the answer, so label them in the end. ` : ""}
            Each label counts for the {v.itemPlural} it was drawn to represent (more are drawn near the threshold and among the high scores), so these are weighted estimates, never the score read as a probability.
          </p>
        </>
      ) : !error ? <p className="muted">Loading the estimate…</p> : null}
    </section>
  );
}
