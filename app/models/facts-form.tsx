"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { MODEL_FORMATS, type ModelFacts } from "@/lib/models";
import { requestJson } from "@/app/ui/request";

const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text));

/** Edits a version's facts (format, size, latency, threshold, notes): PUT /api/models/:model/versions/:version. */
export function FactsForm({ model, version, facts }: { model: string; version: string; facts: ModelFacts | null }) {
  const router = useRouter();
  const [values, setValues] = useState({
    format: facts?.format ?? "",
    sizeMb: facts?.sizeMb?.toString() ?? "",
    latencyMs: facts?.latencyMs?.toString() ?? "",
    threshold: facts?.threshold?.toString() ?? "",
    notes: facts?.notes ?? "",
  });
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: boolean }>({ busy: false, error: null, saved: false });
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const bad = (["sizeMb", "latencyMs"] as const).filter((k) => values[k].trim() !== "" && !(Number(values[k]) >= 0));
  const badThreshold = values.threshold.trim() !== "" && !(Number(values.threshold) >= 0 && Number(values.threshold) <= 1);
  const id = `${model}-${version}`.replace(/[^a-z0-9]+/gi, "-");
  return (
    <form
      className="facts-form"
      aria-label={`Facts of ${model} ${version}`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (bad.length || badThreshold) return;
        setState({ busy: true, error: null, saved: false });
        try {
          const body = { format: values.format.trim() || null, sizeMb: numberOrNull(values.sizeMb), latencyMs: numberOrNull(values.latencyMs), threshold: numberOrNull(values.threshold), notes: values.notes };
          await requestJson(`/api/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`, { method: "PUT", body: JSON.stringify(body) }, "the facts were not saved");
          setState({ busy: false, error: null, saved: true });
          router.refresh();
        } catch (error) {
          setState({ busy: false, error: error instanceof Error ? error.message : String(error), saved: false });
        }
      }}
    >
      <label htmlFor={`${id}-format`}>Format</label>
      <input id={`${id}-format`} list="model-formats" value={values.format} onChange={set("format")} maxLength={40} placeholder="e.g. TF Lite" />
      <label htmlFor={`${id}-size`}>Size (MB)</label>
      <input id={`${id}-size`} inputMode="decimal" value={values.sizeMb} onChange={set("sizeMb")} aria-invalid={bad.includes("sizeMb")} />
      <label htmlFor={`${id}-latency`}>Median latency (ms)</label>
      <input id={`${id}-latency`} inputMode="decimal" value={values.latencyMs} onChange={set("latencyMs")} aria-invalid={bad.includes("latencyMs")} />
      <label htmlFor={`${id}-threshold`}>Runs at threshold</label>
      <input id={`${id}-threshold`} inputMode="decimal" value={values.threshold} onChange={set("threshold")} aria-invalid={badThreshold} placeholder="0.5" />
      <label htmlFor={`${id}-notes`}>Notes</label>
      <input id={`${id}-notes`} value={values.notes} onChange={set("notes")} maxLength={2000} placeholder="e.g. post-training int8 quantization" />
      <datalist id="model-formats">
        {MODEL_FORMATS.map((f) => <option key={f} value={f} />)}
      </datalist>
      <div className="facts-save">
        <button className="button button-primary" disabled={state.busy || bad.length > 0 || badThreshold}>Save facts</button>
        <span role="status" className="small">
          {bad.length || badThreshold ? <span className="impact-field-error">Sizes and latencies are numbers of 0 or more; the threshold is between 0 and 1.</span> : state.error ? <span className="impact-field-error">{state.error}</span> : state.saved ? "Saved." : ""}
        </span>
      </div>
    </form>
  );
}
