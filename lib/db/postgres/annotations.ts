// Tags and notes of a page of examples on PostgreSQL (one query each for the whole page).
import type { AppliedTag, ExampleNote } from "../../gallery/types";
import { rowsOf } from "./sql";

function grouped<R extends { pid: number }, T>(rows: R[], toItem: (row: R) => T): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const list = out.get(row.pid);
    if (list) list.push(toItem(row));
    else out.set(row.pid, [toItem(row)]);
  }
  return out;
}

/** The tags of the given predictions, in keyboard order. */
export async function tagsOfPredictions(ids: number[]): Promise<Map<number, AppliedTag[]>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<{ pid: number; id: number; name: string; color: string; reviewer: string | null; at: Date }>(
    `SELECT et."predictionId" AS "pid", t."id", t."name", t."color", et."reviewer", et."createdAt" AS "at"
       FROM "ExampleTag" et JOIN "Tag" t ON t."id" = et."tagId" WHERE et."predictionId" = ANY($1::int[]) ORDER BY t."position", t."id"`,
    [ids],
  );
  return grouped(rows, (r) => ({ id: r.id, name: r.name, color: r.color, reviewer: r.reviewer, appliedAt: r.at.toISOString() }));
}

/** The notes of the given predictions, oldest first. */
export async function notesOfPredictions(ids: number[]): Promise<Map<number, ExampleNote[]>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<{ pid: number; id: number; body: string; reviewer: string | null; at: Date }>(
    `SELECT "predictionId" AS "pid", "id", "body", "reviewer", "createdAt" AS "at" FROM "Note" WHERE "predictionId" = ANY($1::int[]) ORDER BY "createdAt", "id"`,
    [ids],
  );
  return grouped(rows, (r) => ({ id: r.id, body: r.body, reviewer: r.reviewer, createdAt: r.at.toISOString() }));
}
