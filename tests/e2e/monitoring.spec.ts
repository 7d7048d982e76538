import { expect, test, type Page } from "@playwright/test";
import { evaluationCsv, MAPPING, sendStream, streamRows } from "../support/drifting-stream";
import { formatThreshold } from "../../lib/format";
import { postCsv } from "../support/ingest-client";

let stream = 0;
let evaluation = 0;

/** The drifting stream (import, two appends, late labels) and an evaluation set without timestamps, once. */
async function datasets(baseURL: string) {
  if (stream) return;
  stream = await sendStream(baseURL, streamRows(5), "monitoring e2e stream");
  evaluation = (await postCsv(baseURL, evaluationCsv(), { name: "monitoring e2e evaluation", ...MAPPING, timestamp: "" })).body.id as number;
}

/** The daily misses column of the numbers table, one cell per day. */
async function dailyMisses(page: Page): Promise<string[]> {
  return page.getByTestId("periods-table").getByTestId("misses-cell").allTextContents();
}

test("dragging the threshold on the Monitoring tab changes the past days' misses, and the replay sentence follows", async ({ page, baseURL }) => {
  await datasets(baseURL!);
  await page.request.put(`/api/datasets/${stream}/monitoring/settings`, { data: { deployedThreshold: 0.5 } });
  await page.goto(`/datasets/${stream}?t=0.5`);
  await page.getByRole("link", { name: "Monitoring" }).click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${stream}/monitoring\\?t=0\\.5`));
  await expect(page.getByTestId("replay-sentence")).toHaveText("0.50 is the threshold in production.");
  // The charts are drawn once the page runs in the browser: from then on the slider answers.
  await expect(page.getByText("Drift: KS statistic and PSI against the reference")).toBeVisible();
  await page.getByText("The numbers, day by day").click();
  const before = await dailyMisses(page);
  expect(before).toHaveLength(10);

  // Drag the slider's thumb from 0.5 down to about 0.2: fewer misses on past days.
  const slider = page.getByRole("slider", { name: "Threshold" });
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const t = Number(await slider.getAttribute("aria-valuenow"));
  expect(t).toBeGreaterThan(0.15);
  expect(t).toBeLessThan(0.25);
  const after = await dailyMisses(page);
  expect(after).not.toEqual(before);
  // A lower threshold misses no more on any day, and fewer on some past day.
  const first = (cell: string) => Number(cell.split(" ")[0]);
  after.forEach((cell, d) => expect(first(cell), `day ${d}`).toBeLessThanOrEqual(first(before[d])));
  expect(after.slice(0, 5).some((cell, d) => first(cell) < first(before[d]))).toBe(true);
  await expect(page.getByTestId("replay-sentence")).toContainText(`With ${formatThreshold(t)} instead of 0.50 over the last 10 days: about`);
  await expect(page).toHaveURL(new RegExp(`t=${t}`));

  // The keyboard moves it too (arrows ±0.01).
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuenow", String(Math.round((t + 0.01) * 10_000) / 10_000));
});

test("a picked day drills down to its score distribution and opens its failures in the gallery, for that day only", async ({ page, baseURL }) => {
  await datasets(baseURL!);
  await page.goto(`/datasets/${stream}/monitoring?t=0.5`);
  await expect(page.getByText("Drift: KS statistic and PSI against the reference")).toBeVisible();
  await page.getByText("The numbers, day by day").click();
  await page.getByTestId("periods-table").getByRole("button", { name: "8 Oct 2026" }).click();
  const drill = page.getByRole("region", { name: "8 Oct 2026" });
  await expect(drill.getByRole("img", { name: /Share of rows by score, 8 Oct 2026 against the reference/ })).toBeVisible();
  const counted = (await drill.getByText(/^Counted on 8 Oct 2026/).textContent()) ?? "";
  const missed = Number(/: (\d+) missed/.exec(counted)?.[1]);
  expect(missed).toBeGreaterThan(0);
  await drill.getByRole("link", { name: /Open its missed/ }).click();
  await expect(page).toHaveURL(/\/gallery\?t=0\.5&kind=fn&from=2026-10-08T00%3A00%3A00\.000Z&to=2026-10-09T00%3A00%3A00\.000Z/);
  await expect(page.getByRole("button", { name: "Remove filter time: 8 Oct 2026 (UTC)" })).toBeVisible();
  await expect(page.getByText(`${missed} missed at threshold 0.5`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Examples" }).locator("tbody tr")).toHaveCount(missed);
});

test("the Monitoring tab is offered only for datasets with timestamps, and fits a phone", async ({ page, baseURL }) => {
  await datasets(baseURL!);
  await page.goto(`/datasets/${evaluation}`);
  await expect(page.getByRole("link", { name: "Failures" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Monitoring" })).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/datasets/${stream}/monitoring`);
  await expect(page.getByText(/Drift: KS statistic and PSI/)).toBeVisible();
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.view);
});
