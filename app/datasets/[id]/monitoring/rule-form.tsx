"use client";

import { useState } from "react";
import { alertRuleSchema, type AlertRule } from "@/lib/monitoring";

/** Adds one alert rule: its kind, then its limits (checked with the API's own schema). */
export function RuleForm({ kinds, onAdd }: { kinds: { kind: AlertRule["kind"]; label: string }[]; onAdd: (rule: AlertRule) => void }) {
  const [kind, setKind] = useState<AlertRule["kind"]>("misses");
  const [a, setA] = useState("");
  const [b, setB] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const num = (text: string, scale = 1) => (text.trim() === "" ? null : Number(text) / scale);
  const candidate = (): unknown => {
    switch (kind) {
      case "misses":
      case "falseAlarms":
        return { kind, perDayAbove: num(a) };
      case "flagRate":
        return { kind, min: num(a, 100), max: num(b, 100) };
      case "drift":
        return { kind };
      case "labeled":
        return { kind, shareBelow: num(a, 100), afterDays: num(b) };
    }
  };
  const add = () => {
    const parsed = alertRuleSchema.safeParse(candidate());
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? "this rule is not complete");
      return;
    }
    setProblem(null);
    setA("");
    setB("");
    onAdd(parsed.data);
  };
  const field = (label: string, value: string, set: (v: string) => void, hint?: string) => (
    <label className="impact-field">
      <span>{label}</span>
      <input type="number" inputMode="decimal" step="any" min={0} value={value} onChange={(e) => set(e.target.value)} />
      {hint ? <span className="impact-field-hint">{hint}</span> : null}
    </label>
  );
  return (
    <div className="rule-form">
      <label className="impact-field">
        <span>New rule</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as AlertRule["kind"])}>
          {kinds.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
        </select>
      </label>
      {kind === "misses" || kind === "falseAlarms" ? field("per day", a, setA) : null}
      {kind === "flagRate" ? (
        <>
          {field("lowest flag rate (%)", a, setA, "empty: no lowest")}
          {field("highest flag rate (%)", b, setB, "empty: no highest")}
        </>
      ) : null}
      {kind === "labeled" ? (
        <>
          {field("labelled below (%)", a, setA)}
          {field("days after the day", b, setB)}
        </>
      ) : null}
      <button type="button" className="button" onClick={add}>Add rule</button>
      {problem ? <span className="small impact-field-error" role="alert">{problem}</span> : null}
    </div>
  );
}
