import { PREVIEW_ROWS } from "@/lib/ingest/preview";
import type { MappingChoice } from "./upload-request";

/** The role a column plays under the current choice, for the header badges. */
function roleOf(column: string, choice: MappingChoice): string | null {
  for (const role of ["label", "score", "id", "timestamp", "text", "image"] as const) if (choice[role] === column) return role;
  return choice.slices.includes(column) ? "slice" : null;
}

/** The file's first rows as parsed, each header marked with its role. */
export function PreviewTable({ columns, rows, choice }: { columns: string[]; rows: string[][]; choice: MappingChoice }) {
  // The columns with a role first (label and score always in view), then the others as in the file.
  const order = columns.map((c, j) => [c, j] as const);
  const rank = (c: string) => { const r = roleOf(c, choice); return r === "label" ? 0 : r === "score" ? 1 : r && r !== "slice" ? 2 : 3; };
  const shown = [...order].sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j);
  const cut = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return (
    <div className="upload-preview">
      <table className="table" aria-label="Preview of the first rows">
        <thead>
          <tr>
            <th scope="col" className="num">Row</th>
            {shown.map(([c]) => {
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
              {shown.map(([c, j]) => (
                <td key={c} title={(r[j] ?? "").length > 40 ? r[j] : undefined}>{cut(r[j] ?? "")}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
