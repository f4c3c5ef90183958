import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../server/src/context.ts';
import { investorUsers } from '../server/src/modules/identity/index.ts';
import { unifiedAccounts } from '../server/src/modules/registry/index.ts';
import { investorBindings } from '../server/src/modules/investor/index.ts';

/**
 * Arranges a binding without walking the verification flow (binding.int.test.ts
 * and the verify-bind browser tests cover that): an active binding row, as
 * confirmBinding writes it, of the user with this mobile to a unified account.
 */
export async function bindDirectly(ctx: AppContext, mobile: string, unifiedAccountNumber: string): Promise<void> {
  const [user] = await ctx.db
    .select({ id: investorUsers.id })
    .from(investorUsers)
    .where(eq(investorUsers.mobileHash, ctx.vault.lookupHash('mobile', mobile)));
  const [account] = await ctx.db.select({ holderId: unifiedAccounts.holderId }).from(unifiedAccounts).where(eq(unifiedAccounts.number, unifiedAccountNumber));
  if (!user || !account) throw new Error(`bindDirectly: no user ${mobile} or unified account ${unifiedAccountNumber}`);
  await ctx.db
    .insert(investorBindings)
    .values({ id: randomUUID(), investorUserId: user.id, holderId: account.holderId, unifiedAccountNumber, method: 'quick', verificationId: null, status: 'active', boundAt: ctx.clock.now() });
}
