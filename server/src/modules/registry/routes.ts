import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { metaOf } from '../../platform/http/auth.ts';
import { authorise } from '../identity/index.ts';
import { ImportJobProgress, PositionByCategory, PositionWithTotal } from './route-schemas.ts';
import { listSettlementImports, submitSettlementFile } from './settlement/index.ts';
import { changesBetween, freezesAt, holdingsAt, registerAt, securitiesAccount, securityByCode } from './ledger/index.ts';
import { acceptCsvUploads, csvBody } from '../../platform/http/uploads.ts';
import { Obj, Page, Str, pageRequestOf, routesTagged } from '../../platform/http/schemas.ts';
import { IsoDay, Market, Nullable, Quantity, SecuritiesAccountNumber, SecurityCode } from '../../kernel/wire.ts';
import { accountNumberOfRef, StaffAccountRef, staffAccountRef } from './account-refs.ts';

/** An account in a path is its opaque reference (account-refs.ts), never its number. */
const AccountParam = Obj({ ref: StaffAccountRef });
/** A securities account's state at the end of a date. */
const AccountAtDate = { params: AccountParam, querystring: Obj({ date: IsoDay }) };

/** Staff access to the book of record: settlement imports and the registry's queries. */
export const registryRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['registry']);

  acceptCsvUploads(app);

  app.put(
    '/api/v1/staff/registry/settlement-batches/:batchId',
    route('Upload a settlement batch (CSV, text/csv); a job validates it whole and applies it atomically', {
      description: 'Columns: account_number,market,security_code,business_type,category,quantity,effective_on,reference. A batch already applied changes nothing; a rejected batch lists its bad lines in the import list.',
      params: Obj({ batchId: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }) }),
      querystring: Obj({ fileName: Type.Optional(Str(200)) }),
      consumes: ['text/csv'],
      response: { 202: Obj({ jobId: Type.String(), bytes: Type.Integer() }) },
    }),
    async (request, reply) => {
      const actor = await authorise(ctx, request, 'registry.import');
      const { batchId } = request.params;
      const { fileName } = request.query;
      const result = await submitSettlementFile(ctx, metaOf(request), actor, { batchId, fileName: fileName ?? `${batchId}.csv`, stream: csvBody(request) });
      return reply.code(202).send(result);
    },
  );

  app.get(
    '/api/v1/staff/registry/settlement-imports',
    route('Settlement imports with their progress and outcome (rejected lines included)', {
      querystring: Page,
      response: {
        200: Obj({
          items: Type.Array(
            Obj({
              jobId: Type.String(),
              ...ImportJobProgress,
            }),
          ),
          total: Type.Integer(),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.import');
      return listSettlementImports(ctx, pageRequestOf(request.query));
    },
  );

  app.post(
    '/api/v1/staff/registry/accounts/lookup',
    route('Finds a securities account by its number (in the body, never in a URL) and answers the reference the account queries take', {
      body: Obj({ number: SecuritiesAccountNumber }),
      response: {
        200: Obj({
          ref: Type.String({ description: 'opaque reference: what the account routes take in their path or query string' }),
          number: Type.String(),
          holderId: Type.String(),
          market: Type.String(),
          kind: Type.String(),
          status: Type.String(),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      const { number, holderId, market, kind, status } = await securitiesAccount(ctx.db, request.body.number);
      return { ref: staffAccountRef(ctx, number), number, holderId, market, kind, status };
    },
  );

  app.get(
    '/api/v1/staff/registry/accounts/:ref/holdings',
    route('Holdings of a securities account at the end of a date, by category', {
      ...AccountAtDate,
      response: {
        200: Obj({
          items: Type.Array(
            Obj({
              market: Type.String(),
              code: Type.String(),
              name: Type.String(),
              securityClass: Type.String(),
              ...PositionByCategory,
            }),
          ),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      const number = accountNumberOfRef(ctx, request.params.ref);
      await securitiesAccount(ctx.db, number);
      const items = await holdingsAt(ctx.db, number, request.query.date);
      return {
        items: items.map((p) => ({
          ...p,
          tradable: p.tradable.toString(),
          restricted: p.restricted.toString(),
          frozen: p.frozen.toString(),
          pledged: p.pledged.toString(),
        })),
      };
    },
  );

  app.get(
    '/api/v1/staff/registry/accounts/:ref/changes',
    route('Journal entries of a securities account in a date range', {
      params: AccountParam,
      querystring: Obj({ from: IsoDay, to: IsoDay, ...Page.properties }),
      response: {
        200: Obj({
          items: Type.Array(
            Obj({
              id: Type.String(),
              market: Type.String(),
              code: Type.String(),
              name: Type.String(),
              businessType: Type.String(),
              category: Type.String(),
              quantity: Quantity,
              balanceAfter: Quantity,
              effectiveOn: Type.String(),
              batchId: Type.String(),
            }),
          ),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      const number = accountNumberOfRef(ctx, request.params.ref);
      const q = request.query;
      const { page, pageSize } = pageRequestOf(q);
      const items = await changesBetween(ctx.db, number, q.from, q.to, { limit: pageSize, offset: (page - 1) * pageSize });
      return { items: items.map((c) => ({ ...c, quantity: c.quantity.toString(), balanceAfter: c.balanceAfter.toString() })) };
    },
  );

  app.get(
    '/api/v1/staff/registry/accounts/:ref/freezes',
    route('Freezes of a securities account in force or waiting at the end of a date: what each order asks, what of it is in force, what waits, and its term', {
      ...AccountAtDate,
      response: {
        200: Obj({
          items: Type.Array(
            Obj({
              id: Type.String(),
              code: Type.String(),
              name: Type.String(),
              kind: Type.String(),
              status: Type.String(),
              authority: Type.String(),
              caseNumber: Type.String(),
              quantity: Quantity,
              frozenQuantity: Quantity,
              waitingQuantity: Quantity,
              queueNo: Nullable(Type.Integer()),
              periodMonths: Type.Integer({ description: 'the term the order names, in months' }),
              startOn: Nullable(Type.String()),
              endOn: Nullable(Type.String()),
            }),
          ),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      const number = accountNumberOfRef(ctx, request.params.ref);
      const items = await freezesAt(ctx.db, number, request.query.date);
      return { items: items.map((f) => ({ ...f, quantity: f.quantity.toString(), frozenQuantity: f.frozenQuantity.toString(), waitingQuantity: f.waitingQuantity.toString() })) };
    },
  );

  app.get(
    '/api/v1/staff/registry/securities/:market/:code/register',
    route('The register of a security at the end of a date (股东名册), ranked by quantity', {
      params: Obj({ market: Market, code: SecurityCode }),
      querystring: Obj({ date: IsoDay, limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,3}$' })) }),
      response: {
        200: Obj({
          items: Type.Array(
            Obj({
              rank: Type.Integer(),
              accountNumber: Type.String(),
              holderName: Type.String(),
              holderKind: Type.String(),
              holderCategory: Type.String(),
              ...PositionWithTotal,
            }),
          ),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      const { market, code } = request.params;
      const q = request.query;
      const security = await securityByCode(ctx.db, market, code);
      const items = await registerAt(ctx.db, security.id, q.date, Number(q.limit ?? 100));
      return {
        items: items.map((l) => ({
          rank: l.rank,
          accountNumber: l.accountNumber,
          holderName: l.holderName,
          holderKind: l.holderKind,
          holderCategory: l.holderCategory,
          tradable: l.tradable.toString(),
          restricted: l.restricted.toString(),
          frozen: l.frozen.toString(),
          pledged: l.pledged.toString(),
          total: l.total.toString(),
        })),
      };
    },
  );
};
