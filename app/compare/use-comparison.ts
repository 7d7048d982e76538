"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { compareOnGrid, cumulatePairedGrid, describeComparison, type PairedGrid } from "@/lib/compare";
import { useLoaded } from "@/app/datasets/[id]/gallery/use-gallery-data";
import { fetchComparison, type CompareAnswer, type CompareView, type PairedAnswer } from "./compare-api";

const keyOf = (view: CompareView) => JSON.stringify(view);

/**
 * The server's answer for a view, one request at a time: while one is out, only the latest view
 * waits, so dragging the review load sends a request per answered frame, never a queue.
 */
function useServerAnswer(enabled: boolean, a: number, b: number, view: CompareView) {
  const [answer, setAnswer] = useState<{ key: string; data: CompareAnswer } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const wanted = useRef(view);
  const busy = useRef(false);
  const key = keyOf(view);
  useEffect(() => {
    wanted.current = view;
    if (!enabled) return;
    const run = () => {
      if (busy.current) return;
      busy.current = true;
      const asked = wanted.current;
      fetchComparison(a, b, asked)
        .then((data) => {
          setAnswer({ key: keyOf(asked), data });
          setError(null);
        })
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
        .finally(() => {
          busy.current = false;
          if (keyOf(wanted.current) !== keyOf(asked)) run();
        });
    };
    run();
    // `key` stands for `view`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, a, b, key]);
  return { answer, error, current: answer?.key === key };
}

/**
 * What the page shows for a view. Paired at one threshold: computed here on every frame from the
 * paired grid (exact at every 4-decimal threshold), the per-slice table asked of the server once
 * the threshold rests. At the same load, and for A/B tests: the server's answer (a few ms).
 */
export function useComparison(initial: CompareAnswer, grid: PairedGrid | null, view: CompareView) {
  const a = initial.datasets.a.id;
  const b = initial.datasets.b.id;
  const local = initial.kind === "paired" && grid !== null && view.mode === "threshold";
  const cumulative = useMemo(() => (grid ? cumulatePairedGrid(grid) : null), [grid]);
  const server = useServerAnswer(!local, a, b, view);
  const slices = useLoaded(local ? keyOf(view) : "off", (signal) => (local ? fetchComparison(a, b, view, signal) : Promise.resolve(null)), 150);
  const margins = { ...(view.missedMargin !== null ? { missed: view.missedMargin } : {}), ...(view.falseAlarmMargin !== null ? { falseAlarms: view.falseAlarmMargin } : {}) };
  if (local && initial.kind === "paired" && cumulative) {
    const lastSlices = slices.data?.kind === "paired" ? slices.data.slices : null;
    const report = compareOnGrid(initial, cumulative, view.threshold, initial.traffic, { margins }, lastSlices ?? initial.slices);
    const answer: PairedAnswer = {
      ...initial, ...report, reviewsPerDay: null,
      sentences: describeComparison(report, { vocabulary: initial.vocabulary, volumePerDay: initial.traffic.volumePerDay }, initial.names),
    };
    return { answer, pending: false, slicesPending: slices.loading, error: slices.error };
  }
  const fresh = server.answer?.data;
  // Until the first answer arrives, the page's own (server-rendered) answer stands.
  const shown = fresh ? ({ ...initial, ...fresh } as CompareAnswer) : initial;
  return { answer: shown, pending: !server.current, slicesPending: false, error: server.error };
}
