import type { Metadata } from "next";
import { store } from "@/lib/db";
import { listDatasets } from "@/lib/services/datasets";
import { ComparePicker } from "./compare-picker";
import { CompareView } from "./compare-view";
import { loadComparison, parseCompareSearch } from "./load";
import "../datasets/[id]/gallery/gallery.css";
import "./compare.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare models" };

type Search = Record<string, string | string[] | undefined>;
const name = (value: unknown) => typeof value === "string" && value !== "";

/**
 * /compare?a=A&b=B&t=0.5 (or &reviews=200): model B against model A at one threshold or one daily
 * review load. Without a and b, or with a bad link, it offers two dataset choosers.
 */
export default async function ComparePage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const parsed = search.a === undefined && search.b === undefined ? null : parseCompareSearch(search);
  if (!parsed || "problem" in parsed) {
    const datasets = await listDatasets();
    return (
      <div className="stack">
        <div className="page-header">
          <div>
            <h1>Compare two models</h1>
            <p className="muted">Pick the reference (A) and the candidate (B): a pruned or int8 copy, a replacement, or the other arm of an A/B test.</p>
          </div>
        </div>
        {parsed ? <p className="alert alert-error" role="alert">This link cannot be compared: {parsed.problem}.</p> : null}
        {datasets.length < 2 ? <p className="card empty">Upload two datasets (the same examples scored by each model) to compare them.</p> : <ComparePicker datasets={datasets} />}
      </div>
    );
  }
  const { query, view } = parsed;
  if (query.threshold !== undefined) query.threshold = Math.round(query.threshold * 10_000) / 10_000;
  const result = await loadComparison(query);
  const { answer, grid } = result;
  const [tags, layout, dataset] = await Promise.all([store().tags.list(query.a), store().datasets.columnLayout(query.a), store().datasets.get(query.a)]);
  const mapping = dataset?.mapping ?? {};
  // Same load starts at the team's review capacity, else at what A flags a day now.
  const reviews = Math.round(answer.reviewsPerDay ?? answer.reviewCapacity ?? answer.a.daily.flagged ?? 0);
  return (
    <CompareView
      initial={answer}
      grid={grid}
      initialView={{ ...view, threshold: Number(answer.thresholdA.toFixed(4)), reviews }}
      tags={tags}
      columns={{ id: name(mapping.id), text: name(mapping.text), image: name(mapping.image), slices: layout?.slices ?? [] }}
    />
  );
}
