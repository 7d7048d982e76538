"use client";

import { useMemo } from "react";
import { monitoringAt, preparedFromPage, type MonitoringPageData, type MonitoringReport } from "@/lib/monitoring";
import type { ResolvedSettings } from "@/lib/story/settings";

/** The page's reports, computed in the browser from the page data with the API's own functions. */
export interface MonitoringReports {
  /** At the threshold being replayed. */
  current: MonitoringReport;
  /** At the threshold in production (null without one, or when it is the current one). */
  deployed: MonitoringReport | null;
  /** Computed once: for what does not depend on the threshold (volume, labels, prevalence, drift). */
  base: MonitoringReport;
}

/**
 * Recomputes every period at `threshold` (a binary search a period: well under a millisecond for
 * 90 days) and, once, at the threshold in production.
 */
export function useMonitoring(data: MonitoringPageData, settings: ResolvedSettings, threshold: number, deployedThreshold: number | null, replayPeriods: number): MonitoringReports {
  const prepared = useMemo(() => preparedFromPage(data), [data]);
  const deployed = useMemo(
    () => (deployedThreshold === null ? null : monitoringAt(prepared, { threshold: deployedThreshold, settings, deployedThreshold, replayPeriods })),
    [prepared, settings, deployedThreshold, replayPeriods],
  );
  const base = useMemo(() => deployed ?? monitoringAt(prepared, { threshold: 0.5, settings }), [prepared, settings, deployed]);
  return useMemo(() => {
    const current = monitoringAt(prepared, { threshold, settings, deployedThreshold, replayPeriods });
    return { current, deployed: deployedThreshold === threshold ? null : deployed, base };
  }, [prepared, settings, threshold, deployedThreshold, replayPeriods, deployed, base]);
}
