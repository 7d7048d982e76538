/**
 * Segments an import in this process has just stored, handed to the score index (score-index.ts)
 * so that the first views of a new dataset use them as they are instead of reading back what was
 * written a moment ago: after a 5M-row import that read was most of the first view's second.
 *
 * Only committed segments are offered (an id is final then), by (dataset, segment id) at revision
 * 0, and only the newest import's, for at most a minute: unused, they are dropped, so a dataset
 * nobody opens holds no memory.
 */
import type { ScoreSegment } from "../metrics/segment";

const KEEP_MS = 60_000;

interface Offer {
  datasetId: number;
  segments: Map<number, ScoreSegment>;
  timer: ReturnType<typeof setTimeout>;
}

const state = globalThis as unknown as { cutoffSegmentOffer?: Offer | null };

/** Offers a just-committed import's segments (by id); replaces any earlier offer. */
export function offerSegments(datasetId: number, segments: { id: number; segment: ScoreSegment }[]): void {
  dropOffer();
  const timer = setTimeout(dropOffer, KEEP_MS);
  timer.unref?.();
  state.cutoffSegmentOffer = { datasetId, segments: new Map(segments.map((s) => [s.id, s.segment])), timer };
}

/** The offered segment of this id and revision, given once; undefined when none is offered. */
export function takeOfferedSegment(datasetId: number, segmentId: number, revision: number): ScoreSegment | undefined {
  const offer = state.cutoffSegmentOffer;
  if (!offer || offer.datasetId !== datasetId || revision !== 0) return undefined;
  const segment = offer.segments.get(segmentId);
  offer.segments.delete(segmentId);
  if (offer.segments.size === 0) dropOffer();
  return segment;
}

function dropOffer(): void {
  const offer = state.cutoffSegmentOffer;
  if (offer) clearTimeout(offer.timer);
  state.cutoffSegmentOffer = null;
}
