import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../events/index.ts';
import { SecurityLots, type AccountDailyChange, type AccountTaxRecord, type Dividend, type EventKind } from './dividend-tax.ts';

/** One account of one holder; `individual` unless said otherwise. */
const account = (name: string, holderId: string, individual = true) => ({ account: name, holderId, individual });
type Acct = ReturnType<typeof account>;

const change = (a: Acct, on: string, kind: EventKind, quantity: bigint, ordinal?: string): AccountDailyChange => ({ ...a, on, kind, quantity, ordinal });

/** Runs the changes day by day, as the journal's stream gives them. */
function run(changes: AccountDailyChange[], dividends: Dividend[]) {
  const lots = new SecurityLots(dividends);
  const days = [...new Set(changes.map((c) => c.on))].sort();
  const records = days.flatMap((on) => lots.applyDay(changes.filter((c) => c.on === on)));
  return { lots, records };
}

const brief = (r: AccountTaxRecord) => [r.account, r.acquiredOn, r.soldOn, r.quantity, r.band, r.taxableAmount, r.taxAmount];

describe('lots follow the shares when they move between accounts', () => {
  const dividend: Dividend = { distributionId: 'd1', recordOn: '2024-03-20', perShare: '0.25' };
  const ordinary = account('A000000001', 'zhang');
  const credit = account('A000000002', 'zhang');

  it('taxes a dividend on shares moved to the holder’s other account and sold there', () => {
    const records = run(
      [
        change(ordinary, '2024-03-01', 'market', 1000n),
        // after the record date the shares go to the holder's credit account…
        change(ordinary, '2024-03-25', 'move', -1000n, 'b1:1'),
        change(credit, '2024-03-25', 'move', 1000n, 'b1:2'),
        // …and are sold from there on 10 April: held 1 March – 9 April, more than a month (a month ends 31 March)
        change(credit, '2024-04-10', 'market', -1000n),
      ],
      [dividend],
    ).records;
    // 1,000 × 0.25 = 250; half taxable = 125; 20% = 25.00, on the account that sold, with the original acquisition date
    expect(records.map(brief)).toEqual([['A000000002', '2024-03-01', '2024-04-10', 1000n, 'up_to_1_year', '125.00000000', '25.00']]);
  });

  it('carries the lots to another holder (inheritance): the heir’s sale within the month is taxed at 20%', () => {
    const heir = account('A000000003', 'heir');
    const records = run(
      [
        change(ordinary, '2024-03-01', 'market', 2000n),
        change(ordinary, '2024-03-22', 'move', -500n, 'b2:1'),
        change(heir, '2024-03-22', 'move', 500n, 'b2:2'),
        // held 1 – 27 March: within a month; 500 × 0.25 = 125, all taxable, 25.00
        change(heir, '2024-03-28', 'market', -500n),
        // the rest sold after more than a year: exempt
        change(ordinary, '2025-04-01', 'market', -1500n),
      ],
      [dividend],
    ).records;
    expect(records.map(brief)).toEqual([['A000000003', '2024-03-01', '2024-03-28', 500n, 'up_to_1_month', '125.00000000', '25.00']]);
  });

  it('puts moved lots among the receiving account’s lots by acquisition date (first in, first out)', () => {
    const one: Dividend = { distributionId: 'd2', recordOn: '2024-03-20', perShare: '1' };
    const records = run(
      [
        change(ordinary, '2024-01-10', 'market', 300n),
        change(credit, '2024-02-01', 'market', 200n),
        change(ordinary, '2024-03-25', 'move', -300n, 'b3:1'),
        change(credit, '2024-03-25', 'move', 300n, 'b3:2'),
        change(credit, '2024-04-05', 'market', -300n),
      ],
      [one],
    ).records;
    // the 10 January lot goes first: held to 4 April, more than a month: 300 × 1 = 300, half = 150, tax 30.00
    expect(records.map(brief)).toEqual([['A000000002', '2024-01-10', '2024-04-05', 300n, 'up_to_1_year', '150.00000000', '30.00']]);
  });

  it('pairs a day’s moves by holder first, then in line order', () => {
    const stranger = account('A000000004', 'li');
    const strangersHeir = account('A000000005', 'li-heir');
    const records = run(
      [
        change(ordinary, '2024-03-01', 'market', 100n),
        change(stranger, '2024-03-05', 'market', 100n),
        // in the file: li's 100 out, zhang's credit account in, zhang's ordinary account out, li's heir in
        change(stranger, '2024-03-25', 'move', -100n, 'b4:1'),
        change(credit, '2024-03-25', 'move', 100n, 'b4:2'),
        change(ordinary, '2024-03-25', 'move', -100n, 'b4:3'),
        change(strangersHeir, '2024-03-25', 'move', 100n, 'b4:4'),
        change(credit, '2024-03-28', 'market', -100n),
        change(strangersHeir, '2024-03-28', 'market', -100n),
      ],
      [dividend],
    ).records;
    // zhang's shares stay zhang's (bought 1 March), li's go to li's heir (bought 5 March); 100 × 0.25 = 25, tax 5.00 each
    expect(records.map(brief)).toEqual([
      ['A000000002', '2024-03-01', '2024-03-28', 100n, 'up_to_1_month', '25.00000000', '5.00'],
      ['A000000005', '2024-03-05', '2024-03-28', 100n, 'up_to_1_month', '25.00000000', '5.00'],
    ]);
  });

  it('taxes an individual’s lot sold from a broker’s credit collateral account, and nothing the institution bought itself', () => {
    const collateral = account('B888000003', 'broker', false);
    const records = run(
      [
        change(ordinary, '2024-03-01', 'market', 400n),
        change(collateral, '2024-03-01', 'market', 1000n),
        change(ordinary, '2024-03-21', 'move', -400n, 'b5:1'),
        change(collateral, '2024-03-21', 'move', 400n, 'b5:2'),
        change(collateral, '2024-03-27', 'market', -1400n),
      ],
      [dividend],
    ).records;
    // 400 × 0.25 = 100, within a month: tax 20.00; the institution's own 1,000 give no record
    expect(records.map(brief)).toEqual([['B888000003', '2024-03-01', '2024-03-27', 400n, 'up_to_1_month', '100.00000000', '20.00']]);
  });
});

