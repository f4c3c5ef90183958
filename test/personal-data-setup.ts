/**
 * Set up before every integration test file (vitest.config.ts): once the file's tests ran, the logs its servers and
 * contexts wrote hold no personal data in clear (issue 12 item 7; the scanner is test/personal-data.ts).
 */
import { afterAll, expect } from 'vitest';
import { logScan } from './context.ts';

afterAll(() => {
  expect(logScan.hits, `personal data in the logs:\n${logScan.report()}`).toEqual([]);
});
