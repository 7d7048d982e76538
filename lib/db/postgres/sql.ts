// Small helpers for Cutoff's own SQL on PostgreSQL (outside Prisma): a client or the pool, rows
// typed by the caller, instants from epoch milliseconds.
import type pg from "pg";
import { postgresPool } from "./connection";

/** The pool, or a client inside a transaction: anything that runs a query. */
export type Queryable = pg.Pool | pg.PoolClient;

/** The rows of a query on `db` (default: the process's pool). */
export async function rowsOf<R extends object>(sql: string, params: unknown[] = [], db: Queryable = postgresPool()): Promise<R[]> {
  const result = await db.query<R>(sql, params);
  return result.rows;
}

/** The first row of a query, or null. */
export async function rowOf<R extends object>(sql: string, params: unknown[] = [], db: Queryable = postgresPool()): Promise<R | null> {
  return (await rowsOf<R>(sql, params, db))[0] ?? null;
}

/**
 * SQL for the instant of an epoch-milliseconds parameter, as a UTC `timestamp(3)` (what Prisma
 * stores; every Cutoff session runs in UTC): node-pg would send a Date in the process's own zone.
 */
export const instantAt = (placeholder: string) => `to_timestamp(${placeholder}::double precision / 1000)`;

/** An ISO 8601 UTC string of a stored instant, or null. */
export const isoOf = (value: Date | null) => (value === null ? null : value.toISOString());

/**
 * The key of the session-independent lock every bulk write of Cutoff holds for its whole
 * transaction (pg_advisory_xact_lock): imports, appends, late labels and compaction run one at a
 * time across every app instance on the database, as on SQLite's single writer, so a batch's rows
 * get consecutive ids. (MIGRATION_LOCK_KEY is another key.)
 */
export const WRITE_LOCK_KEY = 72707370;
