import type { AppliedTag, ExampleNote } from "../../gallery/types";
import { sharedSqlite } from "./connection";

const CHUNK = 500;

/** Stored instants are epoch milliseconds; a row written by raw SQL defaults may hold text. */
export function isoInstant(value: number | string | null): string | null {
  if (value === null) return null;
  const date = new Date(typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : value.replace(" ", "T") + (value.includes("Z") ? "" : "Z"));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Runs `read` over the ids 500 at a time (SQLite's bound-parameter limit) and groups the rows by prediction. */
function groupedByPrediction<R extends { pid: number }, T>(ids: number[], sql: (marks: string) => string, toItem: (row: R) => T): Map<number, T[]> {
  const out = new Map<number, T[]>();
  const db = sharedSqlite();
  for (let at = 0; at < ids.length; at += CHUNK) {
    const chunk = ids.slice(at, at + CHUNK);
    const rows = db.prepare(sql(chunk.map(() => "?").join(","))).all(...chunk) as R[];
    for (const row of rows) {
      const list = out.get(row.pid);
      if (list) list.push(toItem(row));
      else out.set(row.pid, [toItem(row)]);
    }
  }
  return out;
}

type TagRow = { pid: number; id: number; name: string; color: string; reviewer: string | null; at: number | string };
type NoteRow = { pid: number; id: number; body: string; reviewer: string | null; at: number | string };

/** The tags of the given predictions, in keyboard order. */
export function tagsOfPredictions(ids: number[]): Map<number, AppliedTag[]> {
  return groupedByPrediction<TagRow, AppliedTag>(
    ids,
    (marks) => `SELECT et."predictionId" AS pid, t."id" AS id, t."name" AS name, t."color" AS color, et."reviewer" AS reviewer, et."createdAt" AS at
       FROM "ExampleTag" et JOIN "Tag" t ON t."id" = et."tagId" WHERE et."predictionId" IN (${marks}) ORDER BY t."position", t."id"`,
    (r) => ({ id: r.id, name: r.name, color: r.color, reviewer: r.reviewer, appliedAt: isoInstant(r.at) ?? "" }),
  );
}

/** The notes of the given predictions, oldest first. */
export function notesOfPredictions(ids: number[]): Map<number, ExampleNote[]> {
  return groupedByPrediction<NoteRow, ExampleNote>(
    ids,
    (marks) => `SELECT "predictionId" AS pid, "id", "body", "reviewer", "createdAt" AS at FROM "Note" WHERE "predictionId" IN (${marks}) ORDER BY "createdAt", "id"`,
    (r) => ({ id: r.id, body: r.body, reviewer: r.reviewer, createdAt: isoInstant(r.at) ?? "" }),
  );
}
