import { expect, test, type Page } from "@playwright/test";
import { generateFraudDemo } from "../../lib/demo/fraud-demo";

// The demo's rows regenerated from its seed: the expected counts below are full scans of them.
const demo = [...generateFraudDemo()];
const falsePositives = demo.filter((t) => t.isFraud === 0 && t.fraudProbability >= 0.5);
const giftCardAlarms = falsePositives.filter((t) => t.merchantCategory === "gift_cards");
const earlyGiftCardAlarms = giftCardAlarms.filter((t) => t.transactionId.includes("tx-00000"));

async function openGallery(page: Page): Promise<number> {
  const { datasets } = (await (await page.request.get("/api/datasets")).json()) as { datasets: { id: number; isDemo: boolean }[] };
  const id = datasets.find((d) => d.isDemo)!.id;
  await page.goto(`/datasets/${id}/gallery?t=0.5`);
  await expect(page.getByText("400 false alarms at threshold 0.5")).toBeVisible();
  return id;
}

const status = (page: Page) => page.getByText(/ at threshold 0\.5$/);
const exampleRows = (page: Page) => page.getByRole("table", { name: "Examples" }).locator("tbody tr");

test("the gallery filters by slice and text, sorts on the server and switches to false negatives", async ({ page }) => {
  test.slow(); // many round trips; the shared test machine can be busy
  expect(falsePositives).toHaveLength(400);
  await openGallery(page);
  await expect(page.getByRole("button", { name: /False alarms\s*400/ })).toHaveAttribute("aria-pressed", "true");
  await expect(exampleRows(page)).toHaveCount(50);
  await expect(exampleRows(page).first()).toContainText("0.9500");

  await page.getByRole("table", { name: "Errors by slice" }).getByRole("button", { name: "Merchant category gift cards" }).click();
  await expect(status(page)).toHaveText(`${giftCardAlarms.length} false alarms at threshold 0.5`);
  await expect(page).toHaveURL(/slice\.merchant_category=gift_cards/);
  await expect(page).toHaveURL(/t=0\.5/);
  for (const row of await exampleRows(page).all()) await expect(row).toContainText("gift cards");

  await page.getByRole("searchbox").fill("tx-00000");
  await expect(status(page)).toHaveText(`${earlyGiftCardAlarms.length} false alarms at threshold 0.5`);
  await expect(exampleRows(page)).toHaveCount(earlyGiftCardAlarms.length);
  await page.getByRole("searchbox").fill("");
  await page.getByRole("button", { name: "Remove filter Merchant category: gift cards" }).click();
  await expect(status(page)).toHaveText("400 false alarms at threshold 0.5");

  const smallest = Math.min(...falsePositives.map((t) => t.amount)).toFixed(2);
  await page.getByRole("button", { name: "amount" }).click();
  await expect(exampleRows(page).first()).toContainText(smallest);

  await page.getByRole("button", { name: /Missed\s*28/ }).click();
  await expect(status(page)).toHaveText("28 missed at threshold 0.5");
  await expect(exampleRows(page)).toHaveCount(28);
  await expect(page).toHaveURL(/kind=fn/);
});

