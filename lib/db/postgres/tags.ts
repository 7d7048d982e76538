import { ConflictError } from "../../errors";
import { Prisma } from "../../generated/postgres/client";
import type { TagStore } from "../store";
import type { TagView } from "../types";
import { tagsOfPredictions } from "./annotations";
import { postgresPrisma as prisma } from "./connection";
import { rowOf, rowsOf } from "./sql";

type TagRow = { id: number; name: string; color: string; description: string; position: number; _count: { examples: number } };
const toView = (t: TagRow): TagView => ({ id: t.id, name: t.name, color: t.color, description: t.description, position: t.position, examples: t._count.examples });
const withCount = { _count: { select: { examples: true } } } as const;

function rethrowDuplicate(error: unknown, name: string | undefined): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ConflictError(`a tag named ${JSON.stringify(name ?? "")} already exists`);
  throw error;
}

/** Failure-mode tags on PostgreSQL (Prisma over adapter-pg; the counts in SQL). */
export const postgresTags: TagStore = {
  async list(datasetId) {
    const rows = await prisma().tag.findMany({ where: { datasetId }, orderBy: [{ position: "asc" }, { id: "asc" }], include: withCount });
    return rows.map(toView);
  },

  async create(datasetId, input) {
    const dataset = await prisma().dataset.findUnique({ where: { id: datasetId }, select: { id: true } });
    if (!dataset) return null;
    const last = await prisma().tag.aggregate({ where: { datasetId }, _max: { position: true } });
    try {
      const created = await prisma().tag.create({
        data: { datasetId, name: input.name, color: input.color, description: input.description, position: input.position ?? (last._max.position ?? 0) + 1 },
        include: withCount,
      });
      return toView(created);
    } catch (error) {
      rethrowDuplicate(error, input.name);
    }
  },

  async update(datasetId, tagId, input) {
    const found = await prisma().tag.findFirst({ where: { id: tagId, datasetId }, select: { id: true } });
    if (!found) return null;
    try {
      return toView(await prisma().tag.update({ where: { id: tagId }, data: input, include: withCount }));
    } catch (error) {
      rethrowDuplicate(error, input.name);
    }
  },

  async delete(datasetId, tagId) {
    const result = await prisma().tag.deleteMany({ where: { id: tagId, datasetId } });
    return result.count > 0;
  },

  async apply(datasetId, predictionId, tagId, reviewer) {
    const [prediction, tag] = await Promise.all([
      prisma().prediction.findFirst({ where: { id: predictionId, datasetId }, select: { id: true } }),
      prisma().tag.findFirst({ where: { id: tagId, datasetId }, select: { id: true } }),
    ]);
    if (!prediction || !tag) return null;
    const row = await prisma().exampleTag.upsert({
      where: { predictionId_tagId: { predictionId, tagId } },
      create: { predictionId, tagId, reviewer },
      update: {},
    });
    return { predictionId, tagId, reviewer: row.reviewer, createdAt: row.createdAt.toISOString() };
  },

  async remove(datasetId, predictionId, tagId) {
    const result = await prisma().exampleTag.deleteMany({ where: { predictionId, tagId, tag: { datasetId }, prediction: { datasetId } } });
    return result.count > 0;
  },

  async ofPredictions(ids) {
    return tagsOfPredictions(ids);
  },

  async errorCounts(datasetId, threshold) {
    const perTag = await rowsOf<{ tagId: number; fp: number; fn: number }>(
      `SELECT et."tagId" AS "tagId", COUNT(*) FILTER (WHERE p."label" = 0 AND p."score" >= $1)::int AS "fp", COUNT(*) FILTER (WHERE p."label" = 1 AND p."score" < $1)::int AS "fn"
         FROM "ExampleTag" et JOIN "Tag" t ON t."id" = et."tagId" JOIN "Prediction" p ON p."id" = et."predictionId"
        WHERE t."datasetId" = $2 GROUP BY et."tagId" ORDER BY et."tagId"`,
      [threshold, datasetId],
    );
    const reviewed = await rowOf<{ fp: number; fn: number }>(
      `SELECT COUNT(*) FILTER (WHERE "label" = 0 AND "score" >= $1)::int AS "fp", COUNT(*) FILTER (WHERE "label" = 1 AND "score" < $1)::int AS "fn" FROM "Prediction"
        WHERE "id" IN (SELECT et."predictionId" FROM "ExampleTag" et JOIN "Tag" t ON t."id" = et."tagId" WHERE t."datasetId" = $2)`,
      [threshold, datasetId],
    );
    return { perTag, reviewed: reviewed! };
  },
};
