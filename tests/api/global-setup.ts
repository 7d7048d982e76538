import type { TestProject } from "vitest/node";
import { startServer } from "../support/server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's database: its SQLite file or PostgreSQL URL (read it with tests/support/stored.ts). */
    database: string;
    /** Same as `database` (older tests name it so). */
    databaseFile: string;
    /** The folder of the files the server keeps beside its database (images). */
    dataDir: string;
    /** Which backend the API tests run against (the api and api-pg projects). */
    backend: "sqlite" | "postgresql";
  }
}

/** One real server (built app, temporary SQLite file) for every API test file. */
export default async function setup(project: TestProject) {
  const server = await startServer();
  project.provide("baseUrl", server.url);
  project.provide("database", server.database);
  project.provide("databaseFile", server.database);
  project.provide("dataDir", server.dataDir);
  project.provide("backend", "sqlite");
  project.provide("postgresAdminUrl", "");
  return server.stop;
}
