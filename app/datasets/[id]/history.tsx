import type { BatchView } from "@/lib/db";
import { formatCount, formatDate } from "@/lib/format";

const KIND_WORDS: Record<BatchView["kind"], string> = { import: "Imported", append: "Appended", labels: "Labels set" };

/** A dataset's history: each import, append and set of late labels, newest first, with its rows. */
export function History({ batches }: { batches: BatchView[] }) {
  if (batches.length <= 1) return null;
  const newest = [...batches].reverse();
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <p className="small muted">
        {formatCount(batches.filter((b) => b.kind === "append").length)} appends since the first import; the latest came {formatDate(newest[0].createdAt)}.
      </p>
      <table className="table history-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {newest.slice(0, 50).map((b) => (
            <tr key={b.id}>
              <td>{formatDate(b.createdAt)}</td>
              <td>{KIND_WORDS[b.kind]}</td>
              <td className="num">{b.kind === "labels" ? `${formatCount(b.rows)} labelled` : formatCount(b.rows)}</td>
              <td className="small">{b.kind === "labels" ? "" : (b.sourceFile ?? "—")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {newest.length > 50 ? <p className="small muted">and {formatCount(newest.length - 50)} earlier batches</p> : null}
    </section>
  );
}
