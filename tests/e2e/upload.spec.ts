import { expect, test } from "@playwright/test";

/** A generated evaluation set: 300 messages, every 4th spam, with a channel slice. */
function messagesCsv(): string {
  const rows = Array.from({ length: 300 }, (_, i) => {
    const spam = i % 4 === 0;
    return `m${i},"message number ${i}, with a comma",${spam ? "spam" : "ham"},${spam ? (0.6 + (i % 40) / 100).toFixed(3) : ((i % 50) / 100).toFixed(3)},${["sms", "email", "chat"][i % 3]}`;
  });
  return `message_id,text,label,spam_score,channel\n${rows.join("\n")}\n`;
}

test("upload a CSV: preview, detected mapping, positive class, progress, then the dataset page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Upload" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Upload an evaluation set");

  await page.getByLabel("CSV file").setInputFiles({ name: "spam-filter-eval.csv", mimeType: "text/csv", buffer: Buffer.from(messagesCsv()) });
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview).toContainText("message number 0, with a comma");
  await expect(page.getByLabel("Label (true class)")).toHaveValue("label");
  await expect(page.getByLabel("Score (probability of the positive class)")).toHaveValue("spam_score");
  await expect(page.getByLabel("Example id")).toHaveValue("message_id");
  await expect(page.getByLabel("Text")).toHaveValue("text");
  await expect(page.getByLabel("channel")).toBeChecked();
  await expect(page.getByLabel("Dataset name")).toHaveValue("spam-filter-eval");

  // String labels: the positive class must be chosen before importing.
  const importButton = page.getByRole("button", { name: "Import dataset" });
  await expect(importButton).toBeDisabled();
  await page.getByLabel("Positive class", { exact: true }).selectOption("spam");
  await page.getByLabel("Dataset name").fill("Spam filter (browser upload)");
  await importButton.click();

  await expect(page).toHaveURL(/\/datasets\/\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spam filter (browser upload)");
  await expect(page.getByText("300 rows · from spam-filter-eval.csv")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Imported: 300 rows, 75 “spam” and 225 “ham”." })).toBeVisible();
  const id = Number(/\/datasets\/(\d+)/.exec(page.url())?.[1]);
  const dataset = await (await page.request.get(`/api/datasets/${id}`)).json();
  expect(dataset).toMatchObject({ rows: 300, positives: 75, negatives: 225, positiveLabel: "spam", negativeLabel: "ham", sourceFile: "spam-filter-eval.csv" });
  expect(dataset.mapping.slices).toEqual(["channel"]);
});

test("a bad file shows the rows and columns to fix next to the file, and nothing is imported", async ({ page }) => {
  const before = (await (await page.request.get("/api/datasets")).json()).datasets.length;
  await page.goto("/upload");
  const csv = "label,score\n1,0.9\n0,abc\n1,1.7\n";
  await page.getByLabel("CSV file").setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import dataset" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The file was not imported" });
  await expect(alert).toContainText('row 3, column "score": "abc" is not a number');
  const problems = page.getByRole("table", { name: "Problems in the file" });
  await expect(problems.getByRole("row")).toHaveCount(3);
  await expect(problems.getByRole("row").nth(2)).toContainText(["4", "score", '"1.7" is outside [0, 1]'].join(""));
  expect((await (await page.request.get("/api/datasets")).json()).datasets.length).toBe(before);
  await expect(page).toHaveURL(/\/upload$/);
});

test("upload a .zip of a CSV and its images from the browser: the dataset is created and its image is served", async ({ page }) => {
  const { zipSync, strToU8 } = await import("fflate");
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");
  const csv = "label,score,photo\n0,0.9,cat.png\n1,0.2,cat.png\n0,0.1,cat.png\n";
  const zip = zipSync({ "eval.csv": strToU8(csv), "cat.png": new Uint8Array(png) });
  await page.goto("/upload");
  await page.getByLabel("CSV file").setInputFiles({ name: "pets-eval.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
  await expect(page.getByRole("heading", { name: "pets-eval.zip" })).toBeVisible();
  await page.getByRole("button", { name: "Import archive" }).click();
  await expect(page).toHaveURL(/\/datasets\/\d+\?imported=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("pets-eval");
  const id = /\/datasets\/(\d+)/.exec(page.url())![1];
  const image = await page.request.get(`/api/datasets/${id}/images/cat.png`);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
});

test("a Latin-1 file: the page sees it is not UTF-8, previews it as Windows-1252, and imports it so", async ({ page }) => {
  await page.goto("/upload");
  const csv = Buffer.from("label,score,city\n1,0.9,Besançon\n0,0.2,Zürich\n1,0.7,Paris\n0,0.1,Paris\n", "latin1");
  await page.getByLabel("CSV file").setInputFiles({ name: "cities.csv", mimeType: "text/csv", buffer: csv });
  await expect(page.getByLabel("File encoding")).toHaveValue("windows-1252");
  await expect(page.getByText("This file is not valid UTF-8")).toBeVisible();
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview).toContainText("Besançon");
  await page.getByLabel("File encoding").selectOption("utf-8");
  await expect(preview).toContainText("Besan\ufffdon");
  await page.getByLabel("File encoding").selectOption("latin1");
  await expect(preview).toContainText("Zürich");
  await page.getByRole("button", { name: "Import dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\/\d+/);
  const id = Number(/\/datasets\/(\d+)/.exec(page.url())?.[1]);
  const dataset = await (await page.request.get(`/api/datasets/${id}`)).json();
  expect(dataset).toMatchObject({ rows: 4, mapping: { encoding: "latin1" } });
  const examples = await (await page.request.get(`/api/datasets/${id}/examples?threshold=0.5&kind=tn&limit=5`)).json();
  expect(JSON.stringify(examples.items)).toContain("Zürich");
});
