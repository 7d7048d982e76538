/**
 * Alert webhooks: one JSON POST per new alert to the dataset's webhook URL, sent in the
 * background (never while an append waits), one at a time, each retried with backoff.
 */
import { config } from "../config";
import { store, type AlertView } from "../db";

/** Attempts per alert: the first and up to 3 retries, waiting 1 s, 2 s, 4 s (CUTOFF_WEBHOOK_RETRY_MS doubled). */
export const WEBHOOK_ATTEMPTS = 4;
/** An attempt that has not answered after this long counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 5000;

/** The JSON body of an alert's POST. */
export function webhookBody(alert: AlertView, dataset: { id: number; name: string }) {
  const { id, key, kind, period, start, message, values, rule, threshold, createdAt } = alert;
  return {
    type: "cutoff.alert",
    dataset: { id: dataset.id, name: dataset.name },
    alert: { id, key, kind, period, start, message, values, rule, threshold, createdAt },
    page: `/datasets/${dataset.id}/monitoring`,
  };
}

/** Whether a status is worth another attempt: server errors, timeouts and rate limits (other 4xx will not change). */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

export interface DeliveryResult {
  delivered: boolean;
  attempts: number;
  error: string | null;
}

/**
 * POSTs `body` to `url` until a 2xx answer, at most `attempts` times, waiting `baseDelayMs`,
 * then twice as long each retry. Never throws.
 */
export async function postWithRetries(url: string, body: unknown, o: { attempts?: number; baseDelayMs?: number; timeoutMs?: number; onAttempt?: (r: DeliveryResult) => Promise<void> | void } = {}): Promise<DeliveryResult> {
  const attempts = o.attempts ?? WEBHOOK_ATTEMPTS;
  const base = o.baseDelayMs ?? config().CUTOFF_WEBHOOK_RETRY_MS;
  let error: string | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let again = true;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Cutoff alerts" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(o.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
        redirect: "error",
      });
      await response.body?.cancel();
      if (response.ok) {
        const done = { delivered: true, attempts: attempt, error: null };
        await o.onAttempt?.(done);
        return done;
      }
      error = `the webhook answered ${response.status}`;
      again = retryable(response.status);
    } catch (e) {
      const cause = (e as Error & { cause?: { code?: string } }).cause?.code;
      error = (e as Error).name === "TimeoutError" ? `the webhook did not answer within ${(o.timeoutMs ?? WEBHOOK_TIMEOUT_MS) / 1000} s` : `the webhook could not be reached${cause ? ` (${cause})` : ""}`;
    }
    const last = !again || attempt === attempts;
    await o.onAttempt?.({ delivered: false, attempts: attempt, error });
    if (last) return { delivered: false, attempts: attempt, error };
    await new Promise((resolve) => setTimeout(resolve, base * 2 ** (attempt - 1)));
  }
  return { delivered: false, attempts, error };
}

// One queue per dataset and process (on globalThis: Next may load this module in several bundles).
const queues = ((globalThis as unknown as { cutoffWebhooks?: Map<number, Promise<void>> }).cutoffWebhooks ??= new Map());

const record = (alertId: number, r: DeliveryResult, final: boolean) =>
  store()
    .alerts.recordDelivery(alertId, { status: r.delivered ? "delivered" : final ? "failed" : "pending", attempts: r.attempts, error: r.error, deliveredAt: r.delivered ? new Date() : null })
    .catch((e: unknown) => console.error("alert webhook: the attempt could not be recorded", e));

/**
 * Sends each alert's POST in the background, after the dataset's alerts already queued (a slow
 * receiver delays only its own dataset's alerts); every attempt is recorded on the alert.
 * Resolves when these are sent or given up; never rejects.
 */
export function queueWebhooks(url: string, dataset: { id: number; name: string }, alerts: AlertView[]): Promise<void> {
  const previous = queues.get(dataset.id) ?? Promise.resolve();
  const next = previous.then(async () => {
    for (const alert of alerts) {
      const result = await postWithRetries(url, webhookBody(alert, dataset), { onAttempt: (r) => (r.delivered ? undefined : record(alert.id, r, false)) });
      await record(alert.id, result, true);
    }
  });
  const settled = next.catch((e: unknown) => console.error("alert webhook", e));
  queues.set(dataset.id, settled);
  void settled.then(() => queues.get(dataset.id) === settled && queues.delete(dataset.id));
  return settled;
}
