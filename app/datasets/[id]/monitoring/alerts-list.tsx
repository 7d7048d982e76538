import type { AlertView } from "@/lib/db/types";

const SHOWN = 4;

const delivery = (a: AlertView) =>
  a.webhook.status === "delivered"
    ? "sent to the webhook"
    : a.webhook.status === "failed"
      ? `webhook failed after ${a.webhook.attempts} ${a.webhook.attempts === 1 ? "attempt" : "attempts"}${a.webhook.error ? ` (${a.webhook.error})` : ""}`
      : a.webhook.status === "pending"
        ? "webhook pending"
        : null;

/** The alerts that hold now, newest day first. */
function AlertItem({ alert: a, webhook }: { alert: AlertView; webhook: boolean }) {
  return (
    <li>
      <span className={`alert-kind alert-kind-${a.kind}`}>{a.kind === "falseAlarms" ? "false alarms" : a.kind === "labeled" ? "labels" : a.kind === "flagRate" ? "flag rate" : a.kind}</span> {a.message}
      {webhook && delivery(a) ? <span className="small muted"> · {delivery(a)}</span> : null}
    </li>
  );
}

export function AlertsList({ alerts, rules, webhook }: { alerts: AlertView[]; rules: number; webhook: boolean }) {
  const [shown, rest] = [alerts.slice(0, SHOWN), alerts.slice(SHOWN)];
  return (
    <section className={`card stack-sm monitoring-alerts${alerts.length ? " has-alerts" : ""}`} aria-labelledby="alerts-title">
      <h2 id="alerts-title">{alerts.length ? `${alerts.length} ${alerts.length === 1 ? "alert" : "alerts"}` : "Alerts"}</h2>
      {alerts.length === 0 ? (
        <p className="small muted">{rules ? `No alert: none of the ${rules} ${rules === 1 ? "rule" : "rules"} is broken.` : "No alert rules yet: add some below (misses or false alarms a day, flag rate, drift, labels late)."}</p>
      ) : (
        <>
          <ul className="alert-list">
            {shown.map((a) => <AlertItem key={a.id} alert={a} webhook={webhook} />)}
          </ul>
          {rest.length ? (
            <details>
              <summary className="small">{rest.length} older {rest.length === 1 ? "alert" : "alerts"}</summary>
              <ul className="alert-list">
                {rest.map((a) => <AlertItem key={a.id} alert={a} webhook={webhook} />)}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}
