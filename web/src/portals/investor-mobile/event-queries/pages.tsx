import { Card, Dialog, Empty, Input, List, Selector, Space, SpinLoading, Tag } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { toApiError } from '../../../ui/errors.ts';
import { useEventQuery, useQueryFilters, type Allotment, type QueryKind, type QueryParams, type QueryResults } from '../../../domains/event-queries/api.ts';
import { accountChoiceLabel } from '../../../domains/queries/api.ts';
import { useStanding } from '../../../domains/verification/api.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { useLocalName } from '../../../ui/local-name.ts';
import { normaliseIdentifier } from '../../../../../server/src/kernel/identifiers.ts';
import { formatMoney, formatOptionalQuantity, formatQuantity } from '../../../ui/figures.ts';

/**
 * The mobile hall's 新配股中签情况 (home), and under 更多服务 股息红利个人所得税,
 * 放弃认购数据, 风险揭示书签署日期, 授权管理 (manual 000 §二.2.2.5–8): 证券账户
 * filter, 查询, the rows as a list, more on demand, an empty state that says why.
 * An unbound investor is asked to bind first, as on 我的一码通.
 */

const PAGE_SIZE = 10;

function QueryScreen<K extends QueryKind>(props: {
  kind: K;
  title: string;
  testId: string;
  extra?: (set: (p: QueryParams) => void) => ReactNode;
  above?: (data: QueryResults[K]) => ReactNode;
  row: (item: QueryResults[K]['items'][number]) => ReactNode;
  emptyReason: string;
}) {
  const { t } = useTranslation('event-queries');
  const navigate = useNavigate();
  const standing = useStanding();
  const bound = standing.data?.bound === true;
  const unbound = standing.data !== undefined && !standing.data.bound;
  const filters = useQueryFilters(bound);
  const [account, setAccount] = useState<string | undefined>();
  const [params, setParams] = useState<QueryParams>({});
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const result = useEventQuery(props.kind, bound ? { ...params, page: 1, pageSize } : null);
  return (
    <MobilePage title={props.title} back="/m/" testId={props.testId}>
      <Dialog
        visible={unbound}
        content={<span data-testid="not-bound-prompt">{t('verification:bind.notBound')}</span>}
        actions={[
          [
            { key: 'cancel', text: t('common:actions.cancel'), onClick: () => navigate('/m/', { replace: true }) },
            { key: 'ok', text: t('verification:bind.ok'), bold: true, onClick: () => navigate('/m/binding', { replace: true }) },
          ],
        ]}
      />
      {!bound ? (
        <SpinLoading />
      ) : (
        <>
          <Card className="ch-m-inset" title={t('filters.account')}>
            <Space direction="vertical" block>
              <Selector columns={2} value={account ? [account] : []} onChange={(v) => setAccount(v[0])} options={(filters.data?.accounts ?? []).map((a) => ({ value: a.ref, label: accountChoiceLabel(a, t) }))} />
              {props.extra?.((p) => setParams((old) => ({ ...old, ...p })))}
              <Button block color="primary" data-testid="query-submit" onClick={() => setParams((old) => ({ ...old, account }))}>
                {t('filters.query')}
              </Button>
            </Space>
          </Card>
          {result.isError ? <p className="ch-m-error">{toApiError(result.error).message}</p> : null}
          {result.data && props.above ? props.above(result.data) : null}
          {result.isPending ? (
            <SpinLoading />
          ) : result.data && result.data.items.length ? (
            <List data-testid="query-list">
              {(result.data.items as QueryResults[K]['items'][number][]).map((item, i) => (
                <List.Item key={i}>{props.row(item)}</List.Item>
              ))}
            </List>
          ) : (
            <Empty data-testid="query-empty" description={props.emptyReason} />
          )}
          {result.data && result.data.total > result.data.items.length ? (
            <Button block fill="none" onClick={() => setPageSize((s) => s + PAGE_SIZE)} data-testid="query-more">
              {t('table.total', { total: result.data.total })} ↓
            </Button>
          ) : null}
        </>
      )}
    </MobilePage>
  );
}

const Line = ({ children }: { children: ReactNode }) => <div style={{ fontSize: 13, color: '#666' }}>{children}</div>;

/** 申购状态: valid, or invalid with its reason (and the quota it exceeded). */
function subscriptionStatus(t: TFunction, a: Allotment): string {
  if (a.valid || !a.invalidReason) return t('ipo.valid');
  return t(`ipo.invalid.${a.invalidReason}`, { quota: a.quota === null ? '—' : formatQuantity(a.quota) });
}

export function MobileIpoAllotmentsPage() {
  const { t } = useTranslation('event-queries');
  return (
    <QueryScreen
      kind="ipo-allotments"
      title={t('ipo.mobileTitle')}
      testId="m-ipo-allotments"
      emptyReason={t('ipo.empty')}
      row={(a) => (
        <>
          <div>{`${a.securityName} ${a.securityCode}`}</div>
          <Line>{`${t('columns.account')}：${a.accountMasked}　${t('ipo.subscriptionDate')}：${a.subscriptionDate}`}</Line>
          <Line>{`${t('ipo.subscribedQuantity')}：${formatQuantity(a.subscribedQuantity)}　${t('ipo.status')}：${subscriptionStatus(t, a)}`}</Line>
          <Line>{`${t('ipo.firstNumber')}：${a.firstNumber ?? '—'}　${t('ipo.numberCount')}：${formatQuantity(a.numberCount)}`}</Line>
          <Line>{`${t('ipo.winningNumbers')}：${!a.valid ? '—' : !a.drawn ? t('ipo.notDrawn') : a.winningNumbers.length ? a.winningNumbers.join('、') : t('ipo.noWin')}`}</Line>
          <Line>{`${t('ipo.winningQuantity')}：${formatOptionalQuantity(a.winningQuantity)}　${t('ipo.payment.title')}：${a.payment ? `${t(`ipo.payment.${a.payment.result}`)}（${formatQuantity(a.payment.paidQuantity)}）` : '—'}`}</Line>
        </>
      )}
    />
  );
}

