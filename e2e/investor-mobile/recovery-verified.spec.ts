/**
 * Mobile hall 忘记用户名/密码 (manual 000 §二.3): 通过注册手机号找回 of a real-name verified
 * user (§二.3.1.2), and 通过身份信息找回 (§二.3.2): 姓名, 证件类型, 证件号码 → only
 * 银联身份认证 (the code goes to the card's reserved phone, read from the dev inbox) →
 * 3.2.1 the wrong-details message, 3.2.2 the dialog offering 注册, 3.2.3 the person's
 * accounts → the chosen account's own phone code → the new password; and 注销账号并重新注册
 * (§二.5.1) of a bound user, on to 账户注册 with the freed number. On PGlite.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CARDS, DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { aBoundInvestorUser, aVerifiedUser, PASSWORD, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: { otpResendSeconds: 0 } });
const li = DEMO_PEOPLE.li;

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
});

async function identityDetails(page: Page, idNumber: string, tap: boolean) {
  await page.getByTestId('recovery-identity').waitFor();
  await page.getByLabel('姓名/名称').fill(li.name);
  await page.getByLabel('证件号码').fill(idNumber);
  await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
  const submit = page.getByTestId('recovery-identity-submit');
  await (tap ? submit.tap() : submit.click());
}

/** 通过身份信息找回 up to the UnionPay panel, for a person given by name and ID. */
async function byIdentity(page: Page, who: { name: string; idNumber: string }) {
  await page.goto('/m/recover');
  await page.getByText('通过身份信息找回').tap();
  await page.getByLabel('姓名').fill(who.name);
  await page.getByLabel('证件号码').fill(who.idNumber);
  await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
  await page.getByRole('button', { name: '下一步' }).tap();
  await page.getByTestId('verification-panel').waitFor();
}

async function unionPay(page: Page, card: { name: string; idNumber: string; cardNumber: string; mobile: string }) {
  await page.getByTestId('card-name').locator('input').fill(card.name);
  await page.getByTestId('card-id-number').locator('input').fill(card.idNumber);
  await page.getByTestId('card-number').locator('input').fill(card.cardNumber);
  await page.getByTestId('card-mobile').locator('input').fill(card.mobile);
  const since = new Date();
  await page.getByRole('button', { name: '获取验证码' }).tap();
  await page.getByLabel('手机验证码').fill(await readInbox(page, card.mobile, { since }));
  await page.getByRole('button', { name: '下一步' }).tap();
}

