import { applyTag, removeTag, type Example, type TagView } from "./gallery-api";

/** The example with `tag` switched on or off, as the server will have it. */
export function withTagToggled(example: Example, tag: TagView, applied: boolean, reviewer: string): Example {
  return {
    ...example,
    tags: applied
      ? example.tags.filter((t) => t.id !== tag.id)
      : [...example.tags, { id: tag.id, name: tag.name, color: tag.color, reviewer: reviewer || null, appliedAt: new Date().toISOString() }],
  };
}

/** Switches a tag on (applied = false) or off (applied = true) for an example, on the server. */
export async function toggleTagOnServer(datasetId: number, example: Example, tag: TagView, applied: boolean, reviewer: string): Promise<void> {
  if (applied) await removeTag(datasetId, example.id, tag.id);
  else await applyTag(datasetId, example.id, tag.id, reviewer);
}
