/**
 * Desktop investor hall, issue 13 item 12: binding by 通过交易报盘身份认证 finishes in the demo
 * without calling the API by hand. The binding page points to the sandbox exchange's trading
 * terminal (/sandbox/); the marked order placed there reaches the platform through the exchange
 * order-report intake, and the waiting binding completes. On PGlite.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { useE2e } from '../support/index.ts';
import { anInvestorUser, logInDesktop, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: { otpResendSeconds: 0 } });
const MOBILE = '13800000071';

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
  await anInvestorUser(e2e.ctx, MOBILE);
});

describe('desktop hall: a marked order placed on the sandbox trading terminal', () => {
  it('starts 交易报盘 binding, places the order on the terminal page, and the binding completes', async () => {
    const page = await e2e.desktop();
    await logInDesktop(page, MOBILE);
    await page.goto('/binding');
    await page.getByTestId('direct-binding-page').waitFor();
    await page.getByLabel('姓名/名称').fill(DEMO_PEOPLE.li.name);
    await page.getByLabel('证件号码').fill(DEMO_PEOPLE.li.idNumber);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByTestId('bind-securities-account').fill('A990000002');
    await page.getByTestId('account-next').click();

    await page.getByTestId('verification-panel').waitFor();
    await page.getByRole('radio', { name: '通过交易报盘身份认证' }).check();
    await page.getByRole('button', { name: '获取报盘验证码' }).click();
    const code = ((await page.getByTestId('trading-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);
    const hint = page.getByTestId('sandbox-terminal-hint');
    await hint.getByText('演示环境：没有真实的证券公司交易终端').waitFor();

    const [terminal] = await Promise.all([page.waitForEvent('popup'), hint.getByRole('link', { name: '打开模拟交易终端' }).click()]);
    await terminal.getByTestId('sandbox-terminal').waitFor();
    await terminal.getByLabel('证券账户').fill('A990000002');
    await terminal.getByLabel('证券代码').fill('799988');
    await terminal.getByLabel('委托价格').fill('1.000');
    await terminal.getByLabel('委托数量').fill(code);
    await terminal.getByRole('button', { name: '下单' }).click();
    await terminal.getByTestId('order-reported').filter({ hasText: '委托已申报' }).waitFor();

    // The binding page polls the waiting verification: it passes, then 绑定信息确认.
    await page.getByText('绑定信息确认').waitFor();
    expect(await page.getByTestId('confirm-account').textContent()).toBe('189900000002');
    await page.getByRole('button', { name: '确认绑定' }).click();
    await page.getByText('绑定成功').waitFor();
  });
});
