import type { NoteStore } from "../store";
import { notesOfPredictions } from "./annotations";
import { postgresPrisma as prisma } from "./connection";

const isOfDataset = async (datasetId: number, predictionId: number) =>
  (await prisma().prediction.findFirst({ where: { id: predictionId, datasetId }, select: { id: true } })) !== null;

/** Reviewers' notes on PostgreSQL. */
export const postgresNotes: NoteStore = {
  async add(datasetId, predictionId, body, reviewer) {
    if (!(await isOfDataset(datasetId, predictionId))) return null;
    const note = await prisma().note.create({ data: { predictionId, body, reviewer } });
    return { id: note.id, body: note.body, reviewer: note.reviewer, createdAt: note.createdAt.toISOString() };
  },

  async list(datasetId, predictionId) {
    if (!(await isOfDataset(datasetId, predictionId))) return null;
    const notes = await prisma().note.findMany({ where: { predictionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return notes.map((n) => ({ id: n.id, body: n.body, reviewer: n.reviewer, createdAt: n.createdAt.toISOString() }));
  },

  async delete(datasetId, noteId) {
    const result = await prisma().note.deleteMany({ where: { id: noteId, prediction: { datasetId } } });
    return result.count > 0;
  },

  async ofPredictions(ids) {
    return notesOfPredictions(ids);
  },
};
