"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Vocabulary } from "@/lib/story/settings";
import type { ResolvedSettings } from "@/lib/story/settings";
import { useReviewer } from "../gallery/use-gallery-data";
import { fetchAudit, type AuditView } from "./audit-api";
import { AuditPanel } from "./audit-panel";
import { EstimatePanel } from "./estimate-panel";
import { NewAuditForm } from "./new-audit-form";
import { ReviewCard, type ReviewColumns } from "./review-card";
import { isTyping, reviewAction } from "./review-keys";
import { useReviewQueue } from "./use-review-queue";

interface Props {
  datasetId: number;
  initialAudits: AuditView[];
  initialAuditId: number | null;
  vocabulary: Vocabulary;
  volume: Pick<ResolvedSettings, "volumePerDay" | "volumeSource" | "period">;
  columns: ReviewColumns;
  unlabeled: number;
  hasTimestamps: boolean;
  timeRange: { min: string | null; max: string | null };
}

/** The Review tab: pick or draw an audit, then label its items one at a time. */
export function ReviewView(props: Props) {
  const { datasetId, vocabulary } = props;
  const [audits, setAudits] = useState(props.initialAudits);
  const [auditId, setAuditId] = useState(props.initialAuditId);
  const [drawing, setDrawing] = useState(props.initialAudits.length === 0);
  const audit = audits.find((a) => a.id === auditId) ?? null;
  const replace = (next: AuditView) => setAudits((list) => [next, ...list.filter((a) => a.id !== next.id)].sort((a, b) => b.id - a.id));

  useEffect(() => {
    const url = new URL(window.location.href);
    if (auditId === null || url.searchParams.get("audit") === String(auditId)) return;
    url.searchParams.set("audit", String(auditId));
    window.history.replaceState(null, "", url);
  }, [auditId]);

  return (
    <div className="review stack">
      <section className="card review-bar" aria-label="Audit">
        <div className="review-bar-main">
          {audits.length > 1 ? (
            <label className="review-select">
              <span className="small muted">Audit</span>
              <select value={auditId ?? ""} onChange={(e) => setAuditId(Number(e.target.value))}>
                {audits.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.labeled.toLocaleString("en-US")} of {a.size.toLocaleString("en-US")})</option>)}
              </select>
            </label>
          ) : audit ? <h2 className="review-title">{audit.name}</h2> : <h2 className="review-title">Audits</h2>}
          {audit ? <Progress audit={audit} /> : null}
        </div>
        <button type="button" className="button" onClick={() => setDrawing((d) => !d)} aria-expanded={drawing}>{drawing ? "Close" : "New audit"}</button>
      </section>
      {drawing ? (
        <NewAuditForm
          datasetId={datasetId}
          unlabeled={props.unlabeled}
          hasTimestamps={props.hasTimestamps}
          timeRange={props.timeRange}
          vocabulary={vocabulary}
          onDrawn={(created) => {
            replace(created);
            setAuditId(created.id);
            setDrawing(false);
          }}
        />
      ) : null}
      {audit ? <AuditReview key={audit.id} audit={audit} onAudit={replace} {...props} /> : null}
    </div>
  );
}

function Progress({ audit }: { audit: AuditView }) {
  const share = audit.size ? audit.labeled / audit.size : 0;
  return (
    <div className="review-progress">
      <p className="review-progress-text" data-testid="review-progress">
        <strong>{audit.labeled.toLocaleString("en-US")} of {audit.size.toLocaleString("en-US")}</strong> labelled
        {audit.skipped ? <span className="muted"> · {audit.skipped.toLocaleString("en-US")} skipped</span> : null}
      </p>
      <div className="review-progress-bar" role="progressbar" aria-label="Labelled" aria-valuemin={0} aria-valuemax={audit.size} aria-valuenow={audit.labeled}>
        <span style={{ width: `${(100 * share).toFixed(2)}%` }} />
      </div>
    </div>
  );
}

