import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { formatThreshold } from "../../lib/format";
import { csvPair } from "../support/compare-pair";

// Two datasets of the same 3,000 transactions: "float32" and its "int8" copy (model "fraud-e2e").
const pair = csvPair(3000, 61);
let ids: { a: number; b: number } = { a: 0, b: 0 };

async function importCsv(request: APIRequestContext, csv: string, version: string): Promise<number> {
  const response = await request.post(`/api/datasets?name=${encodeURIComponent(`e2e ${version}`)}&model=fraud-e2e&version=${version}&slice=country`, { headers: { "content-type": "text/csv" }, data: csv });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

test.beforeAll(async ({ request }) => {
  ids = { a: await importCsv(request, pair.csvA, "float32"), b: await importCsv(request, pair.csvB, "int8") };
  for (const [version, sizeMb] of [["float32", 40], ["int8", 10]] as const) {
    expect((await request.put(`/api/models/fraud-e2e/versions/${version}`, { data: { format: version === "int8" ? "TF Lite" : "SavedModel", sizeMb } })).status()).toBe(200);
  }
  const settings = { vocabulary: { itemSingular: "transaction", positive: "fraudulent", negative: "valid" } };
  expect((await request.put(`/api/datasets/${ids.a}/settings`, { data: settings })).status()).toBe(200);
});

test.afterAll(async ({ request }) => {
  for (const id of [ids.a, ids.b]) await request.delete(`/api/datasets/${id}`);
  for (const version of ["float32", "int8"]) await request.delete(`/api/models/fraud-e2e/versions/${version}`);
});

const api = async (page: Page, query: string) => (await (await page.request.get(`/api/compare?a=${ids.a}&b=${ids.b}&${query}&pictures=0`)).json()) as { thresholdA: number; thresholdB: number; sentences: string[]; reviewsPerDay: number | null };
const sentences = (page: Page) => page.getByTestId("compare-sentences");

test("switching from the same threshold to the same load shows each model's own threshold, as the API says", async ({ page }) => {
  await page.goto(`/compare?a=${ids.a}&b=${ids.b}&t=0.5`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("float32 against int8");
  await expect(page.getByTestId("threshold-a")).toHaveText("0.50");
  await expect(page.getByTestId("threshold-b")).toHaveCount(0);
  const atHalf = await api(page, "threshold=0.5&missedMargin=1");
  await expect(sentences(page).locator("p:not(.small)").first()).toHaveText(atHalf.sentences[0]);
  await expect(sentences(page)).toContainText("4× smaller");

  await page.getByRole("radio", { name: /the same review load/ }).check();
  await expect(page).toHaveURL(/reviews=\d+/);
  const reviews = Number(new URL(page.url()).searchParams.get("reviews"));
  const atLoad = await api(page, `reviews=${reviews}&missedMargin=1`);
  expect(atLoad.thresholdA).not.toBe(atLoad.thresholdB);
  await expect(page.getByTestId("threshold-a")).toHaveText(formatThreshold(atLoad.thresholdA));
  await expect(page.getByTestId("threshold-b")).toHaveText(formatThreshold(atLoad.thresholdB));
  await expect(sentences(page).locator("p:not(.small)").first()).toHaveText(atLoad.sentences[0]);
  await expect(sentences(page).locator("p:not(.small)").first()).toContainText(`At ${reviews.toLocaleString("en-US")} reviews a day`);

  // More reviews a day: both thresholds move down, with the server.
  await page.getByRole("spinbutton", { name: "Reviews a day" }).fill(String(reviews * 2));
  const doubled = await api(page, `reviews=${reviews * 2}&missedMargin=1`);
  await expect(page.getByTestId("threshold-b")).toHaveText(formatThreshold(doubled.thresholdB));
  expect(doubled.thresholdB).toBeLessThan(atLoad.thresholdB);

  await page.getByRole("radio", { name: /the same threshold/ }).check();
  await expect(page.getByTestId("threshold-b")).toHaveCount(0);
  await expect(page).toHaveURL(/t=0\.\d+/);
});

test("the threshold moves with the keyboard and every figure follows in the browser, equal to the API", async ({ page }) => {
  await page.goto(`/compare?a=${ids.a}&b=${ids.b}&t=0.5&missedMargin=`);
  const slider = page.getByRole("slider", { name: "Threshold" });
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("threshold-a")).toHaveText("0.52");
  const expected = await api(page, "threshold=0.52");
  await expect(sentences(page).locator("p:not(.small)")).toHaveText(expected.sentences);
  await expect(page).toHaveURL(/t=0\.52/);

  // The verdict follows a margin typed in.
  await page.getByLabel(/may miss at most/).fill("3");
  const withMargin = await api(page, "threshold=0.52&missedMargin=3");
  await expect(page.getByTestId("verdict")).toContainText(withMargin.sentences.find((s) => s.includes("(95% confidence)") || s.startsWith("It is not shown"))!);
});

test("the disagreements gallery tags dataset A's example", async ({ page }) => {
  const tag = (await (await page.request.post(`/api/datasets/${ids.a}/tags`, { data: { name: "rounding at the edge" } })).json()) as { id: number };
  await page.goto(`/compare?a=${ids.a}&b=${ids.b}&t=0.5`);
  const gallery = page.getByTestId("disagreements");
  const first = gallery.getByRole("table", { name: "Disagreements" }).locator("tbody tr").first();
  await expect(first).toBeVisible();
  const exampleId = (await first.locator("td").first().textContent())!.trim();
  await first.getByRole("button", { name: "rounding at the edge" }).click();
  await expect(first.getByRole("button", { name: "rounding at the edge" })).toHaveAttribute("aria-pressed", "true");
  const tagged = (await (await page.request.get(`/api/datasets/${ids.a}/tags`)).json()) as { tags: { id: number; examples: number }[] };
  expect(tagged.tags.find((t) => t.id === tag.id)?.examples).toBe(1);
  expect(exampleId).toMatch(/^tx-\d{5}$/);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the Compare and Models pages are never wider than the screen", async ({ page }) => {
    for (const path of [`/compare?a=${ids.a}&b=${ids.b}&t=0.5`, `/compare?a=${ids.a}&b=${ids.b}&reviews=100`, "/models", `/compare/brief?a=${ids.a}&b=${ids.b}&t=0.5`, "/compare"]) {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, path).toBeLessThanOrEqual(client);
    }
  });
});

