import { expect, test, type Page } from "@playwright/test";
import { settledBox } from "./layout";
import { generateFraudDemo } from "../../lib/demo/fraud-demo";
import { scanConfusion, type Example } from "../unit/metrics-reference";

// The demo's rows regenerated from its seed: every expected count below is a full scan of them.
const examples: Example[] = [...generateFraudDemo()].map((t) => ({ score: t.fraudProbability, label: t.isFraud }));
const fmt = (n: number) => new Intl.NumberFormat("en-US").format(n);

async function openDemo(page: Page, query = "") {
  await page.goto("/");
  const href = await page.getByRole("row", { name: /Demo: card fraud model/ }).getByRole("link").first().getAttribute("href");
  await page.goto(`${href}${query}`);
  await expect(page.getByTestId("cm-tp-count")).toBeVisible();
}

async function expectMatrix(page: Page, threshold: number) {
  const { tp, fn, fp, tn } = scanConfusion(examples, threshold);
  await expect(page.getByTestId("cm-tp-count")).toHaveText(fmt(tp));
  await expect(page.getByTestId("cm-fn-count")).toHaveText(fmt(fn));
  await expect(page.getByTestId("cm-fp-count")).toHaveText(fmt(fp));
  await expect(page.getByTestId("cm-tn-count")).toHaveText(fmt(tn));
}

const sliderValue = async (page: Page) => Number(await page.getByRole("slider", { name: "Threshold" }).getAttribute("aria-valuenow"));

test("at 0.5 the matrix reads 532 caught, 28 missed, 400 false alarms", async ({ page }) => {
  await openDemo(page);
  await expect(page.getByTestId("cm-tp")).toContainText("532caught");
  await expect(page.getByTestId("cm-fn")).toContainText("28missed");
  await expect(page.getByTestId("cm-fp")).toContainText("400false alarms");
  await expect(page.getByTestId("cm-tn-count")).toHaveText("15,600");
  await expect(page.getByTestId("cm-fn")).toContainText("5% of fraudulent");
  await expect(page.getByTestId("cm-fp")).toContainText("2.5% of valid");
  const slider = page.getByRole("slider", { name: "Threshold" });
  await expect(slider).toHaveAttribute("aria-valuemin", "0");
  await expect(slider).toHaveAttribute("aria-valuemax", "1");
  await expect(slider).toHaveAttribute("aria-valuetext", /932 flagged, 532 caught, 28 missed, 400 false alarms/);
});

test("dragging the threshold line with the mouse updates every count exactly", async ({ page }) => {
  await openDemo(page);
  const surface = page.getByTestId("distribution-drag-surface");
  const box = await settledBox(surface);
  const xAt = (t: number) => box.x + t * box.width;
  await page.mouse.move(xAt(0.5), box.y + box.height / 2);
  await page.mouse.down();
  for (const t of [0.45, 0.4, 0.35, 0.3]) await page.mouse.move(xAt(t), box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const dragged = await sliderValue(page);
  expect(dragged).toBeGreaterThan(0.28);
  expect(dragged).toBeLessThan(0.32);
  await expectMatrix(page, dragged);
  await expect(page.getByLabel("Threshold value")).toHaveValue(String(dragged));
});

test("keyboard and the number box move the same threshold; ?t= reproduces the view", async ({ page }) => {
  await openDemo(page);
  const slider = page.getByRole("slider", { name: "Threshold" });
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  expect(await sliderValue(page)).toBe(0.51);
  await expectMatrix(page, 0.51);
  await page.keyboard.press("Shift+ArrowRight");
  expect(await sliderValue(page)).toBe(0.61);
  await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  expect(await sliderValue(page)).toBe(0.49);
  await expectMatrix(page, 0.49);

  const box = page.getByLabel("Threshold value");
  await box.fill("0.2345");
  await expect(slider).toHaveAttribute("aria-valuenow", "0.2345");
  await expectMatrix(page, 0.2345);
  await expect(page).toHaveURL(/[?&]t=0\.2345\b/);

  const url = page.url();
  await page.goto(url);
  await expect(page.getByLabel("Threshold value")).toHaveValue("0.2345");
  await expectMatrix(page, 0.2345);
});

test("clicking the ROC curve moves the threshold to a point on it", async ({ page }) => {
  await openDemo(page, "?t=0.5");
  const surface = page.getByTestId("roc-click-surface");
  const box = await settledBox(surface);
  // Upper left of the plot: few false alarms, most positives caught, a different point from 0.5.
  await surface.click({ position: { x: box.width * 0.02, y: box.height * 0.2 } });
  const picked = await sliderValue(page);
  expect(picked).not.toBe(0.5);
  await expectMatrix(page, picked);
});

test("a tab clicked the moment the threshold moves opens at that threshold, even on a slow network", async ({ page }) => {
  await openDemo(page);
  // Every navigation takes 800 ms, so the URL write the threshold schedules (150 ms after it
  // moved) falls inside the tab's navigation: a history write then would cancel it.
  await page.route(
    (url) => url.searchParams.has("_rsc"),
    async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue().catch(() => undefined);
    },
  );
  await page.getByRole("slider", { name: "Threshold" }).focus();
  await page.keyboard.press("ArrowRight");
  await page.getByRole("link", { name: "Failures" }).click();
  await expect(page).toHaveURL(/\/gallery\?t=0\.51$/);
  await expect(page.getByText(/false alarms at threshold 0\.51$/)).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/datasets\/\d+\?t=0\.51$/);
  await expectMatrix(page, 0.51);
});
