import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { describeVerdicts } from "@/lib/compare";
import { formatAverage, formatCount, formatDate } from "@/lib/format";
import { PrintButton } from "@/app/datasets/[id]/brief/print-button";
import { ScoreDensity } from "@/app/ui/charts/score-density";
import { AgreementFacts } from "../agreement";
import { viewParams } from "../compare-api";
import { loadComparison, parseCompareSearch } from "../load";
import { PairedTables } from "../paired-tables";
import { SideBySide, ratioWords } from "../side-by-side";
import { UnpairedRates } from "../unpaired-rates";
import "../compare.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Comparison brief" };

type Search = Record<string, string | string[] | undefined>;

/**
 * /compare/brief?a=&b=&t= (or &reviews=): the comparison on one printable page for people who will
 * never open the app: the sentences, the two models side by side, the verdict with the artefacts'
 * facts, the paired tables and the score-against-score picture.
 */
export default async function CompareBriefPage({ searchParams }: { searchParams: Promise<Search> }) {
  const parsed = parseCompareSearch(await searchParams);
  if ("problem" in parsed) notFound();
  const { query, view } = parsed;
  const result = await loadComparison(query);
  const { answer } = result;
  const { a, b } = answer.datasets;
  const names = answer.names;
  const v = answer.vocabulary;
  const size = ratioWords(a.facts?.sizeMb ?? null, b.facts?.sizeMb ?? null, "smaller", "larger");
  const latency = ratioWords(a.facts?.latencyMs ?? null, b.facts?.latencyMs ?? null, "faster", "slower");
  const back = `/compare?${viewParams(a.id, b.id, { ...view, threshold: answer.thresholdA, reviews: Math.round(answer.reviewsPerDay ?? 0) })}`;
  return (
    <article className="brief compare-brief stack">
      <div className="brief-header">
        <div>
          <h1>{a.modelName && a.modelName === b.modelName && names.a !== a.modelName ? `${a.modelName}: ` : ""}{names.a} against {names.b}</h1>
          <p className="muted small">
            {a.name} and {b.name} · {answer.kind === "paired" ? `${formatCount(answer.matched)} ${v.itemPlural} scored by both` : "an A/B test (no shared examples)"} ·{" "}
            {answer.mode === "load" ? `the same load of ${formatAverage(answer.reviewsPerDay ?? 0)} reviews a day` : `threshold ${answer.thresholdA}`} · {formatDate(new Date().toISOString())}
          </p>
        </div>
        <div className="brief-actions no-print">
          <PrintButton />
          <Link className="button" href={back}>Back to the comparison</Link>
        </div>
      </div>
      <section className="brief-sentences">
        {answer.sentences.map((s) => (
          <p key={s}>{s}</p>
        ))}
      </section>
      <div className="brief-grid">
        <section>
          <h2>Side by side</h2>
          <SideBySide a={answer.a} b={answer.b} nameA={names.a} nameB={names.b} factsA={a.facts} factsB={b.facts} daily={answer.daily} auc={answer.kind === "paired" ? answer.auc : null} vocabulary={v} />
        </section>
        <section>
          <h2>Verdict</h2>
          {answer.nonInferiority.length ? (
            <ul>
              {describeVerdicts(answer.nonInferiority, v, names).map((s) => <li key={s}>{s}</li>)}
            </ul>
          ) : (
            <p className="muted">No margin was set, so no verdict.</p>
          )}
          {size || latency ? <p><strong>{names.b} is {[size, latency].filter(Boolean).join(" and ")}.</strong></p> : null}
          {answer.kind === "paired" ? (
            <AgreementFacts agreement={answer.agreement} correctness={answer.correctness} auc={answer.auc} nameA={names.a} nameB={names.b} matched={answer.matched} plain />
          ) : null}
        </section>
      </div>
      {answer.kind === "paired" ? (
        <div className="brief-grid">
          <section>
            <h2>Who flags what</h2>
            <PairedTables positives={answer.positives} negatives={answer.negatives} nameA={names.a} nameB={names.b} positiveName={v.positive} negativeName={v.negative} plain />
          </section>
          <section>
            <h2>Score against score</h2>
            <ScoreDensity density={answer.density} show="both" thresholdA={answer.thresholdA} thresholdB={answer.thresholdB} nameA={names.a} nameB={names.b} positiveName={v.positive} negativeName={v.negative} size={360} />
          </section>
        </div>
      ) : (
        <section>
          <h2>Rates of each arm</h2>
          <UnpairedRates rates={answer} sampleRatio={answer.sampleRatio} nameA={names.a} nameB={names.b} vocabulary={v} />
        </section>
      )}
      <p className="small muted">
        Every difference is {names.b} − {names.a}. {answer.kind === "paired" ? `95% ranges: paired bootstrap over the example ids (${formatCount(answer.daily.bootstrap.replicates)} replicates, seed ${answer.daily.bootstrap.seed}, thresholds held fixed); McNemar's mid-p test on the examples only one model flags; DeLong's test with midranks for the ROC AUCs.` : "95% intervals: Newcombe's hybrid score method; traffic split checked with a chi-square test."}{" "}
        Daily counts for {formatAverage(answer.traffic.volumePerDay)} {v.itemPlural} a day.
      </p>
    </article>
  );
}