test("the Models page lists the versions with their facts and opens the comparison", async ({ page }) => {
  await page.goto("/models");
  const card = page.getByTestId("model-fraud-e2e");
  await expect(card).toContainText("SavedModel · 40 MB");
  await expect(card).toContainText("TF Lite · 10 MB");
  await card.getByRole("link", { name: "Compare float32 against int8" }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?a=${ids.a}&b=${ids.b}`));
  await expect(page.getByTestId("side-by-side")).toContainText("4× smaller");
});

test("the printable brief says the same sentences and prints on one page of A4 and of Letter", async ({ page }) => {
  await page.goto(`/compare?a=${ids.a}&b=${ids.b}&t=0.5`);
  await page.getByRole("link", { name: "Printable brief" }).click();
  await expect(page).toHaveURL(/\/compare\/brief\?a=\d+&b=\d+&t=0\.5&missedMargin=1/);
  const expected = await api(page, "threshold=0.5&missedMargin=1");
  await expect(page.locator(".brief-sentences p")).toHaveText(expected.sentences);
  await page.emulateMedia({ media: "print" });
  for (const format of ["A4", "Letter"] as const) {
    const pdf = await page.pdf({ format });
    expect((pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length, `pages on ${format}`).toBe(1);
  }
});

test("the Upload page puts the new dataset under the model and version typed in", async ({ page }) => {
  await page.goto("/upload");
  await page.getByLabel("CSV file").setInputFiles({ name: "int8-again.csv", mimeType: "text/csv", buffer: Buffer.from(csvPair(200, 3).csvB) });
  await expect(page.getByLabel("Version")).toBeDisabled();
  await page.getByLabel("Model (optional)").fill("fraud-upload");
  await page.getByLabel("Version").fill("int8");
  await page.getByRole("button", { name: "Import dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\/\d+/);
  const id = Number(/\/datasets\/(\d+)/.exec(page.url())?.[1]);
  expect(await (await page.request.get(`/api/datasets/${id}`)).json()).toMatchObject({ modelName: "fraud-upload", modelVersion: "int8" });
  await page.request.delete(`/api/datasets/${id}`);
});
