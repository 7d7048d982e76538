import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { checkDatabase, partialDatasets } from "../support/db-check";
import { evaluationCsv } from "../support/evaluation-csv";
import { heldUpload, waitForProgress } from "../support/held-upload";
import { startServer, type RunningServer } from "../support/server";

// Backups while the server works (issue 18): GET /api/backup and `npm run backup` copy the
// database as of one commit while a large import and tag writes run; the copy is a sound SQLite
// file holding none or all of the import's rows.
const TOKEN = "backup-token-8e41d2c97a0b5f36";
const IMPORT_ROWS = 600_000;
let server: RunningServer;
let dir: string;
let smallId: number;
let tagId: number;
const auth = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  server = await startServer({ CUTOFF_TOKEN: TOKEN, CUTOFF_DEMO: "false" });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-backups-"));
  const small = await fetch(`${server.url}/api/datasets?name=reviewed`, { method: "POST", headers: { "content-type": "text/csv", ...auth }, body: evaluationCsv(2000, { seed: 2 }) });
  smallId = ((await small.json()) as { id: number }).id;
  const tag = await fetch(`${server.url}/api/datasets/${smallId}/tags`, { method: "POST", headers: { "content-type": "application/json", ...auth }, body: JSON.stringify({ name: "looked at" }) });
  tagId = ((await tag.json()) as { id: number }).id;
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Tags an example of the small dataset, then untags it, the next, … one request after another
 * until `stop()`; how many writes succeeded. (During an import they wait for its commit: SQLite
 * has one writer.)
 */
function reviewing(): { stop: () => Promise<number> } {
  let running = true;
  let writes = 0;
  const loop = (async () => {
    for (let i = 1; running; i++) {
      const example = (Math.floor((i - 1) / 2) % 500) + 1;
      const url = `${server.url}/api/datasets/${smallId}/examples/${example}/tags`;
      const response = i % 2 ? await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...auth }, body: JSON.stringify({ tagId }) }) : await fetch(`${url}/${tagId}`, { method: "DELETE", headers: auth });
      await response.arrayBuffer();
      expect(response.status, `tag write ${i}`).toBe(i % 2 ? 201 : 204);
      writes++;
    }
  })();
  // A failure surfaces when the test stops the loop, not as an unhandled rejection before.
  const ended = loop.then(() => null, (error: unknown) => error);
  return {
    stop: async () => {
      running = false;
      const error = await ended;
      if (error) throw error;
      return writes;
    },
  };
}

/**
 * Starts a large import whose upload stops halfway until `release()`: until then its transaction
 * is open, holding half of its rows. Resolves once those rows are being written.
 */
async function startLargeImport(name: string): Promise<{ done: Promise<{ status: number; id: number }>; release: () => void }> {
  const key = `backup-${name}-${Date.now()}`;
  const { body, release } = heldUpload(evaluationCsv(IMPORT_ROWS, { seed: 3 }));
  const done = fetch(`${server.url}/api/datasets?name=${name}&progress=${key}`, { method: "POST", headers: { "content-type": "text/csv", ...auth }, body, duplex: "half" } as RequestInit).then(async (r) => ({ status: r.status, id: ((await r.json()) as { id: number }).id }));
  expect(await waitForProgress(server.url, key, (p) => (p.rows ?? 0) >= IMPORT_ROWS / 4, auth)).toBe(true);
  return { done, release };
}

/** The import (dataset `importedId`) in a backup: absent, or whole (every count agrees); every other dataset whole too. */
function expectNoneOrAll(file: string, importedId: number): "none" | "all" {
  const check = checkDatabase(file);
  expect(check.integrity).toBe("ok");
  expect(partialDatasets(check)).toEqual([]);
  expect(check.orphans).toBe(0);
  const large = check.datasets.find((d) => d.id === importedId);
  if (!large) return "none";
  expect(large).toMatchObject({ rowCount: IMPORT_ROWS, predictions: IMPORT_ROWS, segmentRows: IMPORT_ROWS, importedRows: IMPORT_ROWS, incompleteBatches: 0 });
  return "all";
}

const leftovers = () => fs.readdirSync(path.dirname(server.databaseFile)).filter((name) => name.startsWith(".cutoff-backup") || name.includes(".partial-"));

describe("GET /api/backup", () => {
  test("needs the token: a 401 without it", async () => {
    const response = await fetch(`${server.url}/api/backup`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("token_required");
  });

  test("taken while a 600,000-row import and tag writes run: a sound database without the import's written rows", async () => {
    const review = reviewing();
    const { done, release } = await startLargeImport("during-http-backup");
    const response = await fetch(`${server.url}/api/backup`, { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.sqlite3");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="cutoff-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.db"$/);
    const file = path.join(dir, "during.db");
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    release();
    const imported = await done;
    const writes = await review.stop();
    expect(imported.status).toBe(201);
    expect(writes).toBeGreaterThan(0);
    expect(expectNoneOrAll(file, imported.id)).toBe("none");
    // The reviewed dataset is whole in the copy, with its tag.
    const check = checkDatabase(file);
    expect(check.datasets.find((d) => d.id === smallId)).toMatchObject({ rowCount: 2000, predictions: 2000 });
    expect(leftovers()).toEqual([]);

    // Once the import has answered, a backup holds all of it.
    const after = path.join(dir, "after.db");
    fs.writeFileSync(after, Buffer.from(await (await fetch(`${server.url}/api/backup`, { headers: auth })).arrayBuffer()));
    expect(expectNoneOrAll(after, imported.id)).toBe("all");
    expect(leftovers()).toEqual([]);
  });
});

describe("npm run backup", () => {
  const backupCli = (target: string) => spawnSync("npx", ["tsx", "scripts/backup.ts", target], { encoding: "utf8", env: { ...process.env, DATABASE_URL: `file:${server.databaseFile}` } });

  test("taken from another process while an import runs: a sound database without the import's written rows", async () => {
    const review = reviewing();
    const { done, release } = await startLargeImport("during-cli-backup");
    const file = path.join(dir, "cli.db");
    // Run without blocking this process: the upload and the tag writes go on meanwhile.
    const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("npx", ["tsx", "scripts/backup.ts", file], { env: { ...process.env, DATABASE_URL: `file:${server.databaseFile}` } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
    release();
    const imported = await done;
    await review.stop();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^backed up .*cutoff\.db to .*cli\.db: [\d.]+ MB in [\d.]+ s\n$/);
    expect(imported.status).toBe(201);
    expect(expectNoneOrAll(file, imported.id)).toBe("none");
  });

  test.each([
    ["an existing file", () => path.join(dir, "cli.db"), "exists already: choose a new file name"],
    ["a missing folder", () => path.join(dir, "no-such-folder", "x.db"), "does not exist"],
  ])("refuses %s, writing nothing", (_name, target, message) => {
    const result = backupCli(target());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
  });
});

test("without a token configured, GET /api/backup is a 403 saying how to back up", async () => {
  const response = await fetch(`${inject("baseUrl")}/api/backup`);
  expect(response.status).toBe(403);
  expect(await response.json()).toEqual({
    error: { code: "backup_needs_token", message: "backups over HTTP need a token: start Cutoff with CUTOFF_TOKEN set and send it, or run `npm run backup -- <file>` on the server" },
  });
});
