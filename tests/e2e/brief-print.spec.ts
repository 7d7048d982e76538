import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_SETTINGS } from "../../lib/demo/fraud-demo";

/** Pages in a PDF: one `/Type /Page` object each (`/Type /Pages` is the tree, not a page). */
const pageCount = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

async function demoId(request: APIRequestContext): Promise<number> {
  const { datasets } = (await (await request.get("/api/datasets")).json()) as { datasets: { id: number; isDemo: boolean }[] };
  return datasets.find((d) => d.isDemo)!.id;
}

let tagIds: number[] = [];

test.afterEach(async ({ request }) => {
  const id = await demoId(request);
  await request.put(`/api/datasets/${id}/settings`, { data: DEMO_SETTINGS });
  for (const tagId of tagIds) await request.delete(`/api/datasets/${id}/tags/${tagId}`);
  tagIds = [];
});

test("with costs, capacity, targets and findings the brief prints on one page of A4 and of Letter", async ({ page, request }) => {
  test.slow();
  const id = await demoId(request);
  await request.put(`/api/datasets/${id}/settings`, {
    data: { ...DEMO_SETTINGS, volume: 8280, costs: { falsePositive: 5, falseNegative: 200, truePositive: 10, currency: "$" }, reviewCapacity: 500, targets: { fnr: 0.03, fpr: 0.02 } },
  });
  // Tag the gift-card false alarms, and a few of the others as "travel".
  const tag = async (name: string) => {
    const created = (await (await request.post(`/api/datasets/${id}/tags`, { data: { name } })).json()) as { id: number };
    tagIds.push(created.id);
    return created.id;
  };
  const [gift, travel] = [await tag("gift-card purchases"), await tag("travel bookings")];
  const list = async (query: string) =>
    ((await (await request.get(`/api/datasets/${id}/examples?threshold=0.5&kind=fp&limit=500&${query}`)).json()) as { items: { id: number }[] }).items;
  for (const x of await list("slice.merchant_category=gift_cards")) await request.post(`/api/datasets/${id}/examples/${x.id}/tags`, { data: { tagId: gift } });
  for (const x of (await list("slice.merchant_category=travel")).slice(0, 30)) await request.post(`/api/datasets/${id}/examples/${x.id}/tags`, { data: { tagId: travel } });

  await page.goto(`/datasets/${id}/brief?t=0.5`);
  // 116 gift-card of 146 reviewed false alarms × 200 a day = 158.9…
  await expect(page.getByTestId("brief-findings")).toContainText("About 159 of the 200 false alarms a day are “gift-card purchases” (116 of the 146 reviewed).");
  await expect(page.getByText("Lowest expected cost.")).toBeVisible();
  await expect(page.locator(".brief-examples li").first()).toContainText("Merchant category: online retail");

  await page.emulateMedia({ media: "print" });
  for (const format of ["A4", "Letter"] as const) {
    const pdf = await page.pdf({ format });
    expect(pageCount(pdf), `pages on ${format}`).toBe(1);
  }
  const markdown = await (await request.get(`/api/datasets/${id}/brief?threshold=0.5`)).text();
  expect(markdown).toContain("## What the review found");
});
