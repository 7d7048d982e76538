"use client";

import type { MappingChoice } from "./upload-request";

const ROLE_FIELDS = [
  { key: "label", title: "Label (true class)", required: true },
  { key: "score", title: "Score (probability of the positive class)", required: true },
  { key: "id", title: "Example id", required: false },
  { key: "timestamp", title: "Timestamp", required: false },
  { key: "text", title: "Text", required: false },
  { key: "image", title: "Image URL", required: false },
] as const;

interface Props {
  columns: string[];
  choice: MappingChoice;
  /** Distinct values of the chosen label column in the preview. */
  labelValues: string[];
  /** The label values are 1/0, true/false or yes/no: the positive class is known. */
  labelCodingKnown: boolean;
  onChange: (choice: MappingChoice) => void;
  disabled: boolean;
}

/** One select per role, slice checkboxes and the positive label: the editable detected mapping. */
export function MappingEditor({ columns, choice, labelValues, labelCodingKnown, onChange, disabled }: Props) {
  const set = (patch: Partial<MappingChoice>) => onChange({ ...choice, ...patch });
  return (
    <fieldset className="upload-mapping" disabled={disabled}>
      <legend>Columns</legend>
      <div className="upload-field">
        <label htmlFor="dataset-name">Dataset name</label>
        <input id="dataset-name" value={choice.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
      </div>
      <div className="upload-field upload-model">
        <div>
          <label htmlFor="dataset-model">Model (optional)</label>
          <input id="dataset-model" value={choice.model ?? ""} maxLength={100} placeholder="e.g. fraud" onChange={(e) => set({ model: e.target.value })} />
        </div>
        <div>
          <label htmlFor="dataset-version">Version</label>
          <input id="dataset-version" value={choice.version ?? ""} maxLength={100} placeholder="e.g. int8" disabled={!choice.model?.trim()} onChange={(e) => set({ version: e.target.value })} />
        </div>
      </div>
      {ROLE_FIELDS.map(({ key, title, required }) => (
        <div className="upload-field" key={key}>
          <label htmlFor={`role-${key}`}>{title}</label>
          <select id={`role-${key}`} value={choice[key]} onChange={(e) => set({ [key]: e.target.value, ...(key === "label" ? { positive: "" } : {}) })}>
            <option value="">{required ? "— choose a column —" : "— none —"}</option>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="upload-field">
        <label htmlFor="positive-label">Positive class</label>
        <select id="positive-label" value={choice.positive} onChange={(e) => set({ positive: e.target.value })}>
          <option value="">{labelCodingKnown ? "automatic (1, true, yes)" : "— choose the positive value —"}</option>
          {labelValues.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <p className="small muted">Label values in the first rows: {labelValues.length ? labelValues.join(", ") : "none"}. An empty label cell imports as unlabelled.</p>
      </div>
      <div className="upload-field">
        <span className="upload-field-title">Slices (categories to compare, e.g. country)</span>
        <div className="upload-slices">
          {columns
            .filter((c) => ![choice.label, choice.score, choice.id, choice.timestamp, choice.text, choice.image].includes(c))
            .map((c) => (
              <label key={c} className="upload-check">
                <input
                  type="checkbox"
                  checked={choice.slices.includes(c)}
                  onChange={(e) => set({ slices: e.target.checked ? [...choice.slices, c] : choice.slices.filter((s) => s !== c) })}
                />
                {c}
              </label>
            ))}
        </div>
        <p className="small muted">Every other column is kept and shown with the examples.</p>
      </div>
    </fieldset>
  );
}
