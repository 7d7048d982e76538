"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestJson } from "@/app/ui/request";

/** Puts a dataset under a model and version (PATCH /api/datasets/:id), e.g. one uploaded without them. */
export function AssignForm({ datasets, models }: { datasets: { id: number; name: string }[]; models: string[] }) {
  const router = useRouter();
  const [datasetId, setDatasetId] = useState(datasets[0]?.id ?? 0);
  const [model, setModel] = useState(models[0] ?? "");
  const [version, setVersion] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="assign-form"
      aria-label="Put a dataset under a model"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!model.trim()) return setError("Name the model, e.g. fraud.");
        setBusy(true);
        try {
          await requestJson(`/api/datasets/${datasetId}`, { method: "PATCH", body: JSON.stringify({ model: model.trim(), version: version.trim() || null }) }, "the dataset was not moved");
          setError(null);
          router.refresh();
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label>
        Dataset
        <select value={datasetId} onChange={(e) => setDatasetId(Number(e.target.value))}>
          {datasets.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>
      </label>
      <label>
        Model
        <input value={model} onChange={(e) => setModel(e.target.value)} list="known-models" maxLength={100} placeholder="e.g. fraud" />
      </label>
      <label>
        Version
        <input value={version} onChange={(e) => setVersion(e.target.value)} maxLength={100} placeholder="e.g. int8" />
      </label>
      <datalist id="known-models">
        {models.map((m) => <option key={m} value={m} />)}
      </datalist>
      <button className="button" disabled={busy}>Put it there</button>
      {error ? <p className="impact-field-error" role="alert">{error}</p> : null}
    </form>
  );
}
