import { sql } from 'drizzle-orm';
import { rows } from '../../../platform/db/client.ts';
import { type CsvBatchSpec, lineErrors } from '../settlement/index.ts';
import { isIsoDate } from '../../../kernel/dates.ts';

/**
 * Daily closing prices (收盘价), one file per market and trading day as the exchanges
 * send them beside the settlement files (a file may carry several days). A market and
 * day is imported once: its prices are what the quota counts, and the days with a file
 * are the market's trading calendar (decision 0034).
 */

export const closingPriceColumns = ['market', 'trading_day', 'security_code', 'close_price'] as const;

const MARKET = /^(SH|SZ)$/;
const CODE = /^\d{6}$/;
/** Yuan, at most four places; zero is no price. */
const CLOSE_PRICE = /^\d{1,14}(\.\d{1,4})?$/;

export const closingPriceImport: CsvBatchSpec = {
  source: 'closing_prices',
  columns: closingPriceColumns,
  parseLine([market, day, code, price], line) {
    if (!MARKET.test(market!)) return { line, reason: 'MARKET_FORMAT', detail: market };
    if (!isIsoDate(day!)) return { line, reason: 'DATE_FORMAT', detail: day };
    if (!CODE.test(code!)) return { line, reason: 'SECURITY_FORMAT', detail: code };
    if (!CLOSE_PRICE.test(price!) || !/[1-9]/.test(price!)) return { line, reason: 'PRICE_FORMAT', detail: price };
    return [market!, day!, code!, price!];
  },
  async check(_ctx, ex) {
    return lineErrors(
      ex,
      sql`select s.line_no as line,
            case when s.line_no <> s.first_line then 'DUPLICATE_IN_FILE'
                 when d.batch_id is not null then 'DAY_ALREADY_IMPORTED' end as reason,
            case when s.line_no <> s.first_line then s.first_line::text
                 when d.batch_id is not null then d.batch_id end as detail
          from (select c.*, min(c.line_no) over (partition by c.market, c.trading_day, c.security_code) as first_line from stage_csv c) s
          left join closing_price_days d on d.market = s.market and d.trading_day = s.trading_day::date`,
    );
  },
  async apply(_ctx, ex, batchId) {
    const [inserted] = await rows<{ n: number }>(
      ex,
      sql`with ins as (
            insert into closing_prices (market, trading_day, security_code, price, batch_id)
            select market, trading_day::date, security_code, close_price::numeric, ${batchId} from stage_csv returning 1)
          select count(*)::int as n from ins`,
    );
    await ex.execute(sql`
      insert into closing_price_days (market, trading_day, securities, batch_id)
      select market, trading_day::date, count(*), ${batchId} from stage_csv group by market, trading_day`);
    return Number(inserted?.n ?? 0);
  },
};
