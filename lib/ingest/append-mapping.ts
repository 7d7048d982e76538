import { IngestError } from "./errors";
import type { ColumnMapping } from "./types";

const list = (names: string[]) => names.map((n) => JSON.stringify(n)).join(", ");

/**
 * The mapping of a batch of rows for an existing dataset: the dataset's roles, matched by column
 * name in the batch's own column order. The batch must hold exactly the dataset's columns, except
 * that the label column may be left out (rows not labelled yet); anything else is refused naming
 * the columns, so nothing is silently dropped.
 */
export function appendMapping(batchColumns: string[], dataset: ColumnMapping): ColumnMapping {
  const have = new Set(batchColumns);
  const want = new Set(dataset.columns);
  const missing = dataset.columns.filter((c) => !have.has(c) && c !== dataset.label);
  const extra = batchColumns.filter((c) => !want.has(c));
  const repeated = batchColumns.filter((c, i) => batchColumns.indexOf(c) !== i);
  if (missing.length || extra.length || repeated.length) {
    const parts = [
      missing.length ? `missing ${list(missing)}` : "",
      extra.length ? `${list(extra)} ${extra.length > 1 ? "are" : "is"} not a column of the dataset` : "",
      repeated.length ? `${list([...new Set(repeated)])} appear${repeated.length > 1 ? "" : "s"} twice` : "",
    ].filter(Boolean);
    const details = [...missing.map((column) => ({ column, message: "missing from the batch" })), ...extra.map((column) => ({ column, message: "not a column of the dataset" }))];
    throw new IngestError("columns_differ", `the batch's columns differ from the dataset's: ${parts.join("; ")} (the dataset has ${list(dataset.columns)})`, details);
  }
  return { ...dataset, columns: batchColumns };
}
