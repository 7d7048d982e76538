"use client";

import { useState } from "react";
import { formatAverage, formatCount, formatPercent, readableColumn, readableValue } from "@/lib/format";
import type { SliceReport } from "./gallery-api";

interface Props {
  report: SliceReport | null;
  active: Record<string, string>;
  onPick: (column: string, value: string) => void;
  limit?: number;
}

/** Error rates and daily counts per slice value, worst first; a click filters the gallery. */
export function SliceTable({ report, active, onPick, limit = 8 }: Props) {
  const [all, setAll] = useState(false);
  if (!report) return <div className="skeleton" style={{ height: "12rem" }} />;
  if (report.slices.length === 0) return <p className="small muted">This dataset has no slice columns.</p>;
  const rows = all ? report.slices : report.slices.slice(0, limit);
  return (
    <div className="table-scroll">
      <table className="table slice-table cards-on-phone" aria-label="Errors by slice">
        <thead>
          <tr>
            <th scope="col">Slice</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col" className="num">Error rate</th>
            <th scope="col" className="num" title="flagged by mistake, with the share of this slice's negatives flagged">False alarms</th>
            <th scope="col" className="num">a day</th>
            <th scope="col" className="num" title="missed, with the share of this slice's positives missed">Missed</th>
            <th scope="col" className="num">a day</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => {
            const on = active[s.column] === s.value;
            return (
              <tr key={`${s.column}\u0000${s.value}`} className={on ? "row-active" : undefined}>
                <td data-label="Slice">
                  <button type="button" className="link-button" aria-pressed={on} onClick={() => onPick(s.column, s.value)}>
                    <span className="slice-column">{readableColumn(s.column)}</span> {s.value ? readableValue(s.value) : "(empty)"}
                  </button>
                </td>
                <td className="num" data-label="Rows">{formatCount(s.rows)}</td>
                <td className="num" data-label="Error rate">{formatPercent(s.errorRate, 1)}</td>
                <td className="num" data-label="False alarms">{formatCount(s.fp)} <span className="muted">({formatPercent(s.fpr, 1)})</span></td>
                <td className="num" data-label="False alarms a day">{s.fpPerDay === null ? "—" : formatAverage(s.fpPerDay)}</td>
                <td className="num" data-label="Missed">{formatCount(s.fn)} <span className="muted">({formatPercent(s.fnr, 1)})</span></td>
                <td className="num" data-label="Missed a day">{s.fnPerDay === null ? "—" : formatAverage(s.fnPerDay)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report.slices.length > limit ? (
        <p className="small muted">
          {all ? `All ${report.slices.length} slice values.` : `The ${rows.length} worst of ${report.slices.length} slice values.`}{" "}
          <button type="button" className="link-button" onClick={() => setAll(!all)}>{all ? "Show fewer" : "Show all"}</button>
        </p>
      ) : null}
    </div>
  );
}
