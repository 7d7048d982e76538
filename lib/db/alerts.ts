/**
 * Monitoring alerts over a backend's Prisma client: the same calls on SQLite and PostgreSQL (each
 * backend passes its own client, lib/db/<backend>/index.ts).
 */
import type { AlertStore } from "./store";
import type { AlertInput, AlertView, WebhookStatus } from "./types";
import { parseJsonObject } from "./views";

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

type AlertWhere = { id?: number | { in: number[] }; datasetId?: number; clearedAt?: null };
type AlertData = Partial<Omit<AlertRow, "id">>;

/**
 * The calls this store makes, as both generated clients have them (their own types are generated
 * per schema, and the schemas are kept equal by tests/unit/schemas.test.ts).
 */
export interface AlertClient {
  dataset: { findUnique(args: { where: { id: number }; select: { id: true } }): Promise<{ id: number } | null> };
  alert: {
    findMany(args: { where: AlertWhere; orderBy?: Record<string, "asc" | "desc">[]; take?: number; select?: { datasetId: true } }): Promise<AlertRow[]>;
    updateMany(args: { where: AlertWhere; data: AlertData }): Promise<{ count: number }>;
    create(args: { data: AlertData }): Promise<AlertRow>;
  };
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


/** The stored columns of an alert's figures (what a check may change). */
const figures = (a: AlertInput) => ({ message: a.message, rule: JSON.stringify(a.rule), details: JSON.stringify(a.values), threshold: a.threshold });

/** A unique constraint refused the row (Prisma's P2002, from either client). */
const isDuplicate = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";

/**
 * One check's writes, each a statement of its own: a transaction that reads and then writes
 * cannot wait for the writer thread's lock (SQLite answers "database is locked" at once), a
 * single write waits for it (busy_timeout). A check is idempotent, so one cut short is completed
 * by the next; a key another process stored meanwhile is left to it (the unique index).
 */
async function syncAlerts(prisma: () => AlertClient, datasetId: number, raised: AlertInput[], webhook: boolean): Promise<AlertView[]> {
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

/** Monitoring alerts over `prisma` (a backend's client). */
export function prismaAlerts(prisma: () => AlertClient): AlertStore {
  const exists = async (datasetId: number) => (await prisma().dataset.findUnique({ where: { id: datasetId }, select: { id: true } })) !== null;
  return {
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
      return syncAlerts(prisma, datasetId, raised, webhook);
    },

    async recordDelivery(alertId, d) {
      await prisma().alert.updateMany({ where: { id: alertId }, data: { webhookStatus: d.status, webhookAttempts: d.attempts, webhookError: d.error, deliveredAt: d.deliveredAt } });
    },

    async activeCounts() {
      // Active alerts are few (one per rule and period): counted here.
      const active = await prisma().alert.findMany({ where: { clearedAt: null }, select: { datasetId: true } });
      const counts = new Map<number, number>();
      for (const { datasetId } of active) counts.set(datasetId, (counts.get(datasetId) ?? 0) + 1);
      return counts;
    },
  };
}
