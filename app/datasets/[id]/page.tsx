import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Term } from "@/app/ui/term";
import { capitalize, formatCount, formatDate, formatDecimal, formatPercent } from "@/lib/format";
import { defaultVocabulary, parseStoredSettings } from "@/lib/story/settings";
import { loadDataset } from "./load";
import { loadExplorerData } from "@/lib/services/explorer";
import { datasetAudit } from "@/lib/services/audit-estimates";
import { rateWithRange } from "@/lib/audit";
import Link from "next/link";
import { recommendedMarkers } from "./recommended-markers";
import { thresholdFromLink } from "@/lib/story/share";
import { ThresholdProvider } from "./threshold-context";
import { ThresholdExplorer } from "./threshold-explorer";
import { History } from "./history";
import { store } from "@/lib/db";
import { recentUnlabelled } from "@/lib/services/datasets";
import { firstParam } from "@/app/ui/search-params";

/** "2,014 of the last 7 days' rows have no label yet" (with timestamps), else the count of rows not labelled. */
function unlabelledNote(unlabeled: number, recent: Awaited<ReturnType<typeof recentUnlabelled>>): string | undefined {
  if (!unlabeled) return undefined;
  if (recent && recent.unlabeled) return `${formatCount(recent.unlabeled)} of the last ${recent.days} days’ ${formatCount(recent.rows)} rows have no label yet (${formatCount(unlabeled)} in all)`;
  return `${formatCount(unlabeled)} not labelled yet`;
}

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: (await loadDataset(id)).name };
}

function Stat({ label, value, note }: { label: ReactNode; value: string; note?: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {note ? <div className="stat-note">{note}</div> : null}
    </div>
  );
}

export default async function DatasetPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ t?: string | string[]; imported?: string | string[] }> }) {
  const [{ id }, { t, imported }] = await Promise.all([params, searchParams]);
  const d = await loadDataset(id);
  const link = thresholdFromLink(firstParam(t));
  const [data, batches, recent, audit] = await Promise.all([loadExplorerData(d.id), store().batches(d.id), recentUnlabelled(d.id), datasetAudit(d.id)]);
  const markers = data ? recommendedMarkers(data.grid, d) : [];
  const vocabulary = { ...defaultVocabulary(d), ...parseStoredSettings(d.settings).vocabulary };
  const range = d.scoreMin === null || d.scoreMax === null ? "—" : `${formatDecimal(d.scoreMin, 4)} – ${formatDecimal(d.scoreMax, 4)}`;
  return (
    <div className="stack">
      {imported !== undefined ? (
        <p className="alert alert-ok" role="status">
          Imported: {formatCount(d.rows)} rows, {formatCount(d.positives)} “{d.positiveLabel}” and {formatCount(d.negatives)} “{d.negativeLabel}”
          {d.unlabeled ? `, ${formatCount(d.unlabeled)} not labelled yet` : ""}. Check the scores below, then say on Daily impact what the items and classes are called.
        </p>
      ) : null}
      {audit ? (
        <p className="alert" role="note" data-testid="weighted-labels-note">
          {formatCount(audit.auditedRows)} of the {formatCount(d.positives + d.negatives)} labelled rows come from the audit “{audit.audit.name}”, a weighted sample drawn more densely near the threshold and among high scores.
          The counts, curves and matrix below describe the labelled rows as they are, not the {vocabulary.itemPlural} the model sees: for estimates of those, weighted by how each row was drawn, see{" "}
          <Link href={`/datasets/${d.id}/impact`}>Daily impact</Link> and <Link href={`/datasets/${d.id}/review?audit=${audit.audit.id}`}>Review</Link>.
        </p>
      ) : null}
      <section aria-label="Summary" className="grid grid-stats">
        <Stat label="Rows" value={formatCount(d.rows)} note={unlabelledNote(d.unlabeled, recent)} />
        <Stat label={capitalize(vocabulary.positive)} value={formatCount(d.positives)} note={audit ? `labelled rows (not weighted), label “${d.positiveLabel}”` : `positives, label “${d.positiveLabel}”`} />
        <Stat label={capitalize(vocabulary.negative)} value={formatCount(d.negatives)} note={audit ? `labelled rows (not weighted), label “${d.negativeLabel}”` : `negatives, label “${d.negativeLabel}”`} />
        {audit ? (
          <Stat label={`Share ${vocabulary.positive}`} value={rateWithRange(audit.prevalence)} note={`weighted, from the audit of ${formatCount(audit.audit.frameRows)} rows (95% range)`} />
        ) : (
          <Stat label={`Share ${vocabulary.positive}`} value={formatPercent(d.positiveShare, 2)} note="of the labelled rows" />
        )}
        <Stat label="Score range" value={range} />
        <Stat label={<Term word="ROC AUC" />} value={formatDecimal(d.rocAuc, 4)} note={d.rocAuc === null ? "needs both classes" : "1 = perfect ranking, 0.5 = chance"} />
      </section>
      {data ? (
        <ThresholdProvider linked={firstParam(t)} initial={link.threshold} notice={link.notice}>
          <ThresholdExplorer data={data} positiveName={vocabulary.positive} negativeName={vocabulary.negative} markers={markers} brier={d.brier} />
        </ThresholdProvider>
      ) : null}
      <History batches={batches} />
      <p className="small muted">Created {formatDate(d.createdAt)}</p>
    </div>
  );
}
