import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { loadBrief } from "@/lib/services/brief";
import { hasCosts } from "@/lib/story/costs";
import { cumulateGrid } from "@/lib/metrics/grid";
import { loadExplorerData } from "@/lib/services/explorer";
import { histogramFromGrid } from "@/lib/metrics/grid-series";
import { dailyRows, exampleLine, type BriefExample } from "@/lib/story/brief";
import { capitalize, formatAverage, formatDate, formatMoney, formatRate, formatThreshold } from "@/lib/format";
import { settingsFromParam, settingsToParam, thresholdFromLink } from "@/lib/story/share";
import { ConfusionMatrix } from "@/app/ui/charts/confusion-matrix";
import { StaticDistribution } from "@/app/ui/charts/static-distribution";
import { loadDataset } from "../load";
import { PrintButton } from "./print-button";
import { firstParam } from "@/app/ui/search-params";

export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Brief · ${(await loadDataset(id)).name}` };
}

function Examples({ title, items, empty }: { title: string; items: BriefExample[]; empty: string }) {
  return (
    <section className="brief-examples">
      <h3>{title}</h3>
      {items.length ? (
        <ol>
          {items.map((x) => <li key={x.row}>{exampleLine(x)}</li>)}
        </ol>
      ) : (
        <p className="muted small">{empty}</p>
      )}
    </section>
  );
}

/** One page for people who will never open the app: `?t=` threshold, `?s=` settings of a shared link. */
export default async function BriefPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const dataset = await loadDataset(id);
  const link = thresholdFromLink(firstParam(search.t));
  const threshold = link.threshold;
  const shared = settingsFromParam(firstParam(search.s));
  const [brief, explorer] = await Promise.all([loadBrief(dataset.id, threshold, shared), loadExplorerData(dataset.id)]);
  if (!brief || !explorer) notFound();
  const s = brief.settings;
  const v = s.vocabulary;
  const bins = histogramFromGrid(cumulateGrid(explorer.grid), 50);
  const query = new URLSearchParams({ t: String(threshold) });
  const apiQuery = new URLSearchParams({ threshold: String(threshold) });
  const sParam = shared ? settingsToParam(shared) : null;
  if (sParam) {
    query.set("s", sParam);
    apiQuery.set("s", sParam);
  }
  return (
    <article className="brief stack" aria-labelledby="brief-title">
      {link.notice ? <p className="alert no-print" role="status">{link.notice}</p> : null}
      <header className="brief-header">
        <div>
          <h2 id="brief-title">Brief: threshold {formatThreshold(threshold)}</h2>
          <p className="muted small">
            {dataset.name} · {formatAverage(s.volumePerDay)} {v.itemPlural} a day, {brief.audit ? `${brief.audit.prevalence} ${v.positive} (weighted, from the audit)` : `${formatRate(s.prevalence)} ${v.positive}`} · made {formatDate(brief.generatedAt)}
          </p>
        </div>
        <div className="brief-actions no-print">
          <PrintButton />
          <a className="button" href={`/api/datasets/${dataset.id}/brief?${apiQuery}`} download>Download Markdown</a>
          <Link className="button" href={`/datasets/${dataset.id}/impact?${query}`}>Back to daily impact</Link>
        </div>
      </header>
      <section aria-label="In plain words">
        <p className="brief-sentences" data-testid="brief-sentences">{(brief.audit ? brief.audit.sentences : brief.story.sentences).join(" ")}</p>
      </section>
      <div className="brief-grid">
        <section>
          <h3>Every {brief.audit ? s.period : "day"}, on average</h3>
          <table className="table story-table" aria-label="Average counts a day">
            <thead>
              <tr><th scope="col">Outcome</th><th scope="col" className="num">A {brief.audit ? s.period : "day"} (95% range)</th></tr>
            </thead>
            <tbody>
              {(brief.audit ? brief.audit.rows : dailyRows(brief)).map(([label, value]) => (
                <tr key={label}><th scope="row">{label}</th><td className="num">{value}</td></tr>
              ))}
            </tbody>
          </table>
          {brief.audit ? <p className="small" data-testid="brief-audit-note">{brief.audit.note}</p> : null}
          {!brief.audit && brief.story.cost !== null && hasCosts(s.costs) ? (
            <p>Expected cost: <strong>{formatMoney(brief.story.cost, s.costs.currency)} a day</strong>.</p>
          ) : null}
        </section>
        <section>
          <h3>{brief.audit ? "The labelled rows as they are (not weighted)" : "On the evaluation set"}</h3>
          <ConfusionMatrix matrix={brief.counts} positiveName={v.positive} negativeName={v.negative} />
        </section>
      </div>
      <section>
        <h3>How the model scores {v.positive} and {v.negative} {v.itemPlural}</h3>
        <StaticDistribution bins={bins} threshold={threshold} positiveName={v.positive} negativeName={v.negative} />
      </section>
      {brief.recommendations.length || brief.findings.length ? (
        <div className="brief-grid">
          {brief.recommendations.length ? (
            <section>
              <h3>Other thresholds worth considering</h3>
              <ul>
                {brief.recommendations.map((r) => (
                  <li key={r.kind}><strong>{formatThreshold(r.threshold)}</strong> — {r.title}. {r.reason}</li>
                ))}
              </ul>
            </section>
          ) : null}
          {brief.findings.length ? (
            <section aria-label="What the review found">
              <h3>What the review found</h3>
              <ul data-testid="brief-findings">
                {brief.findings.map((f) => <li key={f}>{f}</li>)}
              </ul>
            </section>
          ) : null}
        </div>
      ) : null}
      <div className="brief-grid">
        <Examples title={capitalize(`${v.negative} ${v.itemPlural} flagged with the highest scores`)} items={brief.falsePositives} empty="No false alarms at this threshold." />
        <Examples title={capitalize(`${v.positive} ${v.itemPlural} missed with the lowest scores`)} items={brief.falseNegatives} empty="Nothing missed at this threshold." />
      </div>
    </article>
  );
}
