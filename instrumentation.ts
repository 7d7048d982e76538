/** Runs once when the server starts: validate configuration, migrate, seed the demo, start the import threads. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config } = await import("./lib/config");
  config();
  const { prepareDatabase } = await import("./lib/services/prepare");
  await prepareDatabase();
  const { prepareForImports } = await import("./lib/imports");
  prepareForImports();
}
