import { formatThreshold } from "@/lib/format";
import type { Recommendation } from "@/lib/story/recommend";

/** The recommended thresholds, each with a one-click "Use this threshold". */
export function Recommendations({ items, threshold, onUse }: { items: Recommendation[]; threshold: number; onUse: (t: number) => void }) {
  if (!items.length) {
    return <p className="muted small">Enter costs, a review capacity or a target rate in the parameters to get recommended thresholds.</p>;
  }
  return (
    <ul className="impact-recommendations" aria-label="Recommended thresholds">
      {items.map((r) => {
        const current = Math.abs(r.threshold - threshold) < 1e-9;
        return (
          <li key={r.kind} className="stat">
            <div className="stat-label">{r.title}</div>
            <div className="stat-value">{formatThreshold(r.threshold)}</div>
            <p className="stat-note">{r.reason}</p>
            <button type="button" className="button" disabled={current} onClick={() => onUse(r.threshold)} aria-label={`Use this threshold: ${formatThreshold(r.threshold)} (${r.title.toLowerCase()})`}>
              {current ? "In use" : "Use this threshold"}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
