/**
 * lib/reports — pure assembly of the figures a page or an API answer shows from what the data
 * layer returned (tables, tags, counts): failure modes, slices, the brief. No database here:
 * lib/services loads the inputs and calls these.
 */
export * from "./errors-at";
export * from "./slices";
export * from "./failure-modes";
export * from "./brief";