test("meeting mode: three tags created and applied with the keyboard, counts update live", async ({ page }) => {
  test.slow(); // many round trips; the shared test machine can be busy
  // Start from no tags on the demo (keys 1–3 must be the three tags made here).
  const { datasets } = (await (await page.request.get("/api/datasets")).json()) as { datasets: { id: number; isDemo: boolean }[] };
  const demoId = datasets.find((d) => d.isDemo)!.id;
  const existing = (await (await page.request.get(`/api/datasets/${demoId}/tags`)).json()) as { tags: { id: number }[] };
  for (const tag of existing.tags) expect((await page.request.delete(`/api/datasets/${demoId}/tags/${tag.id}`)).status()).toBe(204);
  const id = await openGallery(page);
  await page.getByRole("button", { name: "Meeting mode" }).click();
  const meeting = page.getByRole("dialog", { name: "Meeting mode" });
  await expect(meeting).toBeVisible();
  await expect(meeting).toContainText("False alarm 1 of 400");
  await expect(meeting).toContainText("One of about 200 valid transactions flagged every day.");
  await expect(meeting.getByText("0.9500")).toBeVisible();

  for (const name of ["gift cards", "travel", "electronics"]) {
    await page.keyboard.press("t");
    await page.keyboard.type(name);
    await page.keyboard.press("Enter");
    await expect(meeting.locator(`[data-tag="${name}"]`)).toContainText("0 false alarms · 0 missed");
  }
  const count = (name: string) => meeting.locator(`[data-tag="${name}"] .meeting-mode-count`);

  await page.keyboard.press("1");
  await expect(count("gift cards")).toHaveText("1 false alarm · 0 missed");
  await page.keyboard.press("ArrowRight");
  await expect(meeting).toContainText("False alarm 2 of 400");
  await page.keyboard.press("2");
  await expect(count("travel")).toHaveText("1 false alarm · 0 missed");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("3");
  await page.keyboard.press("1");
  await expect(count("electronics")).toHaveText("1 false alarm · 0 missed");
  await expect(count("gift cards")).toHaveText("2 false alarms · 0 missed");
  await expect(meeting).toContainText("Reviewed 3 of 400 false alarms");

  await page.keyboard.press("ArrowLeft");
  await expect(meeting).toContainText("False alarm 2 of 400");
  await page.keyboard.press("2"); // a second press takes the tag off again
  await expect(count("travel")).toHaveText("0 false alarms · 0 missed");

  await page.keyboard.press("f");
  await expect(meeting).toContainText("Miss 1 of 28");
  await expect(meeting).toContainText("One of about 14 fraudulent transactions missed every day.");
  await page.keyboard.press("1");
  await expect(count("gift cards")).toHaveText("2 false alarms · 1 missed");

  await page.keyboard.press("Escape");
  await expect(meeting).toBeHidden();
  await expect(page.getByRole("region", { name: "Failure modes" }).locator('[data-tag="gift cards"]')).toContainText("2 false alarms · 1 missed");

  const stored = (await (await page.request.get(`/api/datasets/${id}/failure-modes?threshold=0.5`)).json()) as { modes: { tag: { name: string }; fp: number; fn: number }[] };
  expect(stored.modes.map((m) => [m.tag.name, m.fp, m.fn])).toEqual([["gift cards", 2, 1], ["travel", 0, 0], ["electronics", 1, 0]]);
});

test("images from a .zip upload show as thumbnails and larger on click; user text stays text", async ({ page }) => {
  const { zipSync, strToU8 } = await import("fflate");
  const png = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));
  const csv = "label,score,image,text\n0,0.9,pics/cat.png,<b>bold?</b> <img src=x onerror=alert(1)>\n0,0.8,gone.png,no such image\n1,0.1,pics/cat.png,missed\n";
  const zip = zipSync({ "eval.csv": strToU8(csv), "pics/cat.png": png });
  const upload = await page.request.post("/api/datasets/zip?filename=pets.zip&image=image&text=text&name=pets", { headers: { "content-type": "application/zip" }, data: Buffer.from(zip) });
  expect(upload.status()).toBe(201);
  const { id, images } = (await upload.json()) as { id: number; images: { stored: number; missing: string[] } };
  expect(images).toMatchObject({ stored: 1, missing: ["gone.png"] });

  await page.goto(`/datasets/${id}/gallery?t=0.5`);
  await expect(page.getByText("2 false alarms at threshold 0.5")).toBeVisible();
  const first = exampleRows(page).first();
  await expect(first).toContainText("<b>bold?</b> <img src=x onerror=alert(1)>");
  await expect(first.locator("b")).toHaveCount(0);
  const thumb = first.getByRole("img", { name: "image of row 2" });
  await expect(thumb).toBeVisible();
  expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await first.getByRole("button", { name: "Show image of row 2 larger" }).click();
  await expect(page.locator("dialog[open] img")).toBeVisible();
  await page.locator("dialog[open]").getByRole("button", { name: "Close" }).click();
  await expect(page.locator("dialog[open]")).toHaveCount(0);
  await expect(exampleRows(page).nth(1)).toContainText("gone.png");
});
