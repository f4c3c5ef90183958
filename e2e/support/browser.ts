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
  trackApiCalls(context);
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

const SNAPSHOT_MAX_CHARS = 2_000;
const pendingApiCalls = new WeakMap<BrowserContext, Map<object, { call: string; since: number }>>();

/** Remembers the API calls of a context that have not been answered yet, for describeOpenPages. */
function trackApiCalls(context: BrowserContext) {
  const pending = new Map<object, { call: string; since: number }>();
  pendingApiCalls.set(context, pending);
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) pending.set(request, { call: `${request.method()} ${url.pathname}`, since: Date.now() });
  });
  const settle = (request: object) => pending.delete(request);
  context.on('requestfinished', settle);
  context.on('requestfailed', settle);
}

/** For a failed test's log: each open tab's URL and accessibility tree (cut short), and its unanswered API calls. */
export async function describeOpenPages(contexts: Iterable<BrowserContext>): Promise<string[]> {
  const lines: string[] = [];
  for (const context of contexts) {
    for (const page of context.pages()) {
      const tree = await page
        .locator('body')
        .ariaSnapshot({ timeout: 2_000 })
        .catch((error: Error) => `(no snapshot: ${error.message.split('\n')[0]})`);
      lines.push(
        `  tab ${new URL(page.url()).pathname}:`,
        ...tree
          .slice(0, SNAPSHOT_MAX_CHARS)
          .split('\n')
          .map((line) => `    ${line}`),
      );
    }
    const now = Date.now();
    for (const { call, since } of pendingApiCalls.get(context)?.values() ?? []) lines.push(`  unanswered for ${((now - since) / 1000).toFixed(1)} s: ${call}`);
  }
  return lines;
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
