import { randomInt } from 'node:crypto';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type Actor, type RequestMeta } from '../../platform/audit/audit.ts';
import { getActiveInvestor } from './investors.ts';
import { flowNewValue } from './flows.ts';
import type { CardElements } from '../../platform/external/unionpay.ts';
import type { OrderReport } from '../../platform/external/order-reports.ts';
import { holderRegister, sameName } from './ports.ts';
import { isIdType, normaliseIdNumber } from '../../kernel/identifiers.ts';
import { identityVerifications, verificationMachine } from './verification-schema.ts';
import './identity-recovery-errors.ts';
import { tradingVerificationSecurity, type VerificationMethod } from './verification-policy.ts';
import { assertRunnable, countingFailures, ownVerification, passVerification, useMethod, viewOf, type VerificationOwner, type VerificationRow, type VerificationView } from './verification.ts';
import { mask } from '../../kernel/masking.ts';

/**
 * The four identity-verification methods of manual 000 §一.2.1.1 (3): the phone
 * reserved at account opening, UnionPay bank-card verification, a marked order
 * through a trading terminal, and a broker's counter. Each works on any purpose:
 * recovery, profile changes and deregistration reuse them as they are.
 */

const codePurpose = (row: VerificationRow) => `verification:${row.id}`;
const CODE_FAILURES = ['CODE_INVALID', 'CODE_EXPIRED'];
const UNIONPAY_FAILURES = ['UNIONPAY_CARD_UNKNOWN', 'UNIONPAY_MISMATCH', 'UNIONPAY_CARD_STATUS', 'VERIFY_NOT_HOLDER', 'IDREC_DETAILS_MISMATCH', ...CODE_FAILURES];
const DETAIL_FAILURES = ['UNIONPAY_CARD_UNKNOWN', 'UNIONPAY_MISMATCH', 'VERIFY_NOT_HOLDER'];

/**
 * A recovery by identity details (no user yet, §二.3.2.1) answers every mismatch of
 * name, ID and card the same way: 您输入的信息有误，请核对后再试 — it must not tell
 * which of the person's details exist.
 */
async function asDetailsMismatch<T>(row: VerificationRow, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (row.investorUserId === null && error instanceof AppError && DETAIL_FAILURES.includes(error.code)) throw new AppError('IDREC_DETAILS_MISMATCH');
    throw error;
  }
}

/** The investor's attempt, checked up front that it may still run this method. */
async function runnable(ctx: AppContext, owner: VerificationOwner, id: string, method: VerificationMethod) {
  const row = await ownVerification(ctx.db, owner, id);
  assertRunnable(row, ctx.clock.now(), method);
  return row;
}

/**
 * 获取验证码 fixes the chosen method before anything outside is asked, in its own
 * transaction: when the bank refuses the card (or no reserved phone is on file), 下一步
 * then reports that answer again instead of 请先选择身份认证方式, and the person retries
 * or uses 重新选择其他验证方式.
 */
async function chooseMethod(ctx: AppContext, meta: RequestMeta, row: VerificationRow, method: VerificationMethod): Promise<VerificationRow> {
  if (row.method === method) return row;
  return ctx.db.transaction(async (tx) => useMethod(ctx, tx, meta, row, method));
}

// --- 通过手机号认证 / 通过电子邮箱认证 (the user's own registered phone or mailbox) ------------

type OwnCodeMethod = Extract<VerificationMethod, 'user_mobile' | 'user_email'>;

async function ownDestination(ctx: AppContext, row: VerificationRow, method: OwnCodeMethod) {
  if (!row.investorUserId) {
    // a password recovery for an account that names nobody (recovery.ts): the number or address typed
    const typed = row.context.flowId ? await flowNewValue(ctx.db, ctx.clock.now(), row.context.flowId, 'recovery') : null;
    const value = typed ? ctx.vault.decrypt(typed) : null;
    if (!value || value.includes('@') !== (method === 'user_email')) throw new AppError('VERIFY_METHOD_NOT_ALLOWED');
    return { channel: method === 'user_mobile' ? ('sms' as const) : ('email' as const), destination: value };
  }
  const user = await getActiveInvestor(ctx, ctx.db, row.investorUserId);
  const sealed = method === 'user_mobile' ? user.mobileEnc : user.emailEnc;
  if (!sealed) throw new AppError('VERIFY_METHOD_NOT_ALLOWED');
  return { channel: method === 'user_mobile' ? ('sms' as const) : ('email' as const), destination: ctx.vault.decrypt(sealed) };
}

