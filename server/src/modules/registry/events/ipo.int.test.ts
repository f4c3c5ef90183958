import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { rejection, testContext, type TestContext } from '../../../../../test/context.ts';
import { anInvestor, aSecurity, issue, type TestInvestor } from '../../../../../test/registry.ts';
import { giveQuota, weekdays } from '../../../../../test/ipo.ts';
import { subscriptionQuotas } from './subscription-quotas.ts';
import type { AppError } from '../../../platform/errors.ts';
import { openSecuritiesAccount } from '../ledger/index.ts';
import { abandonmentRecords, subscriptionEligibility } from './abandonments.ts';
import { importEventBatch, type EventImportKind } from './event-imports.ts';
import { createOffering, drawLottery } from './ipo-offerings.ts';
import { ipoAllotments } from './ipo-queries.ts';
import { countWinning } from './ipo-rules.ts';
import { riskDisclosureSignings } from './risk-disclosures.ts';
import { eventImports } from './event-imports.ts';

const meta = { requestId: 'test' };
const actor = { kind: 'system' as const };
let serial = Math.floor(Math.random() * 500);
const code = (prefix: '603' | '688' | '301' | '001') => `${prefix}${String(++serial % 1000).padStart(3, '0')}`;
const batch = (name: string) => `${name}-${++serial}`;

function load(ctx: TestContext, kind: EventImportKind, batchId: string, lines: string[]) {
  const file = [eventImports[kind].columns.join(','), ...lines].join('\n');
  return importEventBatch(ctx, meta, actor, kind, { batchId, stream: Readable.from([file]) });
}

const linesOf = (error: AppError) => (error.details.errors as { line: number; reason: string; detail?: string }[]).map((e) => [e.line, e.reason, e.detail]);

async function aCreditAccount(ctx: TestContext, investor: TestInvestor, market: 'SH' | 'SZ'): Promise<string> {
  const number = market === 'SH' ? `A9${investor.shAccount.slice(2)}` : `019${investor.szAccount.slice(3)}`;
  await openSecuritiesAccount(ctx.db, { holderId: investor.holderId, unifiedAccountNumber: investor.unifiedAccount, number, kind: 'credit' }, { agent: 'B01866', method: 'online', on: '2021-01-04' });
  return number;
}

