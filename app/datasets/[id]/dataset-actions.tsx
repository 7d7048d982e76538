"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatCount } from "@/lib/format";
import { requestJson } from "@/app/ui/request";

/**
 * Rename and delete a dataset from its page. Deleting asks first, naming what goes with it
 * (rows, tags, notes, scenarios); there is no undo, so the confirmation is the safeguard.
 */
export function DatasetActions({ id, name, rows }: { id: number; name: string; rows: number }) {
  const router = useRouter();
  const [mode, setMode] = useState<"idle" | "rename" | "delete">("idle");
  const [draft, setDraft] = useState(name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function rename() {
    setBusy(true);
    setError(null);
    try {
      await requestJson(`/api/datasets/${id}`, { method: "PATCH", body: JSON.stringify({ name: draft.trim() }) }, "the dataset was not renamed");
      setMode("idle");
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await requestJson(`/api/datasets/${id}`, { method: "DELETE" }, "the dataset was not deleted");
      router.push(`/?deleted=${encodeURIComponent(name)}`);
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <div className="dataset-actions no-print">
      {mode === "idle" ? (
        <>
          <button type="button" className="button" onClick={() => (setDraft(name), setMode("rename"))}>Rename</button>
          <button type="button" className="button button-danger" onClick={() => setMode("delete")}>Delete…</button>
        </>
      ) : null}
      {mode === "rename" ? (
        <form className="dataset-rename" onSubmit={(e) => (e.preventDefault(), void rename())}>
          <label>
            <span className="visually-hidden">New name</span>
            <input aria-label="New name" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={200} autoFocus required />
          </label>
          <button type="submit" className="button button-primary" disabled={busy || !draft.trim() || draft.trim() === name}>Save name</button>
          <button type="button" className="button" onClick={() => setMode("idle")}>Cancel</button>
        </form>
      ) : null}
      {mode === "delete" ? (
        <div className="alert alert-error dataset-delete" role="alertdialog" aria-label="Delete this dataset">
          <p>
            Delete “{name}” with its {formatCount(rows)} rows, tags, notes and scenarios? This cannot be undone.
          </p>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void remove()}>Delete for good</button>{" "}
          <button type="button" className="button" onClick={() => setMode("idle")}>Keep it</button>
        </div>
      ) : null}
      {error ? <p className="alert alert-error small" role="alert">{error}</p> : null}
    </div>
  );
}
