"use client";

import { useId, useState } from "react";
import { describeVerdicts, type ModelNames, type NonInferiority } from "@/lib/compare";
import type { ModelFacts } from "@/lib/models";
import type { Vocabulary } from "@/lib/story/settings";
import { Term } from "@/app/ui/term";
import { ratioWords } from "./side-by-side";

interface Props {
  verdicts: NonInferiority[];
  names: ModelNames;
  vocabulary: Vocabulary;
  missedMargin: number | null;
  falseAlarmMargin: number | null;
  onMargins: (missed: number | null, falseAlarms: number | null) => void;
  factsA: ModelFacts | null;
  factsB: ModelFacts | null;
}

/** A margin box: a number of items a day, or empty for no verdict. */
function MarginInput({ label, value, onChange, hint }: { label: string; value: number | null; onChange: (v: number | null) => void; hint: string }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const problem = draft !== null && draft.trim() !== "" && !(Number(draft) >= 0) ? "a number of items a day, 0 or more" : null;
  return (
    <div className="verdict-margin">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={0}
        step="any"
        value={draft ?? (value === null ? "" : String(value))}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          if (text.trim() === "") onChange(null);
          else if (Number(text) >= 0) onChange(Number(text));
        }}
        onBlur={() => setDraft(null)}
      />
      <span id={`${id}-hint`} className={problem ? "impact-field-error" : "impact-field-hint"}>{problem ?? hint}</span>
    </div>
  );
}

/**
 * The verdict for a pruned or quantized copy: non-inferiority of B against A with margins the
 * user sets (items a day), next to what B saves in size and latency.
 */
export function Verdict({ verdicts, names, vocabulary: v, missedMargin, falseAlarmMargin, onMargins, factsA, factsB }: Props) {
  const sentences = describeVerdicts(verdicts, v, names);
  const size = ratioWords(factsA?.sizeMb ?? null, factsB?.sizeMb ?? null, "smaller", "larger");
  const latency = ratioWords(factsA?.latencyMs ?? null, factsB?.latencyMs ?? null, "faster", "slower");
  const passed = verdicts.length > 0 && verdicts.every((x) => x.nonInferior === true);
  const failed = verdicts.some((x) => x.nonInferior === false);
  return (
    <section className={`card verdict ${passed ? "verdict-pass" : failed ? "verdict-fail" : ""}`} aria-label="Verdict" data-testid="verdict">
      <div className="card-title-row">
        <h2>Is {names.b} good enough?</h2>
        <span className="small"><Term word="Non-inferiority">non-inferiority</Term></span>
      </div>
      {verdicts.length ? (
        <p className="verdict-badge" data-testid="verdict-badge">
          {passed ? `✓ Yes, within the margin${verdicts.length > 1 ? "s" : ""}` : failed ? "✗ Not shown at this margin: more data or a wider margin" : "Cannot be told from these examples"}
        </p>
      ) : null}
      <div className="verdict-margins">
        <MarginInput label={`${names.b} may miss at most … more ${v.positive} ${v.itemPlural} a day`} value={missedMargin} onChange={(m) => onMargins(m, falseAlarmMargin)} hint="empty: no verdict on misses" />
        <MarginInput label={`… and wrongly flag at most … more ${v.negative} ${v.itemPlural} a day`} value={falseAlarmMargin} onChange={(m) => onMargins(missedMargin, m)} hint="empty: no verdict on false alarms" />
      </div>
      {sentences.length ? (
        <ul className="verdict-sentences" aria-live="polite">
          {sentences.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">Set a margin to get a verdict: how many more misses or false alarms a day {names.b} may cost.</p>
      )}
      {size || latency ? (
        <p className="verdict-facts">
          In exchange {names.b} is {[size && `${size} (${factsB?.sizeMb} MB against ${factsA?.sizeMb} MB)`, latency && `${latency} (${factsB?.latencyMs} ms against ${factsA?.latencyMs} ms a prediction)`].filter(Boolean).join(" and ")}.
        </p>
      ) : (
        <p className="small muted">Add each version&rsquo;s size and latency on the Models page to weigh them here.</p>
      )}
      <p className="small muted">One-sided 95% bound of the difference ({verdicts[0]?.method ?? "paired bootstrap over example ids"}); the verdict passes when the bound stays within the margin.</p>
    </section>
  );
}
