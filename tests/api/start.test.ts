import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { freePort } from "../support/server";

test.each<[Record<string, string>, string]>([
  [{ PORT: "not-a-port" }, 'PORT="not-a-port"'],
  [{ CUTOFF_PROTECT_READS: "true" }, 'CUTOFF_PROTECT_READS="true": needs CUTOFF_TOKEN'],
  [{ CUTOFF_TOKEN: "short-secret" }, "CUTOFF_TOKEN=(value hidden): must be at least 16 characters"],
  [{ CUTOFF_ALLOWED_HOSTS: "http://cutoff.example" }, '"http://cutoff.example" is not a host name'],
])("a bad environment variable stops `npm start` with a message naming it: %j", (env, message) => {
  const result = spawnSync("npx", ["tsx", "scripts/start.ts"], { env: { ...process.env, CUTOFF_TOKEN: "", ...env }, encoding: "utf8" });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(message);
  if (env.CUTOFF_TOKEN) expect(result.stderr + result.stdout).not.toContain(env.CUTOFF_TOKEN);
});

/** The process ids under `root` (children, grandchildren, …), from /proc. */
function descendants(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => (parents.get(pid) ?? []).forEach((child) => (out.push(child), walk(child)));
  walk(root);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });

test.skipIf(process.platform !== "linux")("SIGTERM to `npm start` stops the server: the port is free and no server process is left", async () => {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-start-"));
  const child = spawn("npm", ["start"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${path.join(dir, "cutoff.db")}`, CUTOFF_DEMO: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let tree: number[] = [];
  try {
    const deadline = Date.now() + 150_000;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not serve:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    tree = descendants(child.pid!);
    expect(tree.some((pid) => /cutoff-server|scripts\/serve\.mjs/.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ") + (fs.existsSync(`/proc/${pid}/comm`) ? fs.readFileSync(`/proc/${pid}/comm`, "utf8") : "")))).toBe(true);
    child.kill("SIGTERM");
    await exited;
    for (let i = 0; i < 40 && tree.some(alive); i++) await new Promise((r) => setTimeout(r, 250));
    expect(tree.filter(alive)).toEqual([]);
    expect(await portFree(port)).toBe(true);
  } finally {
    for (const pid of [child.pid!, ...tree, ...descendants(child.pid!)]) if (alive(pid)) process.kill(pid, "SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 200_000);
