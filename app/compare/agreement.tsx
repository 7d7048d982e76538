import type { Agreement as AgreementCounts, AucComparison, CorrectnessDiscordance } from "@/lib/compare";
import { formatKappa } from "@/lib/compare/sentences";
import { formatCount, formatDecimal, formatRate } from "@/lib/format";
import { Term } from "@/app/ui/term";
import { formatSmall } from "./side-by-side";

const pText = (p: number | null) => (p === null ? "—" : p >= 0.001 ? p.toFixed(3) : "< 0.001");

/** κ, the share decided alike, who is right more often (McNemar) and the AUCs (DeLong), in a few lines. */
export function AgreementFacts({ agreement, correctness, auc, nameA, nameB, matched, plain = false }: { agreement: AgreementCounts; correctness: CorrectnessDiscordance; auc: AucComparison; nameA: string; nameB: string; matched: number; plain?: boolean }) {
  const word = (w: Parameters<typeof Term>[0]["word"]) => (plain ? w : <Term word={w} />);
  return (
    <dl className="rate-list agreement" data-testid="agreement">
      <div>
        <dt>{word("Cohen's κ")}</dt>
        <dd className="num" data-testid="kappa">{agreement.kappa === null ? "—" : formatKappa(agreement.kappa)}</dd>
      </div>
      <div>
        <dt>Decided alike</dt>
        <dd className="num">{agreement.share === null ? "—" : `${formatRate(agreement.share)} of ${formatCount(matched)}`}</dd>
      </div>
      <div>
        <dt>Right where the other is wrong</dt>
        <dd className="num">
          {nameA} {formatCount(correctness.onlyA)}, {nameB} {formatCount(correctness.onlyB)} <span className="muted small">(McNemar p {pText(correctness.pValue)})</span>
        </dd>
      </div>
      <div>
        <dt>{word("ROC AUC")}</dt>
        <dd className="num">{nameA} {formatDecimal(auc.aucA, 4)}, {nameB} {formatDecimal(auc.aucB, 4)}</dd>
      </div>
      <div>
        <dt>{word("DeLong's test")}</dt>
        <dd className="num">
          {auc.difference === null ? "—" : `${nameB} − ${nameA}: ${formatSmall(auc.difference)}`}
          {auc.standardError !== null ? ` (SE ${formatSmall(auc.standardError, false)}, p ${pText(auc.pValue)})` : ""}
        </dd>
      </div>
    </dl>
  );
}
