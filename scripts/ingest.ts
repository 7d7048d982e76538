/**
 * `npm run ingest -- <file> [--name N] [--label COL] [--score COL] [--positive VALUE] [--id COL]
 * [--timestamp COL] [--text COL] [--image COL] [--slice COL ...] [--encoding E] [--model M --version V]`: imports a CSV (or
 * .csv.gz) into the database of DATABASE_URL through the same core as the API, with a progress bar
 * on a terminal. `--append-to ID [--skip-duplicates]` adds the file's rows to dataset ID instead.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ENCODINGS, encodingFromName } from "../lib/ingest/encodings";

const usage = "usage: npm run ingest -- <file> [--name N] [--label COL] [--score COL] [--positive VALUE] [--id COL] [--timestamp COL] [--text COL] [--image COL] [--slice COL ...] [--encoding utf-8|windows-1252|latin1] [--model NAME [--version V]]\n       npm run ingest -- <file> --append-to <dataset id> [--skip-duplicates] [--encoding …]";

const argsSchema = z.object({
  name: z.string().max(200).optional(),
  label: z.string().optional(),
  score: z.string().optional(),
  positive: z.string().optional(),
  id: z.string().optional(),
  timestamp: z.string().optional(),
  text: z.string().optional(),
  image: z.string().optional(),
  slice: z.array(z.string()).optional(),
  model: z.string().trim().min(1, "--model must not be empty").max(100, "--model must be at most 100 characters").optional(),
  version: z.string().trim().min(1, "--version must not be empty").max(100, "--version must be at most 100 characters").optional(),
  "append-to": z.coerce.number({ error: "--append-to must be a dataset id" }).int("--append-to must be a dataset id").positive("--append-to must be a dataset id").optional(),
  "skip-duplicates": z.boolean().optional(),
  encoding: z
    .string()
    .optional()
    .transform((name, ctx) => {
      if (name === undefined) return undefined;
      const found = encodingFromName(name);
      if (!found) ctx.addIssue({ code: "custom", message: `--encoding must be one of ${ENCODINGS.join(", ")} (or iso-8859-1, cp1252), not ${JSON.stringify(name)}` });
      return found ?? z.NEVER;
    }),
});

function fail(message: string): never {
  process.stderr.write(`cutoff ingest: ${message}\n`);
  process.exit(1);
}

function formatBytes(n: number): string {
  return n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${(n / 1024).toFixed(0)} KB`;
}

let parsed: ReturnType<typeof parseArgs>;
try {
  const stringOption = { type: "string" } as const;
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      name: stringOption, label: stringOption, score: stringOption, positive: stringOption, id: stringOption,
      timestamp: stringOption, text: stringOption, image: stringOption, slice: { type: "string", multiple: true }, encoding: stringOption,
      model: stringOption, version: stringOption,
      "append-to": stringOption, "skip-duplicates": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
if (parsed.values.help) {
  console.log(usage);
  process.exit(0);
}
if (parsed.positionals.length !== 1) fail(`give exactly one file\n${usage}`);
const file = parsed.positionals[0];
const { help: _help, ...flags } = parsed.values;
const checked = argsSchema.safeParse(flags);
if (!checked.success) fail(`${checked.error.issues[0].message}\n${usage}`);
const options = checked.data;
let size: number;
try {
  size = fs.statSync(file).size;
} catch {
  fail(`cannot read ${JSON.stringify(file)}: no such file`);
}

const { prepareDatabase } = await import("../lib/services/prepare");
const { importCsv } = await import("../lib/imports/import-csv");
const { IngestError } = await import("../lib/ingest");
const { appendRows } = await import("../lib/imports/append");
const { toHttpError } = await import("../lib/http");
await prepareDatabase();

const tty = process.stderr.isTTY;
let lastDraw = 0;
function draw(rows: number, bytes: number, done = false): void {
  if (!tty) return;
  const now = Date.now();
  if (!done && now - lastDraw < 100) return;
  lastDraw = now;
  const share = size ? Math.min(1, bytes / size) : 1;
  const width = 30;
  const filled = Math.round(share * width);
  process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${rows.toLocaleString("en-US")} rows  ${formatBytes(bytes)}${done ? "\n" : ""}`);
}

const { "append-to": appendTo, "skip-duplicates": skipDuplicates, model, version, ...importOptions } = options;
if (version !== undefined && model === undefined) fail(`--version needs --model (the model the version belongs to)\n${usage}`);
if (appendTo !== undefined && model !== undefined) fail(`--model and --version name a new dataset's model; an append keeps its dataset's\n${usage}`);
if (appendTo !== undefined) {
  try {
    const result = await appendRows(appendTo, fs.createReadStream(file, { highWaterMark: 256 * 1024 }), { format: "csv", duplicates: skipDuplicates ? "skip" : "refuse", sourceFile: path.basename(file), encoding: importOptions.encoding });
    console.log(`dataset ${result.id}: added ${result.added.toLocaleString("en-US")} rows${result.skipped ? ` (skipped ${result.skipped.toLocaleString("en-US")} it already had)` : ""}`);
    console.log(`  now ${result.rows.toLocaleString("en-US")} rows: ${result.positives.toLocaleString("en-US")} positive, ${result.negatives.toLocaleString("en-US")} negative, ${result.unlabeled.toLocaleString("en-US")} unlabelled`);
    process.exit(0);
  } catch (error) {
    const known = toHttpError(error);
    if (!known) throw error;
    const lines = (known.details ?? []).length > 1 ? known.details!.map((d) => `  - ${[d.row !== undefined ? `row ${d.row}` : "", d.column !== undefined ? `column ${JSON.stringify(d.column)}` : ""].filter(Boolean).join(", ")}: ${d.message}`) : [];
    fail([known.message, ...lines].join("\n"));
  }
}

try {
  const result = await importCsv(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), {
    ...importOptions,
    modelName: model ?? null,
    modelVersion: version ?? null,
    expectedBytes: size,
    sourceFile: path.basename(file),
    onProgress: (p) => draw(p.rows, p.bytes),
  });
  draw(result.rows, result.bytes, true);
  const share = result.positives + result.negatives ? ((100 * result.positives) / (result.positives + result.negatives)).toFixed(2) : "—";
  console.log(`dataset ${result.id}: ${JSON.stringify(result.name)}${model ? `, model ${JSON.stringify(model)}${version ? ` version ${JSON.stringify(version)}` : ""}` : ""}`);
  console.log(`  ${result.rows.toLocaleString("en-US")} rows: ${result.positives.toLocaleString("en-US")} positive ("${result.positiveLabel}"), ${result.negatives.toLocaleString("en-US")} negative ("${result.negativeLabel}"), ${result.unlabeled.toLocaleString("en-US")} unlabelled; positive share ${share}%`);
  const m = result.mapping;
  console.log(`  columns: label=${m.label} score=${m.score}${m.id ? ` id=${m.id}` : ""}${m.timestamp ? ` timestamp=${m.timestamp}` : ""}${m.text ? ` text=${m.text}` : ""}${m.image ? ` image=${m.image}` : ""}${m.slices.length ? ` slices=${m.slices.join(",")}` : ""}${m.extras.length ? ` extras=${m.extras.join(",")}` : ""}`);
  console.log(`  ${formatBytes(result.bytes)}${result.compressed ? " (gzip)" : ""} in ${(result.durationMs / 1000).toFixed(2)} s${result.encoding === "utf-8" ? "" : `, read as ${result.encoding}`}`);
} catch (error) {
  if (tty) process.stderr.write("\n");
  if (error instanceof IngestError) {
    const lines = error.details.length > 1 ? error.details.map((d) => `  - ${[d.row !== undefined ? `row ${d.row}` : "", d.column !== undefined ? `column ${JSON.stringify(d.column)}` : ""].filter(Boolean).join(", ")}: ${d.message}`) : [];
    fail([error.message, ...lines].join("\n"));
  }
  throw error;
}