describeEachDatabase('IPO subscriptions, lottery, abandonments and risk disclosures', (getDb) => {
  it('numbers subscriptions consecutively in order of arrival, as ranges, across batches, once', async () => {
    const ctx = testContext(getDb());
    const offering = await createOffering(ctx, meta, actor, { market: 'SH', securityCode: code('603'), name: '演示新材', issuePrice: '12.3400', subscriptionDate: '2026-11-02' });
    expect(offering).toMatchObject({ board: 'main', unitShares: '1000', sharesPerNumber: '1000', firstNumber: '100000001', status: 'subscribing' });
    const [a, b, c] = [await anInvestor(ctx), await anInvestor(ctx), await anInvestor(ctx)];
    for (const inv of [a, b, c]) await giveQuota(ctx, 'SH', inv.shAccount, 20_000n);
    const id = batch('SUB');
    const lines = [
      `${offering.securityCode},${a.shAccount},5000,3,2026-11-02 09:31:00`,
      `${offering.securityCode},${b.shAccount},12000,1,2026-11-02 09:30:00`,
      `${offering.securityCode},${c.shAccount},1000,2,2026-11-02T09:30:00+08:00`,
    ];
    expect(await load(ctx, 'ipo-subscriptions', id, lines)).toEqual({ status: 'applied', batchId: id, rows: 3 });
    const range = async (inv: TestInvestor) => (await ipoAllotments(ctx, { holderId: inv.holderId }))[0]!;
    expect(await range(b)).toMatchObject({ firstNumber: '100000001', numberCount: '12', lastNumber: '100000012', drawn: false, winningCount: null });
    expect(await range(c)).toMatchObject({ firstNumber: '100000013', numberCount: '1' });
    expect(await range(a)).toMatchObject({ firstNumber: '100000014', numberCount: '5', lastNumber: '100000018' });

    // the same batch again changes nothing; its id with other content is refused
    expect(await load(ctx, 'ipo-subscriptions', id, lines)).toMatchObject({ status: 'already_applied', rows: 3 });
    expect((await rejection(load(ctx, 'ipo-subscriptions', id, lines.slice(0, 2)))).code).toBe('BATCH_ID_REUSED');

    // a later batch continues after the numbers already given
    const d = await anInvestor(ctx);
    await giveQuota(ctx, 'SH', d.shAccount, 2000n);
    await load(ctx, 'ipo-subscriptions', batch('SUB'), [`${offering.securityCode},${d.shAccount},2000,9,2026-11-02 10:00:00`]);
    expect(await range(d)).toMatchObject({ firstNumber: '100000019', numberCount: '2' });
  });

  it('rejects a subscription batch by line with reasons and applies nothing', async () => {
    const ctx = testContext(getDb());
    const sh = await createOffering(ctx, meta, actor, { market: 'SH', securityCode: code('603'), name: '演示精工', issuePrice: '8.88', subscriptionDate: '2026-11-03' });
    const sz = await createOffering(ctx, meta, actor, { market: 'SZ', securityCode: code('301'), name: '演示科技', issuePrice: '20', subscriptionDate: '2026-11-03' });
    const [a, b, c] = [await anInvestor(ctx), await anInvestor(ctx), await anInvestor(ctx)];
    const credit = await aCreditAccount(ctx, b, 'SZ');
    for (const inv of [a, b, c]) await giveQuota(ctx, 'SH', inv.shAccount, 10_000n);
    await giveQuota(ctx, 'SZ', a.szAccount, 10_000n);
    await load(ctx, 'ipo-subscriptions', batch('SUB'), [`${sh.securityCode},${b.shAccount},1000,1,2026-11-03 09:30:00`]);
    const error = await rejection(
      load(ctx, 'ipo-subscriptions', batch('SUB'), [
        `${sh.securityCode},${a.shAccount},3000,1,2026-11-03 09:30:00`, // 2: good
        `${sh.securityCode},${a.szAccount},1000,2,2026-11-03 09:30:00`, // 3: Shenzhen account, Shanghai offering
        `${sh.securityCode},A000000001,1000,3,2026-11-03 09:30:00`, // 4: no such account
        `${sh.securityCode},${c.shAccount},1500,4,2026-11-03 09:30:00`, // 5: not a multiple of 1,000
        `${sz.securityCode},${a.szAccount},1500,5,2026-11-03 09:30:00`, // 6: good: 500 a unit in Shenzhen
        `${sz.securityCode},${a.szAccount},500,6,2026-11-03 09:31:00`, // 7: second subscription of the account: invalid, not refused
        `${sh.securityCode},${b.shAccount},1000,7,2026-11-03 09:30:00`, // 8: subscribed in an earlier batch: likewise
        `999999,${b.szAccount},500,8,2026-11-03 09:30:00`, // 9: no such offering
        `${sz.securityCode},${credit},0,9,2026-11-03 09:30:00`, // 10: zero
        `${sz.securityCode},${credit},500,10,2026-11-03 25:00:00`, // 11: no such time
      ]),
    );
    expect(error.code).toBe('BATCH_REJECTED');
    expect(linesOf(error)).toEqual([
      [10, 'QUANTITY_FORMAT', '0'],
      [11, 'ORDER_TIME_FORMAT', '2026-11-03 25:00:00'],
    ]);
    const sqlChecked = await rejection(
      load(ctx, 'ipo-subscriptions', batch('SUB'), [
        `${sh.securityCode},${a.shAccount},3000,1,2026-11-03 09:30:00`,
        `${sh.securityCode},${a.szAccount},1000,2,2026-11-03 09:30:00`,
        `${sh.securityCode},A000000001,1000,3,2026-11-03 09:30:00`,
        `${sh.securityCode},${c.shAccount},1500,4,2026-11-03 09:30:00`,
        `${sz.securityCode},${a.szAccount},1500,5,2026-11-03 09:30:00`,
        `${sz.securityCode},${a.szAccount},500,6,2026-11-03 09:31:00`,
        `${sh.securityCode},${b.shAccount},1000,7,2026-11-03 09:30:00`,
        `999999,${b.szAccount},500,8,2026-11-03 09:30:00`,
      ]),
    );
    expect(linesOf(sqlChecked)).toEqual([
      [3, 'MARKET_MISMATCH', 'SZ'],
      [4, 'UNKNOWN_ACCOUNT', undefined],
      [5, 'QUANTITY_UNIT', '1000'],
      [9, 'UNKNOWN_OFFERING', undefined],
    ]);
    expect(await ipoAllotments(ctx, { holderId: a.holderId })).toEqual([]);
    expect((await rejection(load(ctx, 'ipo-subscriptions', batch('SUB'), []))).code).toBe('BATCH_FILE_INVALID');
    const header = await rejection(importEventBatch(ctx, meta, actor, 'ipo-subscriptions', { batchId: batch('SUB'), stream: Readable.from(['code,account\n1,2']) }));
    expect(linesOf(header)[0]).toEqual([1, 'HEADER', eventImports['ipo-subscriptions'].columns.join(',')]);
  });

  it('draws the lottery from winning tails, lists the winning numbers, and turns unpaid winnings into abandonments', async () => {
    const ctx = testContext(getDb());
    const offering = await createOffering(ctx, meta, actor, { market: 'SZ', securityCode: code('001'), name: '演示电气', issuePrice: '9.5', subscriptionDate: '2026-10-12' });
    const investors = [await anInvestor(ctx), await anInvestor(ctx), await anInvestor(ctx)];
    for (const inv of investors) await giveQuota(ctx, 'SZ', inv.szAccount, 50_000n);
    // ranges: 100000001-100000040 (40), 100000041-100000140 (100), 100000141-100000145 (5)
    await load(ctx, 'ipo-subscriptions', batch('SUB'), [
      `${offering.securityCode},${investors[0]!.szAccount},20000,1,2026-10-12 09:30:00`,
      `${offering.securityCode},${investors[1]!.szAccount},50000,2,2026-10-12 09:30:01`,
      `${offering.securityCode},${investors[2]!.szAccount},2500,3,2026-10-12 09:30:02`,
    ]);
    const tails = ['7', '37', '0042', '144'];
    const tailBatch = batch('TAIL');
    const tailLines = tails.map((t) => `${offering.securityCode},${t}`);
    expect(await load(ctx, 'ipo-winning-tails', tailBatch, tailLines)).toMatchObject({ status: 'applied', rows: 4 });
    const first = (await ipoAllotments(ctx, { holderId: investors[0]!.holderId }))[0]!;
    // 100000001-100000040 ending in 7: 07, 17, 27, 37 (37 is also a tail: once); 0042 is outside
    expect(first).toMatchObject({ drawn: true, winningCount: '4', winningQuantity: '2000', winningNumbers: ['100000007', '100000017', '100000027', '100000037'] });
    const second = (await ipoAllotments(ctx, { holderId: investors[1]!.holderId }))[0]!;
    expect(second.winningNumbers).toEqual(['100000042', ...Array.from({ length: 10 }, (_, i) => String(100000047 + 10 * i))]);
    expect(second.winningCount).toBe(String(countWinning(100000041n, 100n, tails)));
    const third = (await ipoAllotments(ctx, { holderId: investors[2]!.holderId }))[0]!;
    expect(third).toMatchObject({ winningCount: '1', winningNumbers: ['100000144'] });
    // drawn once only
    expect((await rejection(drawLottery(ctx, meta, actor, { offeringId: offering.id, tails: ['1'] }))).code).toBe('IPO_ALREADY_DRAWN');
    expect(linesOf(await rejection(load(ctx, 'ipo-winning-tails', batch('TAIL'), [`${offering.securityCode},9`, `${offering.securityCode},x1`])))).toEqual([[3, 'TAIL_FORMAT', 'x1']]);
    expect(linesOf(await rejection(load(ctx, 'ipo-winning-tails', batch('TAIL'), [`${offering.securityCode},9`])))).toEqual([[2, 'OFFERING_DRAWN', undefined]]);

    const stranger = await anInvestor(ctx);
    const bad = await rejection(
      load(ctx, 'ipo-payments', batch('PAY'), [
        `${offering.securityCode},${investors[0]!.szAccount},2500,2026-10-14`, // more than won
        `${offering.securityCode},${stranger.szAccount},0,2026-10-14`, // no subscription
        `${offering.securityCode},${investors[2]!.szAccount},0,2026-10-01`, // before the subscription date
      ]),
    );
    expect(linesOf(bad)).toEqual([
      [2, 'PAID_MORE_THAN_WON', '2000'],
      [3, 'NO_SUBSCRIPTION', undefined],
      [4, 'REPORTED_BEFORE_SUBSCRIPTION', undefined],
    ]);
    const pay = batch('PAY');
    const payLines = [
      `${offering.securityCode},${investors[0]!.szAccount},2000,2026-10-14`,
      `${offering.securityCode},${investors[1]!.szAccount},3000,2026-10-14`,
      `${offering.securityCode},${investors[2]!.szAccount},0,2026-10-14`,
    ];
    expect(await load(ctx, 'ipo-payments', pay, payLines)).toMatchObject({ status: 'applied', rows: 3 });
    expect(await load(ctx, 'ipo-payments', pay, payLines)).toMatchObject({ status: 'already_applied' });
    expect((await ipoAllotments(ctx, { holderId: investors[0]!.holderId }))[0]!.payment).toEqual({ result: 'paid_full', paidQuantity: '2000', reportedOn: '2026-10-14' });
    expect((await ipoAllotments(ctx, { holderId: investors[1]!.holderId }))[0]!.payment).toMatchObject({ result: 'paid_part' });
    expect(await abandonmentRecords(ctx, { holderId: investors[0]!.holderId })).toEqual([]);
    expect(await abandonmentRecords(ctx, { holderId: investors[1]!.holderId })).toMatchObject([
      {
        accountNumber: investors[1]!.szAccount,
        market: 'SZ',
        productType: 'new_share',
        securityCode: offering.securityCode,
        securityName: '演示电气',
        winningQuantity: '5500',
        abandonedQuantity: '2500',
        reportedOn: '2026-10-14',
      },
    ]);
    expect(await abandonmentRecords(ctx, { holderId: investors[2]!.holderId })).toMatchObject([{ winningQuantity: '500', abandonedQuantity: '500' }]);
    expect(linesOf(await rejection(load(ctx, 'ipo-payments', batch('PAY'), [payLines[2]!])))).toEqual([[2, 'ALREADY_REPORTED', undefined]]);
  });

  it('bars a holder after three abandonments in a market, ordinary and credit accounts together, and refuses their subscriptions', async () => {
    const ctx = testContext(getDb());
    const inv = await anInvestor(ctx);
    const credit = await aCreditAccount(ctx, inv, 'SZ');
    const other = await anInvestor(ctx);
    const lines = [
      `${inv.szAccount},new_share,${code('301')},演示甲,500,500,2025-12-01`,
      `${credit},convertible_bond,${code('001')},演示转债,10,10,2026-03-15`,
      `${inv.shAccount},cdr,${code('688')},演示存托,500,500,2026-04-01`,
      `${inv.szAccount},exchangeable_bond,${code('001')},演示EB,10,5,2026-06-30`,
    ];
    const id = batch('ABN');
    expect(await load(ctx, 'abandonments', id, lines)).toMatchObject({ status: 'applied', rows: 4 });
    expect(await load(ctx, 'abandonments', id, lines)).toMatchObject({ status: 'already_applied' });
    const sz = await subscriptionEligibility(ctx, { holderId: inv.holderId, market: 'SZ', date: '2026-07-01' });
    // 180 calendar days from 2026-07-01: 31 + 31 + 30 + 31 + 30 = 153 to the end of November, then 27 of December
    expect(sz).toMatchObject({ eligible: false, bar: { startOn: '2026-07-01', endOn: '2026-12-27' } });
    expect(sz.bar!.abandonments.map((a) => a.accountNumber)).toEqual([inv.szAccount, credit, inv.szAccount]);
    expect(await subscriptionEligibility(ctx, { holderId: inv.holderId, market: 'SZ', date: '2026-06-30' })).toMatchObject({ eligible: true, bar: null });
    expect(await subscriptionEligibility(ctx, { holderId: inv.holderId, market: 'SZ', date: '2026-12-27' })).toMatchObject({ eligible: false });
    expect(await subscriptionEligibility(ctx, { holderId: inv.holderId, market: 'SZ', date: '2026-12-28' })).toMatchObject({ eligible: true });
    // Shanghai counts apart: one abandonment there
    const sh = await subscriptionEligibility(ctx, { holderId: inv.holderId, market: 'SH', date: '2026-07-01' });
    expect(sh).toMatchObject({ eligible: true, bar: null });
    expect(sh.counting).toHaveLength(1);
    expect((await rejection(subscriptionEligibility(ctx, { holderId: '00000000-0000-4000-8000-000000000000', market: 'SZ', date: '2026-07-01' }))).code).toBe('HOLDER_NOT_FOUND');

    const offering = await createOffering(ctx, meta, actor, { market: 'SZ', securityCode: code('301'), name: '演示医疗', issuePrice: '30', subscriptionDate: '2026-08-03' });
    const refused = await rejection(
      load(ctx, 'ipo-subscriptions', batch('SUB'), [`${offering.securityCode},${other.szAccount},500,1,2026-08-03 09:30:00`, `${offering.securityCode},${credit},500,2,2026-08-03 09:30:00`]),
    );
    expect(linesOf(refused)).toEqual([[3, 'BARRED', '2026-07-01..2026-12-27']]);

    const bad = await rejection(load(ctx, 'abandonments', batch('ABN'), [`${inv.szAccount},new_share,123456,演示乙,500,600,2026-01-01`, `${inv.szAccount},warrant,123456,演示乙,500,500,2026-01-01`]));
    expect(linesOf(bad)).toEqual([
      [2, 'ABANDONED_MORE_THAN_WON', undefined],
      [3, 'PRODUCT_TYPE', 'warrant'],
    ]);
    const dup = await rejection(load(ctx, 'abandonments', batch('ABN'), [lines[0]!, `0100000000,new_share,123456,演示丙,500,500,2026-01-01`, `${other.szAccount},new_share,123456,演示丙,500,500,2099-01-01`]));
    expect(linesOf(dup)).toEqual([
      [2, 'ALREADY_RECORDED', undefined],
      [3, 'UNKNOWN_ACCOUNT', undefined],
      [4, 'DATE_IN_FUTURE', undefined],
    ]);
    expect(await abandonmentRecords(ctx, { holderId: inv.holderId, accountNumber: credit })).toHaveLength(1);
    expect(await abandonmentRecords(ctx, { holderId: inv.holderId, from: '2026-03-01', to: '2026-04-30' })).toHaveLength(2);
  });

  it('counts every market together when the bar is not per market', async () => {
    const ctx = testContext(getDb(), { abandonBarPerMarket: false });
    const inv = await anInvestor(ctx);
    await load(ctx, 'abandonments', batch('ABN'), [
      `${inv.szAccount},new_share,${code('301')},演示甲,500,500,2026-01-05`,
      `${inv.shAccount},new_share,${code('603')},演示乙,1000,1000,2026-02-05`,
      `${inv.shAccount},new_share,${code('688')},演示丙,500,500,2026-03-05`,
    ]);
    expect(await subscriptionEligibility(ctx, { holderId: inv.holderId, market: 'SZ', date: '2026-03-06' })).toMatchObject({ eligible: false, bar: { startOn: '2026-03-06', endOn: '2026-09-01' } }); // 26 + 30 + 31 + 30 + 31 + 31 = 179 to August, the 180th on 09-01
  });

  it('one investor, one valid subscription: the first by arrival, within the quota counted over all their accounts; the rest invalid with a reason and no numbers', async () => {
    const ctx = testContext(getDb());
    const offering = await createOffering(ctx, meta, actor, { market: 'SH', securityCode: code('603'), name: '演示唯一', issuePrice: '10', subscriptionDate: '2026-11-09' });
    const [x, y, z] = [await anInvestor(ctx, '测试张三'), await anInvestor(ctx), await anInvestor(ctx)];
    const xCredit = await aCreditAccount(ctx, x, 'SH');
    await giveQuota(ctx, 'SH', x.shAccount, 5000n);
    await giveQuota(ctx, 'SH', xCredit, 3000n); // the quota counts both accounts: 8,000
    await giveQuota(ctx, 'SH', y.shAccount, 2000n);
    await giveQuota(ctx, 'SH', z.shAccount, 2000n);
    const c = offering.securityCode;
    expect(
      await load(ctx, 'ipo-subscriptions', batch('SUB'), [
        `${c},${y.shAccount},3000,1,2026-11-09 09:30:00`, // above its quota of 2,000
        `${c},${xCredit},8000,2,2026-11-09 09:30:01`, // x's first: valid, 8 numbers
        `${c},${x.shAccount},1000,3,2026-11-09 09:30:02`, // x again through another account
        `${c},${z.shAccount},2000,4,2026-11-09 09:30:03`, // valid, 2 numbers
        `${c},${z.shAccount},1000,5,2026-11-09 09:30:04`, // z's account again
        `${c},${y.shAccount},1000,6,2026-11-09 09:30:05`, // y's account again: its first was invalid, this is still a repeat
      ]),
    ).toMatchObject({ status: 'applied', rows: 6 });
    await load(ctx, 'ipo-subscriptions', batch('SUB'), [`${c},${x.shAccount},1000,7,2026-11-09 10:00:00`]); // x in a later batch
    const view = async (inv: TestInvestor) =>
      (await ipoAllotments(ctx, { holderId: inv.holderId })).map((v) => [v.accountNumber, v.subscribedQuantity, v.valid, v.invalidReason, v.quota, v.firstNumber, v.numberCount, v.lastNumber]);
    expect(await view(x)).toEqual([
      [x.shAccount, '1000', false, 'DUPLICATE_INVESTOR', '8000', null, '0', null],
      [x.shAccount, '1000', false, 'DUPLICATE_ACCOUNT', '8000', null, '0', null], // the later batch: this account had subscribed
      [xCredit, '8000', true, null, '8000', '100000001', '8', '100000008'],
    ]);
    expect(await view(y)).toEqual([
      [y.shAccount, '3000', false, 'ABOVE_QUOTA', '2000', null, '0', null],
      [y.shAccount, '1000', false, 'DUPLICATE_ACCOUNT', '2000', null, '0', null],
    ]);
    expect(await view(z)).toEqual([
      [z.shAccount, '2000', true, null, '2000', '100000009', '2', '100000010'],
      [z.shAccount, '1000', false, 'DUPLICATE_ACCOUNT', '2000', null, '0', null],
    ]);
    // the lottery and payments see only the valid ones
    expect(await drawLottery(ctx, meta, actor, { offeringId: offering.id, tails: ['0'] })).toMatchObject({ winningAccounts: 1, winningNumbers: '1' });
    expect((await ipoAllotments(ctx, { holderId: y.holderId })).map((v) => v.winningCount)).toEqual([null, null]);
    expect(linesOf(await rejection(load(ctx, 'ipo-payments', batch('PAY'), [`${c},${y.shAccount},0,2026-11-11`])))).toEqual([[2, 'NO_SUBSCRIPTION', undefined]]);
  });

  it('imports closing prices once per market and day, with per-line errors, and counts the quota over the 20 trading days to T−2', async () => {
    const ctx = testContext(getDb());
    const inv = await anInvestor(ctx);
    const held = await aSecurity(ctx, { market: 'SZ', code: '300901' });
    const other = await aSecurity(ctx, { market: 'SZ', code: '300902' });
    await issue(ctx, held, inv.szAccount, 4000n, '2025-03-17');
    // 21 weekdays of March 2025; 300901 has no price on 03-17 (suspended): the day is a trading day all the same (300902 is priced)
    const march = weekdays('2025-03-03', '2025-03-31');
    const priceLines = march.flatMap((d) => [...(d === '2025-03-17' ? [] : [`SZ,${d},${held.code},12.50`]), `SZ,${d},${other.code},3.2100`]);
    const id = batch('PRICE');
    expect(await load(ctx, 'closing-prices', id, priceLines)).toMatchObject({ status: 'applied', rows: 41 });
    expect(await load(ctx, 'closing-prices', id, priceLines)).toMatchObject({ status: 'already_applied' });
    expect(linesOf(await rejection(load(ctx, 'closing-prices', batch('PRICE'), [`SZ,2025-03-31,${held.code},12.60`, `SZ,2025-04-01,${held.code},12.60`])))).toEqual([[2, 'DAY_ALREADY_IMPORTED', id]]);
    const formats = await rejection(
      load(ctx, 'closing-prices', batch('PRICE'), [`BJ,2025-04-01,${held.code},1`, `SZ,2025-02-30,${held.code},1`, `SZ,2025-04-01,30090,1`, `SZ,2025-04-01,${held.code},0.00`, `SZ,2025-04-01,${held.code},1.23456`]),
    );
    expect(linesOf(formats)).toEqual([
      [2, 'MARKET_FORMAT', 'BJ'],
      [3, 'DATE_FORMAT', '2025-02-30'],
      [4, 'SECURITY_FORMAT', '30090'],
      [5, 'PRICE_FORMAT', '0.00'],
      [6, 'PRICE_FORMAT', '1.23456'],
    ]);
    expect(linesOf(await rejection(load(ctx, 'closing-prices', batch('PRICE'), [`SZ,2025-04-01,${held.code},1`, `SZ,2025-04-01,${held.code},1.1`])))).toEqual([[3, 'DUPLICATE_IN_FILE', '2']]);
    // T = 04-01: T−1 = 03-31, the window 03-03 … 03-28; held from 03-17 (priced at the carried 12.50): 10 days × 50,000 ÷ 20 = 25,000
    const quotas = await subscriptionQuotas(ctx, { market: 'SZ', board: 'chinext', subscriptionDate: '2025-04-01', holderIds: [inv.holderId] });
    expect(quotas.get(inv.holderId)).toBe(2500n);
    // T = 03-31: the window is 03-03 … 03-27, held 9 days: 450,000 ÷ 20 = 22,500 → 4 steps
    expect((await subscriptionQuotas(ctx, { market: 'SZ', board: 'main', subscriptionDate: '2025-03-31', holderIds: [inv.holderId] })).get(inv.holderId)).toBe(2000n);
    // Shanghai has no prices in March 2025: nothing to count
    expect((await subscriptionQuotas(ctx, { market: 'SH', board: 'main', subscriptionDate: '2025-04-01', holderIds: [inv.holderId] })).get(inv.holderId)).toBe(0n);
  });

  it('records risk-disclosure signings from brokers and shows them by account', async () => {
    const ctx = testContext(getDb());
    const inv = await anInvestor(ctx);
    const id = batch('RISK');
    const lines = [`${inv.szAccount},chinext,2021-03-01,演示证券`, `${inv.shAccount},star,2022-05-06,演示证券`, `${inv.shAccount},risk_warning,2023-01-09,演示证券`];
    expect(await load(ctx, 'risk-disclosures', id, lines)).toMatchObject({ status: 'applied', rows: 3 });
    expect(await load(ctx, 'risk-disclosures', id, lines)).toMatchObject({ status: 'already_applied' });
    expect(await riskDisclosureSignings(ctx, { holderId: inv.holderId, accountNumber: inv.shAccount })).toEqual([
      { accountNumber: inv.shAccount, disclosureType: 'star', typeNameZh: '科创板', typeNameEn: 'STAR Market', signedOn: '2022-05-06', broker: '演示证券' },
      { accountNumber: inv.shAccount, disclosureType: 'risk_warning', typeNameZh: '风险警示股票', typeNameEn: 'Risk-warning stocks', signedOn: '2023-01-09', broker: '演示证券' },
    ]);
    expect(await riskDisclosureSignings(ctx, { holderId: inv.holderId })).toHaveLength(3);
    const refused = [
      `${inv.szAccount},beijing,2024-01-02,演示证券`,
      `${inv.szAccount},chinext,2024-01-02,演示证券`,
      `${inv.szAccount},futures,2024-01-02,演示证券`,
      `A000000001,star,2024-01-02,演示证券`,
      `${inv.szAccount},beijing,2024-01-03,演示证券`,
      `${inv.szAccount},delisting,2099-01-03,演示证券`,
    ];
    const bad = await rejection(load(ctx, 'risk-disclosures', batch('RISK'), [...refused, `${inv.szAccount},delisting,2024-02-30,演示证券`]));
    expect(linesOf(bad)).toEqual([[8, 'DATE_FORMAT', '2024-02-30']]);
    const checked = await rejection(load(ctx, 'risk-disclosures', batch('RISK'), refused));
    expect(linesOf(checked)).toEqual([
      [3, 'ALREADY_SIGNED', undefined],
      [4, 'UNKNOWN_DISCLOSURE_TYPE', 'futures'],
      [5, 'UNKNOWN_ACCOUNT', undefined],
      [6, 'DUPLICATE_IN_FILE', '2'],
      [7, 'DATE_IN_FUTURE', undefined],
    ]);
    expect(await riskDisclosureSignings(ctx, { holderId: inv.holderId })).toHaveLength(3);
  });
});
