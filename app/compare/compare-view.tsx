"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { PairedGrid } from "@/lib/compare";
import { formatAverage, formatCount } from "@/lib/format";
import { DifferenceHistogram } from "@/app/ui/charts/difference-histogram";
import { ScoreDensity } from "@/app/ui/charts/score-density";
import { useWidth } from "@/app/ui/charts/use-width";
import type { TagView } from "@/app/datasets/[id]/gallery/gallery-api";
import { AgreementFacts } from "./agreement";
import { viewParams, type CompareAnswer, type CompareView as View } from "./compare-api";
import { CompareControls } from "./compare-controls";
import { Disagreements, type ShownColumns } from "./disagreements";
import { MatchingSummary } from "./matching-summary";
import { PairedTables } from "./paired-tables";
import { SideBySide } from "./side-by-side";
import { SliceDifferences } from "./slice-differences";
import { UnpairedRates } from "./unpaired-rates";
import { useComparison } from "./use-comparison";
import { Verdict } from "./verdict";

interface Props {
  initial: CompareAnswer;
  grid: PairedGrid | null;
  initialView: View;
  tags: TagView[];
  columns: ShownColumns;
}

/** Keeps the view in the URL, so "Copy link" and the brief reproduce it. */
function useUrl(a: number, b: number, view: View) {
  useEffect(() => {
    const url = new URL(window.location.href);
    url.search = viewParams(a, b, view).toString();
    window.history.replaceState(null, "", url);
  }, [a, b, view]);
}

function CopyLink() {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className="button"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(window.location.href);
          setState("copied");
        } catch {
          setState("failed");
        }
      }}
    >
      {state === "copied" ? "Link copied" : state === "failed" ? "Copy the address bar" : "Copy link"}
    </button>
  );
}

