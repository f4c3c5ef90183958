import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './databases.ts';
import { testConfig } from './context.ts';
import { startServer, type RunningServer } from '../server/src/server.ts';

/**
 * What the framework answers before a route runs (an oversized body, headers too
 * large, an unsupported type, malformed JSON) comes in the platform's error shape,
 * over a real socket: an oversized body is answered 413, the connection is not reset.
 */

interface Answer {
  status?: number;
  body?: string;
  error?: string;
}

/**
 * Sends `size` bytes of body as curl does: the whole body first, then reads the answer.
 * A server that closes the connection while the body is still coming makes the sending
 * fail (broken pipe, reset): the client never sees the answer.
 */
function post(url: string, path: string, size: number, options: { chunked?: boolean; contentType?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const { hostname, port } = new URL(url);
  const csrf = 'a-csrf-token-for-framework-errors';
  const headers: Record<string, string> = {
    host: `${hostname}:${port}`,
    'content-type': options.contentType ?? 'application/json',
    cookie: `ch_csrf=${csrf}`,
    'x-csrf-token': csrf,
    ...(options.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(size) }),
    ...options.headers,
  };
  const head = `POST ${path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  return new Promise((resolve) => {
    let answer = '';
    let failed: string | undefined;
    let sent = 0;
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(head);
      const write = () => {
        while (sent < size && !failed) {
          const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
          sent += part.length;
          const framed = options.chunked ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]) : part;
          if (!socket.write(framed)) return void socket.once('drain', write);
        }
        if (options.chunked && !failed) socket.write('0\r\n\r\n');
      };
      write();
    });
    socket.setEncoding('latin1');
    // An interim 100 Continue (to Expect: 100-continue) is not the answer.
    socket.on('data', (data: string) => (answer = (answer + data).replace(/^HTTP\/1\.1 100 [^\r]*\r\n\r\n/, '')));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (sent < size) failed ??= error.code ?? error.message;
    });
    const finish = () => {
      if (failed) return resolve({ error: `${failed} after ${sent} of ${size} bytes` });
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      const text = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      resolve({ status, body: Buffer.from(text, 'latin1').toString('utf8') });
    };
    socket.on('close', finish);
    // Once the whole answer is in, close (a kept-alive connection would stay open).
    const settle = setInterval(() => {
      const length = /\r\ncontent-length: (\d+)/i.exec(answer)?.[1];
      if (length && answer.length >= answer.indexOf('\r\n\r\n') + 4 + Number(length)) {
        clearInterval(settle);
        socket.end();
      }
    }, 20);
    socket.on('close', () => clearInterval(settle));
  });
}

/** Writes raw bytes on a socket and returns everything the server answers until it closes. */
function raw(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect(Number(port), hostname, () => socket.write(text));
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => undefined);
  });
}

const bodyOf = (answer: string) => JSON.parse(Buffer.from(answer.slice(answer.indexOf('\r\n\r\n') + 4), 'latin1').toString('utf8')) as unknown;

describeEachDatabase('framework errors over a socket', (getDb) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(testConfig({ host: '127.0.0.1', port: 0 }), { database: getDb(), listen: true, migrate: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['a JSON route, length given', '/api/v1/captcha', {}],
    ['a JSON route, chunked', '/api/v1/captcha', { chunked: true }],
    ['no route', '/api/v1/nowhere', {}],
    ['a PDF route sent JSON', '/api/v1/verify/certificates/AAAA-BBBB-CCCC-DDDD/file', {}],
    ['a PDF route, its own limit', '/api/v1/verify/certificates/AAAA-BBBB-CCCC-DDDD/file', { contentType: 'application/pdf' }],
    ['a JSON route, as curl sends it (Expect: 100-continue)', '/api/v1/captcha', { headers: { expect: '100-continue' } }],
    ['no route, as curl sends it', '/api/v1/nowhere', { headers: { expect: '100-continue' } }],
    ['a PDF route sent JSON, as curl sends it', '/api/v1/verify/certificates/AAAA-BBBB-CCCC-DDDD/file', { headers: { expect: '100-continue' } }],
  ])('answers an oversized body on %s with 413 in the error shape, not a reset', async (_name, path, options) => {
    const answer = await post(server.url, path, 16 * 1024 * 1024, options);
    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body!)).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大', details: {} });
  });

  it('answers headers too large with 431 in the error shape, in the language asked for', async () => {
    const answer = await raw(server.url, `GET /api/v1/session HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en-GB\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/i);
    expect(bodyOf(answer)).toEqual({ code: 'REQUEST_HEADERS_TOO_LARGE', message: 'The request headers are too large.', details: {} });
    const chinese = await raw(server.url, `GET /api/v1/session HTTP/1.1\r\nHost: localhost\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(bodyOf(chinese)).toMatchObject({ code: 'REQUEST_HEADERS_TOO_LARGE', message: '请求头过大' });
  });

  it('answers a request that is not HTTP with 400 in the error shape', async () => {
    const answer = await raw(server.url, 'GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(answer)).toMatchObject({ code: 'BAD_REQUEST', message: '请求无法处理' });
  });

  it('answers an unsupported type with 415 and malformed JSON with 400, in the error shape', async () => {
    const csrf = 'a-csrf-token-for-framework-errors';
    const headers = { cookie: `ch_csrf=${csrf}`, 'x-csrf-token': csrf };
    const xml = await fetch(`${server.url}/api/v1/captcha`, { method: 'POST', headers: { ...headers, 'content-type': 'application/xml' }, body: '<a/>' });
    expect(xml.status).toBe(415);
    expect(await xml.json()).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求格式', details: {} });
    const malformed = await fetch(`${server.url}/api/v1/captcha`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'accept-language': 'en' }, body: '{"a":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.', details: {} });
    // The connection still serves the next request.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
