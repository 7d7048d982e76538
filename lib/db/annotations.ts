import { sharedSqlite } from "./sqlite";

/** A failure-mode tag as applied to one example. */
export interface AppliedTag {
  id: number;
  name: string;
  color: string;
  /** Who applied it, when given. */
  reviewer: string | null;
  /** When it was applied, ISO 8601 UTC. */
  appliedAt: string;
}

/** A reviewer's note on one example. */
export interface ExampleNote {
  id: number;
  body: string;
  reviewer: string | null;
  /** ISO 8601 UTC. */
  createdAt: string;
}

export interface Annotations {
  tags: Map<number, AppliedTag[]>;
  notes: Map<number, ExampleNote[]>;
}

const CHUNK = 500;

/** Stored instants are epoch milliseconds; a row written by raw SQL defaults may hold text. */
export function isoInstant(value: number | string | null): string | null {
  if (value === null) return null;
  const date = new Date(typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : value.replace(" ", "T") + (value.includes("Z") ? "" : "Z"));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function chunks(ids: number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out;
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The tags (in keyboard order) and notes (oldest first) of the given predictions. */
export function loadAnnotations(predictionIds: number[]): Annotations {
  const db = sharedSqlite();
  const tags = new Map<number, AppliedTag[]>();
  const notes = new Map<number, ExampleNote[]>();
  for (const ids of chunks(predictionIds)) {
    const marks = ids.map(() => "?").join(",");
    const tagRows = db
      .prepare(
        `SELECT et."predictionId" AS pid, t."id" AS id, t."name" AS name, t."color" AS color, et."reviewer" AS reviewer, et."createdAt" AS at
         FROM "ExampleTag" et JOIN "Tag" t ON t."id" = et."tagId" WHERE et."predictionId" IN (${marks}) ORDER BY t."position", t."id"`,
      )
      .all(...ids) as { pid: number; id: number; name: string; color: string; reviewer: string | null; at: number | string }[];
    for (const r of tagRows) push(tags, r.pid, { id: r.id, name: r.name, color: r.color, reviewer: r.reviewer, appliedAt: isoInstant(r.at) ?? "" });
    const noteRows = db
      .prepare(`SELECT "predictionId" AS pid, "id", "body", "reviewer", "createdAt" AS at FROM "Note" WHERE "predictionId" IN (${marks}) ORDER BY "createdAt", "id"`)
      .all(...ids) as { pid: number; id: number; body: string; reviewer: string | null; at: number | string }[];
    for (const r of noteRows) push(notes, r.pid, { id: r.id, body: r.body, reviewer: r.reviewer, createdAt: isoInstant(r.at) ?? "" });
  }
  return { tags, notes };
}
