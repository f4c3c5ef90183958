import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { xlsxBytes } from '../../../platform/storage/xlsx.ts';
import { csvField, neutraliseSql } from '../../../platform/storage/csv.ts';
import { count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { rows, type Database } from '../../../platform/db/client.ts';
import { copyOut, inlineSql, streamRows } from '../../../platform/db/stream.ts';
import { AppError } from '../../../platform/errors.ts';
import { audit, type Actor, type RequestMeta } from '../../../platform/audit/audit.ts';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import { registerPositionsAt, securities, securityByCode } from '../ledger/index.ts';
import { idTypes } from '../../../kernel/identifiers.ts';
import { jobs } from '../../../platform/db/schema.ts';
import { registerExports } from '../events/index.ts';

/**
 * Register snapshots (股东名册) exported as CSV or Excel: every holder of a
 * security at the end of a date, ranked by quantity. Rows are streamed from
 * the database as they arrive (COPY … TO STDOUT on PostgreSQL, a cursor on
 * PGlite) and written straight into the FileStore (Excel by platform/storage/xlsx.ts), so memory stays flat
 * whatever the number of holders. ID numbers are not exported (personal data:
 * the register shows the document type only).
 */

export type ExportFormat = 'csv' | 'xlsx';

export const registerHeader = ['序号', '持有人名称', '持有人类别', '证件类型', '一码通账户号码', '证券账户号码', '持有数量', '持有比例(%)', '无限售条件股份', '有限售条件股份', '冻结数量', '质押数量', '质押/冻结总数'];

const holderCategoryNames: Record<string, string> = {
  nominee_hkscc: '名义持有人（香港结算）',
  nominee_qfii: 'QFII',
  nominee_rqfii: 'RQFII',
  credit_collateral: '信用交易担保证券账户',
  refinancing_collateral: '转融通担保证券账户',
};

const labelCase = (column: SQL, labels: Record<string, string>, otherwise: SQL) =>
  sql`case ${column} ${sql.join(
    Object.entries(labels).map(([k, v]) => sql`when ${k} then ${v}`),
    sql` `,
  )} else ${otherwise} end`;

/** The export's rows in order, one SQL statement; values inlined (COPY takes no parameters), all validated. */
export function registerExportQuery(securityId: number, date: string, totalShares: bigint, options: { csv?: boolean } = {}): SQL {
  if (!Number.isInteger(securityId) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError('bad register query input');
  const kind = labelCase(sql`h.category`, holderCategoryNames, sql`case h.kind when 'person' then '个人' else '机构' end`);
  const idType = labelCase(sql`h.id_type`, idTypes, sql`h.id_type`);
  const total = totalShares > 0n ? totalShares : 1n;
  // In CSV the text columns are neutralised (a name like =HYPERLINK(…) would run in a spreadsheet); numbers stay numbers.
  const text = options.csv ? neutraliseSql : (column: SQL) => column;
  return sql`select row_number() over (order by p.tradable + p.restricted desc, p.account_number) as rank,
        ${text(sql`h.name`)}, ${text(kind)}, ${text(idType)}, ${text(sql`a.unified_account_number`)}, ${text(sql`p.account_number`)},
        p.tradable + p.restricted as total, round((p.tradable + p.restricted) * 100.0 / ${total.toString()}::numeric, 4) as ratio,
        p.tradable, p.restricted, p.frozen, p.pledged, p.frozen + p.pledged as encumbered
      from ${registerPositionsAt(securityId, date)} p
      join securities_accounts a on a.number = p.account_number
      join holders h on h.id = p.holder_id
      where p.tradable + p.restricted > 0
      order by p.tradable + p.restricted desc, p.account_number`;
}

/** Holders and total shares at the date: the size of the export, for progress and the ratio column. */
export async function registerSize(database: Database, securityId: number, date: string): Promise<{ holders: number; totalShares: bigint }> {
  const [row] = await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return rows<{ holders: number; total: string }>(
      tx,
      sql`select count(*)::int as holders, coalesce(sum(p.tradable + p.restricted), 0)::text as total
          from ${registerPositionsAt(securityId, date)} p where p.tradable + p.restricted > 0`,
    );
  });
  return { holders: row?.holders ?? 0, totalShares: BigInt(row?.total ?? '0') };
}

