"use client";

import { useState } from "react";
import type { ScenarioView } from "@/lib/db";
import type { CumulativeTable } from "@/lib/metrics/score-table";
import { formatAverage, formatMoney, formatThreshold } from "@/lib/format";
import { parseStoredSettings, resolveSettings, type DatasetFacts, type StorySettings } from "@/lib/story/settings";
import { storyAt } from "@/lib/story/story";
import { hasCosts } from "@/lib/story/costs";
import { requestJson, RequestFailed } from "@/app/ui/request";

const MAX_COMPARED = 4;

interface Props {
  datasetId: number;
  initial: ScenarioView[];
  table: CumulativeTable;
  facts: DatasetFacts;
  threshold: number;
  settings: StorySettings;
  onUse: (scenario: ScenarioView) => void;
  /** The labels are an audit's weighted sample: no side-by-side counts of them (they would be biased). */
  weighted?: boolean;
}

type Column = { key: string; name: string; threshold: number; settings: StorySettings; scenario?: ScenarioView };

/** Named scenarios: save the current view, compare up to four side by side, use or delete one. */
export function Scenarios({ datasetId, initial, table, facts, threshold, settings, onUse, weighted = false }: Props) {
  const [scenarios, setScenarios] = useState(initial);
  const [compared, setCompared] = useState<number[]>(() => initial.slice(-MAX_COMPARED).map((s) => s.id));
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  /** A save under a name that is taken waits for "Replace". */
  const [replacing, setReplacing] = useState<ScenarioView | null>(null);
  /** The last deleted scenario, which "Undo" saves again. */
  const [deleted, setDeleted] = useState<ScenarioView | null>(null);

  async function post(scenario: { name: string; threshold: number; settings: unknown }): Promise<ScenarioView | null> {
    try {
      const body = await requestJson<ScenarioView>(`/api/datasets/${datasetId}/scenarios`, { method: "POST", body: JSON.stringify(scenario) }, "the scenario was not saved");
      setScenarios((list) => [...list.filter((s) => s.id !== body.id && s.name !== body.name), body]);
      setCompared((ids) => [...ids.filter((id) => id !== body.id), body.id].slice(-MAX_COMPARED));
      return body;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return null;
    }
  }

  async function save(confirmed = false) {
    setError(null);
    setDeleted(null);
    const saving = name.trim();
    const taken = scenarios.find((s) => s.name === saving);
    if (taken && !confirmed) return setReplacing(taken);
    setReplacing(null);
    if (await post({ name: saving, threshold, settings })) setName((current) => (current.trim() === saving ? "" : current));
  }

  async function remove(scenario: ScenarioView) {
    setError(null);
    try {
      await requestJson<null>(`/api/datasets/${datasetId}/scenarios/${scenario.id}`, { method: "DELETE" }, "the scenario was not deleted");
    } catch (e) {
      if (!(e instanceof RequestFailed && e.status === 404)) return setError(e instanceof Error ? e.message : String(e));
    }
    setScenarios((list) => list.filter((s) => s.id !== scenario.id));
    setCompared((ids) => ids.filter((x) => x !== scenario.id));
    setDeleted(scenario);
  }

  async function undoDelete() {
    if (!deleted) return;
    const again = await post({ name: deleted.name, threshold: deleted.threshold, settings: deleted.settings });
    if (again) setDeleted(null);
  }

  const toggle = (id: number) =>
    setCompared((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id].slice(-MAX_COMPARED)));

  const columns: Column[] = [
    { key: "current", name: "Current view", threshold, settings },
    ...scenarios.filter((s) => compared.includes(s.id)).map((s) => ({ key: String(s.id), name: s.name, threshold: s.threshold, settings: parseStoredSettings(s.settings), scenario: s })),
  ];
  const computed = columns.map((c) => {
    const resolved = resolveSettings(c.settings, facts);
    return { ...c, resolved, story: storyAt(table, c.threshold, resolved) };
  });
  const count = (x: number | null) => (x === null ? "unknown" : formatAverage(x));
  const rows: { label: string; value: (c: (typeof computed)[number]) => string }[] = [
    { label: "Threshold", value: (c) => formatThreshold(c.threshold) },
    { label: "Volume a day", value: (c) => formatAverage(c.resolved.volumePerDay) },
    { label: "Flagged a day", value: (c) => count(c.story.daily.flagged) },
    { label: "False alarms a day", value: (c) => count(c.story.daily.falsePositives) },
    { label: "Caught a day", value: (c) => count(c.story.daily.truePositives) },
    { label: "Missed a day", value: (c) => count(c.story.daily.falseNegatives) },
    { label: "Expected cost a day", value: (c) => (!hasCosts(c.resolved.costs) ? "no costs entered" : c.story.cost === null ? "unknown" : formatMoney(c.story.cost, c.resolved.costs.currency)) },
  ];

  return (
    <div className="stack">
      <form className="impact-scenario-save" onSubmit={(e) => (e.preventDefault(), void save())}>
        <label>
          <span>Scenario name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Catch more fraud" maxLength={80} />
        </label>
        <button type="submit" className="button" disabled={!name.trim()}>Save current view as scenario</button>
        {error ? <span className="impact-field-error" role="alert">{error}</span> : null}
      </form>
      {replacing ? (
        <div className="alert impact-confirm" role="alertdialog" aria-label="Replace scenario">
          <p>
            A scenario named “{replacing.name}” already exists (threshold {formatThreshold(replacing.threshold)}). Replace it with the current view (threshold{" "}
            {formatThreshold(threshold)})?
          </p>
          <button type="button" className="button button-primary" onClick={() => void save(true)}>Replace “{replacing.name}”</button>{" "}
          <button type="button" className="button" onClick={() => setReplacing(null)}>Cancel</button>
        </div>
      ) : null}
      {deleted ? (
        <p className="alert impact-confirm" role="status">
          Deleted the scenario “{deleted.name}”.{" "}
          <button type="button" className="button" onClick={() => void undoDelete()}>Undo</button>
        </p>
      ) : null}
      {scenarios.length ? (
        <fieldset className="impact-scenario-pick">
          <legend>Compare (up to {MAX_COMPARED})</legend>
          {scenarios.map((s) => (
            <span key={s.id} className="impact-scenario-chip">
              <label>
                <input type="checkbox" checked={compared.includes(s.id)} onChange={() => toggle(s.id)} /> {s.name}
              </label>
              <button type="button" className="button" onClick={() => onUse(s)} aria-label={`Use scenario ${s.name}`}>Use</button>
              <button type="button" className="button" onClick={() => void remove(s)} aria-label={`Delete scenario ${s.name}`}>Delete</button>
            </span>
          ))}
        </fieldset>
      ) : (
        <p className="muted small">No scenarios yet: save the current view under a name to compare it with others later.</p>
      )}
      {weighted ? (
        <p className="muted small">The side-by-side counts come from labelled items counted as they are; this dataset&apos;s labels are an audit&apos;s weighted sample, so they are not shown. Use a scenario to read the audit&apos;s estimates at its threshold above.</p>
      ) : <div style={{ overflowX: "auto" }}>
        <table className="table story-table" aria-label="Scenarios side by side">
          <thead>
            <tr>
              <th scope="col">Per day</th>
              {computed.map((c) => <th key={c.key} scope="col" className="num">{c.name}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {computed.map((c) => <td key={c.key} className="num">{r.value(c)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>}
    </div>
  );
}
