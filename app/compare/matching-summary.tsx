import { formatCount } from "@/lib/format";
import type { CompareAnswer } from "./compare-api";

/**
 * How the two datasets were matched: examples in both (compared), in one only (left out, said
 * so), matched ids whose labels differ (left out, shown) and rows without an id.
 */
export function MatchingSummary({ answer }: { answer: CompareAnswer }) {
  const { a, b } = answer.datasets;
  const item = answer.vocabulary.itemPlural;
  if (answer.kind === "unpaired") {
    return (
      <p className="alert compare-matching" data-testid="matching">
        <strong>An A/B test:</strong> the two datasets share no example id, so each model is measured on its own {item} ({formatCount(a.rows)} and {formatCount(b.rows)}) and
        the differences come with Newcombe intervals for independent samples.
      </p>
    );
  }
  const left = [
    answer.onlyA ? `${formatCount(answer.onlyA)} only in ${answer.names.a}'s dataset` : "",
    answer.onlyB ? `${formatCount(answer.onlyB)} only in ${answer.names.b}'s` : "",
    answer.unlabeled ? `${formatCount(answer.unlabeled)} not labelled in either` : "",
    a.withoutId || b.withoutId ? `${formatCount(a.withoutId + b.withoutId)} rows without an id` : "",
  ].filter(Boolean);
  return (
    <div className="compare-matching" data-testid="matching">
      <p>
        <strong className="num">{formatCount(answer.matched)}</strong> {item} scored by both models, matched by example id.
        {left.length ? ` Left out: ${left.join(", ")}.` : " None left out."}
      </p>
      {answer.labelConflicts ? (
        <details className="alert" data-testid="label-conflicts">
          <summary>
            {formatCount(answer.labelConflicts)} matched {answer.labelConflicts === 1 ? "example has" : "examples have"} a different label in the two datasets and{" "}
            {answer.labelConflicts === 1 ? "is" : "are"} left out.
          </summary>
          <ul className="small">
            {answer.conflictExamples.map((c, i) => (
              <li key={`${c.exampleId}-${i}`}>
                <span className="mono">{c.exampleId ?? "(no id)"}</span>: {c.labelA === 1 ? answer.vocabulary.positive : answer.vocabulary.negative} in {answer.names.a}&rsquo;s dataset,{" "}
                {c.labelB === 1 ? answer.vocabulary.positive : answer.vocabulary.negative} in {answer.names.b}&rsquo;s
              </li>
            ))}
            {answer.labelConflicts > answer.conflictExamples.length ? <li>… and {formatCount(answer.labelConflicts - answer.conflictExamples.length)} more</li> : null}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
