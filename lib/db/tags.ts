import { Prisma } from "../generated/sqlite/client";
import { prisma } from "./client";

/** A failure mode of a dataset, e.g. "gift-card purchases". */
export interface TagView {
  id: number;
  name: string;
  /** CSS colour, "#rrggbb". */
  color: string;
  description: string;
  /** Keyboard order in meeting mode: the first nine tags get keys 1–9. */
  position: number;
  /** Examples carrying the tag (any outcome). */
  examples: number;
}

export interface TagInput {
  name: string;
  color?: string;
  description?: string;
  position?: number;
}

/** Thrown when a dataset already has a tag of that name; routes answer 409. */
export class DuplicateTagError extends Error {
  constructor(readonly tagName: string) {
    super(`a tag named ${JSON.stringify(tagName)} already exists`);
  }
}

type TagRow = { id: number; name: string; color: string; description: string; position: number; _count: { examples: number } };
const toView = (t: TagRow): TagView => ({ id: t.id, name: t.name, color: t.color, description: t.description, position: t.position, examples: t._count.examples });
const withCount = { _count: { select: { examples: true } } } as const;

function rethrowDuplicate(error: unknown, name: string | undefined): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new DuplicateTagError(name ?? "");
  throw error;
}

/** A dataset's tags in keyboard order. */
export async function listTags(datasetId: number): Promise<TagView[]> {
  const rows = await prisma().tag.findMany({ where: { datasetId }, orderBy: [{ position: "asc" }, { id: "asc" }], include: withCount });
  return rows.map(toView);
}

/** Creates a tag after the existing ones; null when the dataset does not exist. */
export async function createTag(datasetId: number, input: TagInput): Promise<TagView | null> {
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
}

/** Changes a tag's name, colour, description or position; null when it is not the dataset's. */
export async function updateTag(datasetId: number, tagId: number, input: Partial<TagInput>): Promise<TagView | null> {
  const found = await prisma().tag.findFirst({ where: { id: tagId, datasetId }, select: { id: true } });
  if (!found) return null;
  try {
    return toView(await prisma().tag.update({ where: { id: tagId }, data: input, include: withCount }));
  } catch (error) {
    rethrowDuplicate(error, input.name);
  }
}

/** Deletes a tag and its applications; false when it is not the dataset's. */
export async function deleteTag(datasetId: number, tagId: number): Promise<boolean> {
  const result = await prisma().tag.deleteMany({ where: { id: tagId, datasetId } });
  return result.count > 0;
}

/** One application of a tag to an example. */
export interface TagApplication {
  predictionId: number;
  tagId: number;
  reviewer: string | null;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/**
 * Tags an example (idempotent: tagging twice keeps the first reviewer and time). Null when the
 * example or the tag is not the dataset's.
 */
export async function applyTag(datasetId: number, predictionId: number, tagId: number, reviewer: string | null): Promise<TagApplication | null> {
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
}

/** Removes a tag from an example; false when it was not applied (or not the dataset's). */
export async function removeTag(datasetId: number, predictionId: number, tagId: number): Promise<boolean> {
  const result = await prisma().exampleTag.deleteMany({ where: { predictionId, tagId, tag: { datasetId }, prediction: { datasetId } } });
  return result.count > 0;
}
