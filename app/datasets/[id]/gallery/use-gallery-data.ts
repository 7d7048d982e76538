"use client";

import { useCallback, useEffect, useState } from "react";
import { fetchExamples, fetchFailureModes, fetchSlices, type ExamplePage, type FailureModes, type GalleryQuery, type SliceReport, type TimeWindow } from "./gallery-api";

interface Loaded<T> {
  /** The answer for the current key; never one of another key (another threshold, outcome or filter). */
  data: T | null;
  error: string | null;
  loading: boolean;
}

/**
 * Loads whatever `load` returns whenever `key` changes (debounced a little so dragging a
 * threshold does not flood the server); stale answers are aborted. `reload` fetches again.
 * The data shown always belongs to the current key: while a new key loads, or when it fails, the
 * previous answer is not passed off as the new one.
 */
export function useLoaded<T>(key: string, load: (signal: AbortSignal) => Promise<T>, delayMs = 120): Loaded<T> & { reload: () => void; setData: (update: (d: T | null) => T | null) => void } {
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null; loading: boolean }>({ key, data: null, error: null, loading: true });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, loading: true }));
      load(controller.signal)
        .then((data) => setState({ key, data, error: null, loading: false }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setState((s) => ({ key, data: s.key === key ? s.data : null, error: error instanceof Error ? error.message : String(error), loading: false }));
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` captures everything `load` depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version, delayMs]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const setData = useCallback((update: (d: T | null) => T | null) => setState((s) => ({ ...s, data: update(s.data) })), []);
  const current = state.key === key;
  return { data: current ? state.data : null, error: current ? state.error : null, loading: !current || state.loading, reload, setData };
}

/** One page of the gallery's examples. */
export function useExamplePage(datasetId: number, query: GalleryQuery, limit: number, offset: number) {
  const key = JSON.stringify([datasetId, query, limit, offset]);
  return useLoaded<ExamplePage>(key, (signal) => fetchExamples(datasetId, query, limit, offset, signal));
}

/**
 * How many false alarms and misses match the gallery's filters (slices, search) at the threshold:
 * the outcome buttons' counts, so that they agree with the list they open.
 */
export function useKindCounts(datasetId: number, threshold: number, slices: Record<string, string>, q: string, window: TimeWindow | null = null) {
  const key = JSON.stringify([datasetId, threshold, slices, q, window]);
  return useLoaded<{ fp: number; fn: number }>(key, async (signal) => {
    const count = (kind: "fp" | "fn") => fetchExamples(datasetId, { threshold, kind, slices, q, window }, 0, 0, signal).then((p) => p.total);
    const [fp, fn] = await Promise.all([count("fp"), count("fn")]);
    return { fp, fn };
  });
}

/** Tag counts among the errors at the threshold, with daily estimates. */
export function useFailureModes(datasetId: number, threshold: number) {
  return useLoaded<FailureModes>(`${datasetId}:${threshold}`, (signal) => fetchFailureModes(datasetId, threshold, signal));
}

/** Errors per slice value at the threshold. */
export function useSlices(datasetId: number, threshold: number) {
  return useLoaded<SliceReport>(`${datasetId}:${threshold}`, (signal) => fetchSlices(datasetId, threshold, signal), 250);
}

const REVIEWER_KEY = "cutoff.reviewer";

/** The reviewer's name, remembered in this browser. */
export function useReviewer(): [string, (name: string) => void] {
  const [name, setName] = useState("");
  useEffect(() => {
    // Read after mount: localStorage does not exist during server rendering.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setName(window.localStorage.getItem(REVIEWER_KEY) ?? "");
  }, []);
  const save = useCallback((next: string) => {
    setName(next);
    window.localStorage.setItem(REVIEWER_KEY, next);
  }, []);
  return [name, save];
}
