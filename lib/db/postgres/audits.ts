import type pg from "pg";
import type { AuditItemRecord, AuditRecord, NewAuditItem } from "../audit-types";
import type { AuditStore } from "../store";
import { postgresPool, withDedicatedClient } from "./connection";
import { instantAt, rowOf, rowsOf, type Queryable } from "./sql";

/**
 * Audits on PostgreSQL, in its own SQL (instants are read back as epoch ms, as the service wants
 * them). The queue claim is one transaction: the items it hands out are locked with FOR UPDATE
 * SKIP LOCKED, so two reviewers claiming at once (on any app instance) never get the same item.
 * Label changes are written under the bulk write lock (labels.ts), so their ids grow in commit
 * order and a frame's label mark is a consistent cut.
 */

const ms = (column: string) => `(extract(epoch from "${column}") * 1000)::float8 AS "${column}"`;
const AUDIT_COLUMNS = [`"id"`, `"datasetId"`, `"name"`, ms("createdAt"), `"size"`, `"frameRows"`, `"lastPredictionId"`, `"lastLabelChangeId"`, ms("windowFrom"), ms("windowTo"), ms("frameTimeMin"), ms("frameTimeMax"), `"design"`, `"revision"`].join(", ");
const ITEM_COLUMNS = [
  `"id"`, `"auditId"`, `"predictionId"`, `"position"`, `"score"`, `"stratum"`, `"inclusionProbability"`, `"queueOrder"`, `"round"`, `"doubleReview"`,
  `"label"`, `"reviewer"`, ms("labeledAt"), `"secondLabel"`, `"secondReviewer"`, ms("secondLabeledAt"), `"heldBy"`, ms("heldUntil"), `"skippedBy"`, `"skips"`,
].join(", ");

type StoredItem = Omit<AuditItemRecord, "order"> & { queueOrder: number };
const toItem = ({ queueOrder, ...rest }: StoredItem): AuditItemRecord => ({ ...rest, order: queueOrder });

