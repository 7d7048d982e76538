"use client";

import { useEffect, useRef, useState } from "react";
import { fetchEstimate, type EstimateAnswer } from "./audit-api";

/**
 * The audit's estimate at the current threshold, following it as it is dragged: one request at a
 * time, and when it returns the latest threshold is asked next (no backlog; the last answer stays
 * on screen until the next one arrives). `revision` changes after each new label.
 */
export function useAuditEstimate(datasetId: number, auditId: number | null, threshold: number, revision: number) {
  const [answer, setAnswer] = useState<EstimateAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const wanted = useRef("");
  const busy = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (auditId === null) return;
    wanted.current = `${auditId} ${threshold} ${revision}`;
    if (busy.current) return;
    busy.current = true;
    void (async () => {
      for (let asked = ""; asked !== wanted.current && mounted.current; ) {
        asked = wanted.current;
        const [id, t] = asked.split(" ").map(Number);
        try {
          const next = await fetchEstimate(datasetId, id, t);
          if (mounted.current) {
            setAnswer(next);
            setError(null);
          }
        } catch (e) {
          if (mounted.current) setError(e instanceof Error ? e.message : String(e));
        }
      }
      busy.current = false;
    })();
  }, [datasetId, auditId, threshold, revision]);

  return { answer: answer && answer.auditId === auditId ? answer : null, error };
}
