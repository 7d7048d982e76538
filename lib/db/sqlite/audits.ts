import type Database from "better-sqlite3";
import type { AuditItemRecord, AuditRecord, NewAuditItem } from "../audit-types";
import type { AuditStore } from "../store";
import { immediateTransaction, sharedSqlite, withBusyTimeout } from "./connection";
import { APP_BUSY_TIMEOUT_MS, retryWhileBusy } from "./prisma";

/**
 * Audits on SQLite, through the raw driver (every call is a few statements; the queue claim must
 * be one write transaction). Instants are stored as epoch ms, as Prisma's adapter reads them.
 */

const AUDIT_COLUMNS = `"id", "datasetId", "name", "createdAt", "size", "frameRows", "lastPredictionId", "lastLabelChangeId", "windowFrom", "windowTo", "frameTimeMin", "frameTimeMax", "design", "revision"`;
const ITEM_COLUMNS = `"id", "auditId", "predictionId", "position", "score", "stratum", "inclusionProbability", "queueOrder", "round", "doubleReview", "label", "reviewer", "labeledAt", "secondLabel", "secondReviewer", "secondLabeledAt", "heldBy", "heldUntil", "skippedBy", "skips"`;

type StoredItem = Omit<AuditItemRecord, "order" | "doubleReview"> & { queueOrder: number; doubleReview: number };
const toItem = ({ queueOrder, doubleReview, ...rest }: StoredItem): AuditItemRecord => ({ ...rest, order: queueOrder, doubleReview: doubleReview === 1 });

/** Runs `fn` in one write transaction from the app's thread. */
function inWriteTransaction<T>(db: Database.Database, fn: () => T): Promise<T> {
  // The app's thread waits for the lock only briefly (better-sqlite3 waits synchronously): while
  // an import or append holds it, the transaction is tried again after an asynchronous pause.
  return retryWhileBusy(async () => withBusyTimeout(db, APP_BUSY_TIMEOUT_MS, () => immediateTransaction(db, fn)));
}

