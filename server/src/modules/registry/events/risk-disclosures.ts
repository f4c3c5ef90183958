import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { rows } from '../../../platform/db/client.ts';
import { type CsvBatchSpec, lineErrors } from '../settlement/index.ts';
import { holderRecordsWhere, type HolderRecordsQuery } from './holder-records.ts';
import { riskDisclosureSignings as signings, riskDisclosureTypes } from './ipo-schema.ts';
import { beijingDate } from '../../../kernel/time.ts';
import { isIsoDate } from '../../../kernel/dates.ts';

/**
 * Risk-disclosure signings (风险揭示书签署): reported by brokers, one per
 * securities account and board or product type. The types are rows of
 * risk_disclosure_types (configuration: names in zh-CN and English).
 */

export async function riskDisclosureTypeList(ctx: AppContext) {
  return ctx.db.select().from(riskDisclosureTypes).where(eq(riskDisclosureTypes.active, true)).orderBy(asc(riskDisclosureTypes.sortOrder));
}

export interface SigningView {
  accountNumber: string;
  disclosureType: string;
  typeNameZh: string;
  typeNameEn: string;
  signedOn: string;
  broker: string;
}

/** An investor's signings, by account then type. */
export async function riskDisclosureSignings(ctx: AppContext, input: Pick<HolderRecordsQuery, 'holderId' | 'accountNumber'>): Promise<SigningView[]> {
  const where = holderRecordsWhere(signings, input);
  return ctx.db
    .select({
      accountNumber: signings.accountNumber,
      disclosureType: signings.disclosureType,
      typeNameZh: riskDisclosureTypes.nameZh,
      typeNameEn: riskDisclosureTypes.nameEn,
      signedOn: signings.signedOn,
      broker: signings.broker,
    })
    .from(signings)
    .innerJoin(riskDisclosureTypes, eq(riskDisclosureTypes.code, signings.disclosureType))
    .where(and(...where))
    .orderBy(asc(signings.accountNumber), asc(riskDisclosureTypes.sortOrder));
}

export const riskDisclosureColumns = ['account_number', 'disclosure_type', 'signed_on', 'broker'] as const;

export const riskDisclosureImport: CsvBatchSpec = {
  source: 'risk_disclosures',
  columns: riskDisclosureColumns,
  parseLine([account, type, signedOn, broker], line) {
    if (!/^[A-Z0-9]{10}$/.test(account!)) return { line, reason: 'ACCOUNT_FORMAT' };
    if (!/^[a-z_]{1,40}$/.test(type!)) return { line, reason: 'UNKNOWN_DISCLOSURE_TYPE', detail: type };
    if (!isIsoDate(signedOn!)) return { line, reason: 'DATE_FORMAT', detail: signedOn };
    if (!broker || broker.length > 100) return { line, reason: 'BROKER_FORMAT' };
    return [account!, type!, signedOn!, broker];
  },
  async check(ctx, ex) {
    await ex.execute(sql`drop table if exists stage_risk`);
    await ex.execute(sql`
      create temp table stage_risk on commit drop as
      select s.*, a.holder_id, a.status as account_status, t.code as known_type,
             min(s.line_no) over (partition by s.account_number, s.disclosure_type) as first_line,
             exists (select 1 from risk_disclosure_signings x where x.account_number = s.account_number and x.disclosure_type = s.disclosure_type) as already
      from stage_csv s
      left join securities_accounts a on a.number = s.account_number
      left join risk_disclosure_types t on t.code = s.disclosure_type and t.active`);
    const today = beijingDate(ctx.clock.now());
    return lineErrors(
      ex,
      sql`select line_no as line,
            case when holder_id is null then 'UNKNOWN_ACCOUNT'
                 when account_status = 'cancelled' then 'ACCOUNT_CANCELLED'
                 when known_type is null then 'UNKNOWN_DISCLOSURE_TYPE'
                 when signed_on::date > ${today}::date then 'DATE_IN_FUTURE'
                 when line_no <> first_line then 'DUPLICATE_IN_FILE'
                 when already then 'ALREADY_SIGNED' end as reason,
            case when known_type is null then disclosure_type when line_no <> first_line then first_line::text end as detail
          from stage_risk`,
    );
  },
  async apply(_ctx, ex, batchId, now) {
    const [inserted] = await rows<{ n: number }>(
      ex,
      sql`with ins as (
            insert into risk_disclosure_signings (holder_id, account_number, disclosure_type, signed_on, broker, batch_id, line_no, recorded_at)
            select holder_id, account_number, disclosure_type, signed_on::date, broker, ${batchId}, line_no, ${now.toISOString()}::timestamptz
            from stage_risk returning 1)
          select count(*)::int as n from ins`,
    );
    return Number(inserted?.n ?? 0);
  },
};
