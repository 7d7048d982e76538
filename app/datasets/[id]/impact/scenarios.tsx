"use client";

import { useState } from "react";
import type { ScenarioView } from "@/lib/db";
import type { CumulativeTable } from "@/lib/metrics/score-table";
import { formatAverage, formatMoney, formatThreshold } from "@/lib/format";
import { parseStoredSettings, resolveSettings, type DatasetFacts, type StorySettings } from "@/lib/story/settings";
import { storyAt } from "@/lib/story/story";

const MAX_COMPARED = 4;

interface Props {
  datasetId: number;
  initial: ScenarioView[];
  table: CumulativeTable;
  facts: DatasetFacts;
  threshold: number;
  settings: StorySettings;
  onUse: (scenario: ScenarioView) => void;
}

type Column = { key: string; name: string; threshold: number; settings: StorySettings; scenario?: ScenarioView };

/** Named scenarios: save the current view, compare up to four side by side, use or delete one. */
export function Scenarios({ datasetId, initial, table, facts, threshold, settings, onUse }: Props) {
  const [scenarios, setScenarios] = useState(initial);
  const [compared, setCompared] = useState<number[]>(() => initial.slice(-MAX_COMPARED).map((s) => s.id));
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setError(null);
    const saving = name;
    const response = await fetch(`/api/datasets/${datasetId}/scenarios`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: saving, threshold, settings }),
    });
    const body = await response.json();
    if (!response.ok) return setError(body.error?.message ?? "the scenario could not be saved");
    setScenarios((list) => [...list.filter((s) => s.id !== body.id), body]);
    setCompared((ids) => [...ids.filter((id) => id !== body.id), body.id].slice(-MAX_COMPARED));
    setName((current) => (current === saving ? "" : current));
  }

  async function remove(id: number) {
    const response = await fetch(`/api/datasets/${datasetId}/scenarios/${id}`, { method: "DELETE" });
    if (!response.ok && response.status !== 404) return setError("the scenario could not be deleted");
    setScenarios((list) => list.filter((s) => s.id !== id));
    setCompared((ids) => ids.filter((x) => x !== id));
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
    { label: "Expected cost a day", value: (c) => (c.story.cost === null ? "unknown" : formatMoney(c.story.cost, c.resolved.costs.currency)) },
  ];

  return (
    <div className="stack">
      <form className="impact-scenario-save" onSubmit={(e) => (e.preventDefault(), save())}>
        <label>
          <span>Scenario name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Catch more fraud" maxLength={80} />
        </label>
        <button type="submit" className="button" disabled={!name.trim()}>Save current view as scenario</button>
        {error ? <span className="impact-field-error" role="alert">{error}</span> : null}
      </form>
      {scenarios.length ? (
        <fieldset className="impact-scenario-pick">
          <legend>Compare (up to {MAX_COMPARED})</legend>
          {scenarios.map((s) => (
            <span key={s.id} className="impact-scenario-chip">
              <label>
                <input type="checkbox" checked={compared.includes(s.id)} onChange={() => toggle(s.id)} /> {s.name}
              </label>
              <button type="button" className="button" onClick={() => onUse(s)} aria-label={`Use scenario ${s.name}`}>Use</button>
              <button type="button" className="button" onClick={() => remove(s.id)} aria-label={`Delete scenario ${s.name}`}>Delete</button>
            </span>
          ))}
        </fieldset>
      ) : (
        <p className="muted small">No scenarios yet: save the current view under a name to compare it with others later.</p>
      )}
      <div style={{ overflowX: "auto" }}>
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
      </div>
    </div>
  );
}
