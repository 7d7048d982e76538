"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { ScenarioView } from "@/lib/db";
import type { ThresholdGrid } from "@/lib/metrics/grid";
import { formatMoney, formatThreshold } from "@/lib/format";
import { hasCosts } from "@/lib/story/costs";
import { settingsFromParam, settingsToParam } from "@/lib/story/share";
import { parseStoredSettings, PERIOD_DAYS, type DatasetFacts, type StorySettings } from "@/lib/story/settings";
import { CostChart } from "@/app/ui/charts/cost-chart";
import { ThresholdControl } from "@/app/ui/charts/threshold-control";
import { useThreshold } from "../threshold-context";
import { DailyTable } from "./daily-table";
import { Recommendations } from "./recommendations";
import { Scenarios } from "./scenarios";
import { SettingsForm } from "./settings-form";
import { ShareLink } from "./share-link";
import { useStory } from "./use-story";
import { requestJson } from "@/app/ui/request";
import type { DatasetAudit } from "@/lib/services/audit-estimates";
import { AuditImpact } from "./audit-impact";
import { replaceUrlLater } from "@/app/ui/replace-url";

/** True while nothing names the classes and the labels say nothing either (1/0, true/false): "positive items". */
function usesDefaultWords(settings: StorySettings, facts: DatasetFacts): boolean {
  const words = settings.vocabulary ?? {};
  if (words.positive || words.negative || words.itemSingular) return false;
  const plain = /^(-?\d+(\.\d+)?|true|false|yes|no|y|n|t|f)$/i;
  return plain.test(facts.positiveLabel.trim()) || plain.test(facts.negativeLabel.trim());
}

interface Props {
  datasetId: number;
  grid: ThresholdGrid;
  facts: DatasetFacts;
  savedSettings: StorySettings;
  /** Settings from a shared link (`?s=`), shown instead of the saved ones until saved. */
  sharedSettings: StorySettings | null;
  reference: number;
  scenarios: ScenarioView[];
  /** The audit that speaks for the dataset when its labels come from one (a weighted sample). */
  audit?: DatasetAudit | null;
}

const same = (a: StorySettings, b: StorySettings) => JSON.stringify(a) === JSON.stringify(b);
const draftKey = (datasetId: number) => `cutoff.unsaved-settings.${datasetId}`;

/**
 * Unsaved parameters survive a tab switch or a reload within the browser tab: they are kept in
 * sessionStorage until saved or discarded, and come back (with a note) when the page opens again.
 */
function useUnsavedDraft(datasetId: number, settings: StorySettings, saved: StorySettings, restore: (draft: StorySettings) => void, skip: boolean) {
  const [restored, setRestored] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const raw = skip ? null : window.sessionStorage.getItem(draftKey(datasetId));
    const draft = raw ? settingsFromParam(raw) : null;
    if (draft && !same(draft, saved)) {
      restore(draft);
      // Read after mount: sessionStorage does not exist during server rendering.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setRestored(true);
    }
    setReady(true);
    // Once, on opening the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (!ready) return;
    if (same(settings, saved)) window.sessionStorage.removeItem(draftKey(datasetId));
    else window.sessionStorage.setItem(draftKey(datasetId), JSON.stringify(settings));
  }, [ready, datasetId, settings, saved]);
  return [restored && !same(settings, saved), () => setRestored(false)] as const;
}

