import { expect, test, type Page } from "@playwright/test";
import { generateFraudDemo } from "../../lib/demo/fraud-demo";

// The demo's rows regenerated from its seed: the expected counts are full scans of them.
const demo = [...generateFraudDemo()];
const giftCards = demo.filter((t) => t.merchantCategory === "gift_cards");
const giftCardAlarms = giftCards.filter((t) => t.isFraud === 0 && t.fraudProbability >= 0.5).length;
const giftCardMisses = giftCards.filter((t) => t.isFraud === 1 && t.fraudProbability < 0.5).length;

async function demoId(page: Page): Promise<number> {
  const { datasets } = (await (await page.request.get("/api/datasets")).json()) as { datasets: { id: number; isDemo: boolean }[] };
  return datasets.find((d) => d.isDemo)!.id;
}

async function withoutTags(page: Page, id: number) {
  const { tags } = (await (await page.request.get(`/api/datasets/${id}/tags`)).json()) as { tags: { id: number }[] };
  for (const tag of tags) await page.request.delete(`/api/datasets/${id}/tags/${tag.id}`);
}

test("the outcome buttons count what the slice filter shows", async ({ page }) => {
  const id = await demoId(page);
  await page.goto(`/datasets/${id}/gallery?t=0.5&slice.merchant_category=gift_cards`);
  await expect(page.getByText(`${giftCardAlarms} false alarms at threshold 0.5`)).toBeVisible();
  await expect(page.getByRole("button", { name: new RegExp(`^False alarms\\s*${giftCardAlarms}$`) })).toBeVisible();
  await expect(page.getByRole("button", { name: new RegExp(`^Missed\\s*${giftCardMisses}$`) })).toBeVisible();
  await page.getByRole("button", { name: "Remove filter Merchant category: gift cards" }).click();
  await expect(page.getByRole("button", { name: /^False alarms\s*400$/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Missed\s*28$/ })).toBeVisible();
});

test("a lost connection reads as a sentence to act on, and never shows the numbers of the previous view", async ({ page }) => {
  const id = await demoId(page);
  await page.goto(`/datasets/${id}/gallery?t=0.5`);
  await expect(page.getByText("400 false alarms at threshold 0.5")).toBeVisible();
  const examples = (url: URL) => url.pathname.endsWith("/examples");
  await page.route(examples, (route) => route.abort("internetdisconnected"));
  await page.getByRole("button", { name: /^Missed/ }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The missed could not be loaded: the server could not be reached. Check your connection, then try again." });
  await expect(alert).toBeVisible();
  await expect(page.getByText("Failed to fetch")).toHaveCount(0);
  await expect(page.getByText("Not loaded")).toBeVisible();
  await expect(page.getByText(/400 (false alarms|missed) at threshold/)).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Examples" })).toHaveCount(0);
  await page.unroute(examples);
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByText("28 missed at threshold 0.5")).toBeVisible();
});

test("meeting mode: on-screen previous and next, presenter keys, a second tag key says so and can be undone", async ({ page }) => {
  test.slow();
  const id = await demoId(page);
  await withoutTags(page, id);
  await page.request.post(`/api/datasets/${id}/tags`, { data: { name: "gift cards" } });
  await page.goto(`/datasets/${id}/gallery?t=0.5`);
  await page.getByRole("button", { name: "Meeting mode" }).click();
  const meeting = page.getByRole("dialog", { name: "Meeting mode" });
  await expect(meeting).toContainText("False alarm 1 of 400");
  await expect(meeting.getByText("Actually")).toBeVisible();
  await expect(meeting).toContainText("valid");

  await meeting.getByRole("button", { name: "Next" }).click();
  await expect(meeting).toContainText("False alarm 2 of 400");
  await page.keyboard.press("PageDown");
  await expect(meeting).toContainText("False alarm 3 of 400");
  await page.keyboard.press("Space");
  await expect(meeting).toContainText("False alarm 4 of 400");
  await page.keyboard.press("PageUp");
  await expect(meeting).toContainText("False alarm 3 of 400");
  await meeting.getByRole("button", { name: "Previous" }).click();
  await expect(meeting).toContainText("False alarm 2 of 400");

  const count = meeting.locator('[data-tag="gift cards"] .meeting-mode-count');
  await page.keyboard.press("1");
  await expect(count).toHaveText("1 false alarm · 0 missed");
  await expect(meeting.getByRole("status").filter({ hasText: "Tagged “gift cards”." })).toBeVisible();
  await page.keyboard.press("1");
  await expect(meeting.getByRole("status").filter({ hasText: "Took “gift cards” off this example." })).toBeVisible();
  await expect(count).toHaveText("0 false alarms · 0 missed");
  await page.keyboard.press("u");
  await expect(count).toHaveText("1 false alarm · 0 missed");
  await expect(meeting.getByRole("button", { name: "gift cards", pressed: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await withoutTags(page, id);
});

test("meeting mode uses a 1920 × 1080 screen: the example fills the height, key hints are big", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const id = await demoId(page);
  await page.goto(`/datasets/${id}/gallery?t=0.5`);
  await page.getByRole("button", { name: "Meeting mode" }).click();
  const meeting = page.getByRole("dialog", { name: "Meeting mode" });
  await expect(meeting).toContainText("False alarm 1 of 400");
  const card = (await meeting.getByRole("article", { name: "Example" }).boundingBox())!;
  expect(card.y + card.height).toBeGreaterThan(1080 * 0.8);
  const hint = await meeting.locator(".meeting-keys").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(hint).toBeGreaterThanOrEqual(22);
});
