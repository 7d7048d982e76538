import type { DatasetStore } from "../store";
import { columnLayoutOf, datasetView, parseJsonObject } from "../views";
import { sharedSqlite, writerSqlite } from "./connection";
import { prisma } from "./prisma";

/** Datasets on SQLite: Prisma for the small reads and writes, the raw driver for the hot ones. */
export const sqliteDatasets: DatasetStore = {
  async list() {
    const rows = await prisma().dataset.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    return rows.map(datasetView);
  },

  async get(id) {
    const row = await prisma().dataset.findUnique({ where: { id } });
    return row ? datasetView(row) : null;
  },

  async version(id) {
    // Asked before every cached read: the raw driver answers in microseconds.
    const row = sharedSqlite().prepare(`SELECT "version" FROM "Dataset" WHERE "id" = ?`).get(id) as { version: number } | undefined;
    return row ? row.version : null;
  },

  async count() {
    return prisma().dataset.count();
  },

  async columnLayout(id) {
    const row = sharedSqlite().prepare(`SELECT "mapping" FROM "Dataset" WHERE "id" = ?`).get(id) as { mapping: string } | undefined;
    return row ? columnLayoutOf(parseJsonObject(row.mapping)) : null;
  },

  async rename(id, name) {
    const found = await prisma().dataset.findUnique({ where: { id }, select: { id: true } });
    if (!found) return null;
    return datasetView(await prisma().dataset.update({ where: { id }, data: { name } }));
  },

  async saveSummary(id, version, s) {
    const { changes } = writerSqlite()
      .prepare(`UPDATE "Dataset" SET scoreMin = ?, scoreMax = ?, rocAuc = ?, averagePrecision = ?, brier = ?, summaryVersion = ? WHERE id = ? AND version = ?`)
      .run(s.scoreMin, s.scoreMax, s.rocAuc, s.averagePrecision, s.brier, version, id, version);
    return changes > 0 ? this.get(id) : null;
  },

  async saveSettings(id, settings) {
    const found = await prisma().dataset.findUnique({ where: { id }, select: { id: true } });
    if (!found) return null;
    return datasetView(await prisma().dataset.update({ where: { id }, data: { settings: JSON.stringify(settings) } }));
  },

  async delete(id) {
    // One transaction on the writer connection: the schema's ON DELETE CASCADE removes every row,
    // tag, note, scenario and segment of the dataset with it; its example-id keys go explicitly.
    const db = writerSqlite();
    return db.transaction(() => {
      db.prepare(`DELETE FROM "ExampleKey" WHERE "datasetId" = ?`).run(id);
      return db.prepare(`DELETE FROM "Dataset" WHERE "id" = ?`).run(id).changes > 0;
    }).immediate();
  },
};
