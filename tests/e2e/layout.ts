import { expect, type Locator } from "@playwright/test";

/**
 * The box of a part of a chart once the chart has its real width. Charts render on the server at
 * a default width and take their container's width once the browser has measured it (useWidth),
 * so a box read as soon as the page shows can be the first one: waits until the chart's svg is
 * as wide as its container's content, and the box reads the same twice.
 */
export async function settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await expect
    .poll(() =>
      locator.evaluate((element) => {
        const svg = element.closest("svg");
        const container = svg?.parentElement;
        if (!svg || !container) return false;
        const style = getComputedStyle(container);
        const content = container.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
        return Number(svg.getAttribute("width")) === Math.floor(content);
      }),
    )
    .toBe(true);
  const box = (await locator.boundingBox())!;
  expect(await locator.boundingBox()).toEqual(box);
  return box;
}
