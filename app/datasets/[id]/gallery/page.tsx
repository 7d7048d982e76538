import type { Metadata } from "next";
import { store } from "@/lib/db";
import { EXAMPLE_KINDS, type ExampleKind } from "@/lib/gallery/kinds";
import { loadDataset } from "../load";
import { thresholdFromLink } from "@/lib/story/share";
import { parseStoredSettings, resolveSettings } from "@/lib/story/settings";
import { ThresholdProvider } from "../threshold-context";
import { Gallery } from "./gallery";
import "./gallery.css";
import { datasetAudit } from "@/lib/services/audit-estimates";
import { firstParam } from "@/app/ui/search-params";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Failures · ${(await loadDataset(id)).name}` };
}

type Search = Record<string, string | string[] | undefined>;
/** A time window from `?from=&to=` (both ISO instants, from before to), else null. */
function windowOf(from: string | undefined, to: string | undefined): { from: string; to: string } | null {
  const [a, b] = [Date.parse(from ?? ""), Date.parse(to ?? "")];
  return Number.isFinite(a) && Number.isFinite(b) && a < b ? { from: new Date(a).toISOString(), to: new Date(b).toISOString() } : null;
}
const name = (value: unknown) => (typeof value === "string" && value ? value : null);

/**
 * The failure-mode gallery: misclassified examples at the threshold of `?t=`, tagged into failure
 * modes; `?kind=fn`, `?q=`, `?slice.<column>=` and `?from=&to=` (a time window) restore the filters of a shared link.
 */
export default async function GalleryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const dataset = await loadDataset(id);
  const link = thresholdFromLink(firstParam(search.t));
  const [tags, audit] = await Promise.all([store().tags.list(dataset.id), datasetAudit(dataset.id)]);
  const words = resolveSettings(parseStoredSettings(dataset.settings), dataset).vocabulary;
  const mapping = dataset.mapping;
  const slices = Array.isArray(mapping.slices) ? mapping.slices.map(String) : [];
  const extras = Array.isArray(mapping.extras) ? mapping.extras.map(String) : [];
  const rawKind = firstParam(search.kind);
  const kind: ExampleKind = (EXAMPLE_KINDS as readonly string[]).includes(rawKind ?? "") ? (rawKind as ExampleKind) : "fp";
  const initialSlices = Object.fromEntries(
    Object.entries(search)
      .filter(([key]) => key.startsWith("slice.") && slices.includes(key.slice(6)))
      .map(([key, value]) => [key.slice(6), firstParam(value) ?? ""]),
  );
  return (
    <ThresholdProvider linked={firstParam(search.t)} initial={link.threshold} notice={link.notice}>
      {audit ? (
        <p className="alert" role="note" data-testid="weighted-labels-note">
          {audit.auditedRows.toLocaleString("en-US")} of the labelled rows come from the audit “{audit.audit.name}”, a weighted sample: the examples below are real, but their counts and the failure modes&apos; figures a day count the labelled rows as they are, not the {words.itemPlural} the model sees.
        </p>
      ) : null}
      <Gallery
        datasetId={dataset.id}
        columns={{ id: name(mapping.id) !== null, text: name(mapping.text) !== null, image: name(mapping.image) !== null, timestamp: name(mapping.timestamp) !== null, slices, extras }}
        labels={{ positive: words.positive, negative: words.negative }}
        initialTags={tags}
        initialKind={kind}
        initialSlices={initialSlices}
        initialQ={firstParam(search.q) ?? ""}
        initialWindow={windowOf(firstParam(search.from), firstParam(search.to))}
      />
    </ThresholdProvider>
  );
}
