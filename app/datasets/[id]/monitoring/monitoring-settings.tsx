"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestJson } from "@/app/ui/request";
import { RULE_KINDS, ruleWords, type AlertRule, type ResolvedMonitoringSettings } from "@/lib/monitoring";
import type { Vocabulary } from "@/lib/story/settings";
import { RuleForm } from "./rule-form";

interface Props {
  datasetId: number;
  saved: ResolvedMonitoringSettings;
  /** The reference in use (canonical spec), saved or default. */
  referenceInUse: string;
  choices: { id: number; name: string; rows: number }[];
  threshold: number;
  vocabulary: Vocabulary;
}

const WINDOWS = [7, 14, 28].map((days) => ({ value: `window:first-${days}-days`, label: `the first ${days} days of this dataset` }));

/**
 * The monitoring settings, saved with the dataset: the reference, the threshold in production, the
 * alert rules and the webhook. Saving checks the rules at once and reloads the page's figures.
 */
export function MonitoringSettingsPanel({ datasetId, saved, referenceInUse, choices, threshold, vocabulary }: Props) {
  const router = useRouter();
  const [reference, setReference] = useState(saved.reference ?? "");
  const dates = /^window:(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(reference);
  const [from, setFrom] = useState(dates?.[1] ?? "");
  const [to, setTo] = useState(dates?.[2] ?? "");
  const [deployed, setDeployed] = useState(saved.deployedThreshold === null ? "" : String(saved.deployedThreshold));
  const [rules, setRules] = useState<AlertRule[]>(saved.alerts);
  const [webhook, setWebhook] = useState(saved.webhookUrl ?? "");
  const [state, setState] = useState<{ saving: boolean; message: string | null; error: string | null }>({ saving: false, message: null, error: null });
  const isDates = reference === "dates" || dates !== null;

  const save = async (patch: Partial<ResolvedMonitoringSettings> = {}) => {
    const spec = isDates ? (from && to ? `window:${from}..${to}` : null) : reference || null;
    const deployedValue = deployed.trim() === "" ? null : Number(deployed);
    const body = { reference: spec, deployedThreshold: deployedValue, alerts: rules, webhookUrl: webhook.trim() || null, ...patch };
    setState({ saving: true, message: null, error: null });
    try {
      const answer = await requestJson<{ check: { raised: number; created: number } }>(`/api/datasets/${datasetId}/monitoring/settings`, { method: "PUT", body: JSON.stringify(body) }, "the monitoring settings were not saved");
      setState({ saving: false, error: null, message: `Saved. The rules raise ${answer.check.raised} ${answer.check.raised === 1 ? "alert" : "alerts"} now (${answer.check.created} new).` });
      router.refresh();
    } catch (error) {
      setState({ saving: false, message: null, error: (error as Error).message });
    }
  };

  return (
    <section className="card stack" aria-labelledby="monitoring-settings-title">
      <h2 id="monitoring-settings-title">Reference, threshold in production and alerts</h2>
      <form
        className="monitoring-settings"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>Compare every period with</legend>
          <label className="impact-field">
            <span>Reference</span>
            <select value={isDates ? "dates" : reference} onChange={(e) => setReference(e.target.value)}>
              <option value="">default (in use now: {referenceInUse})</option>
              {WINDOWS.map((w) => <option key={w.value} value={w.value}>{w.label}</option>)}
              <option value="dates">days of this dataset from … to …</option>
              {choices.map((c) => <option key={c.id} value={`dataset:${c.id}`}>dataset “{c.name}” ({c.rows.toLocaleString("en-US")} rows)</option>)}
            </select>
          </label>
          {isDates ? (
            <div className="impact-row">
              <label className="impact-field"><span>First day (UTC)</span><input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required /></label>
              <label className="impact-field"><span>Last day (UTC)</span><input type="date" value={to} onChange={(e) => setTo(e.target.value)} required /></label>
            </div>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Threshold in production</legend>
          <div className="monitoring-inline">
            <label className="impact-field">
              <span>Flagged when score ≥</span>
              <input type="number" min={0} max={1} step="any" inputMode="decimal" value={deployed} placeholder="not set" onChange={(e) => setDeployed(e.target.value)} aria-describedby="deployed-hint" />
            </label>
            <button type="button" className="button" onClick={() => (setDeployed(String(threshold)), void save({ deployedThreshold: threshold }))}>
              Use {threshold} (the replayed one)
            </button>
          </div>
          <span id="deployed-hint" className="impact-field-hint">The replay compares other thresholds with it; alerts are checked at it (at 0.5 when it is not set).</span>
        </fieldset>
        <fieldset>
          <legend>Alert rules (checked on every append, per day)</legend>
          {rules.length ? (
            <ul className="rule-list">
              {rules.map((rule, i) => (
                <li key={`${rule.kind}-${i}`}>
                  <span>Alert on {ruleWords(rule, vocabulary)}</span>
                  <button type="button" className="link-button" onClick={() => setRules(rules.filter((_, k) => k !== i))} aria-label={`Remove the rule: ${ruleWords(rule, vocabulary)}`}>Remove</button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="small muted">No rules yet.</p>
          )}
          <RuleForm kinds={RULE_KINDS} onAdd={(rule) => setRules([...rules, rule])} />
        </fieldset>
        <fieldset>
          <legend>Webhook</legend>
          <label className="impact-field">
            <span>URL that receives a JSON POST per new alert (optional)</span>
            <input type="url" inputMode="url" value={webhook} placeholder="https://hooks.example.com/cutoff" onChange={(e) => setWebhook(e.target.value)} maxLength={2000} />
          </label>
          <span className="impact-field-hint">Failed deliveries are retried 3 times (after 1, 2 and 4 seconds); appends never wait for it.</span>
        </fieldset>
        <div className="impact-save">
          <button type="submit" className="button button-primary" disabled={state.saving}>{state.saving ? "Saving…" : "Save monitoring settings"}</button>
          {state.message ? <span className="small" role="status">{state.message}</span> : null}
          {state.error ? <span className="small impact-field-error" role="alert">{state.error}</span> : null}
        </div>
      </form>
    </section>
  );
}
