import path from "node:path";
import { z } from "zod";
import { parseHostList } from "./access/hosts";

/** Environment variables Cutoff reads, validated once. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  /** `file:<path>` for SQLite (the default, relative to the working directory), or `postgresql://user:pass@host:5432/db`. */
  DATABASE_URL: z
    .string()
    .default("file:./data/cutoff.db")
    .superRefine((url, ctx) => {
      const kind = databaseKind(url);
      if (kind === null) ctx.addIssue({ code: "custom", message: 'must start with "file:" (SQLite, e.g. file:./data/cutoff.db) or "postgresql://" (e.g. postgresql://user:pass@host:5432/cutoff)' });
    }),
  /**
   * The folder of files kept beside the database (a dataset's images). Default: the SQLite file's
   * folder, or ./data with PostgreSQL (app instances sharing a database share this folder too).
   */
  CUTOFF_DATA_DIR: z.string().min(1).optional(),
  /** Largest accepted upload in bytes (default 2 GB). */
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
  /** Create the demo dataset when the database is empty ("false" to skip). */
  CUTOFF_DEMO: z.enum(["true", "false"]).default("true"),
  /**
   * The shared secret every API write (and, with CUTOFF_PROTECT_READS, every read) must present as
   * `Authorization: Bearer <token>` or through the sign-in cookie. Unset: no token is asked for.
   */
  CUTOFF_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters, e.g. the output of `openssl rand -hex 32`")
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces (it travels in an HTTP header)")
    .optional(),
  /** "true": reads (API and pages) need the token too. Needs CUTOFF_TOKEN. */
  CUTOFF_PROTECT_READS: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  /** Host names served besides localhost, 127.0.0.1, [::1] and HOST, comma-separated (e.g. "cutoff.example,10.0.0.5"). */
  CUTOFF_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((list, ctx) => {
      const parsed = parseHostList(list);
      if (typeof parsed === "string") {
        ctx.addIssue({ code: "custom", message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  /** First wait before a failed alert webhook is sent again, in ms (doubled at each retry). */
  CUTOFF_WEBHOOK_RETRY_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
}).superRefine((env, ctx) => {
  if (env.CUTOFF_PROTECT_READS && !env.CUTOFF_TOKEN) {
    ctx.addIssue({ code: "custom", path: ["CUTOFF_PROTECT_READS"], message: "needs CUTOFF_TOKEN: reads can only be protected by a token" });
  }
});

export type Config = z.infer<typeof envSchema>;

/** Variables whose values never appear in a message or a log. */
const SECRET_VARIABLES = new Set(["CUTOFF_TOKEN"]);

/** Thrown when an environment variable has a bad value; the message names it. */
export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const value = env[name] ?? "";
      // A database URL's password is never shown either.
      const shown = SECRET_VARIABLES.has(name) ? "(value hidden)" : JSON.stringify(name === "DATABASE_URL" ? value.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:…@") : value);
      return `${name}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(`bad configuration: ${problems.join("; ")}`);
  }
  return result.data;
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** The backend a database URL names: `file:` SQLite, `postgres(ql)://` PostgreSQL, else null. */
export function databaseKind(url: string): "sqlite" | "postgresql" | null {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  return null;
}

/** The folder of files kept beside the database (see CUTOFF_DATA_DIR). */
export function dataDir(env: Pick<Config, "DATABASE_URL" | "CUTOFF_DATA_DIR"> = config()): string {
  if (env.CUTOFF_DATA_DIR) return env.CUTOFF_DATA_DIR;
  return databaseKind(env.DATABASE_URL) === "sqlite" ? path.dirname(path.resolve(sqlitePath(env.DATABASE_URL))) : path.resolve("data");
}

/** The SQLite file path of a `file:` URL. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}
