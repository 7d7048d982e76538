import { describe, expect, test } from "vitest";
import { factsOf, modelCatalog, modelFactsSchema, thresholdOf, versionLabel, type ModelVersionView } from "@/lib/models";

const dataset = (id: number, modelName: string | null, modelVersion: string | null, createdAt: string) => ({ id, name: `d${id}`, modelName, modelVersion, createdAt });
const facts = (modelName: string, version: string, sizeMb: number | null): ModelVersionView => ({ modelName, version, format: "TF Lite", sizeMb, latencyMs: null, threshold: null, notes: "", updatedAt: "2026-12-01T00:00:00.000Z" });

describe("the models catalog", () => {
  test("groups datasets by model (alphabetical) and version (first dataset first), facts attached", () => {
    const { models, ungrouped } = modelCatalog(
      [
        dataset(3, "fraud", "int8", "2026-12-02T00:00:00Z"),
        dataset(1, "fraud", "float32", "2026-12-01T00:00:00Z"),
        dataset(4, "fraud", "float32", "2026-12-03T00:00:00Z"),
        dataset(2, "churn", null, "2026-12-01T12:00:00Z"),
        dataset(5, null, null, "2026-12-04T00:00:00Z"),
        dataset(6, "  ", "x", "2026-12-04T00:00:00Z"),
      ],
      [facts("fraud", "int8", 12), facts("fraud", "pruned", 20)],
    );
    expect(models.map((m) => [m.name, m.versions.map((v) => [v.version, v.datasets.map((d) => d.id), v.facts?.sizeMb ?? null])])).toEqual([
      ["churn", [["", [2], null]]],
      ["fraud", [["float32", [1, 4], null], ["int8", [3], 12], ["pruned", [], 20]]],
    ]);
    expect(ungrouped.map((d) => d.id)).toEqual([5, 6]);
  });

  test.each([
    [["fraud", "int8", "Fraud eval"], "int8"],
    [["fraud", null, "Fraud eval"], "fraud"],
    [[null, null, "Fraud eval"], "Fraud eval"],
    [["fraud", "  ", "Fraud eval"], "fraud"],
  ] as const)("versionLabel(%o) = %s", ([model, version, name], expected) => {
    expect(versionLabel(model, version, name)).toBe(expected);
  });
});

describe("a version's facts", () => {
  test("the API's body: every field optional, an empty format is unknown, 0.5 when no threshold", () => {
    expect(factsOf(modelFactsSchema.parse({ format: "", sizeMb: 12.5, notes: " int8 post-training quantization " }))).toEqual({ format: null, sizeMb: 12.5, latencyMs: null, threshold: null, notes: "int8 post-training quantization" });
    expect(thresholdOf(null)).toBe(0.5);
    expect(thresholdOf({ threshold: 0.42 })).toBe(0.42);
  });

  test.each([
    [{ sizeMb: -1 }, "sizeMb must be 0 or more"],
    [{ latencyMs: "fast" }, "latencyMs must be a number"],
    [{ threshold: 1.5 }, "threshold must be between 0 and 1"],
    [{ colour: "red" }, 'Unrecognized key: "colour"'],
  ])("%o is refused: %s", (body, message) => {
    const parsed = modelFactsSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toBe(message);
  });
});