describe('stock dividends', () => {
  it('taxes bonus shares out of profits at par value per share held, with the holding-period band', () => {
    // 10送3 at par RMB 1 with 1.00 cash per 10: income 0.10 + 0.30 = 0.40 a share
    const stock: Dividend = { distributionId: 'd3', recordOn: '2024-03-20', perShare: '0.4' };
    const a = account('A000000001', 'zhang');
    const records = run([change(a, '2024-03-01', 'market', 1000n), change(a, '2024-03-22', 'bonus', 300n), change(a, '2024-03-28', 'market', -1300n)], [stock]).records;
    // the 1,000 shares held on the record date: 1,000 × 0.40 = 400 taxable in full (within a month), 80.00; the 300 bonus shares received nothing
    expect(records.map(brief)).toEqual([['A000000001', '2024-03-01', '2024-03-28', 1000n, 'up_to_1_month', '400.00000000', '80.00']]);
  });
});

/** A day of random business over three accounts (two of one holder, one of another). */
type Op = { kind: 'buy' | 'sell' | 'move' | 'other' | 'bonus'; from: number; to: number; share: number };
const accounts = [account('A1', 'h1'), account('A2', 'h1'), account('A3', 'h2')];
const op: fc.Arbitrary<Op> = fc.record({ kind: fc.constantFrom('buy', 'sell', 'move', 'other', 'bonus'), from: fc.nat(2), to: fc.nat(2), share: fc.integer({ min: 1, max: 100 }) });

