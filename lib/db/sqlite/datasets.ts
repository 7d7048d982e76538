import type { DatasetStore } from "../store";
import { columnLayoutOf, datasetView, parseJsonObject } from "../views";
import { sharedSqlite, writerSqlite } from "./connection";
import { prisma } from "./prisma";
import { saveSummaryRow } from "./summary";
import { writerCall } from "./writer-client";

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

  // The summary is a cache of figures any reader can compute again: when an import holds the write
  // lock, it is not saved this time rather than wait (which would hold this thread).
  async saveSummary(id, version, s) {
    // On the writer thread, not awaited: this thread must never wait on SQLite's write lock (an
    // import holding it waits for this thread's rows), and the figures are already computed.
    writerCall({ op: "summary", datasetId: id, version, summary: s }, () => saveSummaryRow(writerSqlite(), id, version, s)).catch((error: unknown) =>
      console.error(`cutoff: saving dataset ${id}'s summary failed`, error),
    );
    return null;
  },

  async saveSettings(id, settings) {
    const found = await prisma().dataset.findUnique({ where: { id }, select: { id: true } });
    if (!found) return null;
    return datasetView(await prisma().dataset.update({ where: { id }, data: { settings: JSON.stringify(settings) } }));
  },

  async delete(id) {
    // One statement on the writer connection: the schema's ON DELETE CASCADE removes every row,
    // tag, note, scenario and segment of the dataset with it.
    return writerCall({ op: "delete", datasetId: id }, () => writerSqlite().prepare(`DELETE FROM "Dataset" WHERE "id" = ?`).run(id).changes > 0);
  },
};

