// Datasets on PostgreSQL: Prisma for the small reads and writes, the pool for the hot ones.
import type { DatasetStore } from "../store";
import { columnLayoutOf, datasetView, parseJsonObject } from "../views";
import { postgresPrisma as prisma } from "./connection";
import { rowOf } from "./sql";

/** Datasets on PostgreSQL (see lib/db/store.ts DatasetStore). */
export const postgresDatasets: DatasetStore = {
  async list() {
    const rows = await prisma().dataset.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    return rows.map(datasetView);
  },

  async get(id) {
    const row = await prisma().dataset.findUnique({ where: { id } });
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
    // One statement: the trigger of migration 20261203000000_prediction_cascade deletes the rows
    // (over the dataset's batch ranges), ON DELETE CASCADE every tag, note, scenario and segment.
    const deleted = await rowOf<{ id: number }>(`DELETE FROM "Dataset" WHERE "id" = $1 RETURNING "id"`, [id]);
    return deleted !== null;
  },
};
