import type { RateDifference, SampleRatioCheck } from "@/lib/compare";
import { formatCount, formatPercent } from "@/lib/format";
import type { Vocabulary } from "@/lib/story/settings";

const points = (x: number) => `${x >= 0 ? "+" : "−"}${(Math.abs(x) * 100).toFixed(1)} pts`;

/** An A/B test's rates of each arm and B − A with Newcombe's 95% interval, and the traffic split check. */
export function UnpairedRates({ rates, sampleRatio, nameA, nameB, vocabulary: v }: { rates: Record<"recall" | "falsePositiveRate" | "precision" | "flagRate", RateDifference>; sampleRatio: SampleRatioCheck; nameA: string; nameB: string; vocabulary: Vocabulary }) {
  const rows: [string, RateDifference][] = [
    [`Share of ${v.positive} caught (recall)`, rates.recall],
    [`Share of ${v.negative} flagged (false positive rate)`, rates.falsePositiveRate],
    [`Share of flagged that are ${v.positive} (precision)`, rates.precision],
    [`Share of ${v.itemPlural} flagged`, rates.flagRate],
  ];
  return (
    <div className="stack-sm">
      <table className="table cards-on-phone" aria-label="Rates of each arm" data-testid="unpaired-rates">
        <thead>
          <tr>
            <th scope="col">Rate</th>
            <th scope="col" className="num">{nameA}</th>
            <th scope="col" className="num">{nameB}</th>
            <th scope="col" className="num">{nameB} − {nameA} (95% interval, Newcombe)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, r]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num" data-label={nameA}>{formatPercent(r.a, 2)}</td>
              <td className="num" data-label={nameB}>{formatPercent(r.b, 2)}</td>
              <td className="num" data-label={`${nameB} − ${nameA}`}>{r.difference === null ? "—" : `${points(r.difference)}${r.interval ? ` (${points(r.interval[0])} to ${points(r.interval[1])})` : ""}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={sampleRatio.mismatch ? "alert alert-error" : "small muted"} data-testid="sample-ratio" role={sampleRatio.mismatch ? "alert" : undefined}>
        Traffic split: {formatCount(sampleRatio.rowsA)} {v.itemPlural} went to {nameA} and {formatCount(sampleRatio.rowsB)} to {nameB}
        {sampleRatio.observedShareA !== null ? ` (${formatPercent(sampleRatio.observedShareA, 1)} to ${nameA}, ${formatPercent(sampleRatio.intendedShareA, 0)} intended)` : ""}; chi-square p ={" "}
        {sampleRatio.pValue >= 0.001 ? sampleRatio.pValue.toFixed(3) : sampleRatio.pValue.toExponential(1)}
        {sampleRatio.mismatch ? ": a sample-ratio mismatch. The split may be broken, so the differences may not be the models'." : ", no sign of a broken split."}
      </p>
    </div>
  );
}