/** Two models side by side at one threshold or one daily review load (the Compare page's interactive part). */
export function CompareView({ initial, grid, initialView, tags, columns }: Props) {
  const [view, setView] = useState<View>(initialView);
  const [show, setShow] = useState<"both" | "positives" | "negatives">("positives");
  const { answer, pending, slicesPending, error } = useComparison(initial, grid, view);
  const { a, b } = answer.datasets;
  const names = answer.names;
  const v = answer.vocabulary;
  const [chartRef, chartWidth] = useWidth<HTMLElement>(520);
  useUrl(a.id, b.id, view);
  const reviewsNow = answer.reviewCapacity ?? answer.a.daily.flagged ?? 0;
  const valueText = `${view.threshold}: ${names.a} flags ${formatAverage(answer.a.daily.flagged ?? 0)} a day, ${names.b} ${formatAverage(answer.b.daily.flagged ?? 0)}`;
  const brief = `/compare/brief?${viewParams(a.id, b.id, view)}`;
  return (
    <div className="stack compare">
      <div className="page-header">
        <div>
          <h1>
            {a.modelName && a.modelName === b.modelName && names.a !== a.modelName ? <span className="muted">{a.modelName}: </span> : null}
            {names.a} <span className="muted">against</span> {names.b}
          </h1>
          <p className="muted small">
            A: <Link href={`/datasets/${a.id}`}>{a.name}</Link> · B: <Link href={`/datasets/${b.id}`}>{b.name}</Link> · differences are B − A
          </p>
        </div>
        <div className="compare-actions no-print">
          <CopyLink />
          <Link className="button" href={brief}>Printable brief</Link>
          <Link className="button" href={`/compare?${viewParams(b.id, a.id, view)}`}>Swap A and B</Link>
        </div>
      </div>
      <MatchingSummary answer={answer} />
      <CompareControls view={view} onView={setView} thresholdA={answer.thresholdA} thresholdB={answer.thresholdB} nameA={names.a} nameB={names.b} vocabulary={v} volumePerDay={answer.traffic.volumePerDay} reviewsNow={reviewsNow} reviewCapacity={answer.reviewCapacity} pending={pending} valueText={valueText} />
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
      {(answer.a.withinLoad === false || answer.b.withinLoad === false) ? (
        <p className="alert" role="status">* {answer.a.withinLoad === false ? names.a : names.b} cannot stay within this load: more {v.itemPlural} than that tie at its top score of 1, so it flags them all.</p>
      ) : null}
      <section className="card compare-story" aria-label="In a few sentences" aria-live="polite" data-testid="compare-sentences">
        {answer.sentences.map((s) => (
          <p key={s}>{s}</p>
        ))}
        <p className="small muted">
          Daily counts for {formatAverage(answer.traffic.volumePerDay)} {v.itemPlural} a day, {formatAverage(answer.traffic.prevalence * 100)}% {v.positive} (the Daily impact settings of A&rsquo;s dataset).{" "}
          {answer.kind === "paired" ? `Ranges: paired bootstrap over the example ids, ${formatCount(answer.daily.bootstrap.replicates)} replicates, seed ${answer.daily.bootstrap.seed}, thresholds held fixed.` : "Ranges: Newcombe's hybrid score intervals."}
        </p>
      </section>
      <div className="compare-pair compare-pair-wide">
        <section className="card" aria-label="Side by side">
          <h2>Side by side</h2>
          <SideBySide a={answer.a} b={answer.b} nameA={names.a} nameB={names.b} factsA={a.facts} factsB={b.facts} daily={answer.daily} auc={answer.kind === "paired" ? answer.auc : null} vocabulary={v} />
        </section>
        <Verdict verdicts={answer.nonInferiority} names={names} vocabulary={v} missedMargin={view.missedMargin} falseAlarmMargin={view.falseAlarmMargin} onMargins={(missedMargin, falseAlarmMargin) => setView({ ...view, missedMargin, falseAlarmMargin })} factsA={a.facts} factsB={b.facts} />
      </div>
      {answer.kind === "unpaired" ? (
        <section className="card" aria-label="Rates">
          <h2>Rates of each arm</h2>
          <UnpairedRates rates={answer} sampleRatio={answer.sampleRatio} nameA={names.a} nameB={names.b} vocabulary={v} />
        </section>
      ) : (
        <>
          <div className="compare-pair">
            <section className="card" aria-label="Paired tables">
              <h2>Who flags what</h2>
              <PairedTables positives={answer.positives} negatives={answer.negatives} nameA={names.a} nameB={names.b} positiveName={v.positive} negativeName={v.negative} />
            </section>
            <section className="card" aria-label="Agreement">
              <h2>Agreement and ranking</h2>
              <AgreementFacts agreement={answer.agreement} correctness={answer.correctness} auc={answer.auc} nameA={names.a} nameB={names.b} matched={answer.matched} />
            </section>
          </div>
          <div className="compare-pair">
            <section className="card" aria-label="Score against score" ref={chartRef}>
              <div className="card-title-row">
                <h2>Score against score</h2>
                <label>
                  Show{" "}
                  <select value={show} onChange={(e) => setShow(e.target.value as typeof show)}>
                    <option value="positives">actually {v.positive}</option>
                    <option value="negatives">actually {v.negative}</option>
                    <option value="both">all</option>
                  </select>
                </label>
              </div>
              <ScoreDensity density={answer.density} show={show} thresholdA={answer.thresholdA} thresholdB={answer.thresholdB} nameA={names.a} nameB={names.b} positiveName={v.positive} negativeName={v.negative} size={Math.min(460, chartWidth)} />
            </section>
            <section className="card" aria-label="Score differences">
              <h2>How far the scores move</h2>
              <DifferenceHistogram histogram={answer.histogram} nameA={names.a} nameB={names.b} positiveName={v.positive} negativeName={v.negative} width={Math.min(620, chartWidth)} />
            </section>
          </div>
          <section className="card" aria-label="By slice">
            <h2>By slice</h2>
            <SliceDifferences slices={answer.slices} nameA={names.a} nameB={names.b} vocabulary={v} threshold={slicesPending ? String(view.threshold) : null} />
          </section>
          <Disagreements a={a.id} b={b.id} view={view} nameA={names.a} nameB={names.b} vocabulary={v} tags={tags} columns={columns} />
        </>
      )}
    </div>
  );
}
