/**
 * `npm run backup -- <file>`: copies the database of DATABASE_URL into a new file as of one
 * commit, while a server may be importing and reviewing in it (SQLite's online backup, on a
 * thread and connection of its own). Leaves the database as it is (no migration). For a
 * PostgreSQL database it says to use pg_dump.
 */
import fs from "node:fs";
import path from "node:path";

const usage = "usage: npm run backup -- <file>   (a new file, e.g. backups/cutoff-2026-12-01.db)";

function fail(message: string): never {
  process.stderr.write(`cutoff backup: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(usage);
  process.exit(0);
}
if (args.length !== 1 || args[0].startsWith("-")) fail(`give exactly one file to write\n${usage}`);
const target = path.resolve(args[0]);
if (fs.existsSync(target)) fail(`${args[0]} exists already: choose a new file name`);
if (!fs.existsSync(path.dirname(target))) fail(`the folder ${path.dirname(args[0])} does not exist`);

const { config, sqlitePath } = await import("../lib/config");
const { store } = await import("../lib/db");
const url = config().DATABASE_URL;
const db = store();
if (!db.backup) fail("this is a PostgreSQL database: back it up with pg_dump (see the README, Backups)");
const source = sqlitePath(url);
if (!fs.existsSync(source)) fail(`there is no database at ${source} (DATABASE_URL=${url})`);

const started = performance.now();
const written = await db.backup(target);
const megabytes = (written.bytes / 1024 ** 2).toFixed(1);
console.log(`backed up ${source} to ${written.file}: ${megabytes} MB in ${((performance.now() - started) / 1000).toFixed(2)} s`);