/** 获取验证码: a code to the user's own phone or mailbox, good for this attempt only. */
export async function sendOwnCode(ctx: AppContext, meta: RequestMeta, owner: VerificationOwner, id: string, method: OwnCodeMethod) {
  const row = await runnable(ctx, owner, id, method);
  const { channel, destination } = await ownDestination(ctx, row, method);
  const masked: Record<string, string> = channel === 'sms' ? { mobileMasked: mask('mobile', destination, 'list') } : { emailMasked: mask('email', destination, 'list') };
  return ctx.db.transaction(async (tx) => {
    const updated = await useMethod(ctx, tx, meta, row, method, masked);
    const issued = await ctx.codes.issue(tx, ctx.clock.now(), codePurpose(row), channel, destination);
    const text = `您正在进行用户身份认证，验证码为${issued.code}，${Math.round(issued.expiresInSeconds / 60)}分钟内有效。如非本人操作请忽略。`;
    await ctx.notifier.send(tx, {
      channel,
      destination,
      subject: channel === 'email' ? '用户身份认证验证码' : undefined,
      body: channel === 'sms' ? `【网上营业厅】${text}` : text,
    });
    return { view: viewOf(ctx, updated), expiresInSeconds: issued.expiresInSeconds, resendAfterSeconds: issued.resendAfterSeconds };
  });
}

/** 下一步 with the code sent by sendOwnCode. */
export async function confirmOwnCode(ctx: AppContext, meta: RequestMeta, owner: VerificationOwner, id: string, method: OwnCodeMethod, code: string): Promise<VerificationView> {
  const row = await runnable(ctx, owner, id, method);
  if (row.method !== method) throw new AppError('VERIFY_METHOD_NOT_CHOSEN');
  const { channel, destination } = await ownDestination(ctx, row, method);
  await countingFailures(ctx, meta, row, CODE_FAILURES, () => ctx.codes.verify(ctx.db, ctx.clock.now(), codePurpose(row), channel, destination, code));
  return ctx.db.transaction(async (tx) => viewOf(ctx, await passVerification(ctx, tx, meta, await ownVerification(tx, owner, id, true))));
}

// --- 通过（开户预留）手机号认证 ----------------------------------------------------------------

async function reservedPhone(ctx: AppContext, row: VerificationRow): Promise<string> {
  if (!row.holderId) throw new AppError('VERIFY_METHOD_NOT_ALLOWED');
  const mobile = await holderRegister().reservedPhoneOf(ctx, ctx.db, row.holderId);
  if (!mobile) throw new AppError('VERIFY_NO_RESERVED_PHONE');
  return mobile;
}

export async function sendReservedPhoneCode(ctx: AppContext, meta: RequestMeta, owner: VerificationOwner, id: string) {
  const row = await chooseMethod(ctx, meta, await runnable(ctx, owner, id, 'reserved_phone'), 'reserved_phone');
  const mobile = await reservedPhone(ctx, row);
  return ctx.db.transaction(async (tx) => {
    const updated = await useMethod(ctx, tx, meta, row, 'reserved_phone', { mobileMasked: mask('mobile', mobile, 'list') });
    const issued = await ctx.codes.issue(tx, ctx.clock.now(), codePurpose(row), 'sms', mobile);
    await ctx.notifier.send(tx, {
      channel: 'sms',
      destination: mobile,
      body: `【网上营业厅】您正在进行身份认证，验证码为${issued.code}，${Math.round(issued.expiresInSeconds / 60)}分钟内有效。如非本人操作请忽略。`,
    });
    return { view: viewOf(ctx, updated), expiresInSeconds: issued.expiresInSeconds, resendAfterSeconds: issued.resendAfterSeconds };
  });
}

export async function confirmReservedPhone(ctx: AppContext, meta: RequestMeta, owner: VerificationOwner, id: string, code: string): Promise<VerificationView> {
  const row = await runnable(ctx, owner, id, 'reserved_phone');
  if (row.method !== 'reserved_phone') throw new AppError('VERIFY_METHOD_NOT_CHOSEN');
  const mobile = await reservedPhone(ctx, row);
  await countingFailures(ctx, meta, row, CODE_FAILURES, () => ctx.codes.verify(ctx.db, ctx.clock.now(), codePurpose(row), 'sms', mobile, code));
  return ctx.db.transaction(async (tx) => viewOf(ctx, await passVerification(ctx, tx, meta, await ownVerification(tx, owner, id, true))));
}

// --- 通过银联身份认证 ------------------------------------------------------------------------

/**
 * For a holder subject the card must be the holder's own: same name and resident ID;
 * for a verified identity (recovery, profile changes) the identity's own.
 */
