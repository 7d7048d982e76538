import { Prisma } from "../../generated/sqlite/client";
import type { AlertStore } from "../store";
import type { AlertInput, AlertView, WebhookStatus } from "../types";
import { parseJsonObject } from "../views";
import { prisma } from "./prisma";

interface AlertRow {
  id: number;
  datasetId: number;
  key: string;
  kind: string;
  period: string;
  periodStart: Date;
  message: string;
  rule: string;
  details: string;
  threshold: number;
  createdAt: Date;
  clearedAt: Date | null;
  webhookStatus: string;
  webhookAttempts: number;
  webhookError: string | null;
  deliveredAt: Date | null;
}

const STATUSES: readonly WebhookStatus[] = ["none", "pending", "delivered", "failed"];

function alertView(a: AlertRow): AlertView {
  return {
    id: a.id,
    datasetId: a.datasetId,
    key: a.key,
    kind: a.kind,
    period: a.period === "week" ? "week" : "day",
    start: a.periodStart.toISOString(),
    message: a.message,
    rule: parseJsonObject(a.rule),
    values: parseJsonObject(a.details),
    threshold: a.threshold,
    createdAt: a.createdAt.toISOString(),
    clearedAt: a.clearedAt?.toISOString() ?? null,
    active: a.clearedAt === null,
    webhook: {
      status: (STATUSES as readonly string[]).includes(a.webhookStatus) ? (a.webhookStatus as WebhookStatus) : "none",
      attempts: a.webhookAttempts,
      error: a.webhookError,
      deliveredAt: a.deliveredAt?.toISOString() ?? null,
    },
  };
}

const exists = async (datasetId: number) => (await prisma().dataset.findUnique({ where: { id: datasetId }, select: { id: true } })) !== null;

/** The stored columns of an alert's figures (what a check may change). */
const figures = (a: AlertInput) => ({ message: a.message, rule: JSON.stringify(a.rule), details: JSON.stringify(a.values), threshold: a.threshold });

const isDuplicate = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * One check's writes, each a statement of its own: a transaction that reads and then writes
 * cannot wait for the writer thread's lock (SQLite answers "database is locked" at once), a
 * single write waits for it (busy_timeout). A check is idempotent, so one cut short is completed
 * by the next; a key another process stored meanwhile is left to it (the unique index).
 */
async function syncAlerts(datasetId: number, raised: AlertInput[], webhook: boolean): Promise<AlertView[]> {
  const now = new Date();
  const stored = await prisma().alert.findMany({ where: { datasetId } });
  const byKey = new Map(stored.map((a) => [a.key, a]));
  const seen = new Set(raised.map((a) => a.key));
  const gone = stored.filter((a) => a.clearedAt === null && !seen.has(a.key)).map((a) => a.id);
  if (gone.length) await prisma().alert.updateMany({ where: { id: { in: gone } }, data: { clearedAt: now } });
  for (const a of raised) {
    const old = byKey.get(a.key);
    if (!old) continue;
    const next = figures(a);
    const differs = old.clearedAt !== null || old.message !== next.message || old.details !== next.details || old.threshold !== next.threshold || old.rule !== next.rule;
    if (differs) await prisma().alert.updateMany({ where: { id: old.id }, data: { ...next, clearedAt: null } });
  }
  const created: AlertView[] = [];
  for (const a of raised) {
    if (byKey.has(a.key)) continue;
    try {
      const row = await prisma().alert.create({
        data: { datasetId, key: a.key, kind: a.kind, period: a.period, periodStart: new Date(a.start), ...figures(a), createdAt: now, webhookStatus: webhook ? "pending" : "none" },
      });
      created.push(alertView(row));
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
  }
  return created;
}

/** Monitoring alerts on SQLite. */
export const sqliteAlerts: AlertStore = {
  async list(datasetId, { all = false, limit = 500 } = {}) {
    if (!(await exists(datasetId))) return null;
    const rows = await prisma().alert.findMany({
      where: { datasetId, ...(all ? {} : { clearedAt: null }) },
      orderBy: [{ periodStart: "desc" }, { id: "desc" }],
      take: limit,
    });
    return rows.map(alertView);
  },

  async sync(datasetId, raised, { webhook }) {
    if (!(await exists(datasetId))) return null;
    return syncAlerts(datasetId, raised, webhook);
  },

  async recordDelivery(alertId, d) {
    await prisma().alert.updateMany({ where: { id: alertId }, data: { webhookStatus: d.status, webhookAttempts: d.attempts, webhookError: d.error, deliveredAt: d.deliveredAt } });
  },

  async activeCounts() {
    const groups = await prisma().alert.groupBy({ by: ["datasetId"], where: { clearedAt: null }, _count: { _all: true } });
    return new Map(groups.map((g) => [g.datasetId, g._count._all]));
  },
};
