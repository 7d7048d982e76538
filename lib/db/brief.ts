import { confusionAt } from "../metrics/confusion";
import type { Brief, BriefExample } from "../story/brief";
import { recommendThresholds } from "../story/recommend";
import { parseStoredSettings, resolveSettings, type StorySettings } from "../story/settings";
import { storyAt } from "../story/story";
import { getDataset } from "./datasets";
import { listExamples, type Example, type ExampleKind } from "./examples";
import { getScoreTable } from "./score-tables";

/** Failure examples of each kind shown in a brief. */
export const BRIEF_EXAMPLES = 3;

const toBriefExample = (x: Example): BriefExample => ({
  row: x.row,
  exampleId: x.exampleId,
  score: x.score,
  text: x.text,
  details: { ...x.slices, ...x.extras },
});

async function topExamples(datasetId: number, kind: ExampleKind, threshold: number): Promise<BriefExample[]> {
  const page = await listExamples(datasetId, { kind, threshold }, { limit: BRIEF_EXAMPLES });
  return page ? page.items.map(toBriefExample) : [];
}

/**
 * Everything the brief of a dataset says at `threshold`, with `settings` (from a shared link)
 * instead of the saved ones when given; null when the dataset does not exist.
 */
export async function loadBrief(datasetId: number, threshold: number, settings: StorySettings | null = null): Promise<Brief | null> {
  const [dataset, table] = await Promise.all([getDataset(datasetId), getScoreTable(datasetId)]);
  if (!dataset || !table) return null;
  const resolved = resolveSettings(settings ?? parseStoredSettings(dataset.settings), dataset);
  const [falsePositives, falseNegatives] = await Promise.all([topExamples(datasetId, "fp", threshold), topExamples(datasetId, "fn", threshold)]);
  return {
    datasetName: dataset.name,
    generatedAt: new Date().toISOString(),
    settings: resolved,
    counts: confusionAt(table, threshold),
    story: storyAt(table, threshold, resolved),
    recommendations: recommendThresholds(table, resolved),
    falsePositives,
    falseNegatives,
  };
}
