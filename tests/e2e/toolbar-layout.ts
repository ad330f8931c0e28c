import type { Page } from '@playwright/test';

/**
 * Where the bottom toolbar's way back and way forward sit on the screen shown now, as one line each: "back at
 * start" / "back at end", "primary at end" / "primary elsewhere". One layout on every screen (walk finding): the
 * way back (a button named 返回…) at the start, the primary button at the end, even when it is alone.
 */
export const toolbarLayout = (page: Page): Promise<string[]> =>
  page.locator('.screen:not([inert]) nav.toolbar:visible').last().evaluate((toolbar) => {
    const box = toolbar.getBoundingClientRect();
    const style = toolbar.ownerDocument.defaultView?.getComputedStyle(toolbar);
    const padding = Number.parseFloat(style?.paddingInlineStart ?? '0');
    const near = (a: number, b: number) => Math.abs(a - b) <= padding + 1;
    const found: string[] = [];
    for (const button of toolbar.querySelectorAll(':scope > button, :scope > .toolbar__group > button')) {
      const edge = button.getBoundingClientRect();
      if (button.classList.contains('button--primary')) found.push(near(edge.right, box.right) ? 'primary at end' : 'primary elsewhere');
      else if ((button.textContent ?? '').startsWith('返回')) found.push(near(edge.left, box.left) ? 'back at start' : 'back elsewhere');
    }
    return found;
  });
