import type { Metadata } from "next";
import Link from "next/link";
import { store } from "@/lib/db";
import { DEFAULT_DRIFT_RULE, pageDataOf, parseReference, snapToGrid } from "@/lib/monitoring";
import { hasTimestamps, DEFAULT_MONITORING_THRESHOLD, loadMonitoring, referenceChoices, referenceInfo, REPLAY_PERIODS, replayGrids } from "@/lib/services/monitoring";
import { thresholdFromParam } from "@/lib/story/share";
import { ThresholdProvider } from "../threshold-context";
import { loadDataset } from "../load";
import { MonitoringView } from "./monitoring-view";
import "./monitoring.css";
import { firstParam } from "@/app/ui/search-params";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Monitoring · ${(await loadDataset(id)).name}` };
}

type Search = Record<string, string | string[] | undefined>;

/** A `?reference=` that reads, else undefined (the saved one is used). */
function askedReference(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    parseReference(raw);
    return raw;
  } catch {
    return undefined;
  }
}

/**
 * The Monitoring tab: every day (or ISO week, `?period=week`) of a dataset with timestamps, at the
 * threshold of `?t=` (default: the threshold in production), against the saved reference (or
 * `?reference=` for this view only). The browser recomputes every period when the threshold moves.
 */
export default async function MonitoringPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const dataset = await loadDataset(id);
  if (!hasTimestamps(dataset)) {
    return (
      <div className="card stack">
        <h2>Monitoring needs timestamps</h2>
        <p>This dataset has no timestamp column, so its rows cannot be placed in days. Import production predictions with a timestamp column (or append them) to watch them day by day.</p>
        <p><Link href={`/datasets/${dataset.id}`}>Back to the overview</Link></p>
      </div>
    );
  }
  const period = firstParam(search.period) === "week" ? "week" : "day";
  const reference = askedReference(firstParam(search.reference));
  const c = await loadMonitoring(dataset.id, { period, reference });
  const [grids, alerts, choices] = await Promise.all([replayGrids(c), store().alerts.list(dataset.id), referenceChoices(dataset.id)]);
  const data = pageDataOf(c.prepared, grids);
  const asked = thresholdFromParam(firstParam(search.t));
  const initial = asked ?? c.monitoring.deployedThreshold ?? DEFAULT_MONITORING_THRESHOLD;
  const snapped = snapToGrid(initial, data.steps);
  const notice = asked !== null && snapped !== asked ? `The link’s threshold ${asked} is shown as ${snapped}: this page moves in steps of ${1 / data.steps}.` : null;
  return (
    <ThresholdProvider linked={firstParam(search.t)} initial={snapped} notice={notice}>
      <MonitoringView
        datasetId={dataset.id}
        datasetName={dataset.name}
        data={data}
        settings={c.settings}
        monitoring={c.monitoring}
        reference={referenceInfo(c.reference)}
        referenceIsTemporary={reference !== undefined && reference !== c.monitoring.reference}
        undated={c.undated}
        alerts={alerts ?? []}
        choices={choices}
        driftRule={DEFAULT_DRIFT_RULE}
        replayPeriods={REPLAY_PERIODS[period]}
      />
    </ThresholdProvider>
  );
}
