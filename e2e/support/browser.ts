/**
 * Debian's Chromium driven by playwright-core. Every context refuses requests to any
 * host but 127.0.0.1, so a test can never reach the internet, whatever a page asks for.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const desktopViewport: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

export const mobileViewport: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
};

/** Default wait for any one step; a spec must stay well under a minute. */
export const STEP_TIMEOUT_MS = 10_000;

/** A fresh browser profile (no cookies, no storage) pointed at the server, in zh-CN. */
export async function newContext(browser: Browser, baseUrl: string, options: BrowserContextOptions = desktopViewport): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options, baseURL: baseUrl });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:';
    return local ? route.continue() : route.abort('blockedbyclient');
  });
  return context;
}

let screenshotDir: string | undefined;

/** One temporary folder per test run for the screenshots of failed tests (never the repository). */
export function failureScreenshotDir(): string {
  screenshotDir ??= mkdtempSync(path.join(tmpdir(), 'clearhall-e2e-'));
  mkdirSync(screenshotDir, { recursive: true });
  return screenshotDir;
}

/** Screenshots every open tab of the contexts; returns the files written. */
export async function screenshotAll(contexts: Iterable<BrowserContext>, testName: string): Promise<string[]> {
  const dir = failureScreenshotDir();
  const base =
    testName
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'test';
  const files: string[] = [];
  let n = 0;
  for (const context of contexts) {
    for (const page of context.pages()) {
      const file = path.join(dir, `${base}-${++n}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
        files.push(file);
      } catch {
        // a closed or crashed tab: nothing to show
      }
    }
  }
  return files;
}
