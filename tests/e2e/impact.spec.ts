import { expect, test, type Page } from "@playwright/test";
import { DEMO_SETTINGS } from "../../lib/demo/fraud-demo";

const THE_SENTENCE =
  "Every day an average of 200 valid transactions will be flagged as fraudulent and sent for manual review, and an average of 14 fraudulent transactions will be missed. An average of 266 fraudulent transactions will be correctly caught. In rates: it misses 5% of fraudulent transactions and flags 2.5% of valid ones (the false negative and false positive rates).";

/** The demo dataset's id, from the home page's link. */
async function demoId(page: Page): Promise<number> {
  await page.goto("/");
  const href = await page.getByRole("row", { name: /Demo: card fraud model/ }).getByRole("link").first().getAttribute("href");
  return Number(/\/datasets\/(\d+)/.exec(href ?? "")?.[1]);
}

const parameters = (page: Page) => page.getByRole("form", { name: "Parameters" });

test.beforeEach(async ({ page, request }) => {
  // Start from no saved settings (the demo ships with the fraud vocabulary) so the form sets them.
  await request.put(`/api/datasets/${await demoId(page)}/settings`, { data: {} });
});

test.afterEach(async ({ page, request }) => {
  // Leave the shared demo dataset as it was seeded: the fraud vocabulary, no scenarios.
  const id = await demoId(page);
  await request.put(`/api/datasets/${id}/settings`, { data: DEMO_SETTINGS });
  const { scenarios } = await (await request.get(`/api/datasets/${id}/scenarios`)).json();
  for (const s of scenarios) await request.delete(`/api/datasets/${id}/scenarios/${s.id}`);
});

