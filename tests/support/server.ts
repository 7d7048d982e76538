import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { serverEnv } from "../../scripts/lib/server-env";

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether any process of the group is alive. */
const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits up to `graceMs` for a process group to end, then kills what is left of it. */
async function endGroup(pgid: number, graceMs: number): Promise<void> {
  for (const deadline = Date.now() + graceMs; groupAlive(pgid) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
}

export interface RunningServer {
  url: string;
  /** The server's database: its SQLite file, or its PostgreSQL URL (see tests/support/stored.ts). */
  database: string;
  /** Same as `database` (older tests name it so). */
  databaseFile: string;
  /** The folder of the files it keeps beside the database (images). */
  dataDir: string;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
  /** Stops the server (SIGTERM) and removes its database, unless the caller gave the file. */
  stop: () => Promise<void>;
  /** Kills the server's process group with SIGKILL (a crash), leaving its files as they are. */
  kill: () => Promise<void>;
}

/**
 * Starts the built app (`scripts/serve.mjs`, as `npm start` does) on a free port and waits until /api/health answers: against
 * a new temporary SQLite file, or against `options.database` (a SQLite file or a PostgreSQL URL, e.g.
 * another server's: two instances on one database, or a file a crashed server left; it is then left
 * in place), with its data folder in a new temporary folder (or `options.dataDir`, e.g. a folder two
 * instances share). `options.databaseFile` is the same as `options.database`.
 */
export async function startServer(extraEnv: Record<string, string> = {}, options: { database?: string; databaseFile?: string; dataDir?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-test-"));
  const database = options.database ?? options.databaseFile ?? path.join(dir, "cutoff.db");
  const dataDir = options.dataDir ?? dir;
  const databaseUrl = /^postgres(ql)?:\/\//.test(database) ? database : `file:${database}`;
  const child: ChildProcess = spawn(process.execPath, ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    env: serverEnv({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl, CUTOFF_DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", ...extraEnv }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    database,
    databaseFile: database,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.pid) {
        process.kill(-child.pid, "SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      // npx has exited; the server under it may not have (a busy event loop does not run its
      // SIGTERM handler): after 10 s the whole group is killed, so no server outlives its test.
      if (child.pid) await endGroup(child.pid, 10_000);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        const exited = new Promise((r) => child.once("exit", r));
        process.kill(-child.pid, "SIGKILL");
        await exited;
      }
    },
  };
}
