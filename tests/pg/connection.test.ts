import { Readable } from "node:stream";
import type pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closePostgres, copyInto, createPool, isPostgresUrl, postgresPool, postgresPrisma, withDedicatedClient } from "@/lib/db/postgres/connection";
import { migrate } from "@/lib/db/postgres/migrate";
import { describePostgres, freshDatabase } from "./context";

const COPY_PREDICTIONS = `COPY "Prediction" ("datasetId", "row", "label", "score", "exampleId") FROM STDIN`;

/** Rows in COPY's text format: tab-separated, \N for null; label null on every 5th row. */
function predictionLines(datasetId: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${datasetId}\t${i + 2}\t${i % 5 === 0 ? "\\N" : i % 2}\t${(i % 100) / 100}\tex-${i}\n`);
}

describePostgres("PostgreSQL connections", () => {
  let url: string;
  let pool: pg.Pool;
  beforeAll(async () => {
    url = await freshDatabase();
    const migrator = createPool(url, 1);
    await migrate(migrator);
    await migrator.end();
    pool = postgresPool(url);
  });
  afterAll(() => closePostgres());

  const newDataset = async (name: string) => (await postgresPrisma().dataset.create({ data: { name } })).id;

  test.each([
    ["postgresql://u:p@db:5432/cutoff", true],
    ["postgres://db/cutoff", true],
    ["file:./data/cutoff.db", false],
    ["mysql://db/cutoff", false],
  ])("isPostgresUrl(%s) is %s", (candidate, expected) => {
    expect(isPostgresUrl(candidate)).toBe(expected);
  });

  test("one pool and one Prisma client per process; Prisma queries go through that pool", async () => {
    expect(postgresPool(url)).toBe(pool);
    expect(postgresPool(undefined)).toBe(pool);
    expect(postgresPrisma(url)).toBe(postgresPrisma());
    expect(() => postgresPool(`${url}_other`)).toThrow(/already open on another URL/);
    expect(pool.totalCount).toBe(0);
    await newDataset("through the pool");
    expect(pool.totalCount).toBeGreaterThan(0);
  });

  test("timestamps read outside Prisma are the instants Prisma wrote, whatever the process's time zone", async () => {
    const instant = new Date("2026-11-02T10:00:00.123Z");
    const previous = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const { id } = await postgresPrisma().dataset.create({ data: { name: "instants", timestampMin: instant } });
      const { rows } = await pool.query(`SELECT "timestampMin" FROM "Dataset" WHERE id = $1`, [id]);
      expect(rows[0].timestampMin.toISOString()).toBe(instant.toISOString());
      const viaPrisma = await postgresPrisma().dataset.findUniqueOrThrow({ where: { id } });
      expect(viaPrisma.timestampMin?.toISOString()).toBe(instant.toISOString());
    } finally {
      process.env.TZ = previous;
    }
  });

  test("sessions run in UTC, so CURRENT_TIMESTAMP defaults store UTC instants like Prisma's", async () => {
    const datasetId = await newDataset("defaults");
    const before = Date.now();
    const { rows } = await pool.query(`INSERT INTO "Tag" ("datasetId", "name") VALUES ($1, 'gift cards') RETURNING "createdAt", current_setting('TimeZone') AS zone`, [datasetId]);
    expect(rows[0].zone).toBe("UTC");
    expect(Math.abs(rows[0].createdAt.getTime() - before)).toBeLessThan(5_000);
  });

  test("bigint results (count(*)) are numbers", async () => {
    const { rows } = await pool.query(`SELECT count(*) AS n FROM "Dataset"`);
    expect(typeof rows[0].n).toBe("number");
  });

  test("COPY streams rows into a table on a dedicated client, inside a transaction", async () => {
    const datasetId = await newDataset("copied");
    const lines = predictionLines(datasetId, 1000);
    const stored = await withDedicatedClient(async (client) => {
      await client.query("BEGIN");
      const n = await copyInto(client, COPY_PREDICTIONS, Readable.from(lines));
      await client.query("COMMIT");
      return n;
    });
    expect(stored).toBe(1000);
    const { rows } = await pool.query(`SELECT count(*) AS n, count(label) AS labelled, sum(score) AS total FROM "Prediction" WHERE "datasetId" = $1`, [datasetId]);
    const expectedTotal = Array.from({ length: 1000 }, (_, i) => (i % 100) / 100).reduce((a, b) => a + b, 0);
    expect(rows[0].n).toBe(1000);
    expect(rows[0].labelled).toBe(800);
    expect(rows[0].total).toBeCloseTo(expectedTotal, 9);
  });

  test("a COPY whose source fails stores nothing, and the pool goes on serving", async () => {
    const datasetId = await newDataset("failed source");
    async function* failing() {
      yield predictionLines(datasetId, 100).join("");
      throw new Error("row 102: score is not a number");
    }
    const attempt = withDedicatedClient(async (client) => {
      await client.query("BEGIN");
      await copyInto(client, COPY_PREDICTIONS, failing());
      await client.query("COMMIT");
    });
    await expect(attempt).rejects.toThrow("row 102: score is not a number");
    const { rows } = await pool.query(`SELECT count(*) AS n FROM "Prediction" WHERE "datasetId" = $1`, [datasetId]);
    expect(rows[0].n).toBe(0);
  });

  test("a row PostgreSQL cannot read fails the COPY with its line and column", async () => {
    const datasetId = await newDataset("bad row");
    const lines = predictionLines(datasetId, 5);
    lines[2] = `${datasetId}\t4\t1\tabc\tex-2\n`;
    const attempt = withDedicatedClient((client) => copyInto(client, COPY_PREDICTIONS, Readable.from(lines)));
    await expect(attempt).rejects.toMatchObject({ message: 'invalid input syntax for type double precision: "abc"', where: 'COPY Prediction, line 3, column score: "abc"' });
    expect((await pool.query(`SELECT 1 AS one`)).rows[0].one).toBe(1);
  });
});
