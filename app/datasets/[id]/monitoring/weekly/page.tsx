import type { Metadata } from "next";
import Link from "next/link";
import { capitalize, formatCount, formatRate, formatThreshold } from "@/lib/format";
import { DAY_MS, weeklyReport } from "@/lib/monitoring";
import { countWithRange, driftFigures, formatDay, rateWithRange } from "@/lib/monitoring/sentences";
import { DEFAULT_MONITORING_THRESHOLD, hasTimestamps, loadMonitoring, reportAt } from "@/lib/services/monitoring";
import { thresholdFromParam } from "@/lib/story/share";
import { PrintButton } from "../../brief/print-button";
import { loadDataset } from "../../load";
import { firstParam } from "@/app/ui/search-params";

export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Weekly report · ${(await loadDataset(id)).name}` };
}

/**
 * The weekly report: one ISO week (`?week=2026-10-12`, a Monday; default the last) against the
 * reference, in sentences and a table of its days, at `?t=` (default: the threshold in
 * production). Printable like the brief.
 */
export default async function WeeklyReportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const dataset = await loadDataset(id);
  if (!hasTimestamps(dataset)) return <p className="card">This dataset has no timestamps: there are no weeks to report on.</p>;
  const [weeks, days] = await Promise.all([loadMonitoring(dataset.id, { period: "week" }), loadMonitoring(dataset.id, { period: "day" })]);
  const threshold = thresholdFromParam(firstParam(search.t)) ?? weeks.monitoring.deployedThreshold ?? DEFAULT_MONITORING_THRESHOLD;
  const report = reportAt(weeks, threshold);
  const asked = firstParam(search.week);
  const week = report.periods.find((p) => p.start.slice(0, 10) === asked) ?? report.periods[report.periods.length - 1];
  if (!week) return <p className="card">No weeks yet.</p>;
  const w = weeklyReport(report, weeks.settings, week.start);
  const index = report.periods.indexOf(week);
  const v = weeks.settings.vocabulary;
  const start = Date.parse(w.start);
  const dayRows = reportAt(days, threshold).periods.filter((p) => Date.parse(p.start) >= start && Date.parse(p.start) < start + 7 * DAY_MS);
  const link = (p: (typeof report.periods)[number] | undefined) => (p ? `?${new URLSearchParams({ week: p.start.slice(0, 10), t: String(threshold) })}` : null);
  const [previous, next] = [link(report.periods[index - 1]), link(report.periods[index + 1])];
  const ref = w.reference;
  return (
    <article className="brief stack" aria-labelledby="weekly-title">
      <header className="brief-header">
        <div>
          <h2 id="weekly-title">Weekly report: {formatDay(w.start)} to {formatDay(w.lastDay)}</h2>
          <p className="muted small">{dataset.name} · threshold {formatThreshold(threshold)}{weeks.monitoring.deployedThreshold === threshold ? " (in production)" : ""} · against {weeks.reference.label}</p>
        </div>
        <div className="brief-actions no-print">
          <PrintButton />
          {previous ? <Link className="button" href={previous}>← Previous week</Link> : null}
          {next ? <Link className="button" href={next}>Next week →</Link> : null}
          <Link className="button" href={`/datasets/${dataset.id}/monitoring?t=${threshold}`}>Back to monitoring</Link>
        </div>
      </header>
      <section aria-label="In plain words">
        <p className="brief-sentences" data-testid="weekly-sentences">{w.sentences.join(" ")}</p>
      </section>
      <div className="brief-grid">
        <section>
          <h3>The week against the reference</h3>
          <table className="table story-table" aria-label="The week against the reference">
            <thead>
              <tr><th scope="col">At {formatThreshold(threshold)}</th><th scope="col" className="num">This week</th><th scope="col" className="num">Reference</th></tr>
            </thead>
            <tbody>
              <tr><th scope="row">{capitalize(v.itemPlural)} a day</th><td className="num">{formatCount(week.rowsPerDay)}</td><td className="num">{formatCount(ref.rowsPerDay)}</td></tr>
              <tr><th scope="row">Flagged</th><td className="num">{rateWithRange(week.flagRate, null)}</td><td className="num">{rateWithRange(ref.flagRate, null)}</td></tr>
              <tr><th scope="row">{capitalize(v.negative)} flagged a day</th><td className="num">{countWithRange(week.falseAlarmsPerDay, week.falseAlarmsPerDayRange)}</td><td className="num">{countWithRange(w.expectedAtReference.falseAlarmsPerDay, null)}</td></tr>
              <tr><th scope="row">{capitalize(v.positive)} missed a day</th><td className="num">{countWithRange(week.missesPerDay, week.missesPerDayRange)}</td><td className="num">{countWithRange(w.expectedAtReference.missesPerDay, null)}</td></tr>
              <tr><th scope="row">Precision</th><td className="num">{rateWithRange(week.precision, week.precisionRange)}</td><td className="num">{rateWithRange(ref.precision, null)}</td></tr>
              <tr><th scope="row">Recall</th><td className="num">{rateWithRange(week.recall, week.recallRange)}</td><td className="num">{rateWithRange(ref.recall, null)}</td></tr>
            </tbody>
          </table>
          <p className="small muted">The reference column applies the reference&rsquo;s rates to this week&rsquo;s volume. Scores: {week.ks === null ? "nothing to compare" : `${week.drift ? "drifted" : "in line"} ${driftFigures(week)}`}.</p>
        </section>
        <section>
          <h3>Day by day</h3>
          <table className="table story-table" aria-label="The week's days">
            <thead>
              <tr><th scope="col">Day</th><th scope="col" className="num">{capitalize(v.itemPlural)}</th><th scope="col" className="num">Labelled</th><th scope="col" className="num">Missed a day</th><th scope="col" className="num">False alarms</th><th scope="col">Drift</th></tr>
            </thead>
            <tbody>
              {dayRows.map((d) => (
                <tr key={d.start}>
                  <th scope="row">{formatDay(d.start)}</th>
                  <td className="num">{formatCount(d.rows)}</td>
                  <td className="num">{d.labeledShare === null ? "—" : formatRate(d.labeledShare)}</td>
                  <td className="num">{d.labeled ? countWithRange(d.missesPerDay, d.missesPerDayRange) : "—"}</td>
                  <td className="num">{d.labeled ? countWithRange(d.falseAlarmsPerDay, d.falseAlarmsPerDayRange) : "—"}</td>
                  <td>{d.drift ? "drifted" : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </article>
  );
}
