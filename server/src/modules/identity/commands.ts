import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import { commandGroup, type OpenContext } from '../../platform/modules.ts';
import { createFirstAdministrator } from './staff.ts';
import { receiveOrderReport } from './verification-methods.ts';

/** `clearhall admin create` and `clearhall sandbox order-report`. */
export function addIdentityCommands(program: Command, open: OpenContext): void {
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
    .description('feed one exchange order report, as the exchange would; a marked order passes a waiting trading-terminal verification')
    .requiredOption('--account <number>', 'securities account number')
    .requiredOption('--quantity <n>', 'order quantity (the verification code for a marked order)')
    .option('--security <code>', 'security code (799988 on Shanghai, 369999 on Shenzhen for verification)')
    .option('--side <side>', 'buy or sell', 'buy')
    .option('--price <price>', 'order price', '1.000')
    .option('--broker <code>', 'reporting broker', 'DEMO-BRK')
    .action(async (options: { account: string; quantity: string; security?: string; side: string; price: string; broker: string }) => {
      if (options.side !== 'buy' && options.side !== 'sell') throw new InvalidArgumentError('--side must be buy or sell');
      const { ctx, close } = await open();
      try {
        const security = options.security ?? (/^[A-Z]/i.test(options.account) ? '799988' : '369999');
        const result = await receiveOrderReport(
          ctx,
          { requestId: 'cli' },
          { kind: 'system', id: 'cli' },
          {
            securitiesAccountNumber: options.account,
            securityCode: security,
            side: options.side,
            quantity: options.quantity,
            price: options.price,
            brokerCode: options.broker,
          },
        );
        console.log(`order report ${result.reportId} recorded; verifications passed: ${result.passedVerifications}`);
      } finally {
        await close();
      }
    });
}
