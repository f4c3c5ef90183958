import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { commandGroup, type OpenContext } from '../../platform/modules.ts';
import { reverseBatch, securityByCode } from './ledger/index.ts';
import { createDistribution, runDistribution } from './events/index.ts';
import { computeDividendTax } from './tax/index.ts';
import { type ExportFormat, writeRegisterFile } from './export/index.ts';
import { isIsoDate } from '../../kernel/dates.ts';

/** Command-line use of corporate events: `clearhall distribute`, `clearhall export register`, `clearhall dividend-tax`, `clearhall reverse-batch`. */

const cli = { requestId: 'cli' };
const system = { kind: 'system' as const, id: 'cli' };

function isoDay(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
}

function market(value: string): string {
  if (!['SH', 'SZ', 'BJ'].includes(value)) throw new InvalidArgumentError('must be SH, SZ or BJ');
  return value;
}

function securityCode(value: string): string {
  if (!/^\d{6}$/.test(value)) throw new InvalidArgumentError('must be 6 digits');
  return value;
}

/** The options naming a security, as `--market SH --code 600000`. */
const marketOption = ['--market <market>', 'SH, SZ or BJ', market] as const;
const codeOption = ['--code <code>', 'security code', securityCode] as const;

/** A lot seed given on the command line: 1–64 letters or digits, so that it reads back unchanged. */
function lotSeed(value: string): string {
  if (!/^[0-9A-Za-z]{1,64}$/.test(value)) throw new InvalidArgumentError('1-64 letters or digits');
  return value;
}

/** A command about one security: --market and --code are required. */
const securityCommand = (parent: Command, name: string, description: string) =>
  parent
    .command(name)
    .description(description)
    .requiredOption(...marketOption)
    .requiredOption(...codeOption);

export function addRegistryEventCommands(program: Command, open: OpenContext): void {
  securityCommand(program, 'distribute', 'announce and run a distribution: cash and/or shares per 10 held at the record date; entitlements computed, new shares posted')
    .requiredOption('--record-date <date>', '股权登记日 (YYYY-MM-DD)', isoDay)
    .requiredOption('--pay-date <date>', 'cash payment / new-share listing date (YYYY-MM-DD)', isoDay)
    .option('--cash-per-10 <yuan>', 'cash per 10 shares, before tax')
    .option('--bonus-per-10 <shares>', '送股 per 10 shares')
    .option('--capitalisation-per-10 <shares>', '转增 per 10 shares')
    .option('--lot-seed <seed>', 'seed of the drawing of lots among equal fractions (零碎股), from a drawing held elsewhere; drawn at random when absent', lotSeed)
    .action(async (o: { market: string; code: string; recordDate: string; payDate: string; cashPer10?: string; bonusPer10?: string; capitalisationPer10?: string; lotSeed?: string }) => {
      const { ctx, close } = await open();
      const bar = new SingleBar({ format: 'distribution {bar} {percentage}% | {step}' }, Presets.shades_classic);
      try {
        const id = await createDistribution(ctx, cli, system, {
          market: o.market,
          code: o.code,
          recordOn: o.recordDate,
          payOn: o.payDate,
          cashPer10: o.cashPer10,
          bonusPer10: o.bonusPer10,
          capitalisationPer10: o.capitalisationPer10,
        });
        bar.start(3, 0, { step: 'reading the register' });
        const started = Date.now();
        const result = await runDistribution(ctx, cli, system, id, (done, _total, step) => bar.update(done, { step }), o.lotSeed);
        bar.stop();
        console.log(
          `distribution ${id}: ${result.holders} holders, cash ${result.cashTotal} yuan (remainder ${result.cashRemainder} with the issuer), ` +
            `${result.sharesIssued} new shares${result.lotSeed ? ` (equal fractions drawn with lot seed ${result.lotSeed})` : ''}, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      } finally {
        bar.stop();
        await close();
      }
    });

  program
    .command('dividend-tax')
    .description('recompute the differentiated dividend income tax records from the journal (one security, or all)')
    .option(...marketOption)
    .option(...codeOption)
    .action(async (o: { market?: string; code?: string }) => {
      const { ctx, close } = await open();
      try {
        const securityId = o.market && o.code ? (await securityByCode(ctx.db, o.market, o.code)).id : undefined;
        const result = await computeDividendTax(ctx, cli, system, securityId === undefined ? {} : { securityId }, (n) => process.stdout.write(`\r${n} positions`));
        console.log(`\n${result.records} tax records from ${result.positions} positions`);
      } finally {
        await close();
      }
    });

  program
    .command('reverse-batch <batchId>')
    .description('reverse a whole batch (冲正): new entries post the opposite of each of its entries; nothing is edited')
    .requiredOption('--reason <reason>', 'why the batch is reversed (kept in the audit trail)')
    .action(async (batchId: string, o: { reason: string }) => {
      const { ctx, close } = await open();
      try {
        const result = await reverseBatch(ctx, cli, system, { batchId, reason: o.reason });
        console.log(`${result.batchId}: ${result.status === 'applied' ? `${result.rows} entries reversed` : `already reversed (${result.rows} entries)`}`);
      } finally {
        await close();
      }
    });

  const exportCommand = commandGroup(program, 'export', 'export from the registry');
  securityCommand(exportCommand, 'register', 'export the register of a security at a date (股东名册), streamed, into the file store (and --out)')
    .requiredOption('--date <date>', 'the register at the end of this date', isoDay)
    .option('--format <format>', 'csv or xlsx', 'xlsx')
    .option('--out <file>', 'also copy the file here')
    .action(async (o: { market: string; code: string; date: string; format: string; out?: string }) => {
      if (!['csv', 'xlsx'].includes(o.format)) throw new InvalidArgumentError('--format must be csv or xlsx');
      const { ctx, close } = await open();
      const bar = new SingleBar({ format: 'register {bar} {percentage}% | {value}/{total} holders | {eta_formatted} left', etaBuffer: 20 }, Presets.shades_classic);
      try {
        const security = await securityByCode(ctx.db, o.market, o.code);
        const started = Date.now();
        let begun = false;
        const written = await writeRegisterFile(ctx, { securityId: security.id, date: o.date, format: o.format as ExportFormat }, (done, total) => {
          if (!begun) bar.start(total, 0);
          begun = true;
          bar.update(done);
        });
        bar.stop();
        const seconds = (Date.now() - started) / 1000;
        if (o.out) await copyFile(path.join(ctx.config.dataDir, 'files', written.fileKey), o.out);
        console.log(
          `${written.rows} holders, ${written.bytes} bytes in ${seconds.toFixed(1)} s (${Math.round(written.rows / Math.max(seconds, 0.001))} rows/s); file ${written.fileKey}${o.out ? `, copied to ${o.out}` : ''}`,
        );
      } finally {
        bar.stop();
        await close();
      }
    });
}
