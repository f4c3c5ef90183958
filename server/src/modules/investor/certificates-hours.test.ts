import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { FixedClock } from '../../platform/clock.ts';
import { describeError } from '../../platform/errors.ts';
import { neverOpenedProofEligibility } from './certificates-hours.ts';
import { beijingTime } from '../../kernel/time.ts';

const config = loadConfig({}, { demo: true, piiKeyBytes: Buffer.alloc(32) });
const ctx = { config };
/** 2026-11-21 at hh:mm in Asia/Shanghai, on an injectable clock */
const at = (hhmm: string) => new FixedClock(new Date(`2026-11-21T${hhmm}:00+08:00`)).now();
const ready = { verified: true, hasSecuritiesAccounts: false, bound: false };

describe('never-opened proof: service hours 06:00–21:00 Asia/Shanghai', () => {
  it.each([
    ['05:59', false],
    ['06:00', true],
    ['20:59', true],
    ['21:00', false],
  ])('at %s eligible=%s', (hhmm, eligible) => {
    const result = neverOpenedProofEligibility(ctx, { now: at(hhmm), ...ready });
    expect(result.eligible).toBe(eligible);
    if (!result.eligible) {
      expect(result.code).toBe('PROOF_OUTSIDE_HOURS');
      expect(describeError(result.code, 'zh-CN', result.details).message).toBe('该时间段（21:00-6:00）不支持开具证明，请稍后再试');
    }
  });

  it('follows configured hours', () => {
    const late = { config: { ...config, proofHoursStart: '08:30', proofHoursEnd: '17:00' } };
    expect(neverOpenedProofEligibility(late, { now: at('08:29'), ...ready }).eligible).toBe(false);
    expect(neverOpenedProofEligibility(late, { now: at('08:30'), ...ready }).eligible).toBe(true);
  });

  it('reads the clock in Asia/Shanghai whatever the machine zone', () => {
    expect(beijingTime(new Date('2026-11-20T22:00:00Z'))).toMatchObject({ date: '2026-11-21', minuteOfDay: 6 * 60 });
  });
});

describe('never-opened proof: who may have it (manual §一.2.2.10.1–3)', () => {
  const now = at('10:00');
  it('refuses bound users with the manual message', () => {
    const result = neverOpenedProofEligibility(ctx, { now, ...ready, bound: true });
    expect(result).toEqual({ eligible: false, code: 'PROOF_BOUND', details: {} });
    expect(describeError('PROOF_BOUND', 'zh-CN').message).toBe('您已绑定一码通账户，不符合开具《未曾开立证券账户证明》的条件');
  });
  it('sends unverified users to real-name verification', () => {
    const result = neverOpenedProofEligibility(ctx, { now, ...ready, verified: false });
    expect(result).toMatchObject({ eligible: false, code: 'PROOF_NOT_VERIFIED' });
    expect(describeError('PROOF_NOT_VERIFIED', 'zh-CN').message).toBe('您尚无权限，请先进行实名认证。');
  });
  it('refuses a verified person who has securities accounts', () => {
    expect(neverOpenedProofEligibility(ctx, { now, ...ready, hasSecuritiesAccounts: true })).toMatchObject({ eligible: false, code: 'PROOF_HAS_ACCOUNTS' });
  });
  it('lets a verified, unbound person without accounts have it', () => {
    expect(neverOpenedProofEligibility(ctx, { now, ...ready })).toEqual({ eligible: true });
  });
});
