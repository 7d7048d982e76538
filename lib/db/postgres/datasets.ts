// Datasets on PostgreSQL: Prisma for the small reads and writes, the pool for the hot ones.
import type { DatasetStore } from "../store";
import { columnLayoutOf, datasetView, parseJsonObject, type DatasetRow } from "../views";
import { postgresPrisma as prisma } from "./connection";
import { rowOf, rowsOf } from "./sql";

/** The columns of DatasetRow (the Dataset model's fields, as Prisma returns them). */
const DATASET_COLUMNS = [
  "id", "name", "modelName", "modelVersion", "sourceFile", "createdAt", "version", "summaryVersion", "rowCount", "positives", "negatives", "unlabeled",
  "positiveLabel", "negativeLabel", "mapping", "settings", "scoreMin", "scoreMax", "rocAuc", "averagePrecision", "brier", "timestampMin", "timestampMax", "isDemo",
].map((c) => `"${c}"`).join(", ");

/**
 * Datasets on PostgreSQL (see lib/db/store.ts DatasetStore). Reads asked on every request (a
 * dataset, its version, its columns) are one SELECT on the pool: Prisma's client costs about
 * 0.9 ms of CPU per query here, five times the query itself.
 */
export const postgresDatasets: DatasetStore = {
  async list() {
    const rows = await rowsOf<DatasetRow>(`SELECT ${DATASET_COLUMNS} FROM "Dataset" ORDER BY "createdAt" DESC, "id" DESC`);
    return rows.map(datasetView);
  },

  async get(id) {
    const row = await rowOf<DatasetRow>(`SELECT ${DATASET_COLUMNS} FROM "Dataset" WHERE "id" = $1`, [id]);
    return row ? datasetView(row) : null;
  },

  async version(id) {
    // Asked before every cached read: one indexed row on the pool, no Prisma round trip.
    const row = await rowOf<{ version: number }>(`SELECT "version" FROM "Dataset" WHERE "id" = $1`, [id]);
    return row ? row.version : null;
  },

  async count() {
    return prisma().dataset.count();
  },

  async columnLayout(id) {
    const row = await rowOf<{ mapping: string }>(`SELECT "mapping" FROM "Dataset" WHERE "id" = $1`, [id]);
    return row ? columnLayoutOf(parseJsonObject(row.mapping)) : null;
  },

  async rename(id, name) {
    const found = await prisma().dataset.findUnique({ where: { id }, select: { id: true } });
    if (!found) return null;
    return datasetView(await prisma().dataset.update({ where: { id }, data: { name } }));
  },

  async saveSummary(id, version, s) {
    const updated = await rowOf<{ id: number }>(
      `UPDATE "Dataset" SET "scoreMin" = $1, "scoreMax" = $2, "rocAuc" = $3, "averagePrecision" = $4, "brier" = $5, "summaryVersion" = $6 WHERE "id" = $7 AND "version" = $6 RETURNING "id"`,
      [s.scoreMin, s.scoreMax, s.rocAuc, s.averagePrecision, s.brier, version, id],
    );
    return updated ? this.get(id) : null;
  },

  async saveSettings(id, settings) {
    const found = await prisma().dataset.findUnique({ where: { id }, select: { id: true } });
    if (!found) return null;
    return datasetView(await prisma().dataset.update({ where: { id }, data: { settings: JSON.stringify(settings) } }));
  },

  async delete(id) {
    // One statement: the trigger of migration 20261203000000_postgres_bulk_writes deletes the rows
    // (over the dataset's batch ranges), ON DELETE CASCADE every tag, note, scenario and segment.
    const deleted = await rowOf<{ id: number }>(`DELETE FROM "Dataset" WHERE "id" = $1 RETURNING "id"`, [id]);
    return deleted !== null;
  },
};
