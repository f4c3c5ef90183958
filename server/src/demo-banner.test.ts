import { describe, expect, it } from 'vitest';
import { demoBanner } from './demo-banner.ts';
import type { DemoLogin } from './platform/modules.ts';

const url = 'http://127.0.0.1:8080';
const logins: DemoLogin[] = [
  { portal: '/staff/', account: 'admin', password: 'pw', totpSecret: 'SECRET', note: 'depository administrator' },
  { portal: '/broker/', account: 'witness', password: 'pw', totpSecret: 'SECRET', note: 'broker witness' },
  { portal: '/futures/desk/', account: 'video', password: 'pw', totpSecret: 'SECRET', note: 'futures video agent' },
  { portal: '/ and /m/', account: '19900000001', password: 'pw', note: 'investor' },
];
const lineWith = (banner: string, text: string) => banner.split('\n').find((line) => line.includes(text)) ?? '';

describe('demoBanner', () => {
  const banner = demoBanner(url, logins, ['a note'], true);

  it('says where 用户登录 is and that it leads to every portal', () => {
    expect(banner).toContain(`用户登录 at ${url}/portals`);
  });

  it('gives each portal its address and the demo users who sign in there', () => {
    expect(lineWith(banner, `${url}/broker/`)).toContain('sign in as witness');
    expect(lineWith(banner, `${url}/futures/desk/`)).toContain('sign in as video');
    expect(lineWith(banner, `${url}/staff/`)).toContain('sign in as admin');
    expect(lineWith(banner, `${url}/m/`)).toContain('sign in as 19900000001');
    expect(lineWith(banner, `${url}/ `)).toContain('sign in as 19900000001');
    expect(lineWith(banner, `${url}/sandbox/`)).not.toContain('sign in as');
  });

  it('keeps the logins with their secrets, and the notes', () => {
    expect(lineWith(banner, 'depository administrator')).toContain('authenticator secret SECRET');
    expect(banner).toContain('  a note');
    expect(banner).toContain(`${url}/api/docs`);
    expect(demoBanner(url, logins, [], false)).not.toContain('/api/docs');
  });
});
