/**
 * The queue on both databases: a clerk's counter (call next, recall, served, absent, transfer), two clerks
 * calling at once never take the same ticket, 排号进度查询 over HTTP, and the live stream: a clerk's call
 * reaches an open progress page within a second — on PostgreSQL from another connection pool, as another
 * process would (LISTEN/NOTIFY).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openAsOwner } from '../../../../test/databases.ts';
import { rejection, testContext, type TestContext } from '../../../../test/context.ts';
import { ApiClient, serverForSuite } from '../../../../test/http.ts';
import type { Database } from '../../platform/db/client.ts';
import { callNext, defineLine, finishCurrent, issueTicket, openCounter, recall, ticketProgress, transferCurrent } from './queue.ts';

const meta = { requestId: 'queue-test' };
const clerk = { kind: 'staff' as const, id: randomUUID() };
const categories = [
  { code: 'account', name: '证券账户业务', nameEn: 'Securities accounts', prefix: 'A' },
  { code: 'query', name: '证券查询业务', nameEn: 'Securities queries', prefix: 'B' },
];

describeEachDatabase('queue: counters', (getDb) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = testContext(getDb(), {}, new Date('2026-12-07T02:00:00Z'));
    await ctx.db.transaction((tx) => defineLine(ctx, tx, { key: 'test-hall', name: '测试大厅', categories }));
  });

  it('calls in order, recalls, marks served and absent, and transfers a ticket to another category keeping its arrival', async () => {
    const ref = { lineKey: 'test-hall', counter: '1号窗口' };
    const a1 = await issueTicket(ctx, { lineKey: 'test-hall', category: 'account', kind: 'walk_in' });
    ctx.clock.advance(1000);
    const a2 = await issueTicket(ctx, { lineKey: 'test-hall', category: 'account', kind: 'walk_in' });
    ctx.clock.advance(1000);
    const b1 = await issueTicket(ctx, { lineKey: 'test-hall', category: 'query', kind: 'walk_in' });
    expect([a1.number, a2.number, b1.number]).toEqual(['A001', 'A002', 'B001']);
    expect([a1.waitingBefore, a2.waitingBefore, b1.waitingBefore]).toEqual([0, 1, 0]);

    expect((await rejection(callNext(ctx, meta, clerk, ref))).code).toBe('QUEUE_COUNTER_NOT_OPEN');
    await openCounter(ctx, meta, clerk, ref, ['account']);
    const first = await callNext(ctx, meta, clerk, ref);
    expect(first.current).toMatchObject({ number: 'A001', callCount: 1 });
    expect((await rejection(callNext(ctx, meta, clerk, ref))).code).toBe('QUEUE_COUNTER_BUSY');
    expect((await recall(ctx, meta, clerk, ref)).current).toMatchObject({ number: 'A001', callCount: 2 });
    expect((await ticketProgress(ctx, 'test-hall', a2.code)).waitingBefore).toBe(0);

    // A001 was in the wrong queue: it goes to 证券查询业务, ahead of B001 by its arrival.
    expect((await transferCurrent(ctx, meta, clerk, ref, 'query')).current).toBeNull();
    expect(await ticketProgress(ctx, 'test-hall', a1.code)).toMatchObject({ status: 'waiting', category: 'query', categoryName: '证券查询业务', waitingBefore: 0 });
    expect((await ticketProgress(ctx, 'test-hall', b1.code)).waitingBefore).toBe(1);

    expect((await callNext(ctx, meta, clerk, ref)).current).toMatchObject({ number: 'A002' });
    await finishCurrent(ctx, meta, clerk, ref, 'absent');
    expect((await ticketProgress(ctx, 'test-hall', a2.code)).status).toBe('absent');
    expect((await rejection(callNext(ctx, meta, clerk, ref))).code).toBe('QUEUE_NOBODY_WAITING');

    const other = { lineKey: 'test-hall', counter: '2号窗口' };
    await openCounter(ctx, meta, clerk, other, ['query']);
    expect((await callNext(ctx, meta, clerk, other)).current).toMatchObject({ number: 'A001' });
    await finishCurrent(ctx, meta, clerk, other, 'served');
    expect((await ticketProgress(ctx, 'test-hall', a1.code)).status).toBe('served');
    expect((await rejection(ticketProgress(ctx, 'test-hall', '000000'))).code).toBe('QUEUE_TICKET_NOT_FOUND');
  });

  it('two clerks calling at once never take the same ticket', async () => {
    const line = 'twin-hall';
    await ctx.db.transaction((tx) => defineLine(ctx, tx, { key: line, name: '并发大厅', categories }));
    for (let i = 0; i < 6; i += 1) await issueTicket(ctx, { lineKey: line, category: 'account', kind: 'walk_in' });
    const counters = ['1号窗口', '2号窗口', '3号窗口'].map((counter) => ({ lineKey: line, counter }));
    for (const ref of counters) await openCounter(ctx, meta, clerk, ref, ['account']);
    const called = await Promise.all(counters.map((ref) => callNext(ctx, meta, clerk, ref)));
    const numbers = called.map((c) => c.current?.number);
    expect(new Set(numbers).size).toBe(3);
    expect([...numbers].sort()).toEqual(['A001', 'A002', 'A003']);
  });
});

/** Reads server-sent events from a stream, one `progress` event's data at a time. */
class EventReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async next(timeoutMs: number): Promise<{ waitingBefore: number; status: string; number: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: progress') && data) return JSON.parse(data.slice(6)) as { waitingBefore: number; status: string; number: string };
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no event in time');
      const chunk = await Promise.race([this.reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
      if (!chunk) throw new Error('no event in time');
      if (chunk.done) throw new Error('the stream ended');
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }
}

describeEachDatabase('queue: live progress', (getDb) => {
  const server = serverForSuite(getDb);
  let base = '';
  let clerkDatabase: Database;
  beforeAll(async () => {
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    // The clerk works through another connection pool: on PostgreSQL, as another process would.
    clerkDatabase = await openAsOwner(getDb());
  });
  afterAll(async () => {
    await clerkDatabase.close();
  });

  it('answers 排号进度查询, and a clerk’s call reaches an open progress page within a second', async () => {
    const kiosk = await new ApiClient(server.app).start();
    const issue = async () => {
      const response = await kiosk.request('POST', '/api/v1/appointments/halls/shanghai/tickets', { category: 'pledge' });
      expect(response.statusCode).toBe(200);
      return response.json<{ number: string; code: string; waitingBefore: number }>();
    };
    const first = await issue();
    const second = await issue();
    expect(second.waitingBefore).toBe(first.waitingBefore + 1);

    const progress = await fetch(`${base}/api/v1/queue/lines/shanghai/progress?code=${second.code}`);
    expect(await progress.json()).toMatchObject({ number: second.number, categoryName: '证券质押登记业务', waitingBefore: second.waitingBefore, status: 'waiting' });
    const unknown = await fetch(`${base}/api/v1/queue/lines/shanghai/progress?code=${first.code === '999999' ? '999998' : '999999'}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'QUEUE_TICKET_NOT_FOUND' });

    const controller = new AbortController();
    const stream = await fetch(`${base}/api/v1/queue/lines/shanghai/progress/stream?code=${second.code}`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = new EventReader(stream.body!.getReader());
    expect((await events.next(2000)).waitingBefore).toBe(second.waitingBefore);

    const clerkCtx = testContext(clerkDatabase, {}, new Date()); // the server runs on the system clock
    const ref = { lineKey: 'shanghai', counter: '5号窗口' };
    await openCounter(clerkCtx, meta, clerk, ref, ['pledge']);
    const delays: number[] = [];
    for (let ahead = second.waitingBefore; ahead > 0; ahead -= 1) {
      const started = performance.now();
      await callNext(clerkCtx, meta, clerk, ref);
      const event = await events.next(1000);
      delays.push(performance.now() - started);
      expect(event.waitingBefore).toBe(ahead - 1);
      await finishCurrent(clerkCtx, meta, clerk, ref, 'served');
    }
    const started = performance.now();
    await callNext(clerkCtx, meta, clerk, ref);
    expect(await events.next(1000)).toMatchObject({ number: second.number, status: 'called', waitingBefore: 0 });
    delays.push(performance.now() - started);
    expect(Math.max(...delays)).toBeLessThan(1000);
    controller.abort();
  });
});
