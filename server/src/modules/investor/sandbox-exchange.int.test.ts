import { Command } from 'commander';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { capturingLogger, testConfig } from '../../../../test/context.ts';
import { aRegisteredInvestor, aSignedInStaff } from '../../../../test/verification.ts';
import { ApiClient } from '../../../../test/http.ts';
import { startServer, type RunningServer } from '../../server.ts';
import { auditEntries } from '../../platform/db/schema.ts';
import { identityModule } from '../identity/index.ts';
import { DEMO_PEOPLE, seedVerificationDemo } from './demo/index.ts';

/**
 * Issue 13 item 12: binding by 交易报盘 finishes without calling the API by hand. In demo mode the
 * exchange order-report intake takes the sandbox exchange's reports (its terminal page and
 * `clearhall sandbox order-report`) without a sign-in; the command posts to the running server.
 */
describeEachDatabase('the sandbox exchange reports marked orders to the running server', (getDb) => {
  let server: RunningServer;

  beforeAll(async () => {
    const config = testConfig({ otpResendSeconds: 0, host: '127.0.0.1', port: 0 });
    server = await startServer(config, { database: getDb(), listen: true, migrate: false, log: capturingLogger(config) });
    await seedVerificationDemo(server.ctx);
  });
  afterAll(async () => server?.close());

  /**
   * 李华 starts direct binding by a securities account and chooses 通过交易报盘身份认证: the verification
   * and its order code. Only the first test confirms its binding (of A990000002's unified account).
   */
  async function aWaitingMarkedOrder(account = 'A990000003') {
    const { client } = await aRegisteredInvestor(server);
    const li = DEMO_PEOPLE.li;
    const started = await client.request('POST', '/api/v1/investor/binding/direct', { userType: 'person', name: li.name, idType: li.idType, idNumber: li.idNumber, securitiesAccountNumber: account });
    const id = started.json().id as string;
    const trading = (await client.request('POST', `/api/v1/verifications/${id}/trading`, {})).json();
    expect(trading.details).toMatchObject({ sandboxTerminal: '/sandbox/', securityCodeSH: '799988', tradingPrice: '1.000' });
    return { client, id, code: trading.details.tradingCode as string };
  }

  const markedOrder = (quantity: string, account = 'A990000003') => ({ securitiesAccountNumber: account, securityCode: '799988', side: 'buy', quantity, price: '1.000', brokerCode: 'B01866' });

  it('takes a report without a sign-in in demo mode, as the sandbox exchange; the binding then completes', async () => {
    const { client, id, code } = await aWaitingMarkedOrder('A990000002');
    const terminal = await new ApiClient(server.app).start();
    const report = await terminal.request('POST', '/api/v1/exchange/order-reports', markedOrder(code, 'A990000002'));
    expect(report.statusCode).toBe(200);
    expect(report.json().passedVerifications).toBe(1);
    const [entry] = await server.ctx.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'exchange.order_report_received'), eq(auditEntries.objectId, report.json().reportId as string)));
    expect(entry).toMatchObject({ actorKind: 'system', actorId: 'sandbox-exchange' });
    expect((await client.request('GET', `/api/v1/verifications/${id}`)).json().status).toBe('passed');
    expect((await client.request('POST', '/api/v1/investor/binding/confirm', { verificationId: id })).json()).toMatchObject({ unifiedAccountNumber: '189900000002', method: 'trading' });
  });

  it('a signed-in investor may use the terminal page too; a staff user without the permission is still refused', async () => {
    const { client, code } = await aWaitingMarkedOrder();
    expect((await client.request('POST', '/api/v1/exchange/order-reports', markedOrder(code))).json().passedVerifications).toBe(1);
    const clerk = await aSignedInStaff(server, 'witness');
    expect((await clerk.request('POST', '/api/v1/exchange/order-reports', markedOrder('123456'))).json().code).toBe('FORBIDDEN');
  });

  it('outside demo mode, only staff holding exchange.order_reports may report', async () => {
    const terminal = await new ApiClient(server.app).start();
    server.ctx.config.demo = false;
    try {
      const refused = await terminal.request('POST', '/api/v1/exchange/order-reports', markedOrder('123456'));
      expect(refused.statusCode).toBe(401);
      expect(refused.json().code).toBe('UNAUTHENTICATED');
    } finally {
      server.ctx.config.demo = true;
    }
  });

  it('`clearhall sandbox order-report` posts to the running server on loopback, never opening a context of its own', async () => {
    const { client, id, code } = await aWaitingMarkedOrder();
    const program = new Command().exitOverride();
    const open = vi.fn(() => Promise.reject(new Error('the command must not open its own context')));
    identityModule.commands!(program, open, () => server.url);
    const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await program.parseAsync(['sandbox', 'order-report', '--account', 'A990000003', '--quantity', code], { from: 'user' });
      expect(printed.mock.calls.map((call) => String(call[0])).join('\n')).toMatch(/^order report [0-9a-f-]{36} recorded; verifications passed: 1$/);
    } finally {
      printed.mockRestore();
    }
    expect(open).not.toHaveBeenCalled();
    expect((await client.request('GET', `/api/v1/verifications/${id}`)).json().status).toBe('passed');

    // The server's refusal is printed with the field it names.
    const malformed = new Command().exitOverride();
    identityModule.commands!(malformed, open, () => server.url);
    await expect(malformed.parseAsync(['sandbox', 'order-report', '--account', 'XX', '--quantity', '1'], { from: 'user' })).rejects.toThrow(/refused the report: 400 VALIDATION_FAILED .*securitiesAccountNumber/);

    // --url names another server: nothing listens there, and the command says so.
    const elsewhere = new Command().exitOverride();
    identityModule.commands!(elsewhere, open, () => server.url);
    await expect(elsewhere.parseAsync(['sandbox', 'order-report', '--account', 'A990000003', '--quantity', code, '--url', 'http://127.0.0.1:1'], { from: 'user' })).rejects.toThrow(
      /no server answers at http:\/\/127\.0\.0\.1:1/,
    );
  });
});
