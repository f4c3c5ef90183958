import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The API client reads the UI language; these rules need no translations.
vi.mock('../i18n/index.ts', () => ({ default: { language: 'zh-CN', t: (key: string) => key } }));
import { forgetDataOnPrincipalChange, sessionQueryKey, type Principal, type Session } from './session.ts';

const investor = (id: string): Principal => ({ kind: 'investor', id, username: null, mobileMasked: '138****0001', emailMasked: null, realNameVerified: true, stepUpValidUntil: null });
const session = (principal: Principal | null): Session => ({ csrfToken: 't', principal });
const holdings = ['investor', 'queries', 'holdings'] as const;

describe('forgetDataOnPrincipalChange', () => {
  const client = new QueryClient();
  let stop = () => {};
  afterEach(() => {
    stop();
    client.clear();
  });

  const start = (first: Session | undefined) => {
    if (first) client.setQueryData(sessionQueryKey, first);
    stop = forgetDataOnPrincipalChange(client);
    client.setQueryData(holdings, { items: ['A99****001'] });
  };

  it('keeps the data while the same principal is re-read (a new step-up time, a refetch)', () => {
    start(session(investor('a')));
    client.setQueryData(sessionQueryKey, session({ ...investor('a'), stepUpValidUntil: '2026-12-06T06:00:00Z' } as Principal));
    expect(client.getQueryData(holdings)).toEqual({ items: ['A99****001'] });
  });

  it('keeps what was read before the session is first known', () => {
    start(undefined);
    client.setQueryData(sessionQueryKey, session(investor('a')));
    expect(client.getQueryData(holdings)).toEqual({ items: ['A99****001'] });
  });

  it('drops everything but the session when nobody is signed in any more (退出, 注销, ended elsewhere)', () => {
    start(session(investor('a')));
    client.setQueryData(sessionQueryKey, session(null));
    expect(client.getQueryData(holdings)).toBeUndefined();
    expect(client.getQueryData<Session>(sessionQueryKey)?.principal).toBeNull();
  });

  it('drops the previous user’s data when another signs in on the same tab', () => {
    start(session(investor('a')));
    client.setQueryData(sessionQueryKey, session(investor('b')));
    expect(client.getQueryData(holdings)).toBeUndefined();
    expect(client.getQueryData<Session>(sessionQueryKey)?.principal?.id).toBe('b');
  });

  it('keeps the new user’s data once it is theirs', () => {
    start(session(null));
    client.setQueryData(sessionQueryKey, session(investor('b')));
    client.setQueryData(holdings, { items: ['B99****002'] });
    client.setQueryData(sessionQueryKey, session(investor('b')));
    expect(client.getQueryData(holdings)).toEqual({ items: ['B99****002'] });
  });
});
