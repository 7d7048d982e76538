import Link from "next/link";
import { listDatasets } from "@/lib/services/datasets";
import { formatCount, formatDate, formatPercent } from "@/lib/format";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const datasets = await listDatasets();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Datasets</h1>
          <p className="muted">Evaluation sets of your classifiers. Open one to choose where its threshold goes.</p>
        </div>
      </div>
      {datasets.length === 0 ? (
        <div className="card empty">
          <p>No datasets yet.</p>
        </div>
      ) : (
        <div className="card" style={{ padding: 0, overflowX: "auto" }}>
          <table className="table" aria-label="Datasets">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">Rows</th>
                <th scope="col" className="num">Positive share</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link href={`/datasets/${d.id}`}>{d.name}</Link>
                    {d.sourceFile ? <div className="small muted">{d.sourceFile}</div> : null}
                  </td>
                  <td className="num">{formatCount(d.rows)}</td>
                  <td className="num">{formatPercent(d.positiveShare, 2)}</td>
                  <td>{formatDate(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
