export * from "./types";
export { buildStrata, allocate, mergeStrata, firstAtOrAbove, DEFAULT_STRATA, type StrataOptions } from "./strata";
export { drawAudit, topUpAudit, DEFAULT_RULE, type DrawOptions } from "./draw";
export { prepareEstimates, estimateAt, type AuditEstimator, type RowsBelow, type PseudoRow, type IntervalOptions } from "./estimate";
export { shareInterval, shareQuantile, shareCdf, proportionCounts, type WeightedCount, type IntervalMethod } from "./intervals";
export { betaCdf, betaQuantile, lnGamma } from "./beta";
export { cohensKappa, type Agreement, type ReviewPair } from "./agreement";
export { retrainingRows, retrainingCsv, type RetrainingRow } from "./export";
export { auditDailyCounts, auditSentences, auditMissedPhrase, auditBasis, countPhrase, rateWithRange, type AuditDailyCounts, type AuditStorySettings } from "./sentences";