async function assertCardholderIsSubject(ctx: AppContext, row: VerificationRow, elements: CardElements) {
  const idNumber = normaliseIdNumber('resident_id', elements.idNumber, ctx.clock.now());
  if (row.holderId) {
    const holder = await holderRegister().holderFacts(ctx, ctx.db, row.holderId);
    if (holder.idType !== 'resident_id' || holder.idNumber !== idNumber || !sameName(holder.name, elements.name)) throw new AppError('VERIFY_NOT_HOLDER');
    return;
  }
  if (!row.subjectIdHash || !row.subjectNameEnc) return;
  if (row.subjectIdHash !== ctx.vault.lookupHash('id:resident_id', idNumber) || !sameName(ctx.vault.decrypt(row.subjectNameEnc), elements.name)) throw new AppError('VERIFY_NOT_HOLDER');
}

export async function requestUnionPayCode(ctx: AppContext, meta: RequestMeta, owner: VerificationOwner, id: string, elements: CardElements) {
  const row = await chooseMethod(ctx, meta, await runnable(ctx, owner, id, 'unionpay'), 'unionpay');
  return countingFailures(ctx, meta, row, UNIONPAY_FAILURES, () =>
    asDetailsMismatch(row, async () => {
      await assertCardholderIsSubject(ctx, row, elements);
      return ctx.db.transaction(async (tx) => {
        const updated = await useMethod(ctx, tx, meta, row, 'unionpay');
        const sent = await ctx.external.unionPay.requestCode(tx, elements);
        const withPhone = await useMethod(ctx, tx, meta, updated, 'unionpay', { mobileMasked: sent.mobileMasked });
        return { view: viewOf(ctx, withPhone), expiresInSeconds: sent.expiresInSeconds, resendAfterSeconds: sent.resendAfterSeconds };
      });
    }),
  );
}

export async function confirmUnionPay(ctx: AppContext, meta: RequestMeta, owner: VerificationOwner, id: string, elements: CardElements, code: string): Promise<VerificationView> {
  const row = await runnable(ctx, owner, id, 'unionpay');
  if (row.method !== 'unionpay') throw new AppError('VERIFY_METHOD_NOT_CHOSEN');
  const holderOk = () => assertCardholderIsSubject(ctx, row, elements);
  const cardholder = await countingFailures(ctx, meta, row, UNIONPAY_FAILURES, () =>
    asDetailsMismatch(row, async () => {
      await holderOk();
      return ctx.external.unionPay.confirm(ctx.db, elements, code);
    }),
  );
  return ctx.db.transaction(async (tx) => {
    const locked = await ownVerification(tx, owner, id, true);
    const passed = await passVerification(ctx, tx, meta, locked, {
      cardMasked: cardholder.cardMasked,
      verifiedName: cardholder.name,
      verifiedIdType: 'resident_id',
      verifiedIdNumberEnc: ctx.vault.encrypt(cardholder.idNumber),
    });
    return viewOf(ctx, passed);
  });
}

// --- 通过交易报盘身份认证 ----------------------------------------------------------------------

const TRADING_PRICE = '1.000';
const tradingCodeHash = (ctx: AppContext, holderId: string, code: string) => ctx.vault.lookupHash('trading-code', `${holderId}:${code}`);

/** Gives the investor a code to place as the quantity of a marked buy order; the row waits for the report. */
export async function startTradingVerification(ctx: AppContext, meta: RequestMeta, owner: VerificationOwner, id: string): Promise<VerificationView> {
  return ctx.db.transaction(async (tx) => {
    const row = await ownVerification(tx, owner, id, true);
    if (row.method === 'trading' && row.status === 'pending') return viewOf(ctx, row);
    if (!row.holderId) throw new AppError('VERIFY_METHOD_NOT_ALLOWED');
    const code = String(randomInt(100_000, 1_000_000));
    const now = ctx.clock.now();
    const updated = await useMethod(
      ctx,
      tx,
      meta,
      row,
      'trading',
      { tradingCodeEnc: ctx.vault.encrypt(code), tradingPrice: TRADING_PRICE, securityCodeSH: tradingVerificationSecurity.SH, securityCodeSZ: tradingVerificationSecurity.SZ },
      { status: verificationMachine.next(row.status, 'await'), codeHash: tradingCodeHash(ctx, row.holderId, code), expiresAt: new Date(now.getTime() + ctx.config.tradingVerificationHours * 3_600_000) },
    );
    return viewOf(ctx, updated);
  });
}

/**
 * An exchange order report arrives (sandbox: the integration API or the command
 * line). A buy of the market's verification security, from an account of the
 * subject, with a pending code as its quantity, passes that verification.
 */
