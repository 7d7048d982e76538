import { expect, test } from "@playwright/test";

const csv = (rows: string[]) => Buffer.from(`label,score,note\n${rows.join("\n")}\n`);

test("label values the preview already shows as three stop the import before anything is sent", async ({ page }) => {
  await page.goto("/upload");
  await page.getByLabel("CSV file").setInputFiles({ name: "three.csv", mimeType: "text/csv", buffer: csv(["0,0.1,a", "1,0.9,b", "2,0.5,c"]) });
  await expect(page.getByRole("button", { name: "Import dataset" })).toBeDisabled();
  await expect(page.getByRole("alert").filter({ hasText: "The label column" })).toHaveText(/The label column “label” has 3 different values in the first rows \(0, 1, 2\); a label needs exactly two/);
});

test("at 1440 the preview shows the label and score columns first, in view, however wide the file", async ({ page }) => {
  await page.goto("/upload");
  const wide = Array.from({ length: 12 }, (_, i) => `column_${i}`);
  const rows = Array.from({ length: 5 }, (_, r) => [...wide.map(() => "a fairly long value that takes room"), r % 2, (r / 10).toFixed(2)].join(","));
  await page.getByLabel("CSV file").setInputFiles({ name: "wide.csv", mimeType: "text/csv", buffer: Buffer.from(`${[...wide, "label", "score"].join(",")}\n${rows.join("\n")}\n`) });
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview.getByRole("columnheader").nth(1)).toContainText("label");
  await expect(preview.getByRole("columnheader").nth(2)).toContainText("score");
  const box = (await page.locator(".upload-preview").boundingBox())!;
  const score = (await preview.getByRole("columnheader").nth(2).boundingBox())!;
  expect(score.x + score.width).toBeLessThanOrEqual(box.x + box.width);
});

test("a dropped file shows its name in the file input, sizes read in words, and the problems come in row order", async ({ page }) => {
  await page.goto("/upload");
  const body = "label,score\n1,0.9\n0,abc\n1,1.7\n0,xyz\n";
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "dropped.csv", { type: "text/csv" }));
    return dt;
  }, body);
  await page.locator(".upload-drop").dispatchEvent("drop", { dataTransfer: transfer });
  await expect(page.getByText(/dropped\.csv · 36 bytes · 2 columns/)).toBeVisible();
  expect(await page.getByLabel("CSV file").evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe("dropped.csv");
  await page.getByRole("button", { name: "Import dataset" }).click();
  const problems = page.getByRole("table", { name: "Problems in the file" });
  await expect(problems).toBeVisible();
  await expect(problems.locator("tbody tr td:first-child")).toHaveText(["3", "4", "5"]);
});

test("the template CSV downloads and imports as it is; the format rules are one click away", async ({ page }) => {
  await page.goto("/upload");
  const template = page.getByRole("link", { name: "Download a template CSV" });
  const [download] = await Promise.all([page.waitForEvent("download"), template.click()]);
  expect(download.suggestedFilename()).toBe("cutoff-template.csv");
  const text = await (await page.request.get("/cutoff-template.csv")).text();
  const imported = await page.request.post("/api/datasets?name=template", { headers: { "content-type": "text/csv" }, data: text });
  expect(imported.status()).toBe(201);
  expect(await imported.json()).toMatchObject({ rows: 5, positives: 2, negatives: 2, unlabeled: 1 });
  await page.request.delete(`/api/datasets/${(await imported.json()).id}`);
  await page.getByRole("link", { name: "the format rules" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The CSV format");
});

test("a successful import says so; the dataset can be renamed and deleted, with confirmation", async ({ page }) => {
  await page.goto("/upload");
  await page.getByLabel("CSV file").setInputFiles({ name: "tiny.csv", mimeType: "text/csv", buffer: csv(["0,0.1,a", "1,0.9,b", "0,0.6,c", "1,0.4,d"]) });
  await page.getByRole("button", { name: "Import dataset" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported: 4 rows, 2 “1” and 2 “0”." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("tiny");

  // 0/1 labels: Daily impact asks for the words.
  await page.getByRole("link", { name: "Daily impact" }).click();
  await expect(page.getByTestId("words-prompt")).toContainText("The labels of this dataset are “1” and “0”");
  await expect(page.getByTestId("impact-sentences")).toContainText("These numbers are a guess until the real volume is entered");

  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("New name").fill("Tiny model");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tiny model");

  await page.getByRole("button", { name: "Delete…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete this dataset" });
  await expect(confirm).toContainText("Delete “Tiny model” with its 4 rows, tags, notes and scenarios?");
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(confirm).toBeHidden();
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete for good" }).click();
  await expect(page).toHaveURL(/\/\?deleted=/);
  await expect(page.getByRole("status")).toHaveText("Deleted the dataset “Tiny model”.");
  await expect(page.getByRole("link", { name: "Tiny model" })).toHaveCount(0);
});