/** The daily-impact page: sentences, ranges, costs, recommendations and scenarios, live with the threshold. */
export function ImpactView({ datasetId, grid, facts, savedSettings, sharedSettings, reference: initialReference, scenarios, audit = null }: Props) {
  const { threshold, setThreshold } = useThreshold();
  const [saved, setSaved] = useState(savedSettings);
  const [settings, setSettings] = useState(sharedSettings ?? savedSettings);
  const [formKey, setFormKey] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [reference, setReference] = useState(initialReference);
  const { table, resolved, story, tradeOff, curve, recommendations } = useStory(grid, facts, settings, threshold, reference);
  const replaceSettings = (next: StorySettings) => {
    setSettings(next);
    setFormKey((k) => k + 1);
  };
  const [draftRestored, forgetRestored] = useUnsavedDraft(datasetId, settings, saved, replaceSettings, sharedSettings !== null);

  useEffect(
    () =>
      replaceUrlLater((url) => {
        if (reference === threshold) url.searchParams.delete("ref");
        else url.searchParams.set("ref", String(reference));
      }, 200),
    [reference, threshold],
  );

  async function save() {
    setSaving(true);
    setSaveError(null);
    try {
      const body = await requestJson<{ saved: StorySettings }>(`/api/datasets/${datasetId}/settings`, { method: "PUT", body: JSON.stringify(settings) }, "the parameters were not saved");
      setSaved(body.saved);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  }

  function applyScenario(s: ScenarioView) {
    replaceSettings(parseStoredSettings(s.settings));
    setThreshold(s.threshold);
  }

  const v = resolved.vocabulary;
  const markers = recommendations.map(({ threshold: t, label }) => ({ threshold: t, label }));
  const saveState = saving ? "saving" : saveError ? "error" : same(settings, saved) ? "saved" : "unsaved";
  const unsaved = same(settings, saved) ? null : settingsToParam(settings);
  const briefHref = `/datasets/${datasetId}/brief?t=${threshold}${unsaved ? `&s=${encodeURIComponent(unsaved)}` : ""}`;
  return (
    <div className="impact stack">
      <section className="card impact-controls" aria-label="Threshold">
        <ThresholdControl threshold={threshold} onChange={setThreshold} valueText={audit ? `threshold ${formatThreshold(threshold)}` : `threshold ${formatThreshold(threshold)}: ${story.sentences[0] ?? ""}`} />
        <div className="impact-actions">
          <ShareLink threshold={threshold} reference={reference} settings={same(settings, saved) ? null : settings} />
          <Link className="button" href={briefHref}>Open the brief</Link>
        </div>
      </section>
      {sharedSettings && !same(sharedSettings, saved) ? (
        <p className="alert" role="note">These parameters come from a shared link; save them to make them this dataset&apos;s.</p>
      ) : null}
      {draftRestored ? (
        <p className="alert impact-note" role="note">
          Your unsaved parameters from earlier are back. Save them to keep them, or{" "}
          <button type="button" className="link-button" onClick={() => (replaceSettings(saved), forgetRestored())}>discard them</button>.
        </p>
      ) : null}
      {usesDefaultWords(settings, facts) ? (
        <p className="alert impact-note" role="note" data-testid="words-prompt">
          The labels of this dataset are “{facts.positiveLabel}” and “{facts.negativeLabel}”, so the sentences speak of {v.positive} and {v.negative} {v.itemPlural}.{" "}
          <a href="#impact-words-fields">Name them under Words</a> (e.g. transaction, fraudulent, valid) to read them in your own terms.
        </p>
      ) : null}
      <div className="impact-layout">
        <div className="stack">
          {audit ? <AuditImpact datasetId={datasetId} found={audit} settings={resolved} threshold={threshold} /> : null}
          {audit ? null : <section className="card" aria-labelledby="impact-words">
            <h2 id="impact-words">What this threshold means every {resolved.period}</h2>
            <p className="impact-sentences" data-testid="impact-sentences">{story.sentences.join(" ")}</p>
            <div className="impact-tradeoff">
              <p>{tradeOff ?? `Compared with the reference threshold ${formatThreshold(reference)}: move the threshold to see the trade-off.`}</p>
              <div className="impact-reference no-print">
                <span className="small muted">Reference threshold {formatThreshold(reference)}</span>
                <button type="button" className="button" onClick={() => setReference(threshold)} disabled={reference === threshold}>
                  Make {formatThreshold(threshold)} the reference
                </button>
              </div>
            </div>
          </section>}
          {audit ? null : <section className="card" aria-labelledby="impact-daily">
            <h2 id="impact-daily">Average {v.itemPlural} a day</h2>
            <DailyTable daily={story.daily} ranges={story.ranges} settings={resolved} />
            <p className="small muted">
              Ranges are 95% intervals from the evaluation set&apos;s size ({facts.positives.toLocaleString("en-US")} {v.positive}, {facts.negatives.toLocaleString("en-US")} {v.negative}); a smaller set gives wider ranges.
            </p>
          </section>}
          <section className="card" aria-labelledby="impact-cost">
            <h2 id="impact-cost">Expected cost</h2>
            {audit ? (
              <p className="muted small" data-testid="impact-audit-cost-note">The cost curve needs labels that are a random sample of the {v.itemPlural}; this dataset&apos;s come from an audit (a weighted sample), so only the cost at the current threshold is shown, from the audit&apos;s estimates above.</p>
            ) : hasCosts(resolved.costs) && story.cost !== null ? (
              <>
                <p className="stat-value" data-testid="impact-cost">
                  {formatMoney(story.cost * PERIOD_DAYS[resolved.period], resolved.costs.currency)} a {resolved.period}
                </p>
                <CostChart curve={curve} currency={resolved.costs.currency} threshold={threshold} onThresholdChange={setThreshold} markers={markers} />
              </>
            ) : (
              <p className="muted small">Enter the cost of a false alarm and of a miss (and the value of a catch) to see the expected cost and the threshold that minimises it.</p>
            )}
          </section>
          <section className="card" aria-labelledby="impact-recommendations">
            <h2 id="impact-recommendations">Recommended thresholds</h2>
            {audit ? (
              <p className="muted small">Recommendations are computed from labelled {v.itemPlural} counted as they are; this dataset&apos;s labels come from an audit (a weighted sample), so none are recommended here. Drag the threshold to read the audit&apos;s estimates at any threshold.</p>
            ) : <Recommendations items={recommendations} threshold={threshold} onUse={setThreshold} />}
          </section>
        </div>
        <section className="card impact-parameters" aria-labelledby="impact-parameters">
          <h2 id="impact-parameters">Parameters</h2>
          <SettingsForm key={formKey} initial={settings} resolved={resolved} saved={saved} onChange={setSettings} onSave={save} saveState={saveState} saveError={saveError} weightedShare={audit?.prevalence.estimate ?? null} />
        </section>
      </div>
      <section className="card" aria-labelledby="impact-scenarios">
        <h2 id="impact-scenarios">Scenarios</h2>
        <Scenarios datasetId={datasetId} initial={scenarios} table={table} facts={facts} threshold={threshold} settings={settings} onUse={applyScenario} weighted={audit !== null} />
      </section>
    </div>
  );
}