/** Runs `work` in one transaction on a client of its own; an error rolls it back. */
function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withDedicatedClient(async (client) => {
    await client.query("BEGIN");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
}

/** Rows per INSERT of items (9 parameters each; PostgreSQL takes up to 65,535). */
const ITEMS_PER_INSERT = 5000;

async function insertItems(db: Queryable, auditId: number, items: NewAuditItem[]): Promise<void> {
  for (let start = 0; start < items.length; start += ITEMS_PER_INSERT) {
    const chunk = items.slice(start, start + ITEMS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = chunk.map((i) => {
      const base = params.push(auditId, i.predictionId, i.position, i.score, i.stratum, i.inclusionProbability, i.order, i.round, i.doubleReview) - 9;
      return `(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(", ")})`;
    });
    await db.query(
      `INSERT INTO "AuditItem" ("auditId", "predictionId", "position", "score", "stratum", "inclusionProbability", "queueOrder", "round", "doubleReview") VALUES ${tuples.join(", ")}`,
      params,
    );
  }
}

/** Runs one statement on the pool; the number of rows it changed. */
const postgresPoolQuery = async (sql: string, params: unknown[]) => (await postgresPool().query(sql, params)).rowCount ?? 0;

const getAudit = (auditId: number, db?: Queryable) => rowOf<AuditRecord>(`SELECT ${AUDIT_COLUMNS} FROM "Audit" WHERE "id" = $1`, [auditId], db);

/** Whether an item still needs a review from reviewer $2 (its first, or the second of a doubly reviewed one), and was not skipped by them. */
const PENDING_FOR = `(("label" IS NULL) OR ("doubleReview" AND "secondLabel" IS NULL AND "reviewer" IS DISTINCT FROM $2)) AND ("skippedBy" IS NULL OR "skippedBy" <> $2)`;

export const postgresAudits: AuditStore = {
  async lastLabelChangeId() {
    const row = await rowOf<{ id: number | null }>(`SELECT MAX("id") AS "id" FROM "LabelChange"`);
    return row?.id ?? 0;
  },

  async labelsBefore(datasetId, afterId) {
    const rows = await rowsOf<{ predictionId: number; oldLabel: number | null }>(
      `SELECT "predictionId", "oldLabel" FROM "LabelChange" WHERE "datasetId" = $1 AND "id" > $2 ORDER BY "id"`,
      [datasetId, afterId],
    );
    const out = new Map<number, number | null>();
    for (const { predictionId, oldLabel } of rows) if (!out.has(predictionId)) out.set(predictionId, oldLabel);
    return out;
  },

  async create(datasetId, audit) {
    return inTransaction(async (client) => {
      if (!(await rowOf(`SELECT 1 FROM "Dataset" WHERE "id" = $1 FOR SHARE`, [datasetId], client))) return null;
      const row = await rowOf<{ id: number }>(
        `INSERT INTO "Audit" ("datasetId", "name", "createdAt", "size", "frameRows", "lastPredictionId", "lastLabelChangeId", "windowFrom", "windowTo", "frameTimeMin", "frameTimeMax", "design")
         VALUES ($1, $2, ${instantAt("$3")}, $4, $5, $6, $7, ${instantAt("$8")}, ${instantAt("$9")}, ${instantAt("$10")}, ${instantAt("$11")}, $12) RETURNING "id"`,
        [datasetId, audit.name, Date.now(), audit.items.length, audit.frameRows, audit.lastPredictionId, audit.lastLabelChangeId, audit.windowFrom, audit.windowTo, audit.frameTimeMin, audit.frameTimeMax, audit.design],
        client,
      );
      await insertItems(client, row!.id, audit.items);
      return getAudit(row!.id, client);
    });
  },

  async list(datasetId) {
    return rowsOf<AuditRecord>(`SELECT ${AUDIT_COLUMNS} FROM "Audit" WHERE "datasetId" = $1 ORDER BY "createdAt" DESC, "id" DESC`, [datasetId]);
  },

  async get(datasetId, auditId) {
    const audit = await getAudit(auditId);
    return audit && audit.datasetId === datasetId ? audit : null;
  },

  async revision(auditId) {
    const row = await rowOf<{ revision: number }>(`SELECT "revision" FROM "Audit" WHERE "id" = $1`, [auditId]);
    return row ? row.revision : null;
  },

  async items(auditId) {
    return (await rowsOf<StoredItem>(`SELECT ${ITEM_COLUMNS} FROM "AuditItem" WHERE "auditId" = $1 ORDER BY "queueOrder"`, [auditId])).map(toItem);
  },

  async topUp(auditId, topUp) {
    return inTransaction(async (client) => {
      const updated = await client.query(`UPDATE "Audit" SET "size" = $1, "design" = $2, "revision" = "revision" + 1 WHERE "id" = $3`, [topUp.size, topUp.design, auditId]);
      if (!updated.rowCount) return null;
      for (const [h, p] of topUp.inclusionProbabilities.entries()) {
        await client.query(`UPDATE "AuditItem" SET "inclusionProbability" = $1 WHERE "auditId" = $2 AND "stratum" = $3`, [p, auditId, h]);
      }
      await insertItems(client, auditId, topUp.items);
      return getAudit(auditId, client);
    });
  },

  async rename(auditId, name) {
    const updated = await postgresPoolQuery(`UPDATE "Audit" SET "name" = $1 WHERE "id" = $2`, [name, auditId]);
    return updated ? getAudit(auditId) : null;
  },

  async delete(datasetId, auditId) {
    return (await postgresPoolQuery(`DELETE FROM "Audit" WHERE "id" = $1 AND "datasetId" = $2`, [auditId, datasetId])) > 0;
  },

  async claim(auditId, reviewer, limit, now, holdMs) {
    return inTransaction(async (client) => {
      // Rows another transaction is claiming are skipped, not waited for: each item goes to one reviewer.
      const claimed = await rowsOf<StoredItem>(
        `UPDATE "AuditItem" SET "heldBy" = $2, "heldUntil" = ${instantAt("$4")} WHERE "id" IN (
           SELECT "id" FROM "AuditItem" WHERE "auditId" = $1 AND ${PENDING_FOR}
             AND ("heldUntil" IS NULL OR "heldUntil" <= ${instantAt("$3")} OR "heldBy" = $2)
           ORDER BY "queueOrder" LIMIT $5 FOR UPDATE SKIP LOCKED)
         RETURNING ${ITEM_COLUMNS}`,
        [auditId, reviewer, now, now + holdMs, limit],
        client,
      );
      const left = await rowOf<{ first: number; second: number }>(
        `SELECT count(*) FILTER (WHERE "label" IS NULL)::int AS "first", count(*) FILTER (WHERE "doubleReview" AND "secondLabel" IS NULL)::int AS "second" FROM "AuditItem" WHERE "auditId" = $1`,
        [auditId],
        client,
      );
      return { items: claimed.map(toItem).sort((a, b) => a.order - b.order), remaining: left?.first ?? 0, secondRemaining: left?.second ?? 0 };
    });
  },

  async saveReviews(auditId, updates) {
    await inTransaction(async (client) => {
      for (const u of updates) {
        await client.query(
          `UPDATE "AuditItem" SET "label" = $1, "reviewer" = $2, "labeledAt" = ${instantAt("$3")}, "secondLabel" = $4, "secondReviewer" = $5, "secondLabeledAt" = ${instantAt("$6")}, "heldBy" = NULL, "heldUntil" = NULL WHERE "id" = $7 AND "auditId" = $8`,
          [u.label, u.reviewer, u.labeledAt, u.secondLabel, u.secondReviewer, u.secondLabeledAt, u.id, auditId],
        );
      }
      await client.query(`UPDATE "Audit" SET "revision" = "revision" + 1 WHERE "id" = $1`, [auditId]);
    });
  },

  async skip(auditId, itemId, reviewer) {
    return inTransaction(async (client) => {
      const { rowCount } = await client.query(`UPDATE "AuditItem" SET "skippedBy" = $1, "skips" = "skips" + 1, "heldBy" = NULL, "heldUntil" = NULL WHERE "id" = $2 AND "auditId" = $3`, [reviewer, itemId, auditId]);
      if (rowCount) await client.query(`UPDATE "Audit" SET "revision" = "revision" + 1 WHERE "id" = $1`, [auditId]);
      return Boolean(rowCount);
    });
  },
};
