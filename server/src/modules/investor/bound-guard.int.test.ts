import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { rejection, testContext } from '../../../../test/context.ts';
import { anInvestor } from '../../../../test/registry.ts';
import { investorUsers } from '../identity/index.ts';
import { requireBoundInvestor } from './binding.ts';
import { investorBindings } from './schema.ts';

describeEachDatabase('the bound-investor guard', (getDb) => {
  it('reads the bindings with a query built once per database, then only executed', async () => {
    const ctx = testContext(getDb());
    const holder = await anInvestor(ctx);
    const now = ctx.clock.now();
    const [bound, unbound] = [randomUUID(), randomUUID()];
    for (const id of [bound, unbound]) await ctx.db.insert(investorUsers).values({ id, passwordHash: 'x', status: 'active', passwordChangedAt: now, createdAt: now });
    await ctx.db
      .insert(investorBindings)
      .values({ id: randomUUID(), investorUserId: bound, holderId: holder.holderId, unifiedAccountNumber: holder.unifiedAccount, method: 'quick', verificationId: null, status: 'active', boundAt: now });
    const request = (principalId: string) => ({ session: { id: randomUUID(), principalKind: 'investor', principalId, stepUpUntil: null, createdAt: now } }) as unknown as FastifyRequest;
    await rejection(requireBoundInvestor(ctx, request(randomUUID()))); // builds it, if no test did before
    const select = vi.spyOn(ctx.db, 'select');
    expect((await requireBoundInvestor(ctx, request(bound))).standing).toMatchObject({ holderId: holder.holderId, boundUnifiedAccounts: [{ unifiedAccountNumber: holder.unifiedAccount, method: 'quick' }] });
    expect((await rejection(requireBoundInvestor(ctx, request(unbound)))).code).toBe('INVESTOR_NOT_BOUND');
    expect(select).not.toHaveBeenCalled();
    select.mockRestore();
  });
});