function insertItems(db: Database.Database, auditId: number, items: NewAuditItem[]): void {
  const insert = db.prepare(`INSERT INTO "AuditItem" ("auditId", "predictionId", "position", "score", "stratum", "inclusionProbability", "queueOrder", "round", "doubleReview") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const i of items) insert.run(auditId, i.predictionId, i.position, i.score, i.stratum, i.inclusionProbability, i.order, i.round, i.doubleReview ? 1 : 0);
}

const getAudit = (db: Database.Database, auditId: number) => (db.prepare(`SELECT ${AUDIT_COLUMNS} FROM "Audit" WHERE "id" = ?`).get(auditId) as AuditRecord | undefined) ?? null;

/** Whether an item still needs a review from `reviewer` (its first, or the second of a doubly reviewed one). */
const PENDING_FOR = `(("label" IS NULL) OR ("doubleReview" = 1 AND "secondLabel" IS NULL AND "reviewer" IS NOT @reviewer)) AND ("skippedBy" IS NULL OR "skippedBy" <> @reviewer)`;

export const sqliteAudits: AuditStore = {
  async lastLabelChangeId() {
    const row = sharedSqlite().prepare(`SELECT MAX("id") AS id FROM "LabelChange"`).get() as { id: number | null };
    return row.id ?? 0;
  },

  async labelsBefore(datasetId, afterId) {
    const rows = sharedSqlite().prepare(`SELECT "predictionId", "oldLabel" FROM "LabelChange" WHERE "datasetId" = ? AND "id" > ? ORDER BY "id"`).raw(true).all(datasetId, afterId) as [number, number | null][];
    const out = new Map<number, number | null>();
    for (const [id, old] of rows) if (!out.has(id)) out.set(id, old);
    return out;
  },

  async create(datasetId, audit) {
    const db = sharedSqlite();
    return inWriteTransaction(db, () => {
      if (!db.prepare(`SELECT 1 FROM "Dataset" WHERE "id" = ?`).get(datasetId)) return null;
      const { lastInsertRowid } = db
        .prepare(`INSERT INTO "Audit" ("datasetId", "name", "createdAt", "size", "frameRows", "lastPredictionId", "lastLabelChangeId", "windowFrom", "windowTo", "frameTimeMin", "frameTimeMax", "design") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(datasetId, audit.name, Date.now(), audit.items.length, audit.frameRows, audit.lastPredictionId, audit.lastLabelChangeId, audit.windowFrom, audit.windowTo, audit.frameTimeMin, audit.frameTimeMax, audit.design);
      const id = Number(lastInsertRowid);
      insertItems(db, id, audit.items);
      return getAudit(db, id);
    });
  },

  async list(datasetId) {
    return sharedSqlite().prepare(`SELECT ${AUDIT_COLUMNS} FROM "Audit" WHERE "datasetId" = ? ORDER BY "createdAt" DESC, "id" DESC`).all(datasetId) as AuditRecord[];
  },

  async get(datasetId, auditId) {
    const audit = getAudit(sharedSqlite(), auditId);
    return audit && audit.datasetId === datasetId ? audit : null;
  },

  async revision(auditId) {
    const row = sharedSqlite().prepare(`SELECT "revision" FROM "Audit" WHERE "id" = ?`).get(auditId) as { revision: number } | undefined;
    return row ? row.revision : null;
  },

  async items(auditId) {
    return (sharedSqlite().prepare(`SELECT ${ITEM_COLUMNS} FROM "AuditItem" WHERE "auditId" = ? ORDER BY "queueOrder"`).all(auditId) as StoredItem[]).map(toItem);
  },

  async topUp(auditId, topUp) {
    const db = sharedSqlite();
    return inWriteTransaction(db, () => {
      if (!getAudit(db, auditId)) return null;
      db.prepare(`UPDATE "Audit" SET "size" = ?, "design" = ?, "revision" = "revision" + 1 WHERE "id" = ?`).run(topUp.size, topUp.design, auditId);
      const update = db.prepare(`UPDATE "AuditItem" SET "inclusionProbability" = ? WHERE "auditId" = ? AND "stratum" = ?`);
      topUp.inclusionProbabilities.forEach((p, h) => update.run(p, auditId, h));
      insertItems(db, auditId, topUp.items);
      return getAudit(db, auditId);
    });
  },

  async rename(auditId, name) {
    const db = sharedSqlite();
    return inWriteTransaction(db, () => (db.prepare(`UPDATE "Audit" SET "name" = ? WHERE "id" = ?`).run(name, auditId).changes ? getAudit(db, auditId) : null));
  },

  async delete(datasetId, auditId) {
    const db = sharedSqlite();
    return inWriteTransaction(db, () => db.prepare(`DELETE FROM "Audit" WHERE "id" = ? AND "datasetId" = ?`).run(auditId, datasetId).changes > 0);
  },

  async claim(auditId, reviewer, limit, now, holdMs) {
    const db = sharedSqlite();
    return inWriteTransaction(db, () => {
      // One conditional UPDATE under the write lock: an item is handed to one reviewer at a time.
      const claimed = db
        .prepare(
          `UPDATE "AuditItem" SET "heldBy" = @reviewer, "heldUntil" = @until WHERE "id" IN (
             SELECT "id" FROM "AuditItem" WHERE "auditId" = @auditId AND ${PENDING_FOR}
               AND ("heldUntil" IS NULL OR "heldUntil" <= @now OR "heldBy" = @reviewer)
             ORDER BY "queueOrder" LIMIT @limit)
           RETURNING ${ITEM_COLUMNS}`,
        )
        .all({ auditId, reviewer, now, until: now + holdMs, limit }) as StoredItem[];
      const left = db
        .prepare(`SELECT SUM("label" IS NULL) AS first, SUM("doubleReview" = 1 AND "secondLabel" IS NULL) AS second FROM "AuditItem" WHERE "auditId" = ?`)
        .get(auditId) as { first: number | null; second: number | null };
      return { items: claimed.map(toItem).sort((a, b) => a.order - b.order), remaining: left.first ?? 0, secondRemaining: left.second ?? 0 };
    });
  },

  async saveReviews(auditId, updates) {
    const db = sharedSqlite();
    await inWriteTransaction(db, () => {
      const update = db.prepare(
        `UPDATE "AuditItem" SET "label" = ?, "reviewer" = ?, "labeledAt" = ?, "secondLabel" = ?, "secondReviewer" = ?, "secondLabeledAt" = ?, "heldBy" = NULL, "heldUntil" = NULL WHERE "id" = ? AND "auditId" = ?`,
      );
      for (const u of updates) update.run(u.label, u.reviewer, u.labeledAt, u.secondLabel, u.secondReviewer, u.secondLabeledAt, u.id, auditId);
      db.prepare(`UPDATE "Audit" SET "revision" = "revision" + 1 WHERE "id" = ?`).run(auditId);
    });
  },

  async skip(auditId, itemId, reviewer) {
    const db = sharedSqlite();
    return inWriteTransaction(db, () => {
      const { changes } = db.prepare(`UPDATE "AuditItem" SET "skippedBy" = ?, "skips" = "skips" + 1, "heldBy" = NULL, "heldUntil" = NULL WHERE "id" = ? AND "auditId" = ?`).run(reviewer, itemId, auditId);
      if (changes) db.prepare(`UPDATE "Audit" SET "revision" = "revision" + 1 WHERE "id" = ?`).run(auditId);
      return changes > 0;
    });
  },
};
