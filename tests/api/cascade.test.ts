import { expect, inject, test } from "vitest";
import { queryOne } from "../support/stored";

const baseUrl = inject("baseUrl");
const database = inject("database");
const count = async (sql: string, ...args: unknown[]) => (await queryOne<{ n: number }>(database, sql, args))!.n;
const post = (path: string, body: unknown) =>
  fetch(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

test("deleting a tag through the API takes it off every example (foreign keys are enforced on Prisma's connection)", async () => {
  const { datasets } = (await (await fetch(`${baseUrl}/api/datasets`)).json()) as { datasets: { id: number; isDemo: boolean }[] };
  const datasetId = datasets.find((d) => d.isDemo)!.id;
  const tagResponse = await post(`/api/datasets/${datasetId}/tags`, { name: `cascade-${Date.now()}` });
  expect(tagResponse.status).toBe(201);
  const tag = (await tagResponse.json()) as { id: number };
  const examples = (await (await fetch(`${baseUrl}/api/datasets/${datasetId}/examples?threshold=0.5&kind=fp&limit=2`)).json()) as { items: { id: number }[] };
  for (const example of examples.items) {
    expect((await post(`/api/datasets/${datasetId}/examples/${example.id}/tags`, { tagId: tag.id })).status).toBe(201);
  }
  expect(await count(`SELECT COUNT(*) AS n FROM "ExampleTag" WHERE "tagId" = ?`, tag.id)).toBe(2);
  expect((await fetch(`${baseUrl}/api/datasets/${datasetId}/tags/${tag.id}`, { method: "DELETE" })).ok).toBe(true);
  expect(await count(`SELECT COUNT(*) AS n FROM "ExampleTag" WHERE "tagId" = ?`, tag.id)).toBe(0);
  expect(await count(`SELECT COUNT(*) AS n FROM "ExampleTag" WHERE "tagId" NOT IN (SELECT "id" FROM "Tag")`)).toBe(0);
});
