import { expect, test, type Page } from "@playwright/test";

/** The demo dataset's id. */
async function demoId(page: Page): Promise<number> {
  const { datasets } = (await (await page.request.get("/api/datasets")).json()) as { datasets: { id: number; isDemo: boolean }[] };
  return datasets.find((d) => d.isDemo)!.id;
}

/** The pages a person can open, by name; meeting mode is opened from the gallery. */
const pages = (id: number) => [
  ["home", "/"],
  ["upload", "/upload"],
  ["CSV help", "/help/csv"],
  ["overview", `/datasets/${id}?t=0.5`],
  ["daily impact", `/datasets/${id}/impact?t=0.5`],
  ["brief", `/datasets/${id}/brief?t=0.5`],
  ["failures", `/datasets/${id}/gallery?t=0.5`],
  ["meeting mode", `/datasets/${id}/gallery?t=0.5`],
] as const;

const widthOf = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));

test.describe("on a phone (390 × 844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("no page is wider than the screen", async ({ page }) => {
    test.slow();
    const id = await demoId(page);
    for (const [name, path] of pages(id)) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      if (name === "meeting mode") {
        await page.getByRole("button", { name: "Meeting mode" }).click();
        await expect(page.getByRole("dialog", { name: "Meeting mode" })).toContainText("False alarm 1 of");
      }
      const { scroll, inner } = await widthOf(page);
      expect(scroll, `${name} is ${scroll} px wide on a ${inner} px screen`).toBeLessThanOrEqual(inner);
    }
  });

  test("the Failures tab is on screen and tables become cards", async ({ page }) => {
    const id = await demoId(page);
    await page.goto(`/datasets/${id}/gallery?t=0.5`);
    const tab = page.getByRole("link", { name: "Failures" });
    const box = (await tab.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const row = page.getByRole("table", { name: "Examples" }).locator("tbody tr").first();
    await expect(row).toBeVisible();
    // A card: one cell a line, the whole row within the screen.
    const rowBox = (await row.boundingBox())!;
    expect(rowBox.x + rowBox.width).toBeLessThanOrEqual(390);
    expect(await row.locator("td").first().evaluate((td) => getComputedStyle(td).display)).toBe("block");
    expect(await page.getByRole("table", { name: "Examples" }).locator("thead").evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
  });
});

test("every page loads without a failed request (favicon included)", async ({ page }) => {
  const id = await demoId(page);
  const failed: string[] = [];
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  page.on("console", (m) => m.type() === "error" && failed.push(m.text()));
  for (const [, path] of pages(id)) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(failed).toEqual([]);
  const icon = await page.request.get("/icon.svg");
  expect(icon.status()).toBe(200);
});

test("the dataset tabs' focus ring is drawn inside the tab, never clipped", async ({ page }) => {
  const id = await demoId(page);
  await page.goto(`/datasets/${id}?t=0.5`);
  const tab = page.getByRole("link", { name: "Daily impact" });
  await tab.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const style = await tab.evaluate((el) => {
    const s = getComputedStyle(el);
    const nav = getComputedStyle(el.parentElement!);
    return { outline: s.outlineStyle, offset: s.outlineOffset, overflowX: nav.overflowX, overflowY: nav.overflowY };
  });
  expect(style.outline).toBe("solid");
  expect(style.offset).toBe("-3px");
  expect([style.overflowX, style.overflowY]).toEqual(["visible", "visible"]);
});

test("at 1440 × 900 the Failures table fits its card, Notes included, and tag chips stay on one line", async ({ page }) => {
  const id = await demoId(page);
  const tag = (await (await page.request.post(`/api/datasets/${id}/tags`, { data: { name: "card testing burst" } })).json()) as { id: number };
  try {
    await page.goto(`/datasets/${id}/gallery?t=0.5`);
    const table = page.getByRole("table", { name: "Examples" });
    await expect(table.locator("tbody tr")).toHaveCount(50);
    const fit = await table.evaluate((el) => ({ table: el.scrollWidth, box: el.parentElement!.clientWidth }));
    expect(fit.table).toBeLessThanOrEqual(fit.box);
    const notes = (await table.getByRole("columnheader", { name: "Notes" }).boundingBox())!;
    const card = (await page.locator(".gallery-main").boundingBox())!;
    expect(notes.x + notes.width).toBeLessThanOrEqual(card.x + card.width);
    const chip = (await table.locator("tbody tr").first().getByRole("button", { name: "card testing burst" }).boundingBox())!;
    expect(chip.height).toBeLessThan(30);
  } finally {
    await page.request.delete(`/api/datasets/${id}/tags/${tag.id}`);
  }
});
