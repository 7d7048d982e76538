"use client";

import { useEffect, useState } from "react";
import { formatDate, formatDecimal } from "@/lib/format";
import type { Vocabulary } from "@/lib/story/settings";
import { exportHref, fetchLatestLabels, topUp, type AuditView, type GivenLabel } from "./audit-api";

interface Props {
  datasetId: number;
  audit: AuditView;
  revision: number;
  vocabulary: Vocabulary;
  onAudit: (next: AuditView) => void;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/** The audit's facts: where it was drawn from, who labelled what, agreement, top-up and export. */
export function AuditPanel({ datasetId, audit, revision, vocabulary: v, onAudit }: Props) {
  const [latest, setLatest] = useState<GivenLabel[]>([]);
  const [size, setSize] = useState(String(Math.min(audit.frameRows, audit.size * 2)));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    fetchLatestLabels(datasetId, audit.id).then((r) => alive && setLatest(r.labels), () => undefined);
    return () => {
      alive = false;
    };
  }, [datasetId, audit.id, revision]);
  const k = audit.agreement;
  const from = day(audit.window.from ?? audit.frameTimeMin);
  const to = day(audit.window.to ?? audit.frameTimeMax);
  async function submitTopUp(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      onAudit(await topUp(datasetId, audit.id, Number(size)));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <section className="card review-facts" aria-labelledby="review-facts-title">
      <h2 id="review-facts-title">This audit</h2>
      <p className="small">
        {audit.size.toLocaleString("en-US")} {v.itemPlural} drawn from the {audit.frameRows.toLocaleString("en-US")} not labelled when it started
        {from && to ? ` (${from === to ? from : `${from} to ${to}`})` : ""}, in {audit.strata} score bands, more densely where misses and false alarms hide.
      </p>
      <h3>Who labelled what</h3>
      {audit.reviewers.length ? (
        <ul className="review-reviewers" data-testid="review-reviewers">
          {audit.reviewers.map((r) => (
            <li key={r.reviewer}><strong>{r.reviewer || "(no name)"}</strong>: {r.first.toLocaleString("en-US")} labelled ({r.positives.toLocaleString("en-US")} {v.positive}){r.second ? `, ${r.second} second looks` : ""}</li>
          ))}
        </ul>
      ) : <p className="small muted">Nobody has labelled anything yet.</p>}
      {latest.length ? (
        <ol className="review-latest small" aria-label="Latest labels">
          {latest.map((l) => (
            <li key={`${l.itemId}-${l.review}`}>{l.exampleId ?? `row ${l.row}`}: <strong>{l.value === 1 ? v.positive : v.negative}</strong> by {l.reviewer ?? "(no name)"}{l.review === "second" ? " (second look)" : ""} <span className="muted">{formatDate(l.at)}</span></li>
          ))}
        </ol>
      ) : null}
      <h3>Two reviewers on the same {v.itemSingular}</h3>
      {audit.doubleReview.items ? (
        <p className="small" data-testid="review-kappa">
          {audit.doubleReview.items} {v.itemPlural} ({formatDecimal(audit.doubleReview.share * 100, 0)}%) go to two people; {audit.doubleReview.reviewed} have both labels.{" "}
          {k.pairs === 0 ? "Their agreement (Cohen's κ) shows once some have both labels." : k.kappa === null ? `Both gave every one of the ${k.pairs} the same class, so Cohen's κ cannot say yet how far they agree beyond chance.` : `They agree on ${formatDecimal(k.agreement * 100, 0)}%: Cohen's κ ${formatDecimal(k.kappa, 2)} (${formatDecimal(k.lower ?? 0, 2)} to ${formatDecimal(k.upper ?? 0, 2)}; 1 is full agreement, 0 no better than chance).`}
        </p>
      ) : <p className="small muted">No {v.itemSingular} of this audit goes to a second reviewer.</p>}
      <form className="review-topup" onSubmit={submitTopUp}>
        <label htmlFor="review-topup-size">Top up to</label>
        <input id="review-topup-size" type="number" min={audit.size + 1} max={audit.frameRows} step={1} value={size} onChange={(e) => setSize(e.target.value)} inputMode="numeric" />
        <button type="submit" className="button" disabled={!(Number(size) > audit.size)}>Top up</button>
      </form>
      <p className="small muted">A top-up draws more {v.itemPlural} in every band without changing the ones drawn: the ranges narrow, the estimates stay fair.</p>
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
      <a className="button" href={exportHref(datasetId, audit.id)} download>Export the labelled {v.itemPlural} (CSV with weights)</a>
    </section>
  );
}
