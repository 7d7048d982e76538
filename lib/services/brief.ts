import { store } from "../db";
import { listExamples } from "../db/examples";
import { getScoreTable } from "../db/score-index";
import type { ExampleKind } from "../gallery/kinds";
import { BRIEF_EXAMPLES, briefOf } from "../reports/brief";
import type { Brief } from "../story/brief";
import { settingsView, type StorySettings } from "../story/settings";
import { auditBriefNote, auditDailyRows, rateWithRange } from "../audit";
import { datasetAuditStory } from "./audit-estimates";

async function topExamples(datasetId: number, kind: ExampleKind, threshold: number) {
  const page = await listExamples(datasetId, { kind, threshold }, { limit: BRIEF_EXAMPLES });
  return page ? page.items : [];
}

/**
 * Everything the brief of a dataset says at `threshold`, with `settings` (from a shared link)
 * instead of the saved ones when given; null when the dataset does not exist.
 */
export async function loadBrief(datasetId: number, threshold: number, settings: StorySettings | null = null): Promise<Brief | null> {
  const [dataset, table, falsePositives, falseNegatives, tags, counts] = await Promise.all([
    store().datasets.get(datasetId),
    getScoreTable(datasetId),
    topExamples(datasetId, "fp", threshold),
    topExamples(datasetId, "fn", threshold),
    store().tags.list(datasetId),
    store().tags.errorCounts(datasetId, threshold),
  ]);
  if (!dataset || !table) return null;
  const byTag = new Map(counts.perTag.map((c) => [c.tagId, c]));
  const reviewed = { reviewedFp: counts.reviewed.fp, reviewedFn: counts.reviewed.fn, modes: tags.map((t) => ({ name: t.name, fp: byTag.get(t.id)?.fp ?? 0, fn: byTag.get(t.id)?.fn ?? 0 })) };
  const resolved = settings ? settingsView({ ...dataset, settings }).resolved : settingsView(dataset).resolved;
  const brief = briefOf({ datasetName: dataset.name, table, threshold, settings: resolved, falsePositives, falseNegatives, reviewed, generatedAt: new Date().toISOString() });
  // Labels from an audit are a weighted sample: the brief speaks from the audit's estimates.
  const audited = await datasetAuditStory(dataset, threshold, resolved);
  if (!audited) return brief;
  const v = resolved.vocabulary;
  return { ...brief, recommendations: [], audit: { name: audited.audit.name, sentences: audited.sentences, rows: auditDailyRows(audited.daily, v, resolved.period), note: auditBriefNote(audited.audit.name, audited.estimate.labeled, v), prevalence: rateWithRange(audited.prevalence) } };
}
