import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import { investorUsers } from './schema.ts';
import { investorIdentities } from './verification-schema.ts';
import { consumeVerification, startVerification, viewOf, type VerificationView } from './verification.ts';
import { getActiveInvestor } from './investors.ts';

/**
 * Real-name verification (实名认证, manual 000 §一.2.1.2, §二.2.1.2): UnionPay
 * four-element verification of the user; the identity it proves is kept,
 * encrypted, with a look-up hash.
 */

export interface VerifiedIdentity {
  name: string;
  idType: string;
  idNumber: string;
  source: string;
  verifiedAt: Date;
}

export async function verifiedIdentityOf(ctx: AppContext, ex: Executor, investorUserId: string): Promise<VerifiedIdentity | null> {
  const [row] = await ex.select().from(investorIdentities).where(eq(investorIdentities.investorUserId, investorUserId));
  if (!row) return null;
  return { name: row.name, idType: row.idType, idNumber: ctx.vault.decrypt(row.idNumberEnc), source: row.source, verifiedAt: row.verifiedAt };
}

/** Records the user's verified identity in the caller's transaction (real-name, or a binding that proved it). */
export async function recordVerifiedIdentity(ctx: AppContext, ex: Executor, meta: RequestMeta, investorUserId: string, identity: { name: string; idType: string; idNumber: string }, source: 'unionpay' | 'binding') {
  const now = ctx.clock.now();
  await ex.insert(investorIdentities).values({
    investorUserId,
    name: identity.name,
    idType: identity.idType,
    idNumberEnc: ctx.vault.encrypt(identity.idNumber),
    idNumberHash: ctx.vault.lookupHash(`id:${identity.idType}`, identity.idNumber),
    source,
    verifiedAt: now,
  });
  await ex.update(investorUsers).set({ realNameVerifiedAt: now }).where(eq(investorUsers.id, investorUserId));
  await audit(ex, now, meta, {
    actor: { kind: 'investor', id: investorUserId },
    action: 'investor.real_name_verified',
    objectType: 'investor_user',
    objectId: investorUserId,
    details: { source, idType: identity.idType },
  });
}

async function assertNotVerified(ctx: AppContext, ex: Executor, investorUserId: string) {
  const user = await getActiveInvestor(ctx, ex, investorUserId);
  if (user.realNameVerifiedAt) throw new AppError('REAL_NAME_ALREADY');
}

export async function startRealName(ctx: AppContext, meta: RequestMeta, investorUserId: string): Promise<VerificationView> {
  return ctx.db.transaction(async (tx) => {
    await assertNotVerified(ctx, tx, investorUserId);
    return viewOf(ctx, await startVerification(ctx, tx, meta, { investorUserId, purpose: 'real-name', subject: { kind: 'user' } }));
  });
}

/** The final step: consumes the passed UnionPay verification and records the identity it proved. */
export async function completeRealName(ctx: AppContext, meta: RequestMeta, investorUserId: string, verificationId: string) {
  return ctx.db.transaction(async (tx) => {
    await assertNotVerified(ctx, tx, investorUserId);
    const row = await consumeVerification(ctx, tx, meta, { verificationId, investorUserId, purpose: 'real-name', holderId: null });
    const { verifiedName, verifiedIdType, verifiedIdNumberEnc } = row.methodState;
    if (!verifiedName || !verifiedIdType || !verifiedIdNumberEnc) throw new AppError('VERIFY_NOT_PASSED');
    const identity = { name: verifiedName, idType: verifiedIdType, idNumber: ctx.vault.decrypt(verifiedIdNumberEnc) };
    await recordVerifiedIdentity(ctx, tx, meta, investorUserId, identity, 'unionpay');
    return identity;
  });
}
