/**
 * Tags, notes and scenarios over a backend's Prisma client: the same Prisma calls on SQLite and
 * PostgreSQL. Each backend passes its client and the parts it writes in its own SQL (the tag
 * error counts, the tags and notes of many rows at once); see lib/db/<backend>/index.ts.
 */
import { ConflictError } from "../errors";
import type { NoteStore, ScenarioStore, TagStore } from "./store";
import type { TagView } from "./types";
import { scenarioView } from "./views";

type TagRow = { id: number; name: string; color: string; description: string; position: number; _count: { examples: number } };
type NoteRow = { id: number; body: string; reviewer: string | null; createdAt: Date };
type ScenarioRow = Parameters<typeof scenarioView>[0];
type Found = { id: number } | null;

/**
 * The calls these stores make, as both generated clients have them (their argument types are
 * generated per schema, and tests/unit/schema-parity.test.ts keeps the schemas equal).
 */
export interface AnnotationClient {
  dataset: { findUnique(args: object): Promise<Found> };
  prediction: { findFirst(args: object): Promise<Found> };
  tag: {
    findMany(args: object): Promise<TagRow[]>;
    findFirst(args: object): Promise<Found>;
    aggregate(args: object): Promise<{ _max: { position: number | null } }>;
    create(args: object): Promise<TagRow>;
    update(args: object): Promise<TagRow>;
    deleteMany(args: object): Promise<{ count: number }>;
  };
  exampleTag: {
    upsert(args: object): Promise<{ reviewer: string | null; createdAt: Date }>;
    deleteMany(args: object): Promise<{ count: number }>;
  };
  note: {
    create(args: object): Promise<NoteRow>;
    findMany(args: object): Promise<NoteRow[]>;
    deleteMany(args: object): Promise<{ count: number }>;
  };
  scenario: {
    findMany(args: object): Promise<ScenarioRow[]>;
    upsert(args: object): Promise<ScenarioRow>;
    deleteMany(args: object): Promise<{ count: number }>;
  };
}

const toView = (t: TagRow): TagView => ({ id: t.id, name: t.name, color: t.color, description: t.description, position: t.position, examples: t._count.examples });
const withCount = { _count: { select: { examples: true } } } as const;
const noteView = (n: NoteRow) => ({ id: n.id, body: n.body, reviewer: n.reviewer, createdAt: n.createdAt.toISOString() });

/** A unique constraint refused the row (Prisma's P2002, from either client). */
const isDuplicate = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";

function rethrowDuplicate(error: unknown, name: string | undefined): never {
  if (isDuplicate(error)) throw new ConflictError(`a tag named ${JSON.stringify(name ?? "")} already exists`);
  throw error;
}

/** Failure-mode tags over `prisma`; `sql` holds the backend's own queries. */
export function prismaTags(prisma: () => AnnotationClient, sql: Pick<TagStore, "ofPredictions" | "errorCounts">): TagStore {
  return {
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

    ofPredictions: (ids) => sql.ofPredictions(ids),
    errorCounts: (datasetId, threshold) => sql.errorCounts(datasetId, threshold),
  };
}

/** Reviewers' notes over `prisma`; `ofPredictions` is the backend's query for many rows. */
export function prismaNotes(prisma: () => AnnotationClient, ofPredictions: NoteStore["ofPredictions"]): NoteStore {
  const isOfDataset = async (datasetId: number, predictionId: number) => (await prisma().prediction.findFirst({ where: { id: predictionId, datasetId }, select: { id: true } })) !== null;
  return {
    async add(datasetId, predictionId, body, reviewer) {
      if (!(await isOfDataset(datasetId, predictionId))) return null;
      return noteView(await prisma().note.create({ data: { predictionId, body, reviewer } }));
    },

    async list(datasetId, predictionId) {
      if (!(await isOfDataset(datasetId, predictionId))) return null;
      const notes = await prisma().note.findMany({ where: { predictionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return notes.map(noteView);
    },

    async delete(datasetId, noteId) {
      const result = await prisma().note.deleteMany({ where: { id: noteId, prediction: { datasetId } } });
      return result.count > 0;
    },

    ofPredictions: (ids) => ofPredictions(ids),
  };
}

/** Named thresholds with their settings over `prisma`. */
export function prismaScenarios(prisma: () => AnnotationClient): ScenarioStore {
  const exists = async (datasetId: number) => (await prisma().dataset.findUnique({ where: { id: datasetId }, select: { id: true } })) !== null;
  return {
    async list(datasetId) {
      if (!(await exists(datasetId))) return null;
      const rows = await prisma().scenario.findMany({ where: { datasetId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map(scenarioView);
    },

    async save(datasetId, input) {
      if (!(await exists(datasetId))) return null;
      const data = { name: input.name, threshold: input.threshold, settings: JSON.stringify(input.settings) };
      const row = await prisma().scenario.upsert({
        where: { datasetId_name: { datasetId, name: input.name } },
        create: { datasetId, ...data },
        update: data,
      });
      return scenarioView(row);
    },

    async delete(datasetId, scenarioId) {
      const result = await prisma().scenario.deleteMany({ where: { id: scenarioId, datasetId } });
      return result.count > 0;
    },
  };
}
