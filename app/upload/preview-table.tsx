import { PREVIEW_ROWS } from "@/lib/ingest/preview";
import type { MappingChoice } from "./upload-request";

/** The role a column plays under the current choice, for the header badges. */
function roleOf(column: string, choice: MappingChoice): string | null {
  for (const role of ["label", "score", "id", "timestamp", "text", "image"] as const) if (choice[role] === column) return role;
  return choice.slices.includes(column) ? "slice" : null;
}

/** The file's first rows as parsed, each header marked with its role. */
export function PreviewTable({ columns, rows, choice }: { columns: string[]; rows: string[][]; choice: MappingChoice }) {
  return (
    <div className="upload-preview">
      <table className="table" aria-label="Preview of the first rows">
        <thead>
          <tr>
            <th scope="col" className="num">Row</th>
            {columns.map((c) => {
              const role = roleOf(c, choice);
              return (
                <th scope="col" key={c}>
                  {c}
                  {role ? <span className={`upload-role upload-role-${role}`}>{role}</span> : null}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, PREVIEW_ROWS).map((r, i) => (
            <tr key={i}>
              <td className="num muted">{i + 2}</td>
              {columns.map((c, j) => (
                <td key={c}>{(r[j] ?? "").length > 80 ? `${r[j].slice(0, 80)}…` : r[j]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
