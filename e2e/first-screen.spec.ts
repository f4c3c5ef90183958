/**
 * The first screen, the desktop hall's login page, on a cold cache: the JavaScript it
 * downloads, as transferred (Chromium's encoded body sizes, without the headers), must
 * stay under 300 KB with brotli, and it must not fetch the pages behind the sign-in (the queries, the
 * certificates). Every script and stylesheet arrives precompressed (brotli), with
 * immutable caching for hashed files; index.html is revalidated every time.
 */
import type { CDPSession } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2e } from './support/index.ts';

const e2e = useE2e({ database: 'pglite' });

const BUDGET_BYTES = 300 * 1024;

interface Transfer {
  url: string;
  type: string;
  encoding: string | undefined;
  cacheControl: string | undefined;
  /** The body as transferred (compressed), without the response headers. */
  encodedBytes: number;
}

/** Records every response of the page with its transferred (encoded) size. */
function recordTransfers(cdp: CDPSession): Transfer[] {
  const pending = new Map<string, Omit<Transfer, 'encodedBytes'> & { headerBytes: number }>();
  const done: Transfer[] = [];
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    // What had arrived with the response's head: its headers.
    pending.set(requestId, { url: response.url, type, encoding: headers['content-encoding'], cacheControl: headers['cache-control'], headerBytes: response.encodedDataLength });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const response = pending.get(requestId);
    if (!response) return;
    const { headerBytes, ...rest } = response;
    done.push({ ...rest, encodedBytes: encodedDataLength - headerBytes });
  });
  return done;
}

describe('first screen: the desktop login page', () => {
  it('downloads under 300 KB of brotli-compressed JavaScript, precompressed and cached for good, without the hall pages', async () => {
    const page = await e2e.desktop();
    const cdp = await page.context().newCDPSession(page);
    const transfers = recordTransfers(cdp);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

    await page.goto('/login');
    await page.getByLabel('账户').waitFor();
    await page.waitForLoadState('networkidle');

    const scripts = transfers.filter((t) => t.type === 'Script');
    const total = scripts.reduce((sum, t) => sum + t.encodedBytes, 0);
    const list = scripts.map((t) => `${new URL(t.url).pathname} ${t.encoding ?? 'identity'} ${t.encodedBytes}`).join('\n');
    expect(scripts.length, list).toBeGreaterThan(0);
    expect(total, `JavaScript transferred for the login page:\n${list}`).toBeLessThan(BUDGET_BYTES);
    console.log(`login page: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB transferred (budget ${BUDGET_BYTES / 1024} KB)`);

    // Every hashed script and stylesheet: brotli, cached for a year, immutable.
    for (const t of transfers.filter((x) => new URL(x.url).pathname.startsWith('/assets/') && /\.(js|css)$/.test(new URL(x.url).pathname))) {
      expect({ url: t.url, encoding: t.encoding, cacheControl: t.cacheControl }).toEqual({ url: t.url, encoding: 'br', cacheControl: 'public, max-age=31536000, immutable' });
    }
    const indexPage = transfers.find((t) => t.type === 'Document');
    expect(indexPage?.cacheControl).toBe('no-cache');

    // Nothing of the pages behind the sign-in (translations aside: the portal's namespaces come together).
    const names = scripts
      .map((t) => new URL(t.url).pathname)
      .filter((name) => !name.startsWith('/assets/i18n/'))
      .join(' ');
    expect(names).not.toMatch(/holdings|changes-page|freezes|certificate|event-queries|profile|binding/);

    // The language menu, left out of the first screen, comes on the first click.
    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByLabel('Account').waitFor();
  });
});
