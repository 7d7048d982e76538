import type { DailyCounts, DailyRanges } from "@/lib/story/daily";
import { formatAverage, formatWithRange } from "@/lib/format";
import { outcomeLabels } from "@/lib/story/brief";
import { PERIOD_DAYS, type ResolvedSettings } from "@/lib/story/settings";

/** The daily counts with their 95% ranges, and per period when the period is not a day. */
export function DailyTable({ daily, ranges, settings }: { daily: DailyCounts; ranges: DailyRanges; settings: ResolvedSettings }) {
  const v = settings.vocabulary;
  const days = PERIOD_DAYS[settings.period];
  const rows = outcomeLabels(v);
  return (
    <table className="table story-table" aria-label="Average counts a day">
      <thead>
        <tr>
          <th scope="col">Outcome</th>
          <th scope="col" className="num">A day (95% range)</th>
          {days > 1 ? <th scope="col" className="num">A {settings.period}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, label }) => {
          const value = daily[key];
          return (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td className="num">{formatWithRange(value, ranges[key])}</td>
              {days > 1 ? <td className="num">{value === null ? "unknown" : formatAverage(value * days)}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