export function MobileDividendTaxPage() {
  const { t } = useTranslation('event-queries');
  return (
    <QueryScreen
      kind="dividend-tax"
      title={t('tax.title')}
      testId="m-dividend-tax"
      emptyReason={t('tax.empty')}
      row={(r) => (
        <>
          <div>{`${r.name} ${r.code}`}</div>
          <Line>{`${t('tax.recordOn')}：${r.recordOn}　${t('tax.quantity')}：${formatQuantity(r.quantity)}`}</Line>
          <Line>{`${t('tax.band')}：${t(`tax.bands.${r.band}`, { defaultValue: r.band })}`}</Line>
          <Line>{`${t('tax.taxableAmount')}：${formatMoney(r.taxableAmount)}　${t('tax.taxAmount')}：${formatMoney(r.taxAmount)}`}</Line>
        </>
      )}
    />
  );
}

export function MobileAbandonmentsPage() {
  const { t } = useTranslation('event-queries');
  const market = (m: string) => t(`markets.${m}`, { defaultValue: m });
  return (
    <QueryScreen
      kind="abandonments"
      title={t('abandon.title')}
      testId="m-abandonments"
      emptyReason={t('abandon.empty')}
      above={(data) => (
        <Card className="ch-m-inset" data-testid="abandon-markets">
          {data.markets.map((m) => (
            <p key={m.market} style={{ margin: '4px 0' }}>
              {m.eligible ? t('abandon.eligible', { market: market(m.market) }) : t('abandon.barred', { market: market(m.market), from: m.barredFrom, to: m.barredTo })}
            </p>
          ))}
        </Card>
      )}
      row={(a) => (
        <>
          <div>{`${a.securityName} ${a.securityCode}`}</div>
          <Line>{`${t('abandon.productType')}：${t(`abandon.products.${a.productType}`, { defaultValue: a.productType })}　${t('columns.account')}：${a.accountMasked}`}</Line>
          <Line>{`${t('ipo.winningQuantity')}：${formatQuantity(a.winningQuantity)}　${t('abandon.abandonedQuantity')}：${formatQuantity(a.abandonedQuantity)}　${t('abandon.reportedOn')}：${a.reportedOn}`}</Line>
        </>
      )}
    />
  );
}

export function MobileRiskDisclosuresPage() {
  const { t } = useTranslation('event-queries');
  const name = useLocalName();
  return (
    <QueryScreen
      kind="risk-disclosures"
      title={t('risk.title')}
      testId="m-risk-disclosures"
      emptyReason={t('risk.empty')}
      row={(s) => (
        <>
          <div>{name(s, 'typeName')}</div>
          <Line>{`${t('columns.account')}：${s.accountMasked}　${t('risk.signedOn')}：${s.signedOn}`}</Line>
          <Line>{`${t('risk.broker')}：${s.broker}`}</Line>
        </>
      )}
    />
  );
}

export function MobileAuthorisationsPage() {
  const { t } = useTranslation('event-queries');
  const [number, setNumber] = useState('');
  return (
    <QueryScreen
      kind="authorisations"
      title={t('authorisations.title')}
      testId="m-authorisations"
      emptyReason={t('authorisations.empty')}
      extra={(set) => (
        <Input
          placeholder={t('authorisations.number')}
          value={number}
          maxLength={32}

          onChange={(v) => {
            setNumber(v);
            set({ number: normaliseIdentifier(v) || undefined });
          }}
        />
      )}
      row={(a) => (
        <>
          <div>
            {a.authorisationNumber} <Tag color={a.status === 'active' ? 'success' : a.status === 'revoked' ? 'danger' : 'default'}>{t(`authorisations.statuses.${a.status}`)}</Tag>
          </div>
          <Line>{`${t('authorisations.business')}：${t(`authorisations.businesses.${a.business}`, { defaultValue: a.business })}　${t('columns.account')}：${a.accountMasked}`}</Line>
          <Line>{`${t('authorisations.party')}：${a.authorisedParty}`}</Line>
          <Line>{`${t('authorisations.validity')}：${a.validFrom} ~ ${a.validTo}`}</Line>
        </>
      )}
    />
  );
}

/** The home's entries: 新配股中签情况, and 更多服务 with the other four. */
export function MobileEventEntries() {
  const { t } = useTranslation('event-queries');
  const navigate = useNavigate();
  const entry = (path: string, label: string, testId: string) => (
    <Button block onClick={() => navigate(path)} data-testid={testId} key={testId}>
      {label}
    </Button>
  );
  return (
    <>
      <Card className="ch-m-inset">{entry('/m/ipo-allotments', t('nav.mobileIpo'), 'entry-ipo-allotments')}</Card>
      <Card className="ch-m-inset" title={t('nav.moreServices')} data-testid="more-services">
        <Space direction="vertical" block>
          {entry('/m/dividend-tax', t('nav.tax'), 'entry-dividend-tax')}
          {entry('/m/abandonments', t('nav.abandon'), 'entry-abandonments')}
          {entry('/m/risk-disclosures', t('nav.risk'), 'entry-risk-disclosures')}
          {entry('/m/authorisations', t('nav.authorisations'), 'entry-authorisations')}
        </Space>
      </Card>
    </>
  );
}