export async function receiveOrderReport(ctx: AppContext, meta: RequestMeta, actor: Actor, report: OrderReport) {
  return ctx.db.transaction(async (tx) => {
    const recorded = await ctx.external.orderReports.record(tx, report);
    await audit(tx, recorded.receivedAt, meta, {
      actor,
      action: 'exchange.order_report_received',
      objectType: 'order_report',
      objectId: recorded.id,
      details: { market: recorded.market, securityCode: recorded.securityCode },
    });
    const owner = await holderRegister().securitiesAccountOwner(tx, recorded.securitiesAccountNumber);
    const marked = recorded.side === 'buy' && recorded.securityCode === tradingVerificationSecurity[recorded.market];
    if (!owner || !marked) return { reportId: recorded.id, passedVerifications: 0 };
    const now = ctx.clock.now();
    const waiting = await tx
      .select()
      .from(identityVerifications)
      .where(
        and(
          eq(identityVerifications.holderId, owner.holderId),
          eq(identityVerifications.method, 'trading'),
          eq(identityVerifications.status, 'pending'),
          eq(identityVerifications.codeHash, tradingCodeHash(ctx, owner.holderId, recorded.quantity)),
          gt(identityVerifications.expiresAt, now),
        ),
      )
      .for('update');
    for (const row of waiting) {
      await passVerification(ctx, tx, meta, row, { matchedReportId: recorded.id, matchedAccount: recorded.securitiesAccountNumber }, actor);
    }
    return { reportId: recorded.id, passedVerifications: waiting.length };
  });
}

// --- 通过临柜身份认证 --------------------------------------------------------------------------

/** The investor asks to be verified at a broker's counter; a counter clerk decides in /broker/. */
export async function requestCounterVerification(ctx: AppContext, meta: RequestMeta, owner: VerificationOwner, id: string): Promise<VerificationView> {
  return ctx.db.transaction(async (tx) => {
    const row = await ownVerification(tx, owner, id, true);
    if (row.method === 'counter' && row.status === 'pending') return viewOf(ctx, row);
    if (!row.holderId) throw new AppError('VERIFY_METHOD_NOT_ALLOWED');
    const now = ctx.clock.now();
    const updated = await useMethod(ctx, tx, meta, row, 'counter', {}, { status: verificationMachine.next(row.status, 'await'), expiresAt: new Date(now.getTime() + ctx.config.tradingVerificationHours * 3_600_000) });
    return viewOf(ctx, updated);
  });
}

export interface CounterRequest {
  id: string;
  name: string;
  idType: string;
  purpose: string;
  requestedAt: string;
  expiresAt: string;
}

/** Pending counter requests of the person in front of the clerk, found by name and ID (checked in person). */
export async function pendingCounterRequests(ctx: AppContext, who: { name: string; idType: string; idNumber: string }): Promise<CounterRequest[]> {
  if (!isIdType(who.idType)) return [];
  const idNumber = normaliseIdNumber(who.idType, who.idNumber, ctx.clock.now());
  const rows = await ctx.db
    .select()
    .from(identityVerifications)
    .where(
      and(
        eq(identityVerifications.method, 'counter'),
        eq(identityVerifications.status, 'pending'),
        eq(identityVerifications.subjectIdHash, ctx.vault.lookupHash(`id:${who.idType}`, idNumber)),
        gt(identityVerifications.expiresAt, ctx.clock.now()),
      ),
    )
    .orderBy(identityVerifications.createdAt)
    .limit(50);
  return rows
    .filter((r) => r.subjectNameEnc && sameName(ctx.vault.decrypt(r.subjectNameEnc), who.name))
    .map((r) => ({ id: r.id, name: ctx.vault.decrypt(r.subjectNameEnc!), idType: r.subject.idType ?? '', purpose: r.purpose, requestedAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString() }));
}

/** The clerk confirms (the verification passes) or refuses (it fails) a pending counter request. */
export async function decideCounterRequest(ctx: AppContext, meta: RequestMeta, actor: Actor & { id: string }, id: string, decision: 'confirm' | 'refuse'): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx.select().from(identityVerifications).where(eq(identityVerifications.id, id)).for('update');
    if (!row || row.method !== 'counter' || !verificationMachine.can(row.status, 'refuse') || row.expiresAt <= now) throw new AppError('VERIFY_NOT_PENDING');
    await tx.update(identityVerifications).set({ decidedBy: actor.id }).where(eq(identityVerifications.id, id));
    if (decision === 'confirm') {
      await passVerification(ctx, tx, meta, row, { counterDecision: 'confirmed' }, actor);
      return;
    }
    await tx
      .update(identityVerifications)
      .set({ status: verificationMachine.next(row.status, 'refuse'), methodState: sql`${identityVerifications.methodState} || '{"counterDecision":"refused"}'::jsonb` })
      .where(and(eq(identityVerifications.id, id), inArray(identityVerifications.status, verificationMachine.sourcesOf('refuse'))));
    await audit(tx, now, meta, { actor, action: 'verification.counter_refused', objectType: 'identity_verification', objectId: id });
  });
}
