"use client";

import { useState } from "react";
import { capitalize, formatCount, formatRate } from "@/lib/format";
import type { MonitoringReport } from "@/lib/monitoring";
import { countWithRange, formatDay, formatStatistic } from "@/lib/monitoring/sentences";
import type { Vocabulary } from "@/lib/story/settings";

/** Every period's figures at the replayed threshold as a table (what the charts show, for reading and screen readers). */
export function PeriodsTable({ report: r, vocabulary: v, selected, onSelect }: { report: MonitoringReport; vocabulary: Vocabulary; selected: number; onSelect: (i: number) => void }) {
  // Rows are drawn only while the table is open: a dragged threshold then redraws the charts alone.
  const [open, setOpen] = useState(false);
  return (
    <details className="card" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary><strong>The numbers, {r.period} by {r.period}</strong> <span className="small muted">at threshold {r.threshold}</span></summary>
      <div className="table-scroll">
        <table className="table cards-on-phone" aria-label={`Every ${r.period} at threshold ${r.threshold}`} data-testid="periods-table">
          <thead>
            <tr>
              <th scope="col">{capitalize(r.period)}</th>
              <th scope="col" className="num">{capitalize(v.itemPlural)}</th>
              <th scope="col" className="num">Labelled</th>
              <th scope="col" className="num">Flagged</th>
              <th scope="col" className="num">{capitalize(v.positive)} missed a day</th>
              <th scope="col" className="num">{capitalize(v.negative)} flagged a day</th>
              <th scope="col" className="num">KS</th>
              <th scope="col" className="num">PSI</th>
              <th scope="col">Drift</th>
            </tr>
          </thead>
          <tbody>
            {(open ? r.periods : []).map((p, i) => (
              <tr key={p.start} aria-selected={i === selected} className={i === selected ? "is-selected" : undefined}>
                <th scope="row" data-label={capitalize(r.period)}>
                  <button type="button" className="link-button" onClick={() => onSelect(i)}>{formatDay(p.start)}</button>
                </th>
                <td className="num" data-label={capitalize(v.itemPlural)}>{formatCount(p.rows)}</td>
                <td className="num" data-label="Labelled">{p.labeledShare === null ? "—" : formatRate(p.labeledShare)}</td>
                <td className="num" data-label="Flagged">{formatCount(p.flagged)}</td>
                <td className="num" data-label={`${capitalize(v.positive)} missed a day`} data-testid="misses-cell">{p.labeled ? countWithRange(p.missesPerDay, p.missesPerDayRange) : "—"}</td>
                <td className="num" data-label={`${capitalize(v.negative)} flagged a day`}>{p.labeled ? countWithRange(p.falseAlarmsPerDay, p.falseAlarmsPerDayRange) : "—"}</td>
                <td className="num" data-label="KS">{p.ks === null ? "—" : formatStatistic(p.ks)}</td>
                <td className="num" data-label="PSI">{p.psi === null ? "—" : formatStatistic(p.psi)}</td>
                <td data-label="Drift">{p.drift ? "drifted" : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
