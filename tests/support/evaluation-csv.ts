import { seededRandom } from "@/lib/demo/random";

/**
 * A CSV of `rows` evaluation rows (`id,label,score,country`; ids `<prefix>-<i>`), seeded: about a
 * tenth positive, scores with up to 6 decimals, 4 countries. 1M rows are about 30 MB.
 */
export function evaluationCsv(rows: number, { seed = 1, prefix = "ex" } = {}): string {
  const random = seededRandom(seed);
  const countries = ["FR", "DE", "ES", "IT"];
  const parts: string[] = ["id,label,score,country\n"];
  for (let i = 0; i < rows; i++) {
    const positive = random() < 0.1;
    const score = Math.round((positive ? 0.3 + 0.7 * random() : 0.7 * random()) * 1e6) / 1e6;
    parts.push(`${prefix}-${i},${positive ? 1 : 0},${score},${countries[i % 4]}\n`);
  }
  return parts.join("");
}
