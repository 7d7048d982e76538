"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

/** Rounds for the URL and display: at most 4 decimals, no float noise (0.30000000000000004 → 0.3). */
export function roundThreshold(t: number): number {
  return Math.min(1, Math.max(0, Math.round(t * 10_000) / 10_000));
}

interface ThresholdState {
  /** The current threshold: an example is flagged when score >= threshold. */
  threshold: number;
  setThreshold: (t: number) => void;
}

const ThresholdContext = createContext<ThresholdState | null>(null);

/**
 * Owns the dataset pages' one threshold and mirrors it into the URL (`?t=0.42`) so a link
 * reproduces the view. The URL is updated with replaceState (no navigation, no server round trip).
 */
export function ThresholdProvider({ initial, notice = null, children }: { initial: number; notice?: string | null; children: ReactNode }) {
  const [threshold, setRaw] = useState(() => roundThreshold(initial));
  // The link's `?t=` could not be used: say so until the user picks a threshold.
  const [shownNotice, setShownNotice] = useState(notice);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const setThreshold = useCallback((t: number) => {
    setRaw(roundThreshold(t));
    setShownNotice(null);
  }, []);

  useEffect(() => {
    // Nothing to write when the URL already says it (first render): a history write during a
    // navigation would cancel it.
    if (new URL(window.location.href).searchParams.get("t") === String(threshold)) return;
    const pathname = window.location.pathname;
    timer.current = setTimeout(() => {
      const url = new URL(window.location.href);
      if (url.pathname !== pathname) return; // the user has moved on to another page
      url.searchParams.set("t", String(threshold));
      // A null state (not Next's own, which carries __NA) makes Next sync useSearchParams, so the
      // tabs' links carry the new value.
      window.history.replaceState(null, "", url);
    }, 150);
    return () => clearTimeout(timer.current);
  }, [threshold]);

  const value = useMemo(() => ({ threshold, setThreshold }), [threshold, setThreshold]);
  return (
    <ThresholdContext.Provider value={value}>
      {shownNotice ? <p className="alert threshold-notice" role="status">{shownNotice}</p> : null}
      {children}
    </ThresholdContext.Provider>
  );
}

/** The current threshold and its setter; must be used under a ThresholdProvider. */
export function useThreshold(): ThresholdState {
  const state = useContext(ThresholdContext);
  if (!state) throw new Error("useThreshold needs a <ThresholdProvider>");
  return state;
}
