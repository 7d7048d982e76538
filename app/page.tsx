import Link from "next/link";
import { listDatasets } from "@/lib/services/datasets";
import { store } from "@/lib/db";
import { formatCount, formatDate, formatDecimal, formatPercent } from "@/lib/format";
import { Term } from "@/app/ui/term";
import { firstParam } from "@/app/ui/search-params";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ deleted?: string | string[] }> }) {
  const [datasets, { deleted }, alerts] = await Promise.all([listDatasets(), searchParams, store().alerts.activeCounts()]);
  const deletedName = firstParam(deleted);
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Datasets</h1>
          <p className="muted">Evaluation sets of your classifiers. Open one to choose where its threshold goes.</p>
        </div>
      </div>
      {deletedName ? <p className="alert alert-ok" role="status">Deleted the dataset “{deletedName}”.</p> : null}
      {datasets.length === 0 ? (
        <div className="card empty">
          <p>No datasets yet.</p>
          <p><Link className="button button-primary" href="/upload">Upload an evaluation set</Link></p>
        </div>
      ) : (
        <div className="card" style={{ padding: 0 }}>
          <table className="table cards-on-phone" aria-label="Datasets">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">Rows</th>
                <th scope="col" className="num">Positive share</th>
                <th scope="col" className="num"><Term word="ROC AUC" /></th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <tr key={d.id}>
                  <td data-label="Name">
                    <Link href={`/datasets/${d.id}`}>{d.name}</Link>
                    {alerts.get(d.id) ? (
                      <Link className="badge-alerts" href={`/datasets/${d.id}/monitoring`} aria-label={`${alerts.get(d.id)} monitoring ${alerts.get(d.id) === 1 ? "alert" : "alerts"} for ${d.name}`}>
                        {alerts.get(d.id)} {alerts.get(d.id) === 1 ? "alert" : "alerts"}
                      </Link>
                    ) : null}
                    {d.sourceFile ? <div className="small muted">{d.sourceFile}</div> : null}
                  </td>
                  <td className="num" data-label="Rows">{formatCount(d.rows)}</td>
                  <td className="num" data-label="Positive share">{formatPercent(d.positiveShare, 2)}</td>
                  <td className="num" data-label="ROC AUC">{formatDecimal(d.rocAuc, 3)}</td>
                  <td data-label="Created">{formatDate(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
