/**
 * Compressed responses (issue 12, item 13). The web app's assets go as the build
 * compressed them (`<file>.br`, `<file>.gz`, chosen by Accept-Encoding), hashed ones
 * cached for a year and immutable, index.html revalidated; JSON of 1 KB or more is
 * compressed per response, smaller JSON goes as it is.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server/src/server.ts';
import { testConfig } from './context.ts';
import { describeEachDatabase } from './databases.ts';

const SCRIPT = `export const greeting = ${JSON.stringify('你好，'.repeat(400))};\n`;
const HASHED = '/assets/app-Dx3kQ9aZ.js';

/** A built web app in a temporary folder, with the files the build's precompress step writes. */
function webDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'clearhall-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html><head><script type="module" src="${HASHED}"></script></head><body><div id="root"></div></body></html>`);
  const file = path.join(dir, HASHED);
  writeFileSync(file, SCRIPT);
  // Marked, so that the test sees which file was sent, not one compressed on the fly.
  writeFileSync(`${file}.br`, brotliCompressSync(`${SCRIPT}// br\n`));
  writeFileSync(`${file}.gz`, gzipSync(`${SCRIPT}// gz\n`));
  return dir;
}

describeEachDatabase('compressed responses', (getDb) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(testConfig({ webDist: webDist() }), { database: getDb(), listen: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends a hashed asset precompressed, as the client accepts, cached for good', async () => {
    const br = await server.app.inject({ method: 'GET', url: HASHED, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(`${SCRIPT}// br\n`);

    const gz = await server.app.inject({ method: 'GET', url: HASHED, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(`${SCRIPT}// gz\n`);

    const plain = await server.app.inject({ method: 'GET', url: HASHED, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(SCRIPT);
  });

  it('revalidates index.html on every visit', async () => {
    for (const url of ['/', '/login', '/query/holdings']) {
      const page = await server.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  it('compresses JSON of 1 KB or more, not smaller JSON', async () => {
    const big = await server.app.inject({ method: 'GET', url: '/api/docs/json', headers: { 'accept-encoding': 'br' } });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    const document = brotliDecompressSync(big.rawPayload);
    expect(document.length).toBeGreaterThan(1024);
    expect(big.rawPayload.length).toBeLessThan(document.length / 3);
    expect((JSON.parse(document.toString('utf8')) as { openapi: string }).openapi).toMatch(/^3\./);

    const gz = await server.app.inject({ method: 'GET', url: '/api/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(document)).toBe(true);

    const small = await server.app.inject({ method: 'GET', url: '/api/v1/session', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.statusCode).toBe(200);
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json<{ csrfToken: string }>().csrfToken).toBeTruthy();
  });
});
