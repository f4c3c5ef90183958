import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { lastCodeSentTo } from '../../../../test/context.ts';
import { aRegisteredInvestor } from '../../../../test/verification.ts';
import { serverForSuite, type ApiClient } from '../../../../test/http.ts';
import { FixedClock } from '../../platform/clock.ts';
import { auditEntries } from '../../platform/db/schema.ts';
import { migrationsFolder } from '../../platform/db/client.ts';
import { investorUsers } from '../identity/index.ts';
import { DEMO_CARDS, DEMO_PEOPLE, seedVerificationDemo } from './demo/index.ts';
import { investorBindings } from './schema.ts';

const zhang = DEMO_PEOPLE.zhang;
const bankPhone = '19900000001';
const card = { name: zhang.name, idNumber: zhang.idNumber, cardNumber: DEMO_CARDS.zhang, mobile: bankPhone };

describeEachDatabase('deregistration releases the bindings (issue 13 item 11)', (getDb) => {
  const clock = new FixedClock(new Date('2026-11-21T02:00:00Z'));
  const server = serverForSuite(getDb, { config: { otpResendSeconds: 0 }, clock, seed: seedVerificationDemo });

  async function verifyRealName(client: ApiClient) {
    const id = (await client.request('POST', '/api/v1/investor/real-name/start', {})).json().id as string;
    await client.request('POST', `/api/v1/verifications/${id}/unionpay/code`, card);
    const code = await lastCodeSentTo(server.ctx, bankPhone);
    expect((await client.request('POST', `/api/v1/verifications/${id}/unionpay`, { ...card, code })).json().status).toBe('passed');
    expect((await client.request('POST', '/api/v1/investor/real-name', { verificationId: id })).statusCode).toBe(200);
  }

  async function deregister(client: ApiClient, mobile: string) {
    const started = (await client.request('POST', '/api/v1/investor/deregistration', { agreed: true })).json();
    const verificationId = started.verification.id as string;
    await client.request('POST', `/api/v1/verifications/${verificationId}/own-mobile/code`, {});
    const code = await lastCodeSentTo(server.ctx, mobile);
    expect((await client.request('POST', `/api/v1/verifications/${verificationId}/own-mobile`, { code })).json().status).toBe('passed');
    expect((await client.request('POST', `/api/v1/investor/deregistration/${started.flowId}/confirm`, { verificationId })).statusCode).toBe(204);
  }

  it('deregister → register again with the same mobile → verify → 快捷绑定一码通 binds; the old binding is kept as released', async () => {
    const first = await aRegisteredInvestor(server);
    await verifyRealName(first.client);
    const bound = await first.client.request('POST', '/api/v1/investor/binding/quick', {});
    expect(bound.json()).toMatchObject({ unifiedAccountNumber: '189900000001', method: 'quick' });
    const firstUserId = (await first.client.request('GET', '/api/v1/session')).json().principal.id as string;

    await deregister(first.client, first.mobile);

    const again = await aRegisteredInvestor(server, first.mobile);
    await verifyRealName(again.client);
    const rebound = await again.client.request('POST', '/api/v1/investor/binding/quick', {});
    expect(rebound.statusCode).toBe(200);
    expect(rebound.json()).toMatchObject({ unifiedAccountNumber: '189900000001', method: 'quick' });
    expect((await again.client.request('GET', '/api/v1/investor/standing')).json()).toMatchObject({ bound: true, boundUnifiedAccounts: [{ unifiedAccountNumber: '189900000001' }] });

    // History is kept: the first user's binding stays, released with its time and reason.
    const [old] = await server.ctx.db.select().from(investorBindings).where(eq(investorBindings.investorUserId, firstUserId));
    expect(old).toMatchObject({ unifiedAccountNumber: '189900000001', status: 'released', endReason: 'user_deregistered' });
    expect(old!.endedAt?.toISOString()).toBe(clock.now().toISOString());
    const released = await server.ctx.db.select().from(auditEntries).where(eq(auditEntries.action, 'investor.unified_account_released'));
    expect(released).toHaveLength(1);
    expect(released[0]).toMatchObject({ objectType: 'unified_account', objectId: '189900000001', details: { bindingId: old!.id, reason: 'user_deregistered' } });
  });

  it('migration 0019 releases the bindings of users deregistered before deregistration released them, at their deregistration time', async () => {
    const db = server.ctx.db;
    const userId = randomUUID();
    const deregisteredAt = new Date('2026-10-01T08:00:00Z');
    const mobile = '13700009999';
    await db.insert(investorUsers).values({
      id: userId,
      mobileEnc: server.ctx.vault.encrypt(mobile),
      mobileHash: server.ctx.vault.lookupHash('mobile', mobile),
      passwordHash: 'x',
      status: 'deregistered',
      deregisteredAt,
      passwordChangedAt: deregisteredAt,
      createdAt: deregisteredAt,
    });
    const bindingId = randomUUID();
    await db.insert(investorBindings).values({ id: bindingId, investorUserId: userId, holderId: randomUUID(), unifiedAccountNumber: '189900009999', method: 'quick', status: 'active', boundAt: deregisteredAt });

    const statements = readFileSync(path.join(migrationsFolder, '0019_binding_release_reason.sql'), 'utf8').split('--> statement-breakpoint');
    await db.execute(sql.raw(statements[1]!));

    const [row] = await db.select().from(investorBindings).where(eq(investorBindings.id, bindingId));
    expect(row).toMatchObject({ status: 'released', endReason: 'user_deregistered' });
    expect(row!.endedAt?.toISOString()).toBe(deregisteredAt.toISOString());
    // The active binding of the live user of the first test is untouched.
    const active = await db.select().from(investorBindings).where(eq(investorBindings.status, 'active'));
    expect(active.map((b) => b.unifiedAccountNumber)).toEqual(['189900000001']);
  });
});
