import { format, scaleBand, scaleSymlog } from "d3";
import type { DifferenceHistogram as Histogram } from "@/lib/compare/pictures";
import { formatCount } from "@/lib/format";
import { Legend } from "./legend";

const margin = { top: 10, right: 12, bottom: 52, left: 62 };
const HEIGHT = 200;

/**
 * How far B's score moves from A's, example by example: a histogram of score B − score A, the two
 * classes side by side in each bin (log counts so the tails show; bars on a log scale are not
 * stacked). A quantized copy of a model gives a narrow spike at 0.
 */
export function DifferenceHistogram({ histogram, nameA, nameB, positiveName, negativeName, width }: { histogram: Histogram; nameA: string; nameB: string; positiveName: string; negativeName: string; width: number }) {
  const innerWidth = Math.max(200, width - margin.left - margin.right);
  const x = scaleBand<number>().domain(histogram.centers.map((_, i) => i)).range([0, innerWidth]).paddingInner(0.08);
  const totals = histogram.centers.map((_, i) => histogram.positives[i] + histogram.negatives[i]);
  const top = Math.max(1, ...totals);
  const y = scaleSymlog().constant(1).domain([0, top]).range([HEIGHT, 0]);
  const ticks = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000].filter((v) => v <= top);
  const every = Math.max(1, Math.ceil(histogram.centers.length / Math.max(2, Math.floor(innerWidth / 60))));
  // Labels every `every` bins counted from the bin of 0, so 0 is always labelled and none overlap.
  const mid = histogram.centers.indexOf(0);
  const countFormat = format(",~s");
  const same = histogram.identical.positives + histogram.identical.negatives;
  const all = totals.reduce((s, t) => s + t, 0);
  return (
    <figure className="chart difference-histogram" aria-label={`Histogram of score of ${nameB} minus score of ${nameA}`}>
      <Legend items={[{ label: `actually ${positiveName}`, color: "var(--c-positive)" }, { label: `actually ${negativeName}`, color: "var(--c-negative)" }]} />
      <svg width={innerWidth + margin.left + margin.right} height={HEIGHT + margin.top + margin.bottom} viewBox={`0 0 ${innerWidth + margin.left + margin.right} ${HEIGHT + margin.top + margin.bottom}`} role="img" aria-label={`${formatCount(same)} of ${formatCount(all)} examples have the same score in both models`}>
        <g transform={`translate(${margin.left},${margin.top})`}>
          <text className="axis-label" transform={`translate(-50,${HEIGHT / 2}) rotate(-90)`} textAnchor="middle">examples (log)</text>
          {ticks.map((v) => (
            <g key={v} transform={`translate(0,${y(v)})`}>
              <line className="grid-line" x2={innerWidth} />
              <text x={-8} dy="0.32em" textAnchor="end">{countFormat(v)}</text>
            </g>
          ))}
          {histogram.centers.map((c, i) => {
            const bandX = x(i) ?? 0;
            const half = x.bandwidth() / 2;
            const positives = y(histogram.positives[i]);
            const negatives = y(histogram.negatives[i]);
            return (
              <g key={c}>
                <title>{`${c > 0 ? "+" : ""}${c}: ${formatCount(histogram.positives[i])} ${positiveName}, ${formatCount(histogram.negatives[i])} ${negativeName}`}</title>
                <rect x={bandX} width={half} y={positives} height={HEIGHT - positives} fill="var(--c-positive)" />
                <rect x={bandX + half} width={half} y={negatives} height={HEIGHT - negatives} fill="var(--c-negative)" />
              </g>
            );
          })}
          <line className="domain" x2={innerWidth} y1={HEIGHT} y2={HEIGHT} />
          {histogram.centers.map((c, i) =>
            (i - mid) % every === 0 ? (
              <text key={c} x={(x(i) ?? 0) + x.bandwidth() / 2} y={HEIGHT + 16} textAnchor="middle">{c > 0 ? `+${c}` : c === 0 ? "0" : `−${-c}`}</text>
            ) : null,
          )}
          <text className="axis-label" x={innerWidth / 2} y={HEIGHT + 40} textAnchor="middle">{`score of ${nameB} − score of ${nameA}`}</text>
        </g>
      </svg>
      <figcaption className="small muted">{formatCount(same)} of {formatCount(all)} examples have exactly the same score in both models.</figcaption>
    </figure>
  );
}
