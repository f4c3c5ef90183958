import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { lastCodeSentTo, testContext } from '../../../../test/context.ts';
import { findActiveByAccount, normaliseMobile, registerInvestor, sendRegistrationCode } from './investors.ts';

const meta = { ip: '127.0.0.13', requestId: 'test' };
const fullWidth = (text: string) => text.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

let n = 0;
const nextMobile = () => `1391313${String(1000 + n++).padStart(4, '0')}`;

it.each([
  ['13800138000', '13800138000'],
  ['１３８００１３８０００', '13800138000'], // full-width digits (issue 13: were refused)
  ['＋８６ １３８ ００１３ ８０００', '13800138000'],
  ['138 0013 8000', '13800138000'],
  ['+86-138-0013-8000', '13800138000'],
  ['12800138000', null],
  ['', null],
])('normaliseMobile(%j) → %j: the kernel rule', (typed, expected) => {
  expect(normaliseMobile(typed)).toBe(expected);
});

describeEachDatabase('a mobile number typed in full width or in groups (issue 13)', (getDb) => {
  it('registers and is found by any typing of the same number', async () => {
    const ctx = testContext(getDb());
    const mobile = nextMobile();
    await sendRegistrationCode(ctx, meta, fullWidth(mobile));
    const smsCode = await lastCodeSentTo(ctx, mobile);
    const { principal } = await registerInvestor(ctx, meta, { mobile: `${fullWidth(mobile.slice(0, 3))} ${mobile.slice(3, 7)} ${fullWidth(mobile.slice(7))}`, password: 'abc12345', smsCode, agreementsAccepted: true });
    for (const typed of [mobile, fullWidth(mobile), `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`, fullWidth(`+86${mobile}`)]) {
      expect((await findActiveByAccount(ctx, ctx.db, typed))?.id, typed).toBe(principal.id);
    }
  });
});
