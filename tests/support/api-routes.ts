import fs from "node:fs";
import path from "node:path";

export interface ApiRoute {
  method: string;
  /** The route's URL with every `[segment]` filled with `fill`. */
  path: string;
}

/**
 * Every method every API route file exports, read from app/api: a route added later is covered
 * by the tests that walk this list without anyone listing it.
 */
export function apiRoutes(fill = "999999"): ApiRoute[] {
  const root = path.resolve(import.meta.dirname, "../../app/api");
  const routes: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const url = "/api/" + path.relative(root, dir).split(path.sep).map((s) => (/^\[.+\]$/.test(s) ? fill : s)).join("/");
        for (const [, method] of source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)) routes.push({ method, path: url });
      }
    }
  };
  walk(root);
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** The routes that change data. */
export const writeRoutes = (fill?: string) => apiRoutes(fill).filter((r) => r.method !== "GET");
