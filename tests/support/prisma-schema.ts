import fs from "node:fs";

/** A model of a schema.prisma as written, before any provider's SQL. */
export interface PrismaModel {
  name: string;
  /** Scalar fields, in order. */
  fields: { name: string; type: string; optional: boolean; id: boolean; unique: boolean; updatedAt: boolean; default: string | null }[];
  /** Relations this model holds the foreign key of. */
  relations: { fields: string[]; model: string; references: string[]; onDelete: string | null }[];
  indexes: { columns: string[]; unique: boolean }[];
  /** A composite primary key (`@@id([…])`), or null. */
  compositeId: string[] | null;
}

/** What schema.prisma says a table should look like, in its provider's terms. */
export interface ExpectedTable {
  name: string;
  /** SQLite: the declared type (INTEGER); PostgreSQL: format_type() (timestamp(3) without time zone). */
  columns: { name: string; type: string; notNull: boolean; primaryKey: boolean }[];
  /** Index name → columns, e.g. Prediction_datasetId_score_idx → [datasetId, score]. */
  indexes: Record<string, { columns: string[]; unique: boolean }>;
  /** Column → default expression as the database shows it (PostgreSQL: pg_get_expr; SQLite: dflt_value). */
  defaults: Record<string, string>;
  /** Constraint name → columns, referenced table and columns, ON DELETE / ON UPDATE actions. */
  foreignKeys: Record<string, { columns: string[]; table: string; references: string[]; onDelete: string; onUpdate: string }>;
}

const TYPES: Record<string, Record<string, string>> = {
  sqlite: { Int: "INTEGER", String: "TEXT", Float: "REAL", DateTime: "DATETIME", Boolean: "BOOLEAN", Bytes: "BLOB", BigInt: "BIGINT" },
  postgresql: {
    Int: "integer", String: "text", Float: "double precision", DateTime: "timestamp(3) without time zone", Boolean: "boolean", Bytes: "bytea", BigInt: "bigint",
  },
};

/** Reads the datasource provider and the models (the subset of Prisma's language Cutoff uses; anything else is an error, never skipped). */
export function readPrismaModels(file: string): { provider: string; models: PrismaModel[] } {
  const source = fs.readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  const provider = source.match(/datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/)?.[1];
  if (!provider) throw new Error(`${file}: no datasource provider`);
  const blocks = [...source.matchAll(/^model\s+(\w+)\s*\{\n([\s\S]*?)^\}/gm)];
  const modelNames = new Set(blocks.map((m) => m[1]));
  const models = blocks.map(([, name, body]): PrismaModel => {
    const model: PrismaModel = { name, fields: [], relations: [], indexes: [], compositeId: null };
    for (const raw of body.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      const compositeId = line.match(/^@@id\(\[([^\]]+)\]\)$/);
      if (compositeId) {
        model.compositeId = compositeId[1].split(",").map((c) => c.trim());
        continue;
      }
      const block = line.match(/^@@(index|unique)\(\[([^\]]+)\]\)$/);
      if (block) {
        model.indexes.push({ columns: block[2].split(",").map((c) => c.trim()), unique: block[1] === "unique" });
        continue;
      }
      const field = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/);
      if (!field) throw new Error(`${file}: model ${name}: cannot read "${line}"`);
      const [, fieldName, type, list, optional, rest] = field;
      const attributes = readAttributes(rest, `${file}: ${name}.${fieldName}`);
      if (modelNames.has(type)) {
        const relation = attributes.relation;
        if (relation) {
          const list = (key: string) => relation.match(new RegExp(`${key}:\\s*\\[([^\\]]*)\\]`))?.[1].split(",").map((c) => c.trim()) ?? [];
          model.relations.push({ fields: list("fields"), model: type, references: list("references"), onDelete: relation.match(/onDelete:\s*(\w+)/)?.[1] ?? null });
        }
        continue;
      }
      if (list) throw new Error(`${file}: ${name}.${fieldName}: scalar lists are not supported here`);
      model.fields.push({
        name: fieldName, type, optional: Boolean(optional), id: "id" in attributes, unique: "unique" in attributes,
        updatedAt: "updatedAt" in attributes, default: attributes.default ?? null,
      });
    }
    return model;
  });
  return { provider, models };
}

