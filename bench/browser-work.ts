import type { Page } from "@playwright/test";

/**
 * The work of each threshold change in the page, in ms: `presses` arrow-key presses on its
 * slider (right for 50, then left for 50, …), each timed from the key event through React's
 * render, style and layout, one per animation frame. A string, not a function: tsx would inject
 * helpers the page does not have.
 */
export async function sliderWork(page: Page, presses: number): Promise<number[]> {
  return (await page.evaluate(`(async () => {
    const slider = document.querySelector('[role="slider"]');
    const out = [];
    for (let i = 0; i < ${presses}; i++) {
      const t0 = performance.now();
      slider.dispatchEvent(new KeyboardEvent("keydown", { key: i % 100 < 50 ? "ArrowRight" : "ArrowLeft", bubbles: true }));
      await Promise.resolve();
      document.body.getBoundingClientRect();
      out.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    return out;
  })()`)) as number[];
}
