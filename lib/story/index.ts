export * from "./settings";
export * from "./numbers";
export * from "./daily";
export * from "./costs";
export * from "./sentences";
export * from "./recommend";
export * from "./story";
export * from "./query";
