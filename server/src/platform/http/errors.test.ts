import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import '../errors.ts';
import { answerClientError } from './errors.ts';

/** A socket that keeps what is written to it. */
function fakeSocket() {
  const socket = { written: '', destroyed: false, writable: true, end: (data: Buffer) => void (socket.written += data.toString('utf8')), destroy: () => void (socket.destroyed = true) };
  return socket;
}

describe('answerClientError', () => {
  it('answers a request that arrived too slowly with 408 in the error shape', () => {
    const socket = fakeSocket();
    const error = Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT', rawPacket: Buffer.from('POST /api/v1/captcha HTTP/1.1\r\nAccept-Language: en-US,en\r\n') });
    answerClientError(error, socket as unknown as Socket);
    expect(socket.written).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(JSON.parse(socket.written.slice(socket.written.indexOf('\r\n\r\n') + 4))).toEqual({ code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive. Please try again.', details: {} });
  });

  it('writes nothing on a connection the client reset', () => {
    const socket = fakeSocket();
    answerClientError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), socket as unknown as Socket);
    expect(socket.written).toBe('');
  });
});
