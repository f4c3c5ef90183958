import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Actor, RequestMeta } from '../../../platform/audit/audit.ts';
import type { DemoLogin } from '../../../platform/modules.ts';
import { investorUsers, organisations } from '../schema.ts';
import { createOrganisation, createStaffUser } from '../staff.ts';
import { registeredByMobile } from '../investors.ts';

const DEMO_PASSWORD = 'Demo2026ok';

/**
 * Demo organisations, staff and investors, with plainly fictitious names. Runs
 * only on an empty database; returns the logins to print.
 */
export async function seedIdentityDemo(ctx: AppContext): Promise<DemoLogin[] | null> {
  const [existing] = await ctx.db.select({ n: count() }).from(organisations);
  if (Number(existing?.n ?? 0) > 0) return null;
  const actor: Actor = { kind: 'system' };
  const meta: RequestMeta = { requestId: 'seed' };
  const depository = await createOrganisation(ctx, meta, actor, { kind: 'depository', code: 'DEMO-CSD', name: '演示登记结算有限公司 (Demo Depository Ltd.)' });
  const broker = await createOrganisation(ctx, meta, actor, { kind: 'broker', code: 'B01866', name: '示例证券股份有限公司 (Example Securities Co.)' });
  const futures = await createOrganisation(ctx, meta, actor, { kind: 'futures', code: 'DEMO-FUT', name: '示例期货有限公司 (Example Futures Co.)' });

  const staff = [
    { org: depository.id, username: 'admin', displayName: '演示管理员', roles: ['administrator'], portal: '/staff/', note: 'depository administrator' },
    { org: depository.id, username: 'auditor', displayName: '演示审计员', roles: ['auditor'], portal: '/staff/', note: 'depository auditor' },
    { org: depository.id, username: 'clerk', displayName: '演示柜员', roles: ['hall_clerk', 'reviewer'], portal: '/staff/', note: 'hall clerk and reviewer' },
    { org: broker.id, username: 'witness', displayName: '演示见证人员', roles: ['witness', 'counter_clerk'], portal: '/broker/', note: 'broker witness and counter clerk' },
    { org: futures.id, username: 'video', displayName: '演示视频坐席', roles: ['video_agent'], portal: '/futures/desk/', note: 'futures video agent' },
  ];
  const logins: DemoLogin[] = [];
  for (const s of staff) {
    const { totp } = await createStaffUser(ctx, meta, actor, { organisationId: s.org, username: s.username, displayName: s.displayName, password: DEMO_PASSWORD, roles: s.roles });
    logins.push({ portal: s.portal, account: s.username, password: DEMO_PASSWORD, totpSecret: totp.secret, note: s.note });
  }

  const now = ctx.clock.now();
  const passwordHash = await ctx.passwords.hash(DEMO_PASSWORD);
  const investors = ['19900000001', '19900000002', '19900000003'];
  await ctx.db.insert(investorUsers).values(investors.map((mobile) => registeredByMobile(ctx, mobile, passwordHash, now)));
  for (const mobile of investors) logins.push({ portal: '/ and /m/', account: mobile, password: DEMO_PASSWORD, note: 'investor (registered, not yet verified)' });
  // Registered by e-mail, without a mobile number: shows 补充手机号码 and the 通知设置 prompt.
  const email = 'demo.investor@example.test';
  await ctx.db
    .insert(investorUsers)
    .values({ id: randomUUID(), emailEnc: ctx.vault.encrypt(email), emailHash: ctx.vault.lookupHash('email', email), passwordHash, status: 'active', passwordChangedAt: now, createdAt: now });
  logins.push({ portal: '/ and /m/', account: email, password: DEMO_PASSWORD, note: 'investor registered by e-mail, no mobile number' });
  return logins;
}
