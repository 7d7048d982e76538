import { expect, test, type Page } from "@playwright/test";
import { DEMO_SETTINGS } from "../../lib/demo/fraud-demo";

async function demoId(page: Page): Promise<number> {
  const { datasets } = (await (await page.request.get("/api/datasets")).json()) as { datasets: { id: number; isDemo: boolean }[] };
  return datasets.find((d) => d.isDemo)!.id;
}

const parameters = (page: Page) => page.getByRole("form", { name: "Parameters" });
const saved = async (page: Page, id: number) => ((await (await page.request.get(`/api/datasets/${id}/settings`)).json()) as { saved: Record<string, unknown> }).saved;

test.afterEach(async ({ page }) => {
  const id = await demoId(page);
  await page.request.put(`/api/datasets/${id}/settings`, { data: DEMO_SETTINGS });
  const { scenarios } = (await (await page.request.get(`/api/datasets/${id}/scenarios`)).json()) as { scenarios: { id: number }[] };
  for (const s of scenarios) await page.request.delete(`/api/datasets/${id}/scenarios/${s.id}`);
});

test("invalid parameters cannot be saved, their errors name the fields, and nothing saved is lost", async ({ page }) => {
  const id = await demoId(page);
  await page.request.put(`/api/datasets/${id}/settings`, { data: { ...DEMO_SETTINGS, volume: 10000, reviewCapacity: 300 } });
  await page.goto(`/datasets/${id}/impact?t=0.5`);
  const form = parameters(page);
  await form.getByLabel(/^Volume/).fill("abc");
  await form.getByLabel(/^Share of fraudulent transactions/).fill("150");
  await form.getByLabel("Review capacity (flagged a day)").fill("-5");
  await expect(form.getByText("Volume (transactions): “abc” is not a number")).toBeVisible();
  await expect(form.getByText("Share of fraudulent transactions in production must be between 0 and 100%")).toBeVisible();
  await expect(form.getByText("Review capacity (flagged a day) must be 0 or more")).toBeVisible();
  await expect(form.getByRole("button", { name: "Save parameters" })).toBeDisabled();
  await expect(form.getByRole("status")).toHaveText("Fix the 3 fields in red to save; until then the saved values are used.");
  // The saved volume still drives the sentences, and Enter in a field saves nothing.
  await expect(page.getByTestId("impact-sentences")).toContainText("an average of 242 valid transactions will be flagged");
  await form.getByLabel(/^Volume/).press("Enter");
  await page.waitForTimeout(300);
  expect(await saved(page, id)).toMatchObject({ volume: 10000, reviewCapacity: 300 });
});

test("unsaved parameters survive a switch to another tab and back", async ({ page }) => {
  const id = await demoId(page);
  await page.goto(`/datasets/${id}/impact?t=0.5`);
  const form = parameters(page);
  await form.getByLabel(/^Volume/).fill("12345");
  await form.getByLabel("Cost of a miss").fill("150");
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("cm-tp-count")).toBeVisible();
  await page.getByRole("link", { name: "Daily impact" }).click();
  await expect(form.getByLabel(/^Volume/)).toHaveValue("12345");
  await expect(form.getByLabel("Cost of a miss")).toHaveValue("150");
  await expect(page.getByRole("note").filter({ hasText: "Your unsaved parameters from earlier are back" })).toBeVisible();
  await expect(form.getByRole("status")).toHaveText("Not saved yet.");
  await page.getByRole("button", { name: "discard them" }).click();
  // Back to the saved parameters: no volume saved (the timestamps' 8,280 a day is the placeholder).
  await expect(form.getByLabel(/^Volume/)).toHaveValue("");
  await expect(form.getByLabel(/^Volume/)).toHaveAttribute("placeholder", "8,280");
  await expect(form.getByRole("status")).toHaveText("Saved for this dataset.");
});

