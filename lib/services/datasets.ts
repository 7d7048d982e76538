import { invalidateDataset } from "../cache";
import { store } from "../db";
import { removeDatasetImages } from "../images/store";
import { serialized } from "../imports/queue";

/**
 * Deletes a dataset with every row, tag, note and scenario of it (after any import running), then
 * its stored images and everything cached of it; false when it did not exist.
 */
export async function deleteDataset(datasetId: number): Promise<boolean> {
  const deleted = await serialized(() => store().datasets.delete(datasetId));
  invalidateDataset(datasetId);
  removeDatasetImages(datasetId);
  return deleted;
}
