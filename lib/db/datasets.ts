import type { Dataset } from "../generated/sqlite/client";
import { prisma } from "./client";
import { removeDatasetImages } from "../images/store";
import { forgetScoreOrder } from "./score-orders";
import { forgetScoreTables } from "./score-tables";
import { forgetSliceTables } from "./slice-tables";
import { writerSqlite } from "./sqlite";

/** A dataset as the app and the API show it (JSON fields parsed, dates as ISO strings). */
export interface DatasetView {
  id: number;
  name: string;
  modelName: string | null;
  modelVersion: string | null;
  sourceFile: string | null;
  createdAt: string;
  rows: number;
  positives: number;
  negatives: number;
  unlabeled: number;
  /** Share of labelled rows that are positive; null when nothing is labelled. */
  positiveShare: number | null;
  positiveLabel: string;
  negativeLabel: string;
  mapping: Record<string, unknown>;
  settings: Record<string, unknown>;
  scoreMin: number | null;
  scoreMax: number | null;
  rocAuc: number | null;
  averagePrecision: number | null;
  brier: number | null;
  timestampMin: string | null;
  timestampMax: string | null;
  isDemo: boolean;
}

function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function toDatasetView(d: Dataset): DatasetView {
  const labelled = d.positives + d.negatives;
  return {
    id: d.id,
    name: d.name,
    modelName: d.modelName,
    modelVersion: d.modelVersion,
    sourceFile: d.sourceFile,
    createdAt: d.createdAt.toISOString(),
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

/** All datasets, newest first. */
export async function listDatasets(): Promise<DatasetView[]> {
  const rows = await prisma().dataset.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(toDatasetView);
}

/** One dataset, or null when there is none with that id. */
export async function getDataset(id: number): Promise<DatasetView | null> {
  const row = await prisma().dataset.findUnique({ where: { id } });
  return row ? toDatasetView(row) : null;
}

export async function countDatasets(): Promise<number> {
  return prisma().dataset.count();
}

/** Renames a dataset; null when it does not exist. */
export async function renameDataset(id: number, name: string): Promise<DatasetView | null> {
  const found = await prisma().dataset.findUnique({ where: { id }, select: { id: true } });
  if (!found) return null;
  return toDatasetView(await prisma().dataset.update({ where: { id }, data: { name } }));
}

/** Replaces a dataset's stakeholder settings (a JSON object); null when it does not exist. */
export async function saveDatasetSettings(id: number, settings: Record<string, unknown>): Promise<DatasetView | null> {
  const found = await prisma().dataset.findUnique({ where: { id }, select: { id: true } });
  if (!found) return null;
  return toDatasetView(await prisma().dataset.update({ where: { id }, data: { settings: JSON.stringify(settings) } }));
}

/**
 * Deletes a dataset and every row, tag, note and scenario of it (the schema's ON DELETE CASCADE, in
 * one statement on the writer connection), then its stored images and cached tables; false when it
 * did not exist.
 */
export async function deleteDataset(id: number): Promise<boolean> {
  const { changes } = writerSqlite().prepare(`DELETE FROM "Dataset" WHERE "id" = ?`).run(id);
  forgetScoreTables(id);
  forgetScoreOrder(id);
  forgetSliceTables(id);
  removeDatasetImages(id);
  return changes > 0;
}