function day(n: number): string {
  return new Date(Date.UTC(2024, 0, 1 + n * 9)).toISOString().slice(0, 10);
}

/** The day's changes of the ops, and the balances after them (no account below zero). */
function changesOf(ops: Op[], n: number, balances: bigint[]): AccountDailyChange[] {
  const on = day(n);
  const changes: AccountDailyChange[] = [];
  for (const [i, o] of ops.entries()) {
    const held = balances[o.from]!;
    const part = (held * BigInt(o.share)) / 100n;
    if (o.kind === 'buy' || o.kind === 'bonus' || (o.kind === 'other' && o.share % 2 === 0)) {
      const q = BigInt(o.share * 10);
      changes.push(change(accounts[o.from]!, on, o.kind === 'buy' ? 'market' : o.kind, q));
      balances[o.from]! += q;
    } else if (part > 0n && o.kind === 'move' && o.from !== o.to) {
      changes.push(change(accounts[o.from]!, on, 'move', -part, `b${n}:${2 * i}`), change(accounts[o.to]!, on, 'move', part, `b${n}:${2 * i + 1}`));
      balances[o.from]! -= part;
      balances[o.to]! += part;
    } else if (part > 0n && o.kind !== 'move') {
      changes.push(change(accounts[o.from]!, on, o.kind === 'sell' ? 'market' : 'other', -part));
      balances[o.from]! -= part;
    }
  }
  // end-of-day net changes per account and kind, as the journal's stream gives them
  const net = new Map<string, AccountDailyChange>();
  for (const c of changes) {
    const key = `${c.account}|${c.kind}`;
    const before = net.get(key);
    net.set(key, before ? { ...before, quantity: before.quantity + c.quantity, ordinal: before.ordinal ?? c.ordinal } : c);
  }
  return [...net.values()].filter((c) => c.quantity !== 0n);
}

describe('lots and holdings (property)', () => {
  it('the open lots of every account always equal its balance, whatever moves, sales and bonus shares come', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 6 }), { minLength: 1, maxLength: 25 }), (days) => {
        const lots = new SecurityLots([{ distributionId: 'd', recordOn: day(3), perShare: '0.5' }]);
        const balances = [0n, 0n, 0n];
        for (const [n, ops] of days.entries()) {
          lots.applyDay(changesOf(ops, n, balances));
          const quantities = lots.quantities();
          expect(accounts.map((a) => quantities.get(a.account) ?? 0n)).toEqual(balances);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('moving all of a holder’s shares to the holder’s other account before selling changes no tax', () => {
    const trade = fc.record({ buy: fc.boolean(), share: fc.integer({ min: 1, max: 100 }) });
    fc.assert(
      fc.property(fc.array(trade, { minLength: 1, maxLength: 30 }), fc.nat(29), (trades, moveAt) => {
        const dividends = [
          { distributionId: 'd1', recordOn: day(4), perShare: '0.12' },
          { distributionId: 'd2', recordOn: day(20), perShare: '0.3' },
        ];
        const [first, second] = accounts as [Acct, Acct];
        const totalTax = (move: boolean) => {
          const changes: AccountDailyChange[] = [];
          let held = 0n;
          let where = first;
          for (const [n, t] of trades.entries()) {
            // on the day of the move, that day's trade is in the receiving account
            if (move && n === moveAt && held > 0n) {
              changes.push(change(first, day(n), 'move', -held, 'm:1'), change(second, day(n), 'move', held, 'm:2'));
              where = second;
            }
            const q = t.buy ? BigInt(t.share * 100) : (held * BigInt(t.share)) / 100n;
            if (q === 0n) continue;
            changes.push(change(where, day(n), 'market', t.buy ? q : -q));
            held += t.buy ? q : -q;
          }
          return run(changes, dividends).records.reduce((sum, r) => sum + parseDecimal(r.taxAmount), 0n);
        };
        expect(totalTax(true)).toBe(totalTax(false));
      }),
      { numRuns: 300 },
    );
  });
});
