import type { DatasetView } from "@/lib/db";

const labelOf = (d: DatasetView) => `${d.modelName ? `${d.modelName}${d.modelVersion ? ` ${d.modelVersion}` : ""} — ` : ""}${d.name}`;

/**
 * Two dataset choosers and a Compare button: a plain GET form (works before the page's code
 * loads). Datasets under a model come first, by model and version.
 */
export function ComparePicker({ datasets, a, b }: { datasets: DatasetView[]; a?: number; b?: number }) {
  const sorted = [...datasets].sort((x, y) => (x.modelName === null ? 1 : 0) - (y.modelName === null ? 1 : 0) || (x.modelName ?? "").localeCompare(y.modelName ?? "") || (x.modelVersion ?? "").localeCompare(y.modelVersion ?? "") || x.id - y.id);
  const options = sorted.map((d) => (
    <option key={d.id} value={d.id}>
      {labelOf(d)}
    </option>
  ));
  return (
    <form className="card compare-picker" method="get" action="/compare" aria-label="Choose two models">
      <label>
        A (the reference)
        <select name="a" defaultValue={a ?? sorted[0]?.id}>{options}</select>
      </label>
      <label>
        B (the candidate)
        <select name="b" defaultValue={b ?? sorted[1]?.id}>{options}</select>
      </label>
      <button className="button button-primary">Compare</button>
    </form>
  );
}
