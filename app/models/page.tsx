import type { Metadata } from "next";
import Link from "next/link";
import { formatAverage, formatDecimal, formatPercent, formatThreshold } from "@/lib/format";
import type { CatalogModel } from "@/lib/models";
import { listModels, type VersionDataset } from "@/lib/services/models";
import { Term } from "@/app/ui/term";
import { AssignForm } from "./assign-form";
import { FactsForm } from "./facts-form";
import "../compare/compare.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Models" };

const facts = (f: CatalogModel<VersionDataset>["versions"][number]["facts"]) =>
  [f?.format, f?.sizeMb != null ? `${formatAverage(f.sizeMb)} MB` : null, f?.latencyMs != null ? `${formatAverage(f.latencyMs)} ms` : null].filter(Boolean).join(" · ") || "no facts yet";

/** "Compare" links of a model: each version's first dataset against the version before it's (the reference). */
function compareLinks(model: CatalogModel<VersionDataset>) {
  const withData = model.versions.filter((v) => v.datasets.length > 0);
  return withData.slice(1).map((v, i) => {
    const reference = withData[i];
    return { href: `/compare?a=${reference.datasets[0].id}&b=${v.datasets[0].id}`, label: `${reference.version || "no version"} against ${v.version || "no version"}` };
  });
}

function ModelCard({ model }: { model: CatalogModel<VersionDataset> }) {
  const links = compareLinks(model);
  const datasets = model.versions.flatMap((v) => v.datasets.map((d) => ({ ...d, version: v.version })));
  return (
    <section className="card stack-sm model-card" aria-label={`Model ${model.name}`} data-testid={`model-${model.name}`}>
      <div className="card-title-row">
        <h2>{model.name}</h2>
        <div className="model-compare">
          {links.map((l) => (
            <Link key={l.href} className="button button-primary" href={l.href}>Compare {l.label}</Link>
          ))}
        </div>
      </div>
      <table className="table cards-on-phone models-table" aria-label={`Versions of ${model.name}`}>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Dataset</th>
            <th scope="col" className="num"><Term word="ROC AUC" /></th>
            <th scope="col" className="num">Threshold</th>
            <th scope="col" className="num">Flag rate</th>
            <th scope="col">A day at the threshold</th>
          </tr>
        </thead>
        <tbody>
          {model.versions.map((v) =>
            (v.datasets.length ? v.datasets : [null]).map((d, i) => (
              <tr key={`${v.version}-${d?.id ?? "none"}`}>
                <td data-label="Version">
                  {i === 0 ? (
                    <>
                      <strong>{v.version || "no version"}</strong>
                      <div className="small muted">{facts(v.facts)}</div>
                      <details className="facts-details">
                        <summary className="small">Edit facts</summary>
                        <FactsForm model={model.name} version={v.version} facts={v.facts} />
                      </details>
                    </>
                  ) : (
                    <span className="muted small">{v.version || "no version"}</span>
                  )}
                </td>
                <td data-label="Dataset">{d ? <Link href={`/datasets/${d.id}`}>{d.name}</Link> : <span className="muted">no dataset yet</span>}{d && !d.hasIds ? <div className="small muted">no example ids: compared as an A/B test</div> : null}</td>
                <td className="num" data-label="ROC AUC">{d ? formatDecimal(d.rocAuc, 4) : "—"}</td>
                <td className="num" data-label="Threshold">{d ? formatThreshold(d.threshold) : "—"}</td>
                <td className="num" data-label="Flag rate">{d ? formatPercent(d.flagRate, 2) : "—"}</td>
                <td data-label="A day">
                  {d ? (
                    <span className="small">
                      {formatAverage(d.daily.flagged ?? 0)} flagged · {formatAverage(d.daily.truePositives ?? 0)} {d.vocabulary.positive} caught · {formatAverage(d.daily.falseNegatives ?? 0)} missed · {formatAverage(d.daily.falsePositives ?? 0)} false alarms
                    </span>
                  ) : "—"}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      {datasets.length >= 2 ? (
        <form className="compare-picker compare-picker-inline" method="get" action="/compare" aria-label={`Compare two versions of ${model.name}`}>
          <label>
            A
            <select name="a" defaultValue={datasets[0].id}>
              {datasets.map((d) => <option key={d.id} value={d.id}>{`${d.version || "no version"} — ${d.name}`}</option>)}
            </select>
          </label>
          <label>
            B
            <select name="b" defaultValue={datasets[datasets.length > 1 ? 1 : 0].id}>
              {datasets.map((d) => <option key={d.id} value={d.id}>{`${d.version || "no version"} — ${d.name}`}</option>)}
            </select>
          </label>
          <button className="button">Compare</button>
        </form>
      ) : null}
    </section>
  );
}

/** The Models page: models and their versions with AUC, flag rate and daily counts at their thresholds, and Compare. */
export default async function ModelsPage() {
  const { models, ungrouped } = await listModels();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Models</h1>
          <p className="muted">Datasets grouped by the model and version that scored them. Compare two versions — the original against its pruned or int8 copy, or two arms of an A/B test — at the same threshold or the same daily review load.</p>
        </div>
        <Link className="button" href="/compare">Compare any two datasets</Link>
      </div>
      {models.length === 0 ? <p className="card empty">No dataset is under a model yet. Upload with a model and version (or put a dataset under one below).</p> : models.map((m) => <ModelCard key={m.name} model={m} />)}
      {ungrouped.length ? (
        <section className="card stack-sm" aria-label="Datasets without a model">
          <h2>Datasets without a model</h2>
          <p className="small muted">{ungrouped.map((d) => d.name).join(", ")}</p>
          <AssignForm datasets={ungrouped} models={models.map((m) => m.name)} />
        </section>
      ) : null}
    </div>
  );
}
