"use client";

import { useState, type ReactNode } from "react";
import { formatAverage } from "@/lib/format";
import type { ResolvedSettings, StorySettings } from "@/lib/story/settings";
import { fromFormValues, toFormValues, type FieldLabels, type FormErrors, type FormValues } from "./form-values";

/** The fields' labels in the dataset's words (the form shows them, its messages name them). */
function fieldLabels(v: ResolvedSettings["vocabulary"]): Required<FieldLabels> {
  return {
    volume: `Volume (${v.itemPlural})`,
    period: "Per",
    prevalencePercent: `Share of ${v.positive} ${v.itemPlural} in production (%)`,
    itemSingular: "An item is a…",
    itemPlural: "Plural",
    positive: "Positive class",
    negative: "Negative class",
    flaggedAction: "A flagged item is…",
    falsePositiveCost: "Cost of a false alarm",
    falseNegativeCost: "Cost of a miss",
    truePositiveValue: "Value of a catch",
    currency: "Currency",
    reviewCapacity: "Review capacity (flagged a day)",
    targetFnrPercent: "Target miss rate (%)",
    targetFprPercent: "Target false alarm rate (%)",
  };
}

interface Props {
  /** Settings as the form starts (saved, or from a shared link). */
  initial: StorySettings;
  /** The settings in use, for the placeholders (what a blank field means). */
  resolved: ResolvedSettings;
  /** The saved settings: a field typed wrong keeps its saved value until it is fixed. */
  saved: StorySettings;
  onChange: (settings: StorySettings) => void;
  onSave: () => void;
  saveState: "saved" | "unsaved" | "saving" | "error";
  saveError: string | null;
  /** When the labels come from an audit: the weighted positive share, shown instead of the labelled rows' (which would be biased). */
  weightedShare?: number | null;
}

function Field({ label, error, children, hint }: { label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <label className="impact-field">
      <span>{label}</span>
      {children}
      {error ? <span className="impact-field-error" role="alert">{error}</span> : hint ? <span className="impact-field-hint">{hint}</span> : null}
    </label>
  );
}

/** The stakeholder parameters; every change updates the sentences at once, Save keeps them. */
export function SettingsForm({ initial, resolved, saved, onChange, onSave, saveState, saveError, weightedShare = null }: Props) {
  const [values, setValues] = useState<FormValues>(() => toFormValues(initial));
  const [errors, setErrors] = useState<FormErrors>({});
  const v = resolved.vocabulary;
  const labels = fieldLabels(v);
  const set = (field: keyof FormValues) => (event: { target: { value: string } }) => {
    const next = { ...values, [field]: event.target.value } as FormValues;
    setValues(next);
    const result = fromFormValues(next, { labels, previous: saved });
    setErrors(result.errors);
    onChange(result.settings);
  };
  const invalid = Object.keys(errors).length;
  const input = (field: keyof FormValues, placeholder: string, extra: Record<string, string> = {}) => (
    <input name={field} value={values[field]} onChange={set(field)} placeholder={placeholder} aria-invalid={errors[field] ? true : undefined} {...extra} />
  );
  const volumeHint = resolved.volumeSource === "timestamps" ? "blank: rows per day of the timestamps" : resolved.volumeSource === "rows" ? "blank: the dataset's row count — enter your real volume" : undefined;
  return (
    <form className="impact-form" aria-label="Parameters" onSubmit={(e) => (e.preventDefault(), invalid ? undefined : onSave())}>
      <fieldset>
        <legend>Traffic</legend>
        <div className="impact-row">
          <Field label={labels.volume} error={errors.volume} hint={volumeHint}>
            {input("volume", formatAverage(resolved.volume), { inputMode: "decimal" })}
          </Field>
          <Field label="Per">
            <select name="period" value={values.period} onChange={set("period")}>
              <option value="day">day</option>
              <option value="week">week</option>
              <option value="month">month (30 days)</option>
            </select>
          </Field>
        </div>
        <Field label={labels.prevalencePercent} error={errors.prevalencePercent} hint={weightedShare != null ? "the audit's weighted share; its estimates above do not use this field" : "blank: the evaluation set's share"}>
          {input("prevalencePercent", String(Number(((weightedShare ?? resolved.prevalence) * 100).toPrecision(3))), { inputMode: "decimal" })}
        </Field>
      </fieldset>
      <fieldset id="impact-words-fields">
        <legend>Words</legend>
        <div className="impact-row">
          <Field label={labels.itemSingular} error={errors.itemSingular}>{input("itemSingular", v.itemSingular)}</Field>
          <Field label={labels.itemPlural} error={errors.itemPlural}>{input("itemPlural", v.itemPlural)}</Field>
        </div>
        <div className="impact-row">
          <Field label={labels.positive} error={errors.positive}>{input("positive", v.positive)}</Field>
          <Field label={labels.negative} error={errors.negative}>{input("negative", v.negative)}</Field>
        </div>
        <Field label={labels.flaggedAction} error={errors.flaggedAction}>{input("flaggedAction", v.flaggedAction)}</Field>
      </fieldset>
      <fieldset>
        <legend>Costs and capacity</legend>
        <div className="impact-row">
          <Field label={labels.falsePositiveCost} error={errors.falsePositiveCost}>{input("falsePositiveCost", "0", { inputMode: "decimal" })}</Field>
          <Field label={labels.falseNegativeCost} error={errors.falseNegativeCost}>{input("falseNegativeCost", "0", { inputMode: "decimal" })}</Field>
        </div>
        <div className="impact-row">
          <Field label={labels.truePositiveValue} error={errors.truePositiveValue}>{input("truePositiveValue", "0", { inputMode: "decimal" })}</Field>
          <Field label={labels.currency} error={errors.currency}>{input("currency", resolved.costs.currency)}</Field>
        </div>
        <Field label={labels.reviewCapacity} error={errors.reviewCapacity} hint="blank: unlimited">
          {input("reviewCapacity", "unlimited", { inputMode: "decimal" })}
        </Field>
        <div className="impact-row">
          <Field label={labels.targetFnrPercent} error={errors.targetFnrPercent}>{input("targetFnrPercent", "none", { inputMode: "decimal" })}</Field>
          <Field label={labels.targetFprPercent} error={errors.targetFprPercent}>{input("targetFprPercent", "none", { inputMode: "decimal" })}</Field>
        </div>
      </fieldset>
      <div className="impact-save">
        <button type="submit" className="button button-primary" disabled={invalid > 0 || saveState === "saving" || saveState === "saved"}>
          {saveState === "saving" ? "Saving…" : "Save parameters"}
        </button>
        <span className="small muted" role="status">
          {invalid
            ? `Fix the ${invalid === 1 ? "field" : `${invalid} fields`} in red to save; until then the saved value${invalid === 1 ? " is" : "s are"} used.`
            : saveState === "saved" ? "Saved for this dataset." : saveState === "unsaved" ? "Not saved yet." : saveState === "error" ? saveError : ""}
        </span>
      </div>
    </form>
  );
}
