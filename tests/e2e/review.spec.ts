import { expect, test, type Page } from "@playwright/test";
import { seededRandom } from "../../lib/demo/random";

// 900 production transactions over 3 days, no labels: what an audit is for.
function productionCsv(): string {
  const random = seededRandom(415);
  const lines = ["transaction_id,created_at,fraud_probability,is_fraud,memo,country"];
  for (let i = 0; i < 900; i++) {
    const fraud = random() < 0.05;
    const u = random();
    const score = (fraud ? 1 - 0.9 * u * u : u ** 3).toFixed(4);
    lines.push(`tx-${i},${new Date(Date.UTC(2026, 10, 2) + i * 288_000).toISOString()},${score},,card purchase number ${i} ${fraud ? "(chargeback later)" : ""},${["FR", "DE", "GB"][i % 3]}`);
  }
  return lines.join("\n") + "\n";
}

async function importProduction(page: Page, name: string): Promise<number> {
  const response = await page.request.post(`/api/datasets?name=${encodeURIComponent(name)}`, { headers: { "content-type": "text/csv" }, data: productionCsv() });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

const missed = (page: Page) => page.getByTestId("estimate-falseNegatives").locator("td");

test("a reviewer draws an audit, labels five items with the keyboard, and the estimate's interval moves", async ({ page }) => {
  test.slow();
  const id = await importProduction(page, "production for review");
  await page.goto(`/datasets/${id}/review?t=0.5`);
  await expect(page.getByRole("heading", { name: "Draw an audit" })).toBeVisible();
  await page.getByLabel("Items to label").fill("60");
  await page.getByLabel("Name (optional)").fill("First audit");
  await page.getByRole("button", { name: "Draw the audit" }).click();
  await expect(page.getByTestId("review-progress")).toHaveText("0 of 60 labelled");

  await page.getByLabel(/Who is reviewing/).fill("Ana");
  await page.getByRole("button", { name: "Start reviewing" }).click();
  const item = page.getByTestId("review-item");
  await expect(item).toBeVisible();
  await expect(page.getByTestId("review-score")).toHaveCount(0); // hidden: reviewers are not anchored by it
  await expect(missed(page)).toContainText("unknown");
  const before = await missed(page).textContent();

  for (let k = 0; k < 5; k++) {
    const shown = await item.getAttribute("data-item");
    const fraud = (await item.textContent())!.includes("chargeback");
    await page.keyboard.press(fraud ? "p" : "n");
    await expect(item).not.toHaveAttribute("data-item", shown!);
  }
  await expect(page.getByTestId("review-progress")).toHaveText("5 of 60 labelled");
  await expect(missed(page)).not.toHaveText(before!);
  await expect(missed(page)).toHaveText(/^[\d.,]+ \([\d.,]+–[\d.,]+\)$|^[\d.,]+$/);
  await expect(page.getByTestId("review-estimate-sentence")).toContainText("estimated from 5 of 60 audited items labelled so far");
  await expect(page.getByTestId("review-reviewers")).toContainText("Ana: 5 labelled");

  // Undo takes the last label back; the score shows on request.
  await page.keyboard.press("u");
  await expect(page.getByTestId("review-progress")).toHaveText("4 of 60 labelled");
  await expect(page.getByTestId("review-status")).toContainText("Undone");
  await page.keyboard.press("v");
  await expect(page.getByTestId("review-score")).toBeVisible();
  await page.getByRole("button", { name: /Skip/ }).click();
  await expect(page.getByTestId("review-status")).toContainText("Skipped");

  // The interval follows the threshold.
  const at05 = await missed(page).textContent();
  await page.getByRole("slider").focus();
  await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("Shift+ArrowLeft");
  await expect(page.getByRole("heading", { name: "What the audit says at 0.30" })).toBeVisible();
  await expect(missed(page)).not.toHaveText(at05!);

  // Daily impact speaks from the audit.
  await page.goto(`/datasets/${id}/impact?t=0.5`);
  await expect(page.getByTestId("impact-sentences")).toContainText(/missed a day, estimated from 4 of 60 audited items labelled so far/);
  await expect(page.getByTestId("impact-audit-note")).toContainText("weighted sample");
  await page.goto(`/datasets/${id}`);
  await expect(page.getByTestId("weighted-labels-note")).toContainText("4 of the 4 labelled rows come from the audit “First audit”");
});

test("the Review tab fits a phone: no horizontal scroll at 390 px", async ({ page }) => {
  const id = await importProduction(page, "production on a phone");
  const drawn = await page.request.post(`/api/datasets/${id}/audits`, { data: { size: 40 } });
  expect(drawn.status()).toBe(201);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.addInitScript(() => window.localStorage.setItem("cutoff.reviewer", "Phone reviewer"));
  await page.goto(`/datasets/${id}/review`);
  await expect(page.getByTestId("review-item")).toBeVisible();
  await expect(page.getByRole("button", { name: /Skip/ })).toBeVisible();
  const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(width.scroll).toBeLessThanOrEqual(width.inner);
});
