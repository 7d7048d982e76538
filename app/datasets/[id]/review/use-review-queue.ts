"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { fetchQueue, sendLabel, sendSkip, type QueueItem } from "./audit-api";

/** One step the reviewer took this session, for undo. */
interface Step {
  item: QueueItem;
  kind: "label" | "skip";
  label?: 0 | 1;
}

/** Items held for the reviewer are fetched again when fewer than this are left on screen. */
const REFILL_BELOW = 3;

/**
 * The reviewer's queue: items the server holds for them (in design order), labelled or skipped one
 * at a time with the screen moving on at once while the request goes out, and an undo of the last
 * step. `onChanged` runs after every label that reached the server (progress and estimates follow).
 */
export function useReviewQueue(datasetId: number, auditId: number, reviewer: string, onChanged: () => void) {
  const [items, setItemsState] = useState<QueueItem[]>([]);
  /** The items as the next key press sees them (two presses within one frame take two items). */
  const itemsNow = useRef<QueueItem[]>([]);
  const setItems = useCallback((next: QueueItem[] | ((list: QueueItem[]) => QueueItem[])) => {
    itemsNow.current = typeof next === "function" ? next(itemsNow.current) : next;
    setItemsState(itemsNow.current);
  }, []);
  const [loaded, setLoaded] = useState(false);
  const [remaining, setRemaining] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<Step[]>([]);
  /** Items labelled or skipped in this session (a refill must not bring them back). */
  const done = useRef(new Set<number>());
  const loading = useRef(false);
  const changed = useRef(onChanged);
  useEffect(() => {
    changed.current = onChanged;
  });

  const refill = useCallback(async () => {
    if (!reviewer || loading.current) return;
    loading.current = true;
    try {
      const answer = await fetchQueue(datasetId, auditId, reviewer);
      setItems(answer.items.filter((i) => !done.current.has(i.itemId)));
      setRemaining(answer.remaining + answer.secondRemaining);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      loading.current = false;
      setLoaded(true);
    }
  }, [datasetId, auditId, reviewer, setItems]);

  useEffect(() => {
    // The reviewer's held items, once on mount (the caller keys this hook's component by audit and reviewer).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refill();
  }, [refill]);

  /** Fetches more once fewer than REFILL_BELOW items are left on screen. */
  const topUpScreen = useCallback(() => {
    if (itemsNow.current.length < REFILL_BELOW) void refill();
  }, [refill]);

  const current = items[0] ?? null;

  const act = useCallback(
    async (kind: Step["kind"], label?: 0 | 1) => {
      const item = itemsNow.current[0];
      if (!item) return;
      done.current.add(item.itemId);
      setItems((list) => list.filter((i) => i.itemId !== item.itemId));
      topUpScreen();
      try {
        if (kind === "label") await sendLabel(datasetId, auditId, item.itemId, label!, reviewer);
        else await sendSkip(datasetId, auditId, item.itemId, reviewer);
        setHistory((h) => [...h, { item, kind, label }]);
        setError(null);
        if (kind === "label") changed.current();
        topUpScreen();
      } catch (e) {
        done.current.delete(item.itemId);
        setItems((list) => [item, ...list.filter((i) => i.itemId !== item.itemId)]);
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [datasetId, auditId, reviewer, setItems, topUpScreen],
  );

  /** Takes the last label back (the item returns to the screen); a skip is simply brought back. */
  const undo = useCallback(async () => {
    const last = history[history.length - 1];
    if (!last) return;
    setHistory((h) => h.slice(0, -1));
    try {
      if (last.kind === "label") await sendLabel(datasetId, auditId, last.item.itemId, null, reviewer);
      done.current.delete(last.item.itemId);
      setItems((list) => [last.item, ...list.filter((i) => i.itemId !== last.item.itemId)]);
      setError(null);
      if (last.kind === "label") changed.current();
    } catch (e) {
      setHistory((h) => [...h, last]);
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [history, datasetId, auditId, reviewer, setItems]);

  return {
    current,
    loaded,
    remaining,
    error,
    lastStep: history[history.length - 1] ?? null,
    steps: history.length,
    label: (value: 0 | 1) => act("label", value),
    skip: () => act("skip"),
    undo,
  };
}
