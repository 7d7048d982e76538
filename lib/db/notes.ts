import { prisma } from "./client";
import type { ExampleNote } from "./annotations";

/** Adds a note to an example; null when the example is not the dataset's. */
export async function addNote(datasetId: number, predictionId: number, body: string, reviewer: string | null): Promise<ExampleNote | null> {
  const prediction = await prisma().prediction.findFirst({ where: { id: predictionId, datasetId }, select: { id: true } });
  if (!prediction) return null;
  const note = await prisma().note.create({ data: { predictionId, body, reviewer } });
  return { id: note.id, body: note.body, reviewer: note.reviewer, createdAt: note.createdAt.toISOString() };
}

/** An example's notes, oldest first; null when the example is not the dataset's. */
export async function listNotes(datasetId: number, predictionId: number): Promise<ExampleNote[] | null> {
  const prediction = await prisma().prediction.findFirst({ where: { id: predictionId, datasetId }, select: { id: true } });
  if (!prediction) return null;
  const notes = await prisma().note.findMany({ where: { predictionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return notes.map((n) => ({ id: n.id, body: n.body, reviewer: n.reviewer, createdAt: n.createdAt.toISOString() }));
}

/** Deletes a note; false when it is not on one of the dataset's examples. */
export async function deleteNote(datasetId: number, noteId: number): Promise<boolean> {
  const result = await prisma().note.deleteMany({ where: { id: noteId, prediction: { datasetId } } });
  return result.count > 0;
}
