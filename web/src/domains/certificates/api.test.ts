import { describe, expect, it, vi } from 'vitest';

// The API client reads the UI language; these rules need no translations.
vi.mock('../../i18n/index.ts', () => ({ default: { language: 'zh-CN', t: (key: string) => key } }));
import { CERTIFICATE_POLL_MS, certificatePollInterval } from './api.ts';

describe('certificatePollInterval', () => {
  it('polls while any request is still 正在出具', () => {
    expect(certificatePollInterval([{ status: 'queued' }])).toBe(CERTIFICATE_POLL_MS);
    expect(certificatePollInterval([{ status: 'issued' }, { status: 'queued' }, { status: 'failed' }])).toBe(CERTIFICATE_POLL_MS);
  });

  it('stops once none is: issued, failed, or nothing read yet', () => {
    expect(certificatePollInterval([{ status: 'issued' }])).toBe(false);
    expect(certificatePollInterval([{ status: 'issued' }, { status: 'failed' }])).toBe(false);
    expect(certificatePollInterval([])).toBe(false);
  });
});
