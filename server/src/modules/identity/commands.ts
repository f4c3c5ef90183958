import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import { commandGroup, type OpenContext, type ServerUrl } from '../../platform/modules.ts';
import type { OrderReport } from '../../platform/external/order-reports.ts';
import { CSRF_COOKIE, CSRF_HEADER } from '../../platform/http/auth.ts';
import { createFirstAdministrator } from './staff.ts';

/**
 * Posts an order report to the running server's exchange intake, as the sandbox exchange does
 * (the server takes it without a sign-in in demo mode only). Not into a context of its own: the
 * embedded database is the server's, and a report must reach the server's waiting verifications.
 */
export async function postOrderReport(serverUrl: string, report: OrderReport): Promise<{ reportId: string; passedVerifications: number }> {
  const csrf = randomBytes(16).toString('base64url');
  const url = new URL('/api/v1/exchange/order-reports', serverUrl);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `${CSRF_COOKIE}=${csrf}`, [CSRF_HEADER]: csrf },
    body: JSON.stringify(report),
  }).catch((error: unknown) => {
    throw new Error(`no server answers at ${url.origin} (${error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)}); start it, or give --url`);
  });
  const answer = (await response.json().catch(() => ({}))) as { reportId?: string; passedVerifications?: number; code?: string; message?: string; details?: object };
  if (!response.ok) {
    const details = answer.details && Object.keys(answer.details).length ? ` ${JSON.stringify(answer.details)}` : '';
    throw new Error(`the server at ${url.origin} refused the report: ${response.status} ${answer.code ?? ''} ${answer.message ?? ''}${details}`);
  }
  return { reportId: answer.reportId!, passedVerifications: answer.passedVerifications! };
}

/** `clearhall admin create` and `clearhall sandbox order-report`. */
export function addIdentityCommands(program: Command, open: OpenContext, serverUrl: ServerUrl): void {
  commandGroup(program, 'admin', 'administration')
    .command('create')
    .description('create the depository organisation (if missing) and its first administrator')
    .requiredOption('--username <name>', 'user name of the administrator')
    .option('--display-name <name>', 'name shown in the console', '系统管理员')
    .option('--password <password>', 'initial password (default: a generated one, printed once)')
    .option('--organisation-name <name>', 'name of the depository, when it does not exist yet', '中央登记结算机构')
    .option('--organisation-code <code>', 'code of the depository, when it does not exist yet', 'CSD')
    .action(async (options: { username: string; displayName: string; password?: string; organisationName: string; organisationCode: string }) => {
      const { ctx, close } = await open();
      try {
        const password = options.password ?? `${randomBytes(9).toString('base64url')}7a`;
        const { user, totp } = await createFirstAdministrator(ctx, { ...options, password });
        console.log(
          [
            `administrator ${user.username} created in ${user.organisation.name}`,
            options.password ? '' : `initial password: ${password}`,
            `authenticator secret: ${totp.secret}`,
            `authenticator URI:    ${totp.otpauthUri}`,
            'Add the secret to an authenticator app now: it is not shown again.',
          ]
            .filter(Boolean)
            .join('\n'),
        );
      } finally {
        await close();
      }
    });

  commandGroup(program, 'sandbox', 'drive the sandbox outside systems (demo and test installations)')
    .command('order-report')
    .description('as the sandbox exchange, report one order to the running server (demo mode); a marked order passes a waiting trading-terminal verification')
    .requiredOption('--account <number>', 'securities account number')
    .requiredOption('--quantity <n>', 'order quantity (the verification code for a marked order)')
    .option('--security <code>', 'security code (799988 on Shanghai, 369999 on Shenzhen for verification)')
    .option('--side <side>', 'buy or sell', 'buy')
    .option('--price <price>', 'order price', '1.000')
    .option('--broker <code>', 'reporting broker', 'B01866')
    .option('--url <url>', 'the running server (default: PUBLIC_URL, else http://HOST:PORT)')
    .action(async (options: { account: string; quantity: string; security?: string; side: string; price: string; broker: string; url?: string }) => {
      if (options.side !== 'buy' && options.side !== 'sell') throw new InvalidArgumentError('--side must be buy or sell');
      const security = options.security ?? (/^[A-Z]/i.test(options.account) ? '799988' : '369999');
      const result = await postOrderReport(options.url ?? serverUrl(), {
        securitiesAccountNumber: options.account,
        securityCode: security,
        side: options.side,
        quantity: options.quantity,
        price: options.price,
        brokerCode: options.broker,
      });
      console.log(`order report ${result.reportId} recorded; verifications passed: ${result.passedVerifications}`);
    });
}
