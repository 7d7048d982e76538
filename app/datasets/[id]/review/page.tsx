import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listAudits } from "@/lib/services/audits";
import { settingsView } from "@/lib/story/settings";
import { thresholdFromLink } from "@/lib/story/share";
import { ThresholdProvider } from "../threshold-context";
import { loadDataset } from "../load";
import { ReviewView } from "./review-view";
import "./review.css";
import { firstParam } from "@/app/ui/search-params";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Review · ${(await loadDataset(id)).name}` };
}

type Search = Record<string, string | string[] | undefined>;
const name = (value: unknown) => (typeof value === "string" && value ? value : null);

/**
 * The Review tab: audits of the dataset's unlabelled rows, labelled one at a time in big type,
 * with the audit's estimates following the threshold of `?t=`; `?audit=` picks an audit.
 */
export default async function ReviewPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const dataset = await loadDataset(id);
  const audits = await listAudits(dataset.id);
  if (!audits) notFound();
  const link = thresholdFromLink(firstParam(search.t));
  const wanted = Number(firstParam(search.audit));
  const resolved = settingsView(dataset).resolved;
  const mapping = dataset.mapping;
  return (
    <ThresholdProvider linked={firstParam(search.t)} initial={link.threshold} notice={link.notice}>
      <ReviewView
        datasetId={dataset.id}
        initialAudits={audits}
        initialAuditId={audits.find((a) => a.id === wanted)?.id ?? audits[0]?.id ?? null}
        vocabulary={resolved.vocabulary}
        volume={{ volumePerDay: resolved.volumePerDay, volumeSource: resolved.volumeSource, period: resolved.period }}
        columns={{
          text: name(mapping.text) !== null,
          image: name(mapping.image) !== null,
          slices: Array.isArray(mapping.slices) ? mapping.slices.map(String) : [],
          extras: Array.isArray(mapping.extras) ? mapping.extras.map(String) : [],
        }}
        unlabeled={dataset.unlabeled}
        hasTimestamps={name(mapping.timestamp) !== null}
        timeRange={{ min: dataset.timestampMin, max: dataset.timestampMax }}
      />
    </ThresholdProvider>
  );
}
