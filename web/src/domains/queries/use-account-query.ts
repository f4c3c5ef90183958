import { useState } from 'react';
import { useHoldingHistory, usePagedQuery, type AccountFilter, type Change } from './api.ts';
import { useSubmitted } from './use-submitted.ts';

/**
 * A query of 我的一码通 (证券持有余额, 证券持有变更, 证券冻结情况), desktop and mobile alike:
 * the filter last submitted, the page shown, and the rows; `list` is what the hall's
 * table or card list needs.
 */
export function useAccountQuery<Row, Values extends object>(kind: 'holdings' | 'changes' | 'freezes') {
  const query = useSubmitted<Values>();
  const result = usePagedQuery<Row>(kind, query.params);
  return { submitted: query.submitted, submit: query.submit, result, list: { result, submitted: query.submitted !== null, onPage: (page: number) => query.setPage(page) } };
}

/** The balance chart under 证券持有变更: one security of the result at a time (the first until another is chosen). */
export function useHoldingChart(filter: AccountFilter & { from: string; to: string }, changes: Change[]) {
  const codes = [...new Map(changes.map((c) => [c.code, c.name])).entries()];
  const [chosen, setChosen] = useState<string | null>(null);
  const code = chosen && codes.some(([c]) => c === chosen) ? chosen : codes[0]![0];
  const history = useHoldingHistory({ account: filter.account, market: filter.market, securityClass: filter.securityClass, from: filter.from, to: filter.to, securityCode: code });
  return { codes, code, choose: setChosen, history };
}
