import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import type { AppContext } from '../../context.ts';
import { metaOf } from '../../platform/http/auth.ts';
import { Obj, Str, routesTagged } from '../../platform/http/schemas.ts';
import { authorise } from '../identity/index.ts';
import { watchTicket } from './live.ts';
import { callNext, counterState, finishCurrent, lineBoard, openCounter, recall, ticketProgress, transferCurrent, type CounterView } from './queue.ts';

/** A line's key: a hall's region (beijing, shanghai, shenzhen), or another module's queue. */
export const LineKey = Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$', maxLength: 40, description: "the line's key: a hall's region (beijing | shanghai | shenzhen)" });
/** 排队码: six digits. */
export const QueueCode = Type.String({ pattern: '^[0-9]{6}$', maxLength: 6, description: '排队码: the six-digit queue code on the ticket' });

const ticketStatus = Type.Union([Type.Literal('waiting'), Type.Literal('called'), Type.Literal('served'), Type.Literal('absent')]);

export const TicketProgressSchema = Obj({
  number: Type.String({ description: '排队号' }),
  category: Type.String(),
  categoryName: Type.String({ description: '业务类型' }),
  categoryNameEn: Type.String(),
  status: ticketStatus,
  waitingBefore: Type.Integer({ minimum: 0, description: '目前等待人数: waiting before this ticket in its category' }),
  counter: Type.Union([Type.String(), Type.Null()], { description: 'the counter that called it' }),
});

/** Server-sent events: how often a comment line keeps an idle stream open through proxies. */
const HEARTBEAT_MS = 15_000;

/** 排号进度查询 and the hall display: public, no sign-in (a queue code names no person). */
export const queuePublicRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['queue']);
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  app.get(
    '/api/v1/queue/lines/:line/progress',
    route('排号进度查询: region and queue code → queue number, business category and how many are waiting before you', {
      params: Obj({ line: LineKey }),
      querystring: Obj({ code: QueueCode }),
      response: { 200: TicketProgressSchema },
    }),
    async (request) => {
      const { lineId: _lineId, ticketId: _ticketId, ...progress } = await ticketProgress(ctx, request.params.line, request.query.code);
      return progress;
    },
  );

  app.get(
    '/api/v1/queue/lines/:line/progress/stream',
    route('排号进度查询, live: a text/event-stream of `progress` events (the same fields), one now and one after each change that alters it', {
      params: Obj({ line: LineKey }),
      querystring: Obj({ code: QueueCode }),
      produces: ['text/event-stream'],
      response: { 200: Type.String({ description: 'server-sent events: `event: progress` with the ticket progress as JSON data' }) },
    }),
    async (request, reply) => {
      // Resolves the ticket first, so an unknown code is an ordinary 404 in the one error shape.
      const { lineId, ticketId } = await ticketProgress(ctx, request.params.line, request.query.code);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-content-type-options': 'nosniff',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      streams.add(res);
      const stop = watchTicket(
        ctx,
        lineId,
        ticketId,
        (progress) => res.write(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`),
        (error) => request.log.warn({ err: error }, 'queue progress stream: the line could not be read'),
      );
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      res.on('close', () => {
        clearInterval(heartbeat);
        stop();
        streams.delete(res);
      });
    },
  );

  app.get(
    '/api/v1/queue/lines/:line/board',
    route('The hall display: each open counter and the number it is calling, and how many wait per business category', {
      params: Obj({ line: LineKey }),
      response: {
        200: Obj({
          name: Type.String(),
          counters: Type.Array(Obj({ counter: Type.String(), number: Type.Union([Type.String(), Type.Null()]), calledAt: Type.Union([Type.String(), Type.Null()]) })),
          waiting: Type.Array(Obj({ category: Type.String(), categoryName: Type.String(), waiting: Type.Integer() })),
        }),
      },
    }),
    async (request) => {
      const { lineId: _lineId, ...board } = await lineBoard(ctx, request.params.line);
      return board;
    },
  );
};

// A window number (1号窗口), not free text: the name travels in the URL, where no personal data may go.
const CounterName = Str(20, { pattern: '^[0-9]{1,3}(号窗口)?$', description: 'the counter (窗口), e.g. 1号窗口' });

const CounterViewSchema = Obj({
  counter: Type.String(),
  categories: Type.Array(Type.String()),
  current: Type.Union([
    Obj({
      ticketId: Type.String(),
      number: Type.String(),
      category: Type.String(),
      categoryName: Type.String(),
      status: ticketStatus,
      kind: Type.Union([Type.Literal('walk_in'), Type.Literal('appointment')]),
      callCount: Type.Integer(),
    }),
    Type.Null(),
  ]),
});

const shape = (view: CounterView) => view;

/** The clerk's calling console (叫号) in /staff/. */
export const queueStaffRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['staff queue']);
  const base = '/api/v1/staff/queue/lines/:line/counters/:counter';
  const params = Obj({ line: LineKey, counter: CounterName });

  app.get(base, route("A counter's state: its categories and the number it is serving", { params, response: { 200: CounterViewSchema } }), async (request) => {
    await authorise(ctx, request, 'queue.counter');
    return shape(await counterState(ctx, { lineKey: request.params.line, counter: request.params.counter }));
  });

  app.put(
    base,
    route('开启窗口: open the counter for these business categories', {
      params,
      body: Obj({ categories: Type.Array(Str(40, { minLength: 1 }), { minItems: 1, maxItems: 20, uniqueItems: true }) }),
      response: { 200: CounterViewSchema },
    }),
    async (request) => {
      const actor = await authorise(ctx, request, 'queue.counter');
      return shape(await openCounter(ctx, metaOf(request), actor, { lineKey: request.params.line, counter: request.params.counter }, request.body.categories));
    },
  );

  const action = (path: string, summary: string, run: (ref: { lineKey: string; counter: string }, meta: ReturnType<typeof metaOf>, actor: Awaited<ReturnType<typeof authorise>>) => Promise<CounterView>) =>
    app.post(`${base}/${path}`, route(summary, { params, response: { 200: CounterViewSchema } }), async (request) => {
      const actor = await authorise(ctx, request, 'queue.counter');
      return shape(await run({ lineKey: request.params.line, counter: request.params.counter }, metaOf(request), actor));
    });

  action('call-next', '叫号: call the next number for this counter (appointment holders in their period first)', (ref, meta, actor) => callNext(ctx, meta, actor, ref));
  action('recall', '重呼: call the number being served again', (ref, meta, actor) => recall(ctx, meta, actor, ref));
  action('served', '已办理: the number being served is done', (ref, meta, actor) => finishCurrent(ctx, meta, actor, ref, 'served'));
  action('absent', '未到: the number called did not come', (ref, meta, actor) => finishCurrent(ctx, meta, actor, ref, 'absent'));

  app.post(
    `${base}/transfer`,
    route('转移: the number being served waits again in another business category', { params, body: Obj({ category: Str(40, { minLength: 1 }) }), response: { 200: CounterViewSchema } }),
    async (request) => {
      const actor = await authorise(ctx, request, 'queue.counter');
      return shape(await transferCurrent(ctx, metaOf(request), actor, { lineKey: request.params.line, counter: request.params.counter }, request.body.category));
    },
  );
};
