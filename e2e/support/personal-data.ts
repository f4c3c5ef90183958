/**
 * What an e2e spec's browser receives, scanned for personal data in clear (issue 12 item 7): every URL a page requests and
 * every address a tab shows, client-side routes and search params included (no personal data in any URL, nor in the
 * browser's history), in the investor halls and the staff and partner consoles alike; and the JSON answers of the
 * investor-facing API outside the step-up views. Staff,
 * broker and other partner consoles see the whole value by the masking policy (`kernel/masking.ts`, view `staff`), and the
 * demo inbox shows what was sent; neither is scanned.
 */
import type { BrowserContext, Response } from 'playwright-core';
import { PersonalDataScan } from '../../test/personal-data.ts';

/** API answers that show personal data in full by design, and why. */
export const FULL_VIEWS: ReadonlyArray<{ path: RegExp; why: string; when?: (body: unknown) => boolean }> = [
  { path: /^\/api\/v1\/(staff|broker|exchange|ccass|futures|issuer|partner)\//, why: 'staff and partner consoles: the masking policy’s staff view' },
  { path: /^\/dev\//, why: 'the demo inbox: the messages as sent' },
  {
    path: /^\/api\/v1\/investor\/queries\/unified-accounts$/,
    why: '我的一码通 after the step-up check (显示完整证券账户)',
    when: (body) => typeof body === 'object' && body !== null && (body as { fullNumbers?: unknown }).fullNumbers === true,
  },
];

async function scanResponse(scan: PersonalDataScan, response: Response): Promise<void> {
  const url = new URL(response.url());
  const method = response.request().method();
  scan.scan(`URL ${url.pathname}`, safeDecode(url.pathname + url.search + url.hash));
  if (!url.pathname.startsWith('/api/') && !url.pathname.startsWith('/dev/')) return;
  if (!(response.headers()['content-type'] ?? '').includes('application/json')) return;
  const text = await response.text().catch(() => '');
  const full = FULL_VIEWS.find((v) => v.path.test(url.pathname));
  if (full && (!full.when || full.when(JSON.parse(text || 'null')))) return;
  scan.scan(`${method} ${url.pathname}`, text);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Watches a browser profile's responses; `finish` waits for the reads still running. */
export class ResponseScan {
  readonly scan = new PersonalDataScan();
  private pending = new Set<Promise<void>>();

  watch(context: BrowserContext): void {
    // What the address bar shows, and so the history keeps: a client-side route change requests nothing, but is a navigation.
    context.on('page', (page) =>
      page.on('framenavigated', (frame) => {
        if (frame !== page.mainFrame()) return;
        const url = new URL(frame.url());
        this.scan.scan(`address ${url.pathname}`, safeDecode(url.pathname + url.search + url.hash));
      }),
    );
    context.on('response', (response) => {
      const read = scanResponse(this.scan, response).catch(() => undefined);
      this.pending.add(read);
      void read.finally(() => this.pending.delete(read));
    });
  }

  /** The hits as a failure message, or undefined when there are none. */
  async finish(): Promise<string | undefined> {
    await Promise.allSettled([...this.pending]);
    return this.scan.hits.length ? `personal data in clear in what the browser received:\n${this.scan.report()}` : undefined;
  }
}
