/**
 * Stored rows → the records of lib/db/types.ts, shared by every backend (their Prisma models
 * have the same fields).
 */
import type { DatasetView, ScenarioView } from "./types";

/** A stored JSON object; anything unreadable or not an object reads as {}. */
export function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The Dataset model's fields, as both backends' Prisma clients return them. */
export interface DatasetRow {
  id: number;
  name: string;
  modelName: string | null;
  modelVersion: string | null;
  sourceFile: string | null;
  createdAt: Date;
  version: number;
  summaryVersion: number;
  rowCount: number;
  positives: number;
  negatives: number;
  unlabeled: number;
  positiveLabel: string;
  negativeLabel: string;
  mapping: string;
  settings: string;
  scoreMin: number | null;
  scoreMax: number | null;
  rocAuc: number | null;
  averagePrecision: number | null;
  brier: number | null;
  timestampMin: Date | null;
  timestampMax: Date | null;
  isDemo: boolean;
}

export function datasetView(d: DatasetRow): DatasetView {
  const labelled = d.positives + d.negatives;
  return {
    id: d.id,
    name: d.name,
    modelName: d.modelName,
    modelVersion: d.modelVersion,
    sourceFile: d.sourceFile,
    createdAt: d.createdAt.toISOString(),
    version: d.version,
    summaryVersion: d.summaryVersion,
    rows: d.rowCount,
    positives: d.positives,
    negatives: d.negatives,
    unlabeled: d.unlabeled,
    positiveShare: labelled ? d.positives / labelled : null,
    positiveLabel: d.positiveLabel,
    negativeLabel: d.negativeLabel,
    mapping: parseJsonObject(d.mapping),
    settings: parseJsonObject(d.settings),
    scoreMin: d.scoreMin,
    scoreMax: d.scoreMax,
    rocAuc: d.rocAuc,
    averagePrecision: d.averagePrecision,
    brier: d.brier,
    timestampMin: d.timestampMin?.toISOString() ?? null,
    timestampMax: d.timestampMax?.toISOString() ?? null,
    isDemo: d.isDemo,
  };
}

/** The slice and extra column names of a stored mapping. */
export function columnLayoutOf(mapping: Record<string, unknown>): { slices: string[]; extras: string[] } {
  const names = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return { slices: names(mapping.slices), extras: names(mapping.extras) };
}

export function scenarioView(s: { id: number; datasetId: number; name: string; threshold: number; settings: string; createdAt: Date }): ScenarioView {
  return { id: s.id, datasetId: s.datasetId, name: s.name, threshold: s.threshold, settings: parseJsonObject(s.settings), createdAt: s.createdAt.toISOString() };
}

/** JSON of the slice dictionaries by column name, as Dataset.sliceValues stores them. */
export const sliceValuesJson = (columns: string[], values: string[][]) => JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, values[i] ?? []])));

/** Dataset.sliceValues read back: each column's values as strings. */
export function storedSliceValues(json: string): Record<string, string[]> {
  const stored = parseJsonObject(json);
  return Object.fromEntries(Object.entries(stored).map(([column, values]) => [column, Array.isArray(values) ? values.map(String) : []]));
}

/** A stored JSON array of column values (slices, extras) zipped with its column names; unreadable JSON leaves every column empty. */
export function zipColumns(names: string[], json: string | null): Record<string, string | null> {
  let values: unknown[] = [];
  try {
    const parsed: unknown = json ? JSON.parse(json) : [];
    if (Array.isArray(parsed)) values = parsed;
  } catch {
    // unreadable JSON: every column empty
  }
  return Object.fromEntries(names.map((name, i) => [name, values[i] === null || values[i] === undefined ? null : String(values[i])]));
}
