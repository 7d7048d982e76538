/**
 * lib/story — pure: counts at a threshold → what they mean every day, in the dataset's words:
 * daily counts with 95% ranges, the stakeholder sentences, costs, recommended thresholds,
 * scenarios' links and the brief's text. Numbers are written by lib/format.ts.
 */
export * from "./settings";
export * from "./daily";
export * from "./costs";
export * from "./sentences";
export * from "./recommend";
export * from "./story";
export * from "./query";
export * from "./grid-table";
export * from "./share";
export * from "./brief";
export * from "./findings";
