import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const key = Buffer.alloc(32, 7).toString('base64');

describe('config', () => {
  it('applies defaults', () => {
    const config = loadConfig({ PII_KEY: key });
    expect(config.port).toBe(8080);
    expect(config.demo).toBe(false);
    expect(config.cookieSecure).toBe(true);
    expect(config.piiKeyBytes.length).toBe(32);
    expect(config.apiDocs).toBe(false);
  });

  it('serves the API docs in demo mode unless told otherwise, and elsewhere only when told', () => {
    expect(loadConfig({ DEMO: 'true' }).apiDocs).toBe(true);
    expect(loadConfig({ DEMO: 'true', API_DOCS: 'false' }).apiDocs).toBe(false);
    expect(loadConfig({ PII_KEY: key, API_DOCS: 'true' }).apiDocs).toBe(true);
  });

  it('names the bad setting in one line', () => {
    expect(() => loadConfig({ PII_KEY: key, PORT: 'eighty' })).toThrow(new ConfigError('PORT: "eighty" is not a whole number'));
    expect(() => loadConfig({ PII_KEY: key, PORT: '70000' })).toThrow(/^PORT: "70000" is not valid/);
    expect(() => loadConfig({ PII_KEY: key, DEMO: 'yes' })).toThrow(/DEMO: "yes" must be true or false/);
  });

  it('requires a 32-byte personal-data key outside demo mode', () => {
    expect(() => loadConfig({})).toThrow(/PII_KEY: required/);
    expect(() => loadConfig({ PII_KEY: 'c2hvcnQ=' })).toThrow(/exactly 32 bytes/);
  });
});
