import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../server/src/context.ts';
import { startServer, type RunningServer } from '../server/src/server.ts';
import { gb11643CheckChar } from '../server/src/kernel/identifiers.ts';
import { describeEachDatabase } from './databases.ts';
import { testConfig } from './context.ts';
import { ApiClient } from './http.ts';
import { aRegisteredInvestor } from './verification.ts';
import { findPersonalData } from './personal-data.ts';

const ID = `11010519850312123${gb11643CheckChar('11010519850312123')}`;

/**
 * Request logs name the route, never the URL (issue 12 item 7): before, `req.url` carried the query strings of the nine
 * account queries and the counter verification's ID number into every log line.
 */
describeEachDatabase('request logs', (getDb) => {
  const lines: string[] = [];
  let server: RunningServer;

  beforeAll(async () => {
    const config = testConfig({ logLevel: 'info' });
    server = await startServer(config, { database: getDb(), listen: false, migrate: false, log: createLogger(config, { write: (line: string) => lines.push(line) }) });
  });
  afterAll(() => server.close());

  it('log the route pattern and no query string or path value', async () => {
    const { client } = await aRegisteredInvestor(server);
    const anonymous = await new ApiClient(server.app).start();
    lines.length = 0;
    await client.request('GET', '/api/v1/investor/queries/holdings?account=A990000001&market=SH&securityClass=A&date=2025-12-31');
    await client.request('GET', '/api/v1/investor/ipo-allotments?account=0199000001');
    await anonymous.request('GET', `/api/v1/broker/counter-verifications?name=x&idType=resident_id&idNumber=${ID}&mobile=13812345678`);
    await anonymous.request('GET', '/api/v1/staff/registry/accounts/A990000001');
    await anonymous.request('POST', '/api/v1/investor/login', { account: '13812345678', password: 'not-this-one', captchaId: 'x', captchaAnswer: 'y' });

    const requests = lines.map((l) => JSON.parse(l) as { msg: string; req?: { route: string; method: string; url?: string } }).filter((l) => l.req);
    expect(requests.map((l) => `${l.req!.method} ${l.req!.route}`)).toEqual(expect.arrayContaining(['GET /api/v1/investor/queries/holdings', 'GET /api/v1/investor/ipo-allotments', 'POST /api/v1/investor/login']));
    expect(requests.every((l) => l.req!.url === undefined)).toBe(true);
    expect(lines.join('\n')).not.toContain('?');
    expect(findPersonalData(lines.join('\n'))).toEqual([]);
  });
});
