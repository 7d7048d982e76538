// Connections to PostgreSQL: the process's one pg.Pool, Prisma over it (@prisma/adapter-pg), and
// dedicated clients for what Prisma cannot do (COPY, advisory locks, long transactions).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PrismaClient } from "../../generated/postgres/client";

/** True for the URLs the PostgreSQL backend serves: `postgresql://…` or `postgres://…`. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

const TIMESTAMP_OID = 1114; // timestamp without time zone: Prisma's DateTime
const INT8_OID = 20; // bigint: COUNT(*), SUM(integer)
const defaultTimestamp = pg.types.getTypeParser(TIMESTAMP_OID);

/**
 * Type parsers of every Cutoff connection, for queries outside Prisma (Prisma brings its own):
 * `timestamp` values are UTC instants, as Prisma writes them (pg would read them in the process's
 * time zone), and `bigint` is a number (exact up to 2^53; a larger value is an error).
 */
const cutoffTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (format !== "binary" && oid === TIMESTAMP_OID) {
      return (value: string) => (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(value) ? new Date(`${value.replace(" ", "T")}Z`) : defaultTimestamp(value));
    }
    if (format !== "binary" && oid === INT8_OID) {
      return (value: string) => {
        const n = Number(value);
        if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} is beyond 2^53`);
        return n;
      };
    }
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/**
 * A new pool on `url`. Every session runs in UTC (`TimeZone=UTC`), so `CURRENT_TIMESTAMP`
 * defaults on `timestamp(3)` columns store UTC like Prisma does. `max` is the most connections.
 */
export function createPool(url: string, max = 10): pg.Pool {
  if (!isPostgresUrl(url)) throw new Error(`not a PostgreSQL URL: ${url.replace(/\/\/[^@/]*@/, "//…@")}`);
  const pool = new pg.Pool({ connectionString: url, max, options: "-c TimeZone=UTC", application_name: "cutoff", types: cutoffTypes });
  // An idle client losing its server must not crash the process: the pool replaces it.
  pool.on("error", (error) => console.error(`cutoff: PostgreSQL connection lost: ${error.message}`));
  return pool;
}

interface ProcessPostgres {
  url: string;
  pool: pg.Pool;
  prisma?: PrismaClient;
}
const globalForPostgres = globalThis as unknown as { cutoffPostgres?: ProcessPostgres };

function processPostgres(url: string | undefined): ProcessPostgres {
  const open = globalForPostgres.cutoffPostgres;
  if (open && url !== undefined && url !== open.url) throw new Error("PostgreSQL is already open on another URL in this process; closePostgres() first");
  if (open) return open;
  if (url === undefined) throw new Error("DATABASE_URL is not set");
  globalForPostgres.cutoffPostgres = { url, pool: createPool(url) };
  return globalForPostgres.cutoffPostgres;
}

/** The process's one pool, opened on first use from `url` (default `DATABASE_URL`). */
export function postgresPool(url = process.env.DATABASE_URL): pg.Pool {
  return processPostgres(url).pool;
}

/** The process's one Prisma client, over the process's pool. */
export function postgresPrisma(url = process.env.DATABASE_URL): PrismaClient {
  const open = processPostgres(url);
  open.prisma ??= new PrismaClient({ adapter: new PrismaPg(open.pool) });
  return open.prisma;
}

/** Disconnects Prisma and ends the process's pool (tests, shutdown); the next call reopens. */
export async function closePostgres(): Promise<void> {
  const open = globalForPostgres.cutoffPostgres;
  globalForPostgres.cutoffPostgres = undefined;
  if (!open) return;
  await open.prisma?.$disconnect();
  await open.pool.end();
}

/**
 * Runs `work` on a client of its own, checked out of `pool` for the whole call (a transaction
 * over several statements, a COPY, a session lock). A client whose work failed is closed rather
 * than returned: a connection left mid-COPY or mid-transaction must not serve the next caller.
 */
export async function withDedicatedClient<T>(work: (client: pg.PoolClient) => Promise<T>, pool = postgresPool()): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await work(client);
    client.release();
    return result;
  } catch (error) {
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/**
 * Streams `source` (text, CSV or binary COPY data, as `sql` says) into `COPY … FROM STDIN` on
 * `client` and resolves with the number of rows PostgreSQL stored. If the source fails, the COPY
 * is aborted and the error rethrown; the surrounding transaction, if any, is then failed.
 */
export async function copyInto(client: pg.PoolClient, sql: string, source: Readable | AsyncIterable<Buffer | string>): Promise<number> {
  const sink = client.query(copyFrom(sql));
  await pipeline(source, sink);
  return sink.rowCount;
}