/** `@name(args)` attributes of a field line → name → args ("" when none); unknown ones are an error. */
function readAttributes(text: string, where: string): Record<string, string> {
  const found: Record<string, string> = {};
  const rest = text.replace(/@(\w+)(\(((?:[^()]|\([^()]*\))*)\))?/g, (_, name: string, _p, args: string | undefined) => {
    if (!["id", "default", "unique", "updatedAt", "relation"].includes(name)) throw new Error(`${where}: attribute @${name} is not supported here`);
    found[name] = args ?? "";
    return "";
  });
  if (rest.trim()) throw new Error(`${where}: cannot read "${rest.trim()}"`);
  return found;
}

/** A Prisma default as the provider's catalog shows it; null when the column has none (SQLite's autoincrement). */
function renderDefault(provider: string, table: string, column: string, type: string, value: string): string | null {
  if (value === "autoincrement()") return provider === "postgresql" ? `nextval('"${table}_${column}_seq"'::regclass)` : null;
  if (value === "now()") return "CURRENT_TIMESTAMP";
  const text = value.match(/^"(.*)"$/);
  if (text) return provider === "postgresql" ? `'${text[1]}'::text` : `'${text[1]}'`;
  // PostgreSQL shows a negative number as a cast literal: '-1'::integer.
  if (provider === "postgresql" && /^-\d+(\.\d+)?$/.test(value)) return `'${value}'::${TYPES.postgresql[type]}`;
  if (type === "Boolean" || /^-?\d+(\.\d+)?$/.test(value)) return value;
  throw new Error(`${table}.${column}: default ${value} is not supported here`);
}

const ACTIONS: Record<string, string> = { Cascade: "CASCADE", Restrict: "RESTRICT", NoAction: "NO ACTION", SetNull: "SET NULL", SetDefault: "SET DEFAULT" };

/** The tables Prisma's migrations make for `models` on `provider` (sqlite or postgresql). */
export function expectedTables(provider: string, models: PrismaModel[]): ExpectedTable[] {
  const types = TYPES[provider];
  if (!types) throw new Error(`provider ${provider} is not supported here`);
  return models.map((model) => {
    const table: ExpectedTable = { name: model.name, columns: [], indexes: {}, defaults: {}, foreignKeys: {} };
    for (const field of model.fields) {
      const type = types[field.type];
      if (!type) throw new Error(`${model.name}.${field.name}: type ${field.type} is not supported here`);
      table.columns.push({ name: field.name, type, notNull: !field.optional, primaryKey: field.id || (model.compositeId?.includes(field.name) ?? false) });
      const shown = field.default === null ? null : renderDefault(provider, model.name, field.name, field.type, field.default);
      if (shown !== null) table.defaults[field.name] = shown;
      if (field.unique) table.indexes[`${model.name}_${field.name}_key`] = { columns: [field.name], unique: true };
    }
    for (const index of model.indexes) {
      table.indexes[`${model.name}_${index.columns.join("_")}_${index.unique ? "key" : "idx"}`] = index;
    }
    for (const relation of model.relations) {
      const optional = relation.fields.some((f) => model.fields.find((field) => field.name === f)?.optional);
      table.foreignKeys[`${model.name}_${relation.fields.join("_")}_fkey`] = {
        columns: relation.fields, table: relation.model, references: relation.references,
        onDelete: ACTIONS[relation.onDelete ?? (optional ? "SetNull" : "Restrict")], onUpdate: "CASCADE",
      };
    }
    return table;
  });
}

/** The tables a schema.prisma's migrations make, in the terms of the schema's own provider. */
export function readPrismaSchema(file: string): ExpectedTable[] {
  const { provider, models } = readPrismaModels(file);
  return expectedTables(provider, models);
}
