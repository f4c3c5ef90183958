/**
 * The dev inbox (/dev/inbox, demo mode only), read as a person would: open it in a new
 * tab of the same browser, look for the message, reload until it is there, close the tab.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';

const INBOX_WAIT_MS = 10_000;
const RELOAD_EVERY_MS = 250;

export interface ReadInboxOptions {
  /** Only messages delivered at or after this time (to skip an earlier code to the same recipient). */
  since?: Date;
  /** What to take from the message; by default the first 6-digit code. */
  pattern?: RegExp;
}

function contextOf(pageOrContext: Page | BrowserContext): BrowserContext {
  return 'context' in pageOrContext && typeof pageOrContext.context === 'function' ? pageOrContext.context() : (pageOrContext as BrowserContext);
}

function quoted(value: string): string {
  return JSON.stringify(value);
}

/**
 * Opens the dev inbox in a new tab and reloads it until a row matching `selector` is there
 * and `pick` finds something in it (the newest such row comes first); bounded at ~10 s.
 */
async function readFromInbox<T>(pageOrContext: Page | BrowserContext, selector: string, what: string, pick: (row: Locator) => Promise<T | null>): Promise<T> {
  const opener = 'bringToFront' in pageOrContext ? (pageOrContext as Page) : null;
  const tab = await contextOf(pageOrContext).newPage();
  try {
    const deadline = Date.now() + INBOX_WAIT_MS;
    await tab.goto('/dev/inbox');
    for (;;) {
      await tab.getByRole('heading', { name: /开发收件箱/ }).waitFor();
      const rows = tab.locator(selector);
      const count = await rows.count();
      for (let i = 0; i < count; i++) {
        const found = await pick(rows.nth(i));
        if (found !== null) return found;
      }
      if (Date.now() >= deadline) throw new Error(`the dev inbox shows no ${what} after ${INBOX_WAIT_MS / 1000} s`);
      await tab.waitForTimeout(RELOAD_EVERY_MS);
      await tab.reload();
    }
  } finally {
    await tab.close();
    await opener?.bringToFront();
  }
}

/** The newest code (6 digits) the platform sent to a phone number or e-mail address. */
export async function readInbox(pageOrContext: Page | BrowserContext, recipient: string, options: ReadInboxOptions = {}): Promise<string> {
  const pattern = options.pattern ?? /\b\d{6}\b/;
  return readFromInbox(pageOrContext, `tr.msg[data-recipient=${quoted(recipient)}]:not([data-kind="captcha"])`, `message to ${recipient}`, async (row) => {
    if (options.since) {
      const at = new Date((await row.locator('td').first().textContent()) ?? '');
      if (!(at.getTime() >= options.since.getTime() - 1_000)) return null;
    }
    const body = (await row.locator('.body').textContent()) ?? '';
    return body.match(pattern)?.[0] ?? null;
  });
}

/** Captchas already answered per page: each is single use, so the next one must be new. */
const answered = new WeakMap<Page, Set<string>>();

/**
 * The answer of the graphic captcha the page shows now, read from the dev inbox by the
 * captcha's id (the image's `data-captcha-id`). After a sign-in attempt the page fetches
 * a new captcha; this waits until the image shows one not answered before on this page.
 */
export async function captchaAnswer(page: Page): Promise<string> {
  const used = answered.get(page) ?? new Set<string>();
  answered.set(page, used);
  const image = page.getByRole('img', { name: '图形验证码' });
  const deadline = Date.now() + INBOX_WAIT_MS;
  let captchaId: string;
  for (;;) {
    captchaId = (await image.getAttribute('data-captcha-id')) ?? '';
    if (captchaId && !used.has(captchaId)) break;
    if (Date.now() >= deadline) throw new Error(captchaId ? `the page still shows captcha ${captchaId}, which was answered already` : 'the captcha image has no data-captcha-id');
    await page.waitForTimeout(100);
  }
  const answer = await readFromInbox(page, `tr.msg[data-kind="captcha"][data-recipient=${quoted(captchaId)}]`, `answer for captcha ${captchaId}`, async (row) => {
    const body = ((await row.locator('.body').textContent()) ?? '').trim();
    return body || null;
  });
  used.add(captchaId);
  return answer;
}
