export * from "./score-table";
export * from "./confusion";
export * from "./ranking";
export * from "./summary";
export * from "./report";
