import { expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { testContext } from '../../../../../test/context.ts';
import { aResidentId } from '../../../../../test/registry.ts';
import { createHolder, findHolderByIdentity, openSecuritiesAccount, openUnifiedAccount, securitiesAccount } from './accounts.ts';
import { findHolderByElements, securitiesAccountOwner } from './holder-lookup.ts';
import { securitiesAccounts, unifiedAccounts } from './schema.ts';

/** What a person types with a Chinese input method: full-width characters, spaces in groups, a lower-case x. */
const FULL_WIDTH_OFFSET = 0xfee0;
const fullWidth = (text: string) => text.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET));
const grouped = (text: string, ...sizes: number[]) => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) parts.push(text.slice(at, (at += size)));
  return [...parts, text.slice(at)].filter(Boolean).join(' ');
};

let serial = 0;

describeEachDatabase('typed identifiers: one normaliser before every look-up (DOMAIN.md, issue 13)', (getDb) => {
  async function aHolderWithAccounts(idNumber: string) {
    const ctx = testContext(getDb());
    const n = 40_000_000 + ++serial * 7 + Math.floor(Math.random() * 1000) * 1000;
    const name = `键入测试${serial}`;
    const holderId = await createHolder(ctx, ctx.db, { kind: 'person', category: 'ordinary', name, idType: 'resident_id', idNumber });
    const unifiedAccount = `1811${String(n).padStart(8, '0')}`;
    const shAccount = `A${String(n).padStart(9, '0')}`;
    const opening = { agent: 'B01866', method: 'online' as const, on: '2020-01-02' };
    await openUnifiedAccount(ctx.db, holderId, unifiedAccount, opening);
    await openSecuritiesAccount(ctx.db, { holderId, unifiedAccountNumber: unifiedAccount, number: shAccount, kind: 'a_share' }, opening);
    return { ctx, holderId, name, unifiedAccount, shAccount };
  }

  it('finds a holder by an ID number typed with spaces, full-width digits and a lower-case x', async () => {
    let idNumber = aResidentId('19850615');
    while (!idNumber.endsWith('X')) idNumber = aResidentId('19850615');
    const { ctx, holderId, name } = await aHolderWithAccounts(idNumber);
    const typings = [
      grouped(idNumber, 6, 8), // 110105 19850615 123X
      fullWidth(idNumber.toLowerCase()), // １１０１０５…ｘ
      grouped(fullWidth(idNumber), 6, 8).replaceAll(' ', '\u3000'), // ideographic spaces
      ` ${grouped(idNumber.toLowerCase(), 3, 3, 4, 4)} `,
    ];
    for (const typed of typings) {
      expect((await findHolderByElements(ctx, ctx.db, { kind: 'person', name, idType: 'resident_id', idNumber: typed }))?.holderId, typed).toBe(holderId);
      expect((await findHolderByIdentity(ctx, ctx.db, 'resident_id', typed))?.id, typed).toBe(holderId);
    }
  });

  it('stores what was typed in its normal form, so the plain number finds it', async () => {
    const idNumber = aResidentId('19900101');
    const { ctx, holderId } = await aHolderWithAccounts(grouped(fullWidth(idNumber.toLowerCase()), 6, 8));
    expect((await findHolderByIdentity(ctx, ctx.db, 'resident_id', idNumber))?.id).toBe(holderId);
  });

  it('finds a securities account and opens accounts whatever spacing and width they were typed in', async () => {
    const { ctx, holderId, unifiedAccount, shAccount } = await aHolderWithAccounts(aResidentId('19700707'));
    const typedSh = grouped(fullWidth(shAccount.toLowerCase()), 1, 3, 3);
    expect((await securitiesAccount(ctx.db, typedSh)).number).toBe(shAccount);
    expect(await securitiesAccountOwner(ctx.db, typedSh)).toEqual({ holderId, unifiedAccountNumber: unifiedAccount });

    const szAccount = `01${shAccount.slice(2)}`;
    await openSecuritiesAccount(
      ctx.db,
      { holderId, unifiedAccountNumber: grouped(fullWidth(unifiedAccount), 4, 4), number: grouped(szAccount, 2, 4), kind: 'a_share' },
      { agent: 'B01866', method: 'online', on: '2020-01-03' },
    );
    const [stored] = await ctx.db.select().from(securitiesAccounts).where(eq(securitiesAccounts.number, szAccount));
    expect(stored).toMatchObject({ number: szAccount, unifiedAccountNumber: unifiedAccount, market: 'SZ' });

    const another = `1812${unifiedAccount.slice(4)}`;
    await openUnifiedAccount(ctx.db, holderId, grouped(fullWidth(another), 4, 4), { agent: 'B01866', method: 'online', on: '2020-01-03' });
    expect(await ctx.db.select({ number: unifiedAccounts.number }).from(unifiedAccounts).where(eq(unifiedAccounts.number, another))).toEqual([{ number: another }]);
  });
});
