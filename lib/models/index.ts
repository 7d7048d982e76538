/**
 * lib/models — models and their versions, pure: the facts a version carries (facts.ts) and the
 * Models page's grouping of datasets (catalog.ts). Stored behind lib/db's ModelStore.
 */
export * from "./facts";
export * from "./catalog";
