import fs from "node:fs";

/** What schema.prisma says a table should look like, in SQLite's terms. */
export interface ExpectedTable {
  name: string;
  columns: { name: string; type: string; notNull: boolean; primaryKey: boolean }[];
  /** Index name → columns, e.g. Prediction_datasetId_score_idx → [datasetId, score]. */
  indexes: Record<string, { columns: string[]; unique: boolean }>;
}

const SQLITE_TYPES: Record<string, string> = {
  Int: "INTEGER", String: "TEXT", Float: "REAL", DateTime: "DATETIME", Boolean: "BOOLEAN", Bytes: "BLOB", BigInt: "BIGINT", Decimal: "DECIMAL", Json: "JSONB",
};

/**
 * Reads the models of a schema.prisma (the subset Cutoff uses: scalar fields, @id, @@id, @unique,
 * @@index, @@unique; relation fields are skipped) into the tables Prisma's SQLite migrations make.
 */
export function readPrismaSchema(file: string): ExpectedTable[] {
  const source = fs.readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  const models = [...source.matchAll(/^model\s+(\w+)\s*\{\n([\s\S]*?)^\}/gm)];
  const modelNames = new Set(models.map((m) => m[1]));
  return models.map(([, name, body]) => {
    const table: ExpectedTable = { name, columns: [], indexes: {} };
    for (const raw of body.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      const compositeId = line.match(/^@@id\(\[([^\]]+)\]/);
      if (compositeId) {
        const columns = compositeId[1].split(",").map((c) => c.trim());
        for (const column of table.columns) if (columns.includes(column.name)) column.primaryKey = true;
        continue;
      }
      const block = line.match(/^@@(index|unique)\(\[([^\]]+)\]/);
      if (block) {
        const columns = block[2].split(",").map((c) => c.trim());
        const unique = block[1] === "unique";
        table.indexes[`${name}_${columns.join("_")}_${unique ? "key" : "idx"}`] = { columns, unique };
        continue;
      }
      const field = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/);
      if (!field) continue;
      const [, fieldName, type, list, optional, attributes] = field;
      if (list || modelNames.has(type)) continue;
      const primaryKey = /@id\b/.test(attributes);
      table.columns.push({ name: fieldName, type: SQLITE_TYPES[type] ?? type, notNull: !optional, primaryKey });
      if (/@unique\b/.test(attributes)) table.indexes[`${name}_${fieldName}_key`] = { columns: [fieldName], unique: true };
    }
    return table;
  });
}
