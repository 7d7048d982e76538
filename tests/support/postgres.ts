// A real PostgreSQL server for tests and benchmarks: initdb in a temporary folder, started with
// pg_ctl on a free port, stopped and removed afterwards. Needs PostgreSQL's server binaries
// (Debian: /usr/lib/postgresql/<version>/bin, from `apt-get install -y postgresql`; PG_BIN
// overrides). The server refuses to run as root: as root, the folder is given to the `postgres`
// user and initdb/pg_ctl run through `runuser -u postgres --`.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./server";

export const HOW_TO_GET_POSTGRES =
  "PostgreSQL's server binaries (initdb, pg_ctl) were not found: install them (Debian/Ubuntu: `apt-get install -y postgresql`) or set PG_BIN to the folder holding initdb";

/** The folder holding initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin; null when neither has them. */
export function findPostgresBin(env: Record<string, string | undefined> = process.env): string | null {
  const has = (dir: string) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"));
  if (env.PG_BIN) return has(env.PG_BIN) ? env.PG_BIN : null;
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => path.join(root, v, "bin")).find(has);
  return found ?? null;
}

export interface TestPostgres {
  /** Superuser URL of the server's `postgres` database, e.g. postgresql://postgres@127.0.0.1:54321/postgres. */
  adminUrl: string;
  port: number;
  /** The temporary folder: data directory, socket and log. */
  dir: string;
  /** Creates an empty database and returns its URL. */
  createDatabase: (name?: string) => Promise<string>;
  /** Stops the server (fast shutdown) and removes its folder. */
  stop: () => Promise<void>;
}

export interface StartOptions {
  /** Keep fsync and synchronous commit on (benchmarks); tests turn them off for speed. */
  durable?: boolean;
}

/** URL of database `name` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty database (default: a random name) on the server of `adminUrl` and returns its URL. */
export async function createDatabase(adminUrl: string, name = `cutoff_${crypto.randomBytes(6).toString("hex")}`): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(adminUrl, name);
}

/** Starts a new PostgreSQL server; throws with HOW_TO_GET_POSTGRES when the binaries are missing. */
export async function startPostgres(options: StartOptions = {}): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(HOW_TO_GET_POSTGRES);
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? "runuser" : path.join(bin, tool);
    const fullArgs = asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args;
    return execFileSync(command, fullArgs, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  };
  try {
    if (asRoot) {
      try {
        execFileSync("chown", ["postgres:", dir], { stdio: "pipe" });
      } catch (error) {
        throw new Error("running as root, the server needs a `postgres` user to run as (Debian's postgresql package creates it)", { cause: error });
      }
    }
    run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
    const settings = ["-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=100"];
    if (!options.durable) settings.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      // The free port can be taken by someone else before the server binds it: try another.
      port = await freePort();
      try {
        run("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "30", "-o", [`-p ${port}`, ...settings].join(" "), "start"]);
        break;
      } catch (error) {
        if (attempt >= 3) throw new Error(`PostgreSQL did not start: ${readLog(log)}`, { cause: error });
      }
    }
    const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    return {
      adminUrl,
      port,
      dir,
      createDatabase: (name?: string) => createDatabase(adminUrl, name),
      stop: async () => {
        try {
          run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function readLog(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").slice(-5).join(" | ") : "no log";
}
