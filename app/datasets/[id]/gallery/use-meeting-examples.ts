"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { fetchExamples, type Example, type ExampleKind, type GalleryQuery, type TimeWindow } from "./gallery-api";

const PAGE = 50;
const NO_PAGES = new Map<number, Example[]>();

interface Store {
  /** The query the pages belong to; pages of another query are ignored. */
  key: string;
  pages: Map<number, Example[]>;
  total: number | null;
}

/**
 * Walks the examples of one kind one at a time, in the default order (most confident mistakes
 * first), loading pages of 50 from the server as the position moves. A new query starts over.
 */
export function useMeetingExamples(datasetId: number, threshold: number, kind: ExampleKind, filters: { slices: Record<string, string>; q: string; window?: TimeWindow | null }) {
  const queryKey = JSON.stringify([datasetId, threshold, kind, filters]);
  const [store, setStore] = useState<Store>({ key: queryKey, pages: new Map(), total: null });
  const [position, setPosition] = useState({ key: queryKey, index: 0 });
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(new Set<string>());

  const pages = store.key === queryKey ? store.pages : NO_PAGES;
  const total = store.key === queryKey ? store.total : null;
  const index = position.key === queryKey ? position.index : 0;
  const pageNumber = Math.floor(index / PAGE);

  useEffect(() => {
    const flightKey = `${queryKey}#${pageNumber}`;
    if (pages.has(pageNumber) || inFlight.current.has(flightKey)) return;
    inFlight.current.add(flightKey);
    const query: GalleryQuery = { threshold, kind, slices: filters.slices, q: filters.q, window: filters.window ?? null };
    fetchExamples(datasetId, query, PAGE, pageNumber * PAGE)
      .then((page) => {
        setStore((old) => ({
          key: queryKey,
          pages: new Map(old.key === queryKey ? old.pages : []).set(pageNumber, page.items),
          total: page.total,
        }));
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => inFlight.current.delete(flightKey));
    // queryKey stands for datasetId, threshold, kind and filters
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pageNumber, pages, queryKey]);

  const move = useCallback(
    (step: number) =>
      setPosition((p) => {
        const from = p.key === queryKey ? p.index : 0;
        return { key: queryKey, index: Math.max(0, Math.min(Math.max(0, (total ?? 1) - 1), from + step)) };
      }),
    [queryKey, total],
  );
  const replace = useCallback((example: Example) => {
    setStore((old) => {
      const next = new Map(old.pages);
      for (const [n, items] of next) if (items.some((e) => e.id === example.id)) next.set(n, items.map((e) => (e.id === example.id ? example : e)));
      return { ...old, pages: next };
    });
  }, []);
  const current = pages.get(pageNumber)?.[index % PAGE] ?? null;
  return { current, index, total, error, move, replace };
}
