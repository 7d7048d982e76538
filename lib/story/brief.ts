import { hasCosts } from "./costs";
import type { DailyCounts, OutcomeCounts } from "./daily";
import { capitalize, formatAverage, formatMoney, formatRate, formatThreshold, formatWithRange, readableColumn, readableValue } from "../format";
import type { Recommendation } from "./recommend";
import type { ResolvedSettings, Vocabulary } from "./settings";
import type { StoryAt } from "./story";
import type { BriefAudit } from "../audit/brief";

/** One failure example as the brief shows it. */
export interface BriefExample {
  /** Spreadsheet row in the uploaded file (header = row 1). */
  row: number;
  exampleId: string | null;
  score: number;
  text: string | null;
  /** Slice and extra columns, name → value. */
  details: Record<string, string | null>;
}

/** Everything the one-page brief says (the page and the Markdown export render the same thing). */
export interface Brief {
  datasetName: string;
  /** ISO instant the brief was made. */
  generatedAt: string;
  settings: ResolvedSettings;
  counts: OutcomeCounts & { threshold: number };
  story: StoryAt;
  recommendations: Recommendation[];
  /** Negatives scoring highest (the most confident false alarms). */
  falsePositives: BriefExample[];
  /** Positives scoring lowest (the most confident misses). */
  falseNegatives: BriefExample[];
  /** What the review team found: failure modes with their daily estimates (empty before any tagging). */
  findings: string[];
  /**
   * When the dataset's labels come from an audit (a weighted sample): the audit's sentences and
   * daily ranges, which replace the story of the labelled rows (those would be biased).
   */
  audit?: BriefAudit | null;
}

/**
 * Markdown text is user-supplied: escape what could format it, break a table or make a link or
 * HTML (an underscore inside a word, as in merchant_category, formats nothing and stays).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, " ")
    .replace(/[\\`*[\]<>|]/g, (c) => `\\${c}`)
    .replace(/(^|\W)_|_(?=\W|$)/g, (m) => m.replace("_", "\\_"));
}

/** The outcomes of the daily table, in the order people read them, named in the dataset's words. */
export function outcomeLabels(v: Vocabulary): { key: keyof DailyCounts; label: string }[] {
  return [
    { key: "flagged", label: `All flagged (${v.flaggedAction})` },
    { key: "falsePositives", label: capitalize(`${v.negative} ${v.itemPlural} flagged (false alarms)`) },
    { key: "truePositives", label: capitalize(`${v.positive} ${v.itemPlural} caught`) },
    { key: "falseNegatives", label: capitalize(`${v.positive} ${v.itemPlural} missed`) },
    { key: "trueNegatives", label: capitalize(`${v.negative} ${v.itemPlural} left alone`) },
  ];
}

/** The rows of the daily table: label, average a day with its 95% range. */
export function dailyRows(b: Pick<Brief, "settings" | "story">): [string, string][] {
  const { daily, ranges } = b.story;
  return outcomeLabels(b.settings.vocabulary).map(({ key, label }) => [label, formatWithRange(daily[key], ranges[key])]);
}

/**
 * A short description of an example in words: its id, score, text and up to 4 column values with
 * readable names, then its row, e.g. "tx-11, score 0.9500 — Merchant category: gift cards,
 * Country: GB, row 12".
 */
export function exampleLine(e: BriefExample): string {
  const details = Object.entries(e.details)
    .filter(([, value]) => value !== null && value !== "")
    .slice(0, 4)
    .map(([k, value]) => `${readableColumn(k)}: ${readableValue(value as string)}`);
  const head = `${e.exampleId ? `${e.exampleId}, score` : "Score"} ${e.score.toFixed(4)}`;
  const text = e.text ? `“${e.text.length > 140 ? `${e.text.slice(0, 139)}…` : e.text}”` : "";
  return [head, text, [...details, `row ${e.row}`].join(", ")].filter(Boolean).join(" — ");
}
const count = (n: number) => n.toLocaleString("en-US");

const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

/** The brief as Markdown, for pasting into a document or an email. */
export function briefMarkdown(b: Brief): string {
  const v = b.settings.vocabulary;
  const e = escapeMarkdown;
  const { tp, fp, tn, fn } = b.counts;
  const out: string[] = [
    `# ${e(b.datasetName)}: threshold ${formatThreshold(b.counts.threshold)}`,
    "",
    `_Brief made ${b.generatedAt.slice(0, 16).replace("T", " ")} UTC for ${formatAverage(b.settings.volumePerDay)} ${e(v.itemPlural)} a day, ${b.audit ? `${b.audit.prevalence} of them ${e(v.positive)} (weighted, from the audit)` : `${formatRate(b.settings.prevalence)} of them ${e(v.positive)}`}._`,
    "",
    e((b.audit ? b.audit.sentences : b.story.sentences).join(" ")),
    "",
    "## Every day, on average",
    "",
    b.audit
      ? table(["Outcome", `A ${b.settings.period} (95% range)`], b.audit.rows.map(([label, value]) => [e(label), value]))
      : table(["Outcome", "A day (95% range)"], dailyRows(b).map(([label, value]) => [e(label), value])),
  ];
  if (b.audit) out.push("", `_${e(b.audit.note)}_`);
  else if (b.story.cost !== null && hasCosts(b.settings.costs)) {
    out.push("", `Expected cost: **${e(formatMoney(b.story.cost, b.settings.costs.currency))} a day**.`);
  }
  out.push(
    "",
    b.audit ? "## The labelled rows as they are (not weighted)" : "## On the evaluation set",
    "",
    table(
      ["Actually", "Flagged", "Not flagged"],
      [
        [e(capitalize(v.positive)), `${count(tp)} caught`, `${count(fn)} missed`],
        [e(capitalize(v.negative)), `${count(fp)} false alarms`, `${count(tn)} correctly not flagged`],
      ],
    ),
  );
  if (b.recommendations.length && !b.audit) {
    out.push("", "## Recommended thresholds", "", ...b.recommendations.map((r) => `- **${formatThreshold(r.threshold)}**: ${e(r.title)}. ${e(r.reason)}`));
  }
  if (b.findings.length) out.push("", "## What the review found", "", ...b.findings.map((f) => `- ${e(f)}`));
  const examples = (title: string, items: BriefExample[]) =>
    items.length ? ["", `## ${title}`, "", ...items.map((x) => `- ${e(exampleLine(x))}`)] : [];
  out.push(
    ...examples(capitalize(`${v.negative} ${v.itemPlural} flagged with the highest scores`), b.falsePositives),
    ...examples(capitalize(`${v.positive} ${v.itemPlural} missed with the lowest scores`), b.falseNegatives),
  );
  return `${out.join("\n")}\n`;
}