test("setting volume and vocabulary on the demo reads the stakeholder sentence, and it is saved", async ({ page }) => {
  const id = await demoId(page);
  await page.goto(`/datasets/${id}?t=0.5`);
  await page.getByRole("link", { name: "Daily impact" }).click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${id}/impact\\?t=0\\.5`));
  const sentences = page.getByTestId("impact-sentences");
  await expect(sentences).toContainText("Every day an average of 200 negative items will be flagged as positive");

  const form = parameters(page);
  await form.getByLabel(/^Volume/).fill("8280");
  await form.getByLabel("An item is a…").fill("transaction");
  await form.getByLabel("Plural").fill("transactions");
  await form.getByLabel("Positive class").fill("fraudulent");
  await form.getByLabel("Negative class").fill("valid");
  await form.getByLabel("A flagged item is…").fill("flagged as fraudulent and sent for manual review");
  await expect(sentences).toHaveText(THE_SENTENCE);
  await expect(page.getByRole("table", { name: "Average counts a day" })).toContainText("200 (182–220)");

  await form.getByRole("button", { name: "Save parameters" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved for this dataset.");
  await page.reload();
  await expect(page.getByTestId("impact-sentences")).toHaveText(THE_SENTENCE);
});

test("moving the threshold updates the words live; recommendations are one click; scenarios compare", async ({ page }) => {
  const id = await demoId(page);
  await page.goto(`/datasets/${id}/impact?t=0.5`);
  const form = parameters(page);
  await form.getByLabel("An item is a…").fill("transaction");
  await form.getByLabel("Positive class").fill("fraudulent");
  await form.getByLabel("Negative class").fill("valid");

  await page.getByRole("spinbutton", { name: "Threshold value" }).fill("0.4");
  await expect(page.getByText("Moving the threshold from 0.50 to 0.40 flags about 560 more valid transactions a day and catches about 7.5 more fraudulent ones.")).toBeVisible();
  await expect(page.getByTestId("impact-sentences")).toContainText("an average of 760 valid transactions will be flagged as fraudulent");
  await expect(page).toHaveURL(/[?&]t=0\.4(&|$)/);

  await form.getByLabel("Cost of a false alarm").fill("5");
  await form.getByLabel("Cost of a miss").fill("200");
  await form.getByLabel("Review capacity (flagged a day)").fill("500");
  await expect(page.getByTestId("impact-cost")).toHaveText("$5,100 a day");
  await expect(page.getByRole("figure", { name: "Expected cost a day by threshold" })).toBeVisible();
  const lowest = page.getByRole("button", { name: /Use this threshold: 0\.5122 \(lowest expected cost\)/ });
  await lowest.click();
  await expect(page.getByRole("spinbutton", { name: "Threshold value" })).toHaveValue("0.5122");
  await expect(page.getByTestId("impact-cost")).toHaveText("$3,620 a day");
  await expect(page.getByRole("list", { name: "Recommended thresholds" })).toContainText("Catches 95.4% of fraudulent transactions while flagging 490 a day (capacity 500).");

  const compare = page.getByRole("table", { name: "Scenarios side by side" });
  await page.getByLabel("Scenario name").fill("Lowest cost");
  await page.getByRole("button", { name: "Save current view as scenario" }).click();
  await expect(compare.getByRole("columnheader", { name: "Lowest cost" })).toBeVisible();
  await page.getByRole("spinbutton", { name: "Threshold value" }).fill("0.3");
  await page.getByLabel("Scenario name").fill("Catch more");
  await page.getByRole("button", { name: "Save current view as scenario" }).click();
  await expect(compare.getByRole("columnheader")).toHaveText(["Per day", "Current view", "Lowest cost", "Catch more"]);
  await expect(compare.getByRole("row", { name: /Threshold/ })).toHaveText(/0\.30\s*0\.5122\s*0\.30/);
  await expect(compare.getByRole("row", { name: /Expected cost a day/ })).toContainText("$3,620");

  await page.getByRole("button", { name: "Use scenario Lowest cost" }).click();
  await expect(page.getByRole("spinbutton", { name: "Threshold value" })).toHaveValue("0.5122");

  await page.getByRole("button", { name: "Copy link" }).click();
  const link = await page.getByRole("textbox", { name: "Link to this view" }).inputValue();
  const url = new URL(link);
  expect(url.searchParams.get("t")).toBe("0.5122");
  expect(JSON.parse(url.searchParams.get("s") ?? "{}")).toMatchObject({ reviewCapacity: 500, costs: { falsePositive: 5, falseNegative: 200 } });
  await page.goto(link);
  await expect(page.getByTestId("impact-cost")).toHaveText("$3,620 a day");
  await expect(page.getByRole("note")).toContainText("shared link");
});

test("the brief renders the sentences, matrix, distribution and failure examples, and exports Markdown", async ({ page, request }) => {
  const id = await demoId(page);
  await request.put(`/api/datasets/${id}/settings`, {
    data: { volume: 8280, vocabulary: { itemSingular: "transaction", itemPlural: "transactions", positive: "fraudulent", negative: "valid", flaggedAction: "flagged as fraudulent and sent for manual review" } },
  });
  await page.goto(`/datasets/${id}/brief?t=0.5`);
  await expect(page.getByRole("heading", { name: "Brief: threshold 0.50" })).toBeVisible();
  await expect(page.getByRole("region", { name: "In plain words" })).toHaveText(THE_SENTENCE);
  await expect(page.getByTestId("cm-fp-count")).toHaveText("400");
  await expect(page.getByTestId("cm-fn-count")).toHaveText("28");
  await expect(page.getByRole("figure", { name: /Score distribution/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Valid transactions flagged with the highest scores" })).toBeVisible();
  await expect(page.locator(".brief-examples").first().getByRole("listitem")).toHaveCount(3);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Markdown" }).click()]);
  expect(download.suggestedFilename()).toBe("demo-card-fraud-model-2-days-brief-0.5.md");
  const markdown = await (await request.get(`/api/datasets/${id}/brief?threshold=0.5`)).text();
  expect(markdown).toContain(THE_SENTENCE);
});

test("saved recommendations are marked on the explorer's charts and one click uses them", async ({ page, request }) => {
  const id = await demoId(page);
  await request.put(`/api/datasets/${id}/settings`, { data: { volume: 8280, costs: { falsePositive: 5, falseNegative: 200 }, reviewCapacity: 500 } });
  await page.goto(`/datasets/${id}?t=0.5`);
  const lowest = page.getByRole("button", { name: "Use threshold 0.5122 (lowest cost)" });
  await expect(lowest.first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Use threshold 0.4954 (fits capacity)" }).first()).toBeVisible();
  // The tick's label is what a person clicks; Enter on the focused tick does the same.
  await page.getByRole("button", { name: "Use threshold 0.4954 (fits capacity)" }).first().locator("text").click();
  await expect(page.getByRole("spinbutton", { name: "Threshold value" })).toHaveValue("0.4954");
  await lowest.first().focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("spinbutton", { name: "Threshold value" })).toHaveValue("0.5122");
  await expect(page).toHaveURL(/\?t=0\.5122$/);
  await page.getByRole("link", { name: "Daily impact" }).click();
  await expect(page).toHaveURL(/\/impact\?t=0\.5122$/);
  await expect(page.getByTestId("impact-cost")).toHaveText("$3,620 a day");
});
