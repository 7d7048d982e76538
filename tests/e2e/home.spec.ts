import { expect, test } from "@playwright/test";

test("the demo dataset is listed and its page shows the real summary", async ({ page }) => {
  await page.goto("/");
  const row = page.getByRole("row", { name: /Demo: card fraud model/ });
  await expect(row).toContainText("16,560");
  await expect(row).toContainText("3.38%");
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/datasets\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demo: card fraud model (2 days)");
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary).toContainText("16,560");
  await expect(summary).toContainText("560");
  await expect(summary).toContainText("16,000");
  await expect(summary).toContainText("0.9879");
});

test("an unknown dataset shows the not-found page", async ({ page }) => {
  const response = await page.goto("/datasets/424242");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such dataset" })).toBeVisible();
});
