import { sql, type SQL } from 'drizzle-orm';

/**
 * The positions of a security at the end of a date, as a SQL subquery with
 * columns (account_number, holder_id, tradable, restricted, frozen, pledged).
 *
 * Set-based and cheap for any number of holders: a position whose last
 * journal entry is on or before the date has its current balances (read from
 * `holdings` through its security index); only positions changed after the
 * date descend the journal index for the balance at the date. Positions with
 * nothing held are included; callers filter.
 */
export function registerPositionsAt(securityId: number, date: string): SQL {
  const at = (category: 'tradable' | 'restricted' | 'frozen' | 'pledged') =>
    sql`case when h.last_effective_on <= ${date}::date then h.${sql.raw(category)} else coalesce((select c.balance_after from holding_changes c
          where c.account_number = h.account_number and c.security_id = h.security_id and c.category = ${category}
            and c.effective_on <= ${date}::date order by c.effective_on desc, c.id desc limit 1), 0) end`;
  return sql`(select h.account_number, h.holder_id,
      ${at('tradable')} as tradable,
      ${at('restricted')} as restricted,
      ${at('frozen')} as frozen,
      ${at('pledged')} as pledged
    from holdings h where h.security_id = ${securityId})`;
}
