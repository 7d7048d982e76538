import type { PairedTable } from "@/lib/compare";
import { capitalize, formatCount } from "@/lib/format";
import { Term } from "@/app/ui/term";

interface Props {
  positives: PairedTable;
  negatives: PairedTable;
  nameA: string;
  nameB: string;
  positiveName: string;
  negativeName: string;
  /** Without tooltips (the printed brief). */
  plain?: boolean;
}

const pValue = (p: number) => (p >= 0.001 ? p.toFixed(3) : p.toExponential(1).replace("-", "−"));

/** One class's 2×2: squares with an area proportional to each count, the cells only one model flags in colour. */
function Table({ table, flagged, participle, what, nameA, nameB, plain, testId }: { table: PairedTable; flagged: string; participle: string; what: string; nameA: string; nameB: string; plain: boolean; testId: string }) {
  const largest = Math.max(1, table.both, table.onlyA, table.onlyB, table.neither);
  const cell = (count: number, label: string, tone: "agree" | "a" | "b", id: string) => (
    <td className={`paired-cell paired-${tone}`} data-testid={`${testId}-${id}`}>
      <span className="paired-box" aria-hidden="true">
        <span className="paired-square" style={{ width: `${count ? Math.max(8, Math.sqrt(count / largest) * 100) : 0}%` }} />
      </span>
      <span className="paired-count num">{formatCount(count)}</span>
      <span className="paired-label small">{label}</span>
    </td>
  );

  const significant = table.pValue < 0.05;
  return (
    <figure className="paired-table">
      <figcaption>
        <strong>{capitalize(what)}</strong>: {formatCount(table.both + table.onlyA + table.onlyB + table.neither)} matched
      </figcaption>
      <table aria-label={`${capitalize(what)}: which model ${flagged}`}>
        <thead>
          <tr>
            <td />
            <th scope="col">{nameB} {flagged}</th>
            <th scope="col">{nameB} does not</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{nameA} {flagged}</th>
            {cell(table.both, `${participle} by both`, "agree", "both")}
            {cell(table.onlyA, `${participle} by ${nameA} only`, "a", "onlyA")}
          </tr>
          <tr>
            <th scope="row">{nameA} does not</th>
            {cell(table.onlyB, `${participle} by ${nameB} only`, "b", "onlyB")}
            {cell(table.neither, `${participle} by neither`, "agree", "neither")}
          </tr>
        </tbody>
      </table>
      <p className="small muted">
        {plain ? "McNemar's test" : <Term word="McNemar's test" />} (mid-p): p = {pValue(table.pValue)}
        {table.onlyA + table.onlyB === 0 ? ", the models decide alike on every one" : significant ? `, more than chance: ${table.onlyA > table.onlyB ? nameA : nameB} ${flagged} more of them` : ", within chance"}.
      </p>
    </figure>
  );
}

/** The paired tables as a picture: among positives (flagged = caught) and negatives (flagged = a false alarm). */
export function PairedTables({ positives, negatives, nameA, nameB, positiveName, negativeName, plain = false }: Props) {
  return (
    <div className="paired-tables">
      <Table table={positives} flagged="catches" participle="caught" what={`actually ${positiveName}`} nameA={nameA} nameB={nameB} plain={plain} testId="paired-positives" />
      <Table table={negatives} flagged="flags" participle="flagged" what={`actually ${negativeName}`} nameA={nameA} nameB={nameB} plain={plain} testId="paired-negatives" />
    </div>
  );
}