function AuditReview({ datasetId, audit, onAudit, vocabulary, volume, columns }: Props & { audit: AuditView; onAudit: (a: AuditView) => void }) {
  const [reviewer, setReviewer] = useReviewer();
  const [draftName, setDraftName] = useState("");
  const [revision, setRevision] = useState(audit.revision);
  const refresh = useCallback(() => {
    void fetchAudit(datasetId, audit.id).then((next) => {
      onAudit(next);
      setRevision(next.revision);
    }, () => undefined);
  }, [datasetId, audit.id, onAudit]);
  return (
    <div className="review-layout">
      <div className="stack review-main">
        {!reviewer ? (
          <form className="card review-name" onSubmit={(e) => (e.preventDefault(), draftName.trim() && setReviewer(draftName.trim()))}>
            <label htmlFor="review-name">Who is reviewing? Your name goes with every label you give.</label>
            <div className="review-name-row">
              <input id="review-name" value={draftName} onChange={(e) => setDraftName(e.target.value)} maxLength={80} autoComplete="name" placeholder="e.g. Ana" />
              <button type="submit" className="button button-primary" disabled={!draftName.trim()}>Start reviewing</button>
            </div>
          </form>
        ) : (
          <Reviewing key={reviewer} datasetId={datasetId} auditId={audit.id} reviewer={reviewer} columns={columns} vocabulary={vocabulary} onChanged={refresh} onChangeReviewer={() => setReviewer("")} />
        )}
      </div>
      <aside className="stack review-side" aria-label="What the audit says">
        <EstimatePanel datasetId={datasetId} audit={audit} revision={revision} vocabulary={vocabulary} volume={volume} />
        <AuditPanel datasetId={datasetId} audit={audit} revision={revision} vocabulary={vocabulary} onAudit={(next) => (onAudit(next), setRevision(next.revision))} />
      </aside>
    </div>
  );
}

/** One reviewer's session: their queue, the keys, the card. */
function Reviewing({ datasetId, auditId, reviewer, columns, vocabulary, onChanged, onChangeReviewer }: {
  datasetId: number; auditId: number; reviewer: string; columns: ReviewColumns; vocabulary: Vocabulary; onChanged: () => void; onChangeReviewer: () => void;
}) {
  const [showScore, setShowScore] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const queue = useReviewQueue(datasetId, auditId, reviewer, onChanged);
  const item = queue.current;
  const describe = (id: string | null, row: number) => (id ? `“${id}”` : `row ${row}`);

  const run = useRef<(type: string) => void>(() => undefined);
  useEffect(() => {
    run.current = (type: string) => {
      if (type === "toggle-score") return setShowScore((s) => !s);
      if (type === "undo") {
        const last = queue.lastStep;
        if (!last) return setStatus("Nothing to undo yet.");
        void queue.undo().then(() => setStatus(`Undone: ${describe(last.item.exampleId, last.item.row)} is back${last.kind === "label" ? ", not labelled" : ""}.`));
        return;
      }
      if (!item) return;
      if (type === "skip") {
        setStatus(`Skipped ${describe(item.exampleId, item.row)}: it goes to another reviewer.`);
        void queue.skip();
      } else {
        const positive = type === "positive";
        setStatus(`Labelled ${describe(item.exampleId, item.row)} ${positive ? vocabulary.positive : vocabulary.negative}.`);
        void queue.label(positive ? 1 : 0);
      }
    };
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const action = reviewAction(event);
      if (!action) return;
      event.preventDefault();
      run.current(action.type);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  return (
    <ReviewCard
      datasetId={datasetId}
      item={item}
      loaded={queue.loaded}
      remaining={queue.remaining}
      columns={columns}
      vocabulary={vocabulary}
      showScore={showScore}
      reviewer={reviewer}
      status={status}
      error={queue.error}
      canUndo={queue.lastStep !== null}
      onAction={(type) => run.current(type)}
      onChangeReviewer={onChangeReviewer}
    />
  );
}
