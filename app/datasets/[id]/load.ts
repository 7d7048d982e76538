import { notFound } from "next/navigation";
import { cache } from "react";
import { getDataset } from "@/lib/services/datasets";

/** The dataset of a route's `[id]`, or the not-found page. Cached per request. */
export const loadDataset = cache(async (rawId: string) => {
  const id = Number(rawId);
  if (!/^\d+$/.test(rawId) || !Number.isSafeInteger(id)) notFound();
  const dataset = await getDataset(id);
  if (!dataset) notFound();
  return dataset;
});
