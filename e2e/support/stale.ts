import type { Page } from 'playwright-core';

/** Records whether any of `texts` is ever shown from now on, across the tab's client-side navigation. */
export async function watchFor(page: Page, texts: string[]): Promise<void> {
  await page.evaluate((watched) => {
    const w = window as unknown as { seen: string[] };
    w.seen = [];
    const look = () => {
      const shown = document.body.textContent ?? '';
      for (const text of watched) if (shown.includes(text) && !w.seen.includes(text)) w.seen.push(text);
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
    look();
  }, texts);
}

/** The watched texts that have been shown since `watchFor`. */
export const seen = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
