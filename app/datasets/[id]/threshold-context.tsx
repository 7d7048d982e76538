"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { replaceUrlLater } from "@/app/ui/replace-url";

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
  const setThreshold = useCallback((t: number) => {
    setRaw(roundThreshold(t));
    setShownNotice(null);
  }, []);

  // The first render's threshold is what the URL already says (or its default): writing it would
  // add nothing, and could land during the user's first click on a tab.
  const first = useRef(threshold);
  useEffect(() => {
    if (threshold === first.current && !new URL(window.location.href).searchParams.has("t")) return;
    return replaceUrlLater((url) => url.searchParams.set("t", String(threshold)), 150);
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
