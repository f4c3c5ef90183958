/**
 * One server and one Chromium per spec file. Call `useE2e()` at the top of a spec:
 * it starts both before the tests, gives each test fresh browser profiles
 * (`desktop()`, `mobile()`), checks every page a test visits with axe-core (a serious
 * or critical WCAG 2.1 AA violation fails the test; see accessibility.ts), screenshots
 * every open tab of a failed test into a temporary folder, and shuts everything down
 * after the file.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Config } from '../../server/src/config.ts';
import type { AppContext } from '../../server/src/context.ts';
import type { DatabaseKind } from '../../test/databases.ts';
import { AccessibilityChecks } from './accessibility.ts';
import { describeOpenPages, desktopViewport, launchChromium, mobileViewport, newContext, screenshotAll } from './browser.ts';
import { startE2eServer, type E2eServer } from './server.ts';
import { ResponseScan } from './personal-data.ts';
import { logScan } from '../../test/context.ts';

export interface E2eOptions {
  database: DatabaseKind;
  /** Settings besides the e2e defaults (e.g. a low `loginMaxFailures`). */
  config?: Partial<Config>;
}

export interface E2e {
  readonly server: E2eServer;
  /** The server's context, for arranging data through the services. */
  readonly ctx: AppContext;
  readonly baseUrl: string;
  /** A new browser profile at 1280×800 and its first tab. */
  desktop(): Promise<Page>;
  /** A new phone-sized, touch browser profile (390×844) and its first tab. */
  mobile(): Promise<Page>;
}

export function useE2e(options: E2eOptions): E2e {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  const contexts = new Set<BrowserContext>();
  const pageErrors: string[] = [];
  let accessibility = new AccessibilityChecks();
  let responses = new ResponseScan();

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startE2eServer(options.database, options.config), launchChromium()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });

  afterEach(async ({ task }) => {
    let inaccessible: string | undefined;
    let revealing: string | undefined;
    try {
      if (task.result?.state !== 'fail') {
        // A passing test still fails on what axe-core finds on the pages it visited, and on personal data in clear in any
        // URL or investor-facing answer outside the step-up views (e2e/support/personal-data.ts).
        revealing = await responses.finish();
        inaccessible = await accessibility.finish(contexts);
      } else {
        const files = await screenshotAll(contexts, `${task.suite?.name ?? ''} ${task.name}`);
        const lines = [`e2e: "${task.name}" failed`];
        if (files.length) lines.push(`  screenshots: ${files.join(', ')}`);
        if (pageErrors.length) lines.push(`  errors in the page: ${pageErrors.join(' | ')}`);
        // CI keeps only the log: say what each tab showed and which API calls were still unanswered.
        lines.push(...(await describeOpenPages(contexts)));
        console.error(lines.join('\n'));
      }
    } finally {
      await Promise.allSettled([...contexts].map((context) => context.close()));
      contexts.clear();
      pageErrors.length = 0;
      accessibility = new AccessibilityChecks();
      responses = new ResponseScan();
    }
    if (revealing) throw new Error(revealing);
    if (inaccessible) throw new Error(inaccessible);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
    browser = undefined;
    server = undefined;
    // The server's log lines of the whole spec (test/context.ts `capturingLogger`) hold no personal data in clear.
    if (logScan.hits.length) throw new Error(`personal data in the server's logs:\n${logScan.report()}`);
  });

  const ready = () => {
    if (!server || !browser) throw new Error('the e2e server and browser are not started (use them inside tests)');
    return { server, browser };
  };

  const open = async (viewport: typeof desktopViewport) => {
    const { server, browser } = ready();
    const context = await newContext(browser, server.baseUrl, viewport);
    contexts.add(context);
    accessibility.watch(context);
    responses.watch(context);
    context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(error.message)));
    const page = await context.newPage();
    return page;
  };

  return {
    get server() {
      return ready().server;
    },
    get ctx() {
      return ready().server.ctx;
    },
    get baseUrl() {
      return ready().server.baseUrl;
    },
    desktop: () => open(desktopViewport),
    mobile: () => open(mobileViewport),
  };
}
