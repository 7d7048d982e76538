import type { ConfusionMatrix as Counts } from "@/lib/metrics";
import { formatCount, formatPercent } from "@/lib/format";

interface Props {
  matrix: Counts;
  positiveName: string;
  negativeName: string;
}

const share = (n: number, of: number) => (of === 0 ? "—" : formatPercent(n / of, 1));

/**
 * The 2×2 of counts at the threshold in plain words: rows are what actually happened, columns what
 * the model did; each cell also shows its share of its row (e.g. 5% of positives missed).
 */
export function ConfusionMatrix({ matrix, positiveName, negativeName }: Props) {
  const { tp, fp, tn, fn } = matrix;
  const positives = tp + fn;
  const negatives = fp + tn;
  const cell = (testId: string, count: number, of: number, word: string, ofWord: string, tone: "good" | "bad") => (
    <td className={`cm-cell cm-${tone}`} data-testid={testId}>
      <span className="cm-count num" data-testid={`${testId}-count`}>{formatCount(count)}</span>
      <span className="cm-word">{word}</span>
      <span className="cm-rate small">{share(count, of)} of {ofWord}</span>
    </td>
  );
  return (
    <table className="confusion-matrix" aria-label={`Confusion matrix at threshold ${matrix.threshold}`}>
      <thead>
        <tr>
          <td />
          <th scope="col">flagged</th>
          <th scope="col">not flagged</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">actually {positiveName} <span className="muted small num">({formatCount(positives)})</span></th>
          {cell("cm-tp", tp, positives, "caught", positiveName, "good")}
          {cell("cm-fn", fn, positives, "missed", positiveName, "bad")}
        </tr>
        <tr>
          <th scope="row">actually {negativeName} <span className="muted small num">({formatCount(negatives)})</span></th>
          {cell("cm-fp", fp, negatives, "false alarms", negativeName, "bad")}
          {cell("cm-tn", tn, negatives, "correctly not flagged", negativeName, "good")}
        </tr>
      </tbody>
    </table>
  );
}
