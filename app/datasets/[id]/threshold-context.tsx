"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
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
 *
 * `linked` is the raw `?t=` the server rendered for. The back button shows Next's cached render
 * of a page, made before the user moved the threshold there and the URL took it: the URL then
 * says otherwise, and the page asks the server again for the URL it has.
 */
export function ThresholdProvider({ initial, linked, notice = null, children }: { initial: number; linked: string | null | undefined; notice?: string | null; children: ReactNode }) {
  const router = useRouter();
  const [threshold, setRaw] = useState(() => roundThreshold(initial));
  // The link's `?t=` could not be used: say so until the user picks a threshold.
  const [shownNotice, setShownNotice] = useState(notice);
  // A new server render (after that refresh) brings its own threshold and notice.
  const [rendered, setRendered] = useState({ initial, notice });
  if (rendered.initial !== initial || rendered.notice !== notice) {
    setRendered({ initial, notice });
    setRaw(roundThreshold(initial));
    setShownNotice(notice);
  }
  const setThreshold = useCallback((t: number) => {
    setRaw(roundThreshold(t));
    setShownNotice(null);
  }, []);

  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      const inUrl = new URL(window.location.href).searchParams.get("t");
      // No `?t=`: the default is shown, and writing it could land during a first click on a tab.
      if (inUrl === null) return;
      if (inUrl !== (linked ?? null)) {
        router.refresh();
        return;
      }
    }
    return replaceUrlLater((url) => url.searchParams.set("t", String(threshold)), 150);
  }, [threshold, linked, router]);

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
