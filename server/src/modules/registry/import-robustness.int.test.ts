/**
 * Issue 12, items 1 and 2: no uploaded file may end the process, stall it or run
 * twice. Through the HTTP API and the job queue, on both databases.
 */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { staffServerForSuite } from '../../../../test/http.ts';
import { jobs } from '../../platform/db/schema.ts';
import { settlementColumns } from './settlement/index.ts';

const SUBSCRIPTIONS = '/api/v1/staff/registry/event-imports/ipo-subscriptions';

describeEachDatabase('uploads that once stalled or ended the server', (getDb) => {
  const { server, admin } = staffServerForSuite(getDb, { config: { eventUploadMaxMb: 1, importMaxLineBytes: 4096 } });

  async function jobOf(jobId: string) {
    const [job] = await server.ctx.db.select().from(jobs).where(eq(jobs.id, jobId));
    return job!;
  }

  it('a 16-byte file with an unclosed quote is rejected once, naming the line; the process lives on', async () => {
    const file = 'security_code,"x';
    expect(Buffer.byteLength(file)).toBe(16);
    const upload = await admin.request('PUT', `${SUBSCRIPTIONS}/QUOTE-1`, file);
    expect(upload.statusCode).toBe(202);
    await server.ctx.jobs.drain();
    const job = await jobOf(upload.json().jobId);
    expect(job).toMatchObject({ status: 'done', attempts: 1, result: { status: 'rejected', code: 'BATCH_REJECTED', errors: [{ line: 1, reason: 'QUOTES', detail: 'CSV_QUOTE_NOT_CLOSED' }] } });
    // The same with a header and good lines first: the line is the one the quote opens on.
    const later = await admin.request('PUT', `${SUBSCRIPTIONS}/QUOTE-2`, ['security_code,account_number,quantity,order_seq,ordered_at', '688001,A000000001,500,1,2026-09-07 09:30:00', '688001,"A000000002'].join('\n'));
    await server.ctx.jobs.drain();
    expect((await jobOf(later.json().jobId)).result).toMatchObject({ status: 'rejected', code: 'BATCH_REJECTED', errors: [{ line: 3, reason: 'QUOTES' }] });
    expect((await admin.request('GET', '/healthz')).statusCode).toBe(200);
  });

  it('a line over IMPORT_MAX_LINE_BYTES rejects the batch naming the line, in settlement and event imports alike', async () => {
    const long = 'x'.repeat(10_000);
    const event = await admin.request('PUT', `${SUBSCRIPTIONS}/LONG-1`, ['security_code,account_number,quantity,order_seq,ordered_at', '688001,A000000001,500,1,2026-09-07 09:30:00', long].join('\n'));
    const settlement = await admin.request('PUT', '/api/v1/staff/registry/settlement-batches/LONG-2', [settlementColumns.join(','), long].join('\n'));
    expect([event.statusCode, settlement.statusCode]).toEqual([202, 202]);
    await server.ctx.jobs.drain();
    expect(await jobOf(event.json().jobId)).toMatchObject({ status: 'done', attempts: 1, result: { status: 'rejected', code: 'LINE_TOO_LONG', line: 3, maxBytes: 4096 } });
    expect(await jobOf(settlement.json().jobId)).toMatchObject({ status: 'done', attempts: 1, result: { status: 'rejected', code: 'LINE_TOO_LONG', line: 2, maxBytes: 4096 } });
  });

  it('an upload over its kind’s cap is refused with 413, and a binary file with 415, in the error shape', async () => {
    const big = await admin.request('PUT', `${SUBSCRIPTIONS}/BIG-1`, `security_code\n${'1\n'.repeat(600_000)}`);
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'FILE_TOO_LARGE', details: { limitMb: 1 } });
    // closing-price files have their own cap (PRICE_UPLOAD_MAX_MB, 64 by default): the same bytes are taken
    expect((await admin.request('PUT', '/api/v1/staff/registry/event-imports/closing-prices/BIG-PRICES-1', `security_code\n${'1\n'.repeat(600_000)}`)).statusCode).toBe(202);
    expect(typeof big.json().message).toBe('string');
    const binary = await admin.request('PUT', `${SUBSCRIPTIONS}/BIN-1`, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]).toString('latin1'));
    expect(binary.statusCode).toBe(415);
    expect(binary.json()).toMatchObject({ code: 'FILE_NOT_TEXT' });
    const latin1 = await admin.request('PUT', `${SUBSCRIPTIONS}/BIN-2`, 'security_code\n\u00ff\u00fe');
    expect(latin1.statusCode).toBe(202); // UTF-8 text of any script is text
  });

  it('while a 1 MB single-line file is imported, a request that needs no database answers at once', async () => {
    const file = `security_code,account_number,quantity,order_seq,ordered_at\n${'7'.repeat(1000 * 1000)}`;
    const upload = await admin.request('PUT', `${SUBSCRIPTIONS}/WIDE-1`, file);
    expect(upload.statusCode).toBe(202);
    const importing = server.ctx.jobs.drain();
    let finished = false;
    void importing.finally(() => (finished = true));
    let slowest = 0;
    do {
      const started = performance.now();
      expect((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
      // Requests arrive from the network, between the import's turns (app.inject alone would never leave the microtask queue).
      await new Promise((resolve) => setTimeout(resolve, 5));
    } while (!finished);
    await importing;
    expect((await jobOf(upload.json().jobId)).result).toMatchObject({ code: 'LINE_TOO_LONG', line: 2 });
    expect(slowest).toBeLessThan(200);
  });
});