const BOM = '\uFEFF';
const CHUNK = 256 * 1024;

/**
 * CSV bytes: a BOM (so that Excel reads UTF-8), the header, then the rows; COPY's own CSV on PostgreSQL.
 * The query is the CSV form of the register query: its text cells already neutralised (platform/storage/csv.ts).
 */
async function* csvBytes(database: Database, query: SQL, onRows: (n: number) => void): AsyncGenerator<Buffer> {
  yield Buffer.from(`${BOM}${registerHeader.join(',')}\n`);
  if (database.kind === 'postgres') {
    const stream = await copyOut(database.raw as pg.Pool, inlineSql(query), 'csv');
    let n = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
      onRows(n);
      yield chunk;
    }
    return;
  }
  let buffer = '';
  let n = 0;
  for await (const row of streamRows(database, query)) {
    buffer += `${row.map(csvField).join(',')}\n`;
    n++;
    if (buffer.length >= CHUNK) {
      onRows(n);
      yield Buffer.from(buffer);
      buffer = '';
    }
  }
  onRows(n);
  if (buffer) yield Buffer.from(buffer);
}

// Columns by position: 0 rank, 6 total, 7 ratio, 8–12 quantities are numbers in the sheet; the rest text.
const numericColumns = new Set([0, 6, 8, 9, 10, 11, 12]);

