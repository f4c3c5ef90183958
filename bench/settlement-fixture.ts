/**
 * The registry and the settlement file of the import benches (bench:import,
 * bench:import-latency): one security, N accounts each holding OPENING shares
 * (holders, unified and securities accounts made set-based, the opening balances
 * through the import itself), and a CSV of balanced trade settlements over five days.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../server/src/context.ts';
import type { Database } from '../server/src/platform/db/client.ts';
import { importSettlementBatch, settlementColumns } from '../server/src/modules/registry/index.ts';

export const SECURITY = { id: 600001, market: 'SH', code: '601888' };
export const OPENING = 1_000_000;
export const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
/** The i-th bench securities account, and its holder's unified account and id. */
export const account = (i: number) => `A9${String(i).padStart(8, '0')}`;
export const unifiedAccount = (i: number) => `1899${String(i).padStart(8, '0')}`;

/** Writes a file line by line, waiting when the stream is full (memory stays flat). */
export async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** Balanced trade settlements: a seller gives q shares to a buyer, same day; q ≤ 100, so nobody runs short. */
export function* settlements(rowCount: number, accountCount: number): Iterable<string> {
  yield `${settlementColumns.join(',')}\n`;
  let state = 12345;
  const random = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  for (let i = 0; i < rowCount / 2; i++) {
    const day = DAYS[Math.floor((i * DAYS.length) / (rowCount / 2))];
    const seller = random(accountCount);
    const buyer = (seller + 1 + random(accountCount - 1)) % accountCount;
    const q = 1 + random(100);
    yield `${account(seller)},SH,${SECURITY.code},trade_settlement,tradable,-${q},${day},T${i}\n`;
    yield `${account(buyer)},SH,${SECURITY.code},trade_settlement,tradable,${q},${day},T${i}\n`;
  }
}

/** Holders, accounts and the security, set-based; then the opening balances through the import itself. */
export async function seedAccounts(ctx: AppContext, database: Database, accountCount: number, tempDir: string): Promise<void> {
  await database.db.execute(sql`
    insert into holders (id, kind, category, name, id_type, id_number_enc, id_number_hash, created_at)
    select md5('bench' || i)::uuid, 'person', 'ordinary', '演示基准' || i, 'resident_id', 'bench', md5('bench-id' || i), now() from generate_series(0, ${accountCount - 1}) i`);
  await database.db.execute(sql`
    insert into unified_accounts (number, holder_id, status, opening_agent, opening_method, opened_on)
    select '1899' || lpad(i::text, 8, '0'), md5('bench' || i)::uuid, 'normal', 'B01866', 'online', '2020-01-02' from generate_series(0, ${accountCount - 1}) i`);
  await database.db.execute(sql`
    insert into securities_accounts (number, holder_id, unified_account_number, market, kind, status, opening_agent, opening_method, opened_on)
    select 'A9' || lpad(i::text, 8, '0'), md5('bench' || i)::uuid, '1899' || lpad(i::text, 8, '0'), 'SH', 'a_share', 'normal', 'B01866', 'online', '2020-01-02'
    from generate_series(0, ${accountCount - 1}) i`);
  await database.db.execute(sql`
    insert into securities (id, code, market, class, board, name, isin, par_value, status)
    values (${SECURITY.id}, ${SECURITY.code}, 'SH', 'A', 'main', '演示基准股份', 'CNE100000Q05', 1, 'listed')`);
  const openingFile = path.join(tempDir, 'opening.csv');
  await writeLines(
    openingFile,
    (function* () {
      yield `${settlementColumns.join(',')}\n`;
      for (let i = 0; i < accountCount; i++) yield `${account(i)},SH,${SECURITY.code},initial_registration,tradable,${OPENING},2026-02-27,\n`;
    })(),
  );
  await importSettlementBatch(ctx, { requestId: 'bench' }, { kind: 'system' }, { batchId: 'bench-opening', stream: createReadStream(openingFile) });
  await database.db.execute(sql`analyze`);
}