test("saving a scenario under a taken name asks first; a deleted scenario can be brought back", async ({ page }) => {
  const id = await demoId(page);
  await page.goto(`/datasets/${id}/impact?t=0.862`);
  const threshold = page.getByRole("spinbutton", { name: "Threshold value" });
  await page.getByLabel("Scenario name").fill("Strict");
  await page.getByRole("button", { name: "Save current view as scenario" }).click();
  const compare = page.getByRole("table", { name: "Scenarios side by side" });
  await expect(compare.getByRole("columnheader", { name: "Strict" })).toBeVisible();

  await threshold.fill("0.762");
  await page.getByLabel("Scenario name").fill("Strict");
  await page.getByRole("button", { name: "Save current view as scenario" }).click();
  const ask = page.getByRole("alertdialog", { name: "Replace scenario" });
  await expect(ask).toContainText("A scenario named “Strict” already exists (threshold 0.862)");
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(compare.getByRole("row", { name: /Threshold/ })).toHaveText(/0\.762\s*0\.862/);
  await page.getByRole("button", { name: "Save current view as scenario" }).click();
  await page.getByRole("button", { name: "Replace “Strict”" }).click();
  await expect(compare.getByRole("row", { name: /Threshold/ })).toHaveText(/0\.762\s*0\.762/);

  await page.getByRole("button", { name: "Delete scenario Strict" }).click();
  await expect(compare.getByRole("columnheader", { name: "Strict" })).toHaveCount(0);
  await page.getByRole("status").filter({ hasText: "Deleted the scenario “Strict”." }).getByRole("button", { name: "Undo" }).click();
  await expect(compare.getByRole("columnheader", { name: "Strict" })).toBeVisible();
  const { scenarios } = (await (await page.request.get(`/api/datasets/${id}/scenarios`)).json()) as { scenarios: { name: string; threshold: number }[] };
  expect(scenarios.map((s) => [s.name, s.threshold])).toEqual([["Strict", 0.762]]);
});

test("with no costs entered the scenarios say so instead of $0; the headline leads with daily counts", async ({ page }) => {
  const id = await demoId(page);
  await page.goto(`/datasets/${id}/impact?t=0.5`);
  await expect(page.getByRole("table", { name: "Scenarios side by side" }).getByRole("row", { name: /Expected cost a day/ })).toContainText("no costs entered");
  await expect(page.getByTestId("impact-sentences")).toHaveText(/^Every day an average of 200 valid transactions/);
  await expect(page.getByTestId("impact-sentences")).toContainText("In rates: it misses 5% of fraudulent transactions and flags 2.5% of valid ones");
});

test("a bad ?t= in a link and a typed 1.7 both say what happened", async ({ page }) => {
  const id = await demoId(page);
  await page.goto(`/datasets/${id}?t=abc`);
  await expect(page.getByRole("status").filter({ hasText: "The link’s threshold “abc” is not a number from 0 to 1, so 0.5 is shown instead." })).toBeVisible();
  const box = page.getByRole("spinbutton", { name: "Threshold value" });
  await box.fill("1.7");
  await expect(page.getByRole("alert").filter({ hasText: "1.7 is outside 0 to 1: the threshold stays at 0.5." })).toBeVisible();
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("slider", { name: "Threshold" })).toHaveAttribute("aria-valuenow", "0.5");
});

test("the glossary explains ROC AUC, Brier score, F1, precision and recall on keyboard focus", async ({ page }) => {
  const id = await demoId(page);
  await page.goto(`/datasets/${id}?t=0.5`);
  for (const [word, text] of [
    ["ROC AUC", "a coin toss"],
    ["Precision", "really are positive"],
    ["Recall", "gets flagged (caught)"],
    ["F1", "balances precision and recall"],
    ["Brier score", "mean squared difference"],
  ] as const) {
    const term = page.getByRole("button", { name: word, exact: true }).first();
    await term.focus();
    const tip = page.getByRole("tooltip", { name: undefined }).filter({ hasText: text });
    await expect(tip).toBeVisible();
    await expect(term).toHaveAccessibleDescription(new RegExp(text.replace(/[()]/g, "\\$&")));
    await page.keyboard.press("Escape");
    await expect(tip).toBeHidden();
  }
});