function cellValue(value: string | null, column: number): string | number | null {
  if (value === null) return null;
  if (column === 7) return Number(value);
  if (numericColumns.has(column)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  return value;
}

const MAX_FILE_BYTES = 8 * 1024 * 1024 * 1024;

export interface WrittenExport {
  fileKey: string;
  rows: number;
  bytes: number;
}

/** Writes the register of a security at a date into the FileStore; progress in rows. */
export async function writeRegisterFile(ctx: AppContext, input: { securityId: number; date: string; format: ExportFormat }, onProgress?: (rowsDone: number, rowsTotal: number) => void): Promise<WrittenExport> {
  const size = await registerSize(ctx.database, input.securityId, input.date);
  const query = registerExportQuery(input.securityId, input.date, size.totalShares, { csv: input.format === 'csv' });
  let written = 0;
  const onRows = (n: number) => {
    written = n;
    onProgress?.(Math.min(n, size.holders), size.holders);
  };
  onProgress?.(0, size.holders);
  if (input.format === 'csv') {
    const { key, bytes } = await ctx.files.save('registers', 'csv', Readable.from(csvBytes(ctx.database, query, onRows)), MAX_FILE_BYTES);
    return { fileKey: key, rows: written, bytes };
  }
  async function* cells() {
    for await (const row of streamRows(ctx.database, query)) yield row.map(cellValue);
  }
  const { key, bytes } = await ctx.files.save('registers', 'xlsx', Readable.from(xlsxBytes('股东名册', registerHeader, cells(), onRows)), MAX_FILE_BYTES);
  return { fileKey: key, rows: written, bytes };
}

export const REGISTER_EXPORT_JOB = 'registry.register_export';

interface ExportPayload extends Record<string, unknown> {
  exportId: string;
}

export async function requestRegisterExport(ctx: AppContext, meta: RequestMeta, actor: Actor, input: { market: string; code: string; date: string; format: ExportFormat }) {
  const security = await securityByCode(ctx.db, input.market, input.code);
  const exportId = randomUUID();
  const now = ctx.clock.now();
  const jobId = await ctx.db.transaction(async (tx) => {
    await tx.insert(registerExports).values({ id: exportId, securityId: security.id, asOf: input.date, format: input.format, status: 'queued', requestedBy: actor.id ?? actor.kind, createdAt: now });
    const id = await ctx.jobs.enqueue(tx, REGISTER_EXPORT_JOB, { exportId } satisfies ExportPayload);
    await tx.update(registerExports).set({ jobId: id }).where(eq(registerExports.id, exportId));
    await audit(tx, now, meta, { actor, action: 'registry.register_export_requested', objectType: 'register_export', objectId: exportId, details: { securityId: security.id, date: input.date, format: input.format } });
    return id;
  });
  return { exportId, jobId };
}

export function registerExportJob(ctx: AppContext): JobDefinition<ExportPayload> {
  return {
    name: REGISTER_EXPORT_JOB,
    version: 1,
    maxAttempts: 2,
    handler: async (payload, job) => {
      const [row] = await ctx.db.select().from(registerExports).where(eq(registerExports.id, payload.exportId));
      if (!row) return { status: 'missing' };
      if (row.status === 'done') return { status: 'done', rows: row.rows };
      let last = 0;
      try {
        const written = await writeRegisterFile(ctx, { securityId: row.securityId, date: row.asOf, format: row.format as ExportFormat }, (done, total) => {
          if (done - last < 50_000 && done < total) return;
          last = done;
          void job.progress(done, total);
        });
        await ctx.db.update(registerExports).set({ status: 'done', fileKey: written.fileKey, rows: written.rows, bytes: written.bytes, finishedAt: ctx.clock.now() }).where(eq(registerExports.id, row.id));
        await job.progress(written.rows, written.rows);
        return { status: 'done', rows: written.rows, bytes: written.bytes };
      } catch (error) {
        if (job.attempt >= 2) await ctx.db.update(registerExports).set({ status: 'failed', finishedAt: ctx.clock.now() }).where(eq(registerExports.id, row.id));
        throw error;
      }
    },
  };
}

const exportColumns = {
  id: registerExports.id,
  market: securities.market,
  code: securities.code,
  name: securities.name,
  date: registerExports.asOf,
  format: registerExports.format,
  status: registerExports.status,
  jobId: registerExports.jobId,
  rows: registerExports.rows,
  bytes: registerExports.bytes,
  createdAt: registerExports.createdAt,
  finishedAt: registerExports.finishedAt,
};

export async function listRegisterExports(ctx: AppContext, page: { page: number; pageSize: number }) {
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({ ...exportColumns, progressDone: jobs.progressDone, progressTotal: jobs.progressTotal })
      .from(registerExports)
      .innerJoin(securities, eq(securities.id, registerExports.securityId))
      .leftJoin(jobs, eq(jobs.id, registerExports.jobId))
      .orderBy(desc(registerExports.createdAt))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    ctx.db.select({ n: count() }).from(registerExports),
  ]);
  return {
    total: Number(total?.n ?? 0),
    items: items.map((e) => ({ ...e, createdAt: e.createdAt.toISOString(), finishedAt: e.finishedAt?.toISOString() ?? null })),
  };
}

/** The file of a finished export, with the name it is downloaded under. */
export async function registerExportFile(ctx: AppContext, exportId: string) {
  const [row] = await ctx.db.select(exportColumns).from(registerExports).innerJoin(securities, eq(securities.id, registerExports.securityId)).where(eq(registerExports.id, exportId));
  if (!row) throw new AppError('REGISTER_EXPORT_NOT_FOUND');
  const [file] = await ctx.db.select({ key: registerExports.fileKey }).from(registerExports).where(eq(registerExports.id, exportId));
  if (row.status !== 'done' || !file?.key) throw new AppError('REGISTER_EXPORT_NOT_READY');
  return {
    stream: ctx.files.read(file.key),
    bytes: row.bytes ?? 0,
    fileName: `register-${row.market}${row.code}-${row.date}.${row.format}`,
    contentType: row.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
