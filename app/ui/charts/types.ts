/**
 * A labelled threshold drawn on the explorer's charts as a tick; clicking it makes it the current
 * threshold. Other features (e.g. recommended thresholds that minimise cost) pass these in.
 */
export interface ThresholdMarker {
  /** The threshold the marker stands for (flagged when score >= threshold). */
  threshold: number;
  /** Short text shown beside the tick, e.g. "lowest cost". */
  label: string;
}

/** Props every threshold-aware chart accepts. */
export interface ThresholdChartProps {
  threshold: number;
  onThresholdChange: (threshold: number) => void;
  markers?: ThresholdMarker[];
}
