import type { SliceDifferences as Slices } from "@/lib/compare";
import { formatSigned } from "@/lib/compare/sentences";
import { capitalize, formatCount, readableColumn, readableValue } from "@/lib/format";
import type { Vocabulary } from "@/lib/story/settings";

const SHOWN = 12;
const signed = (x: number) => (x === 0 ? "0" : formatSigned(x));

/**
 * Per slice value, what changes from A to B among the matched examples: caught, missed and false
 * alarms of each model and the difference, the values where B moves most first.
 */
export function SliceDifferences({ slices, nameA, nameB, vocabulary: v, threshold }: { slices: Slices[]; nameA: string; nameB: string; vocabulary: Vocabulary; threshold: string | null }) {
  if (slices.length === 0) return <p className="muted">This dataset has no slice columns (such as country or channel) to compare by.</p>;
  return (
    <div className="stack-sm">
      {threshold ? <p className="small muted" role="status">Updating to {threshold}…</p> : null}
      {slices.map((slice) => {
        const values = [...slice.values].sort((x, y) => Math.abs(y.difference.fn) + Math.abs(y.difference.fp) - (Math.abs(x.difference.fn) + Math.abs(x.difference.fp)) || y.rows - x.rows).slice(0, SHOWN);
        return (
          <div key={slice.column} className="table-scroll">
            <table className="table slice-diff slice-table cards-on-phone" aria-label={`Differences by ${readableColumn(slice.column)}`}>
              <thead>
                <tr>
                  <th scope="col">{readableColumn(slice.column)}</th>
                  <th scope="col" className="num">Matched</th>
                  <th scope="col" className="num">{capitalize(v.positive)} caught {nameA} → {nameB}</th>
                  <th scope="col" className="num">Missed, change</th>
                  <th scope="col" className="num">False alarms {nameA} → {nameB}</th>
                  <th scope="col" className="num">False alarms, change</th>
                </tr>
              </thead>
              <tbody>
                {values.map((value) => (
                  <tr key={value.value}>
                    <td data-label="Slice">{readableValue(value.value) || "(none)"}</td>
                    <td className="num" data-label="Matched">{formatCount(value.rows)}</td>
                    <td className="num" data-label={`Caught ${nameA} → ${nameB}`}>{formatCount(value.a.tp)} → {formatCount(value.b.tp)}</td>
                    <td className={`num ${value.difference.fn > 0 ? "worse" : value.difference.fn < 0 ? "better" : ""}`} data-label="Missed, change">{signed(value.difference.fn)}</td>
                    <td className="num" data-label={`False alarms ${nameA} → ${nameB}`}>{formatCount(value.a.fp)} → {formatCount(value.b.fp)}</td>
                    <td className={`num ${value.difference.fp > 0 ? "worse" : value.difference.fp < 0 ? "better" : ""}`} data-label="False alarms, change">{signed(value.difference.fp)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {slice.values.length > SHOWN ? <p className="small muted">{slice.values.length - SHOWN} more values with smaller changes are not shown.</p> : null}
          </div>
        );
      })}
    </div>
  );
}
