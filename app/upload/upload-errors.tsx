import type { ErrorDetail } from "@/lib/http";
import { inRowOrder } from "./problems";

/** What went wrong with the file, with the rows and columns the server named. */
export function UploadErrors({ message, details }: { message: string; details: ErrorDetail[] }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>The file was not imported:</strong> {message}
      </p>
      {details.length > 0 ? (
        <table className="table" aria-label="Problems in the file">
          <thead>
            <tr>
              <th scope="col" className="num">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {inRowOrder(details).map((d, i) => (
              <tr key={i}>
                <td className="num">{d.row ?? "—"}</td>
                <td>{d.column ?? "—"}</td>
                <td>{d.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="small">Nothing was kept. Fix the file or the column choices and upload again.</p>
    </div>
  );
}
