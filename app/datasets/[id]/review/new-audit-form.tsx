"use client";

import { useState } from "react";
import type { Vocabulary } from "@/lib/story/settings";
import { useThreshold } from "../threshold-context";
import { createAudit, type AuditView, type NewAuditBody } from "./audit-api";

interface Props {
  datasetId: number;
  unlabeled: number;
  hasTimestamps: boolean;
  timeRange: { min: string | null; max: string | null };
  vocabulary: Vocabulary;
  onDrawn: (audit: AuditView) => void;
}

/** Draws a new audit: how many items, optionally a time window and a share for two reviewers. */
export function NewAuditForm({ datasetId, unlabeled, hasTimestamps, timeRange, vocabulary: v, onDrawn }: Props) {
  const { threshold } = useThreshold();
  const [size, setSize] = useState(String(Math.min(800, unlabeled)));
  const [name, setName] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [doubleShare, setDoubleShare] = useState("10");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (unlabeled === 0) {
    return <section className="card"><p>Every {v.itemSingular} of this dataset is labelled: an audit draws from the ones without a label, so there is nothing to audit.</p></section>;
  }
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: NewAuditBody = { size: Number(size), threshold, doubleReviewShare: Number(doubleShare) / 100 };
    if (name.trim()) body.name = name.trim();
    if (from) body.from = from;
    if (to) body.to = to;
    try {
      onDrawn(await createAudit(datasetId, body));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card review-new stack" onSubmit={submit} aria-labelledby="review-new-title">
      <h2 id="review-new-title">Draw an audit</h2>
      <p className="small">
        People label a sample of the {unlabeled.toLocaleString("en-US")} {v.itemPlural} without a label, and Cutoff turns their labels into estimates with honest ranges at any threshold.
        The sample is drawn by score band, more densely near the threshold ({threshold}) and among high scores, and enough among low scores to bound what is missed.
      </p>
      <div className="review-new-fields">
        <label>Items to label<input type="number" min={1} max={unlabeled} step={1} required value={size} onChange={(e) => setSize(e.target.value)} inputMode="numeric" /></label>
        <label>Name (optional)<input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder="e.g. November audit" /></label>
        <label>Share reviewed twice (%)<input type="number" min={0} max={50} step={1} value={doubleShare} onChange={(e) => setDoubleShare(e.target.value)} inputMode="numeric" /></label>
        {hasTimestamps ? (
          <>
            <label>From (optional)<input type="date" value={from} min={timeRange.min?.slice(0, 10)} max={timeRange.max?.slice(0, 10)} onChange={(e) => setFrom(e.target.value)} /></label>
            <label>Up to, not including (optional)<input type="date" value={to} min={timeRange.min?.slice(0, 10)} onChange={(e) => setTo(e.target.value)} /></label>
          </>
        ) : null}
      </div>
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
      <div><button type="submit" className="button button-primary" disabled={busy}>{busy ? "Drawing…" : "Draw the audit"}</button></div>
    </form>
  );
}
