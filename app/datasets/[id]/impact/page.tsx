import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { store } from "@/lib/db";
import { loadExplorerData } from "@/lib/services/explorer";
import { datasetAudit } from "@/lib/services/audit-estimates";
import { parseStoredSettings } from "@/lib/story/settings";
import { settingsFromParam, thresholdFromLink, thresholdFromParam } from "@/lib/story/share";
import { ThresholdProvider } from "../threshold-context";
import { loadDataset } from "../load";
import { ImpactView } from "./impact-view";
import { firstParam } from "@/app/ui/search-params";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Daily impact · ${(await loadDataset(id)).name}` };
}

type Search = Record<string, string | string[] | undefined>;

/**
 * The stakeholder view: what a threshold means every day, in words. `?t=` is the threshold,
 * `?ref=` the reference threshold of the trade-off sentence, `?s=` settings from a shared link.
 */
export default async function ImpactPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const dataset = await loadDataset(id);
  const [explorer, scenarios, audit] = await Promise.all([loadExplorerData(dataset.id), store().scenarios.list(dataset.id), datasetAudit(dataset.id)]);
  if (!explorer || !scenarios) notFound();
  const link = thresholdFromLink(firstParam(search.t));
  const threshold = link.threshold;
  const shared = settingsFromParam(firstParam(search.s));
  return (
    <ThresholdProvider linked={firstParam(search.t)} initial={threshold} notice={link.notice}>
      <ImpactView
        datasetId={dataset.id}
        grid={explorer.grid}
        facts={{
          rows: dataset.rows,
          positives: dataset.positives,
          negatives: dataset.negatives,
          positiveLabel: dataset.positiveLabel,
          negativeLabel: dataset.negativeLabel,
          timestampMin: dataset.timestampMin,
          timestampMax: dataset.timestampMax,
        }}
        savedSettings={parseStoredSettings(dataset.settings)}
        sharedSettings={shared}
        reference={thresholdFromParam(firstParam(search.ref)) ?? threshold}
        scenarios={scenarios}
        audit={audit}
      />
    </ThresholdProvider>
  );
}
