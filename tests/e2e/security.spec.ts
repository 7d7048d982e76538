import { expect, test, type Page } from "@playwright/test";
import { settledBox } from "./layout";
import { generateFraudDemo } from "../../lib/demo/fraud-demo";
import { scanConfusion } from "../unit/metrics-reference";
import { startServer, type RunningServer } from "../support/server";

const examples = [...generateFraudDemo()].map((t) => ({ score: t.fraudProbability, label: t.isFraud }));
const fmt = (n: number) => new Intl.NumberFormat("en-US").format(n);

/**
 * Every CSP violation the page reports: Chromium's console message, and the DOM's
 * `securitypolicyviolation` event (logged to the console by a listener added before any page script).
 */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

/** Drags the distribution's threshold line from 0.5 to about 0.3; the counts must follow exactly. */
async function dragThreshold(page: Page) {
  const surface = page.getByTestId("distribution-drag-surface");
  const box = await settledBox(surface);
  const xAt = (t: number) => box.x + t * box.width;
  await page.mouse.move(xAt(0.5), box.y + box.height / 2);
  await page.mouse.down();
  for (const t of [0.45, 0.4, 0.35, 0.3]) await page.mouse.move(xAt(t), box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const dragged = Number(await page.getByRole("slider", { name: "Threshold" }).getAttribute("aria-valuenow"));
  expect(dragged).toBeGreaterThan(0.28);
  expect(dragged).toBeLessThan(0.32);
  const { tp, fp } = scanConfusion(examples, dragged);
  await expect(page.getByTestId("cm-tp-count")).toHaveText(fmt(tp));
  await expect(page.getByTestId("cm-fp-count")).toHaveText(fmt(fp));
}

/** The explorer's charts are drawn: bars in the distribution, a line on the ROC curve. */
async function expectChartsDrawn(page: Page) {
  await expect(page.getByTestId("cm-tp-count")).toHaveText("532");
  // The charts are drawn once the page runs in the browser (the counts above come with the HTML).
  await expect.poll(() => page.getByRole("img", { name: "Histograms of scores by class with the threshold line" }).locator("rect, path").count()).toBeGreaterThan(20);
  await expect.poll(() => page.getByRole("img", { name: /^ROC curve/ }).locator("path").count()).toBeGreaterThan(0);
}

test("every page hydrates and works under the CSP, with no violation reported", async ({ page }) => {
  test.slow(); // six pages on a shared machine
  const violations = await watchCsp(page);
  const home = await page.goto("/");
  expect(home!.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic';/);
  const href = (await page.getByRole("row", { name: /Demo: card fraud model/ }).getByRole("link").first().getAttribute("href"))!;

  await page.goto(`${href}?t=0.5`);
  await expectChartsDrawn(page);
  await dragThreshold(page);

  await page.goto(`${href}/impact?t=0.5`);
  await expect(page.getByTestId("impact-sentences")).toContainText("Every day an average of 200 ");
  await page.getByRole("slider", { name: "Threshold" }).focus();
  await page.keyboard.press("Shift+ArrowLeft"); // 0.40: the sentence is recomputed in the browser
  await expect(page).toHaveURL(/[?&]t=0\.4\b/);
  await expect(page.getByTestId("impact-sentences")).toContainText("Every day an average of 760 ");
  await page.goto(`${href}/gallery?t=0.5`);
  await expect(page.getByText("400 false alarms at threshold 0.5")).toBeVisible();
  await page.goto(`${href}/brief?t=0.5`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/upload");
  await page.getByLabel("CSV file").setInputFiles({ name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("label,score\n1,0.9\n0,0.2\n") });
  await expect(page.getByRole("table", { name: "Preview of the first rows" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("the CSP is enforced: markup injected into a page cannot run script", async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto("/upload");
  await expect(page.getByLabel("CSV file")).toBeVisible();
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="data:," onerror="window.injected = 1"><script>window.injected = 2</script>`));
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
});

test.describe("with CUTOFF_TOKEN and CUTOFF_PROTECT_READS", () => {
  const token = "e2e-token-5c7a9e1b3d2f4068";
  let server: RunningServer;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startServer({ CUTOFF_TOKEN: token, CUTOFF_PROTECT_READS: "true" });
  });
  test.afterAll(() => server?.stop());

  test("the sign-in page asks once; then the app reads and writes; signing out asks again", async ({ page }) => {
    test.slow();
    const violations = await watchCsp(page);
    await page.goto(`${server.url}/`);
    await expect(page).toHaveURL(`${server.url}/sign-in?next=%2F`);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    await page.getByLabel("Token").fill("not-the-token-at-all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".alert-error")).toHaveText("That is not this Cutoff's token.");

    await page.getByLabel("Token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${server.url}/`);
    const cookies = await page.context().cookies(server.url);
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([["cutoff_session", true, "Lax"]]);
    expect(cookies[0].value).not.toContain(token);
    expect(await page.evaluate(() => document.cookie)).toBe("");

    await page.getByRole("row", { name: /Demo: card fraud model/ }).getByRole("link").first().click();
    await expectChartsDrawn(page);
    await dragThreshold(page);

    // A write from the UI's own fetch, credentialed by the cookie alone.
    await page.getByRole("link", { name: "Failures" }).click();
    await expect(page.getByText(/false alarms at threshold/)).toBeVisible();
    await page.getByLabel("New failure mode name").fill("signed-in tag");
    await page.getByRole("button", { name: "Add tag" }).click();
    await expect(page.getByRole("region", { name: "Failure modes" }).locator('[data-tag="signed-in tag"]')).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(`${server.url}/sign-in?next=%2F`);
    expect(await page.context().cookies(server.url)).toEqual([]);
    expect(violations).toEqual([]);
  });
});
