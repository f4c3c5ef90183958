import type { DemoLogin } from './platform/modules.ts';

/** The portals a demo visitor can open, in the order the banner lists them. */
const DEMO_PORTALS: readonly { path: string; name: string }[] = [
  { path: '/', name: 'investor hall (网上营业厅)' },
  { path: '/m/', name: 'mobile hall (微信营业厅)' },
  { path: '/staff/', name: 'depository back office' },
  { path: '/broker/', name: 'broker console (临柜身份认证)' },
  { path: '/futures/desk/', name: 'futures company console' },
  { path: '/sandbox/', name: 'sandbox trading terminal (marked orders)' },
  { path: '/verify/', name: 'e-certificate verification' },
  { path: '/dev/inbox', name: 'dev inbox (SMS, e-mail, captcha answers, staff authenticator codes)' },
];

/** The demo users who sign in at a portal: a login names its portals as "/staff/" or "/ and /m/". */
function usersOf(logins: readonly DemoLogin[], path: string): string[] {
  return logins.filter((login) => login.portal.split(' and ').includes(path)).map((login) => login.account);
}

/**
 * What `serve --demo` prints: where each portal is and who signs in there (用户登录 at
 * /portals leads to every sign-in), the logins with their passwords, and the notes on
 * trying identity verification and binding.
 */
export function demoBanner(url: string, logins: readonly DemoLogin[], notes: readonly string[], apiDocs: boolean): string {
  const width = Math.max(...DEMO_PORTALS.map((p) => `${url}${p.path}`.length));
  const portals = DEMO_PORTALS.map(({ path, name }) => {
    const users = usersOf(logins, path);
    return `  ${`${url}${path}`.padEnd(width)}  ${name}${users.length ? `: sign in as ${users.join(', ')}` : ''}`;
  });
  const accounts = logins.map((l) => `  ${l.portal.padEnd(14)} ${l.account.padEnd(12)} ${l.password}${l.totpSecret ? `  authenticator secret ${l.totpSecret}` : ''}  (${l.note})`);
  return [
    '',
    `Clearhall is running at ${url}  (demo mode)`,
    '',
    `Portals: 用户登录 at ${url}/portals leads to each one's sign-in (我是投资者, the broker's and the futures company's staff, the depository's staff)`,
    ...portals,
    ...(apiDocs ? [`  ${`${url}/api/docs`.padEnd(width)}  API reference`] : []),
    '',
    'Demo logins (portal, account, password):',
    ...accounts,
    '',
    ...(notes.length ? ['Identity verification and binding (all people fictitious):', ...notes.map((n) => `  ${n}`), ''] : []),
  ].join('\n');
}
