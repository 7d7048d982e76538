/**
 * lib/services — the application layer the routes, pages and CLI call: each function loads what
 * it needs from the data layer (lib/db) in parallel and computes with the pure core (lib/metrics,
 * lib/story, lib/reports). Derived results that are costly are cached by dataset version
 * (lib/cache.ts). Nothing here knows SQL or HTTP.
 */
export * from "./datasets";
export * from "./settings";
export * from "./explorer";
export * from "./gallery";
export * from "./brief";
export * from "./prepare";
