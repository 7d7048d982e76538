import { expect, test } from "@playwright/test";

const HEADER = "event_id,timestamp,label,score";
const day = (d: number, h: number) => new Date(Date.UTC(2026, 10, 2 + d, h)).toISOString();
const lines = (from: number, to: number, labelled: (i: number) => boolean) =>
  Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return `e${i},${day(Math.floor(i / 10), i % 10)},${labelled(i) ? String(i % 3 === 0 ? 1 : 0) : ""},${((i * 37) % 100) / 100}`;
  }).join("\n");

test("the dataset page shows its history after two appends, and how many recent rows have no label yet", async ({ page, request }) => {
  const created = await request.post("/api/datasets?name=stream%20history&id=event_id&timestamp=timestamp&label=label&score=score", {
    headers: { "content-type": "text/csv" },
    data: `${HEADER}\n${lines(0, 40, () => true)}\n`,
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  for (const [from, to] of [[40, 70], [70, 100]]) {
    const appended = await request.post(`/api/datasets/${id}/rows`, { headers: { "content-type": "text/csv" }, data: `${HEADER}\n${lines(from, to, (i) => i % 2 === 0)}\n` });
    expect(appended.status(), await appended.text()).toBe(201);
  }
  await page.goto(`/datasets/${id}`);
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText("2 appends since the first import");
  await expect(history.getByRole("row")).toHaveCount(4); // header + import + 2 appends
  await expect(history.getByRole("row").nth(1)).toContainText("Appended");
  await expect(history.getByRole("row").nth(1)).toContainText("30");
  await expect(history.getByRole("row").nth(3)).toContainText("Imported");
  await expect(history.getByRole("row").nth(3)).toContainText("40");
  // The last 7 days up to the latest row (row 99, day 9 at 09:00) begin at day 2, 09:00: rows 29–99, of
  // which the appended odd ones (41, 43, …, 99) have no label.
  const since = Date.parse(day(9, 9)) - 7 * 86_400_000;
  const recent = Array.from({ length: 100 }, (_, i) => i).filter((i) => Date.parse(day(Math.floor(i / 10), i % 10)) >= since);
  const unlabelled = recent.filter((i) => i >= 40 && i % 2 === 1);
  expect([recent.length, unlabelled.length]).toEqual([71, 30]);
  await expect(page.getByRole("region", { name: "Summary" })).toContainText("30 of the last 7 days’ 71 rows have no label yet (30 in all)");
});
