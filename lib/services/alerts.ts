/**
 * Alerts: every rule of a dataset checked against each of its days at the threshold in
 * production, stored once per rule and day (lib/db AlertStore), and each new one POSTed to the
 * webhook. Checks run after every append and late labels (after the answer is sent) and when the
 * rules change; checks of one dataset never overlap (a check asked for meanwhile runs once after).
 */
import { store, type AlertInput, type AlertView } from "../db";
import { evaluateAlerts, parseMonitoringSettings } from "../monitoring";
import { DEFAULT_MONITORING_THRESHOLD, hasTimestamps, loadMonitoring, reportAt } from "./monitoring";
import { queueWebhooks } from "./webhooks";

/** What one check did: alerts raised now (new or not) and the new ones (each sent to the webhook). */
export interface AlertCheck {
  raised: number;
  created: AlertView[];
  /** Resolves once the new alerts' webhooks are delivered or given up. */
  delivered: Promise<void>;
}

/** Checks a dataset's rules now; null when it does not exist. */
export async function checkAlerts(datasetId: number, now = Date.now()): Promise<AlertCheck | null> {
  const dataset = await store().datasets.get(datasetId);
  if (!dataset) return null;
  const settings = parseMonitoringSettings(dataset.settings);
  let raised: AlertInput[] = [];
  if (settings.alerts.length && hasTimestamps(dataset)) {
    const c = await loadMonitoring(datasetId, { period: "day", now });
    const threshold = settings.deployedThreshold ?? DEFAULT_MONITORING_THRESHOLD;
    const report = reportAt(c, threshold);
    raised = evaluateAlerts(settings.alerts, report.periods, now, { period: "day", vocabulary: c.settings.vocabulary }).map((a) => ({
      key: a.id,
      kind: a.kind,
      period: a.period,
      start: a.start,
      message: a.message,
      rule: a.rule,
      values: a.values,
      threshold,
    }));
  }
  const created = (await store().alerts.sync(datasetId, raised, { webhook: settings.webhookUrl !== null })) ?? [];
  const delivered = settings.webhookUrl && created.length ? queueWebhooks(settings.webhookUrl, dataset, created) : Promise.resolve();
  return { raised: raised.length, created, delivered };
}

interface Running {
  again: boolean;
  done: Promise<void>;
}
const running = ((globalThis as unknown as { cutoffAlertChecks?: Map<number, Running> }).cutoffAlertChecks ??= new Map());

/**
 * Checks a dataset's rules in the background: a check asked for while one runs makes that one
 * run once more when it ends (appends arriving 10 a second cost one check at a time, not ten).
 * Never rejects; problems are logged.
 */
export function scheduleAlertCheck(datasetId: number): Promise<void> {
  const current = running.get(datasetId);
  if (current) {
    current.again = true;
    return current.done;
  }
  const entry: Running = { again: false, done: Promise.resolve() };
  entry.done = (async () => {
    try {
      do {
        entry.again = false;
        try {
          await checkAlerts(datasetId);
        } catch (error) {
          if ((error as Error).name !== "NotFoundError") console.error(`alerts of dataset ${datasetId}: the check failed`, error);
        }
      } while (entry.again);
    } finally {
      running.delete(datasetId);
    }
  })();
  running.set(datasetId, entry);
  return entry.done;
}

/** A dataset's alerts (active ones, or all), newest period first; null when it does not exist. */
export async function listAlerts(datasetId: number, all = false) {
  const alerts = await store().alerts.list(datasetId, { all });
  return alerts && { active: alerts.filter((a) => a.active).length, alerts };
}
