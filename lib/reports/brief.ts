import type { Example } from "../gallery/types";
import { confusionAt, type CumulativeTable } from "../metrics";
import type { Brief, BriefExample } from "../story/brief";
import { recommendThresholds } from "../story/recommend";
import type { ResolvedSettings } from "../story/settings";
import { storyAt } from "../story/story";
import { failureModeFindings, type ReviewedErrors } from "../story/findings";

/** Failure examples of each kind shown in a brief. */
export const BRIEF_EXAMPLES = 3;

const toBriefExample = (x: Example): BriefExample => ({
  row: x.row,
  exampleId: x.exampleId,
  score: x.score,
  text: x.text,
  details: { ...x.slices, ...x.extras },
});

export interface BriefInput {
  datasetName: string;
  table: CumulativeTable;
  threshold: number;
  settings: ResolvedSettings;
  /** The most confident false alarms and misses (at most BRIEF_EXAMPLES of each are shown). */
  falsePositives: Example[];
  falseNegatives: Example[];
  /** ISO instant the brief is made. */
  generatedAt: string;
  /** The tags of the reviewed errors at the threshold, for the findings. */
  reviewed?: ReviewedErrors;
}

/** Everything the one-page brief says at a threshold. */
export function briefOf(input: BriefInput): Brief {
  const { table, threshold, settings } = input;
  const story = storyAt(table, threshold, settings);
  return {
    datasetName: input.datasetName,
    generatedAt: input.generatedAt,
    settings,
    counts: confusionAt(table, threshold),
    story,
    recommendations: recommendThresholds(table, settings),
    falsePositives: input.falsePositives.slice(0, BRIEF_EXAMPLES).map(toBriefExample),
    falseNegatives: input.falseNegatives.slice(0, BRIEF_EXAMPLES).map(toBriefExample),
    findings: input.reviewed ? failureModeFindings(input.reviewed, story.daily, settings.vocabulary) : [],
  };
}