describe('mobile 忘记用户名/密码 of real-name verified users', () => {
  it('mobile: identity details, then 通过手机号认证, then the new password (§二.3.1.2)', async () => {
    await aVerifiedUser(e2e.ctx, '13820000002', li);
    const page = await e2e.mobile();
    await page.goto('/m/recover');
    await page.getByLabel('手机号', { exact: true }).fill('13820000002');
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '下一步' }).tap();

    await identityDetails(page, li.idNumber, true);
    await page.getByTestId('method-user_mobile').tap();
    const since = new Date();
    await page.getByRole('button', { name: '获取验证码' }).tap();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '13820000002', { since }));
    await page.getByRole('button', { name: '下一步' }).tap();

    await page.getByLabel('新密码', { exact: true }).fill('Renewed2026go');
    await page.getByLabel('确认新密码').fill('Renewed2026go');
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByRole('status').filter({ hasText: '找回密码成功' }).waitFor();
  });

  it('通过身份信息找回: UnionPay, wrong details, not registered, then the account list and a new password (§二.3.2)', async () => {
    await aVerifiedUser(e2e.ctx, '13820000003', li);
    const page = await e2e.mobile();

    // 3.2.1: a card that is not the person's
    await byIdentity(page, li);
    await page.getByTestId('card-name').locator('input').fill(li.name);
    await page.getByTestId('card-id-number').locator('input').fill(li.idNumber);
    await page.getByTestId('card-number').locator('input').fill(DEMO_CARDS.zhang);
    await page.getByTestId('card-mobile').locator('input').fill('19900000001');
    await page.getByRole('button', { name: '获取验证码' }).tap();
    await page.getByText('您输入的信息有误，请核对后再试').first().waitFor();

    // 3.2.2: 演示张明 has no hall user here
    const zhang = DEMO_PEOPLE.zhang;
    await byIdentity(page, zhang);
    await unionPay(page, { name: zhang.name, idNumber: zhang.idNumber, cardNumber: DEMO_CARDS.zhang, mobile: '19900000001' });
    await page.getByTestId('identity-recovery-not-registered').filter({ hasText: '根据您输入的身份信息，未查询到相关账号信息。' }).waitFor();
    await page.getByRole('button', { name: '注册' }).waitFor();

    // 3.2.3: the list, the chosen account's phone code, the new password
    await byIdentity(page, li);
    await unionPay(page, { name: li.name, idNumber: li.idNumber, cardNumber: DEMO_CARDS.li, mobile: '19900000002' });
    await page.getByTestId('identity-recovery-accounts').waitFor();
    await page.getByTestId('identity-recovery-account').filter({ hasText: '138****0003' }).tap();
    // 默认进入手机验证页: the account's own phone is the one method (it has no e-mail)
    await page.getByTestId('verification-destination').filter({ hasText: '138****0003' }).waitFor();
    const since = new Date();
    await page.getByRole('button', { name: '获取验证码' }).tap();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '13820000003', { since }));
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByTestId('password-policy').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Renewed2026go');
    await page.getByLabel('确认新密码').fill('Renewed2026go');
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByRole('status').filter({ hasText: '找回密码成功' }).waitFor();
  });

  it('注销账号并重新注册 (§二.5.1): identity details, straight to the registered number’s code, 申请注销说明页, then 账户注册 with the number', async () => {
    const zhang = DEMO_PEOPLE.zhang;
    const mobile = '13820000009';
    await aBoundInvestorUser(e2e.ctx, mobile, { name: zhang.name, idType: 'resident_id', idNumber: zhang.idNumber });
    const page = await e2e.mobile();
    await page.goto('/m/recover');
    await page.getByLabel('手机号', { exact: true }).fill(mobile);
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByTestId('recovery-identity').waitFor();
    await page.getByLabel('姓名/名称').fill(zhang.name);
    await page.getByLabel('证件号码').fill(zhang.idNumber);
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await page.getByTestId('recovery-identity-submit').tap();
    // the recovery's own verification offers the bound user's methods; 注销账号并重新注册 does not
    await page.getByTestId('method-user_mobile').waitFor();
    await page.getByRole('button', { name: '注销账号并重新注册' }).tap();
    await page.getByTestId('verification-destination').filter({ hasText: '138****0009' }).waitFor();
    expect(await page.getByTestId('method-unionpay').count()).toBe(0);
    let since = new Date();
    await page.getByRole('button', { name: '获取验证码' }).tap();
    await page.getByLabel('手机验证码').fill(await readInbox(page, mobile, { since }));
    await page.getByRole('button', { name: '下一步' }).tap();

    await page.getByText('用户注销须知').waitFor();
    await page.getByRole('button', { name: '提交注销申请' }).tap();
    await page.getByRole('dialog').filter({ hasText: '账户注销提示' }).getByRole('button', { name: '确认并申请' }).tap();
    await page.getByRole('status').filter({ hasText: '注销成功' }).waitFor();
    await page.getByText('点击“完成”使用该手机号重新注册').waitFor();
    await page.getByRole('button', { name: '完成' }).tap();

    // 账户注册 with the number filled in; it registers again
    await page.waitForURL('**/m/register');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByLabel('手机号码').inputValue()).toBe(mobile);
    since = new Date();
    await page.getByRole('button', { name: '获取验证码' }).tap();
    await page.getByLabel('短信验证码').fill(await readInbox(page, mobile, { since }));
    await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByLabel('设置密码').fill(PASSWORD.replace('Demo', 'Anew'));
    await page.getByLabel('确认密码').fill(PASSWORD.replace('Demo', 'Anew'));
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByTestId('register-success').getByText('注册成功').waitFor();
  });
});
