import { z } from "zod";

/** Environment variables Cutoff reads, validated once. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  /** `file:<path>` for SQLite (the default, relative to the working directory). */
  DATABASE_URL: z
    .string()
    .default("file:./data/cutoff.db")
    .superRefine((url, ctx) => {
      const kind = databaseKind(url);
      if (kind === null) ctx.addIssue({ code: "custom", message: 'must start with "file:" (SQLite), e.g. file:./data/cutoff.db' });
      else if (kind === "postgresql") ctx.addIssue({ code: "custom", message: "PostgreSQL is not supported yet: use a SQLite file, e.g. file:./data/cutoff.db" });
    }),
  /** Largest accepted upload in bytes (default 2 GB). */
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
  /** Create the demo dataset when the database is empty ("false" to skip). */
  CUTOFF_DEMO: z.enum(["true", "false"]).default("true"),
});

export type Config = z.infer<typeof envSchema>;

/** Thrown when an environment variable has a bad value; the message names it. */
export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}=${JSON.stringify(env[name] ?? "")}: ${issue.message}`;
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

/** The SQLite file path of a `file:` URL. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}
