import { Space, Tag } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { StepLineChart } from '../../../ui/line-chart.tsx';
import { beijingToday, certificatePath, daysBefore, type AccountFilter, type CertificateKind, type Change, type Freeze, type Position } from '../../../domains/queries/api.ts';
import { useAccountQuery, useHoldingChart } from '../../../domains/queries/use-account-query.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileDateItem, MobileQueryForm } from './shared/query-form.tsx';
import { Fields, MobileResultList } from './shared/result-list.tsx';
import { useLocalName } from '../../../ui/local-name.ts';
import { formatQuantity } from '../../../ui/figures.ts';

function CertificateLink({ kind, filter, dates }: { kind: CertificateKind; filter: AccountFilter | null; dates: { date: string } | { from: string; to: string } | null }) {
  const { t } = useTranslation('queries');
  const navigate = useNavigate();
  if (!filter || !dates) return null;
  return (
    <Button block fill="outline" color="primary" onClick={() => navigate(certificatePath('mobile', kind, filter, dates))} data-testid="get-certificate" style={{ marginTop: 8 }}>
      {t('actions.certificate')}
    </Button>
  );
}

type DateValues = AccountFilter & { date: string };
type RangeValues = AccountFilter & { from: string; to: string };

/** 证券持有余额 (manual 000 §二.2.2.2). */
export function MobileHoldingsPage() {
  const { t } = useTranslation('queries');
  const query = useAccountQuery<Position, DateValues>('holdings');
  const s = query.submitted;
  return (
    <MobilePage title={t('holdings.title')} back="/m/" testId="m-holdings">
      <MobileQueryForm<DateValues> initial={{ date: beijingToday() }} onSubmit={query.submit} testId="holdings-form">
        <MobileDateItem name="date" label={t('filter.date')} testId="filter-date" />
      </MobileQueryForm>
      <MobileResultList<Position>
        testId="holdings-list"
        {...query.list}
        emptyText={t('empty.holdings')}
        keyOf={(p) => p.code}
        renderItem={(p) => (
          <Fields
            rows={[
              [t('holdings.name'), `${p.code} ${p.name}`],
              [t('holdings.total'), formatQuantity(p.total)],
              [t('holdings.tradable'), formatQuantity(p.tradable)],
              [t('holdings.restricted'), formatQuantity(p.restricted)],
              [t('holdings.frozen'), formatQuantity(p.frozen)],
              [t('holdings.pledged'), formatQuantity(p.pledged)],
            ]}
          />
        )}
      />
      <CertificateLink kind="holding_balance" filter={s} dates={s ? { date: s.date } : null} />
    </MobilePage>
  );
}

/** 证券持有变更 (manual 000 §二.2.2.3), with the balance of one security as a chart. */
export function MobileChangesPage() {
  const { t } = useTranslation('queries');
  const name = useLocalName();
  const query = useAccountQuery<Change, RangeValues>('changes');
  const s = query.submitted;
  const today = beijingToday();
  return (
    <MobilePage title={t('changes.title')} back="/m/" testId="m-changes">
      <MobileQueryForm<RangeValues> initial={{ from: daysBefore(today, 364), to: today }} onSubmit={query.submit} testId="changes-form">
        <MobileDateItem name="from" label={t('filter.from')} testId="filter-from" />
        <MobileDateItem name="to" label={t('filter.to')} testId="filter-to" />
      </MobileQueryForm>
      {s && query.result.data?.items.length ? <MobileHoldingChart filter={s} changes={query.result.data.items} /> : null}
      <MobileResultList<Change>
        testId="changes-list"
        {...query.list}
        emptyText={t('empty.changes')}
        keyOf={(c) => c.id}
        renderItem={(c) => (
          <Fields
            rows={[
              [t('changes.date'), c.date],
              [t('changes.name'), `${c.code} ${c.name}`],
              [t('changes.businessType'), name(c, 'businessType')],
              [t('changes.category'), t(`changes.categories.${c.category}`, { defaultValue: c.category })],
              [t('changes.quantity'), formatQuantity(c.quantity)],
              [t('changes.balanceAfter'), formatQuantity(c.balanceAfter)],
            ]}
          />
        )}
      />
      <CertificateLink kind="holding_changes" filter={s} dates={s ? { from: s.from, to: s.to } : null} />
    </MobilePage>
  );
}

function MobileHoldingChart({ filter, changes }: { filter: RangeValues; changes: Change[] }) {
  const { t } = useTranslation('queries');
  const { codes, code, choose: setChosen, history } = useHoldingChart(filter, changes);
  return (
    <div className="ch-m-inset" data-testid="holding-chart" style={{ background: '#fff', padding: 12, marginBottom: 8 }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('changes.chartTitle')}</div>
      <Space wrap style={{ marginBottom: 8 }}>
        {codes.map(([c, name]) => (
          <Tag key={c} color={c === code ? 'primary' : 'default'} fill={c === code ? 'solid' : 'outline'} onClick={() => setChosen(c)}>
            {`${c} ${name}`}
          </Tag>
        ))}
      </Space>
      {history.data ? (
        <StepLineChart
          testId="holding-chart-svg"
          width={360}
          height={200}
          title={`${t('changes.chartTitle')} ${history.data.code}`}
          until={filter.to}
          points={history.data.points.map((p) => ({ date: p.date, value: p.balance }))}
        />
      ) : null}
    </div>
  );
}

/** 证券冻结情况 (manual 000 §二.2.2.4). */
export function MobileFreezesPage() {
  const { t } = useTranslation('queries');
  const query = useAccountQuery<Freeze, DateValues>('freezes');
  const s = query.submitted;
  return (
    <MobilePage title={t('freezes.title')} back="/m/" testId="m-freezes">
      <MobileQueryForm<DateValues> initial={{ date: beijingToday() }} onSubmit={query.submit} testId="freezes-form">
        <MobileDateItem name="date" label={t('filter.date')} testId="filter-date" />
      </MobileQueryForm>
      <MobileResultList<Freeze>
        testId="freezes-list"
        {...query.list}
        emptyText={t('empty.freezes')}
        keyOf={(f) => f.id}
        renderItem={(f) => (
          <Fields
            rows={[
              [t('freezes.name'), `${f.code} ${f.name}`],
              [t('freezes.state'), t(`freezes.states.${f.state}`)],
              [t('freezes.authority'), f.authority],
              [t('freezes.caseNumber'), f.caseNumber],
              [t('freezes.quantity'), formatQuantity(f.quantity)],
              [t('freezes.frozenQuantity'), formatQuantity(f.frozenQuantity)],
              [t('freezes.period'), f.startOn ? `${f.startOn} ~ ${f.endOn ?? ''}` : '—'],
            ]}
          />
        )}
      />
      <CertificateLink kind="freezes" filter={s} dates={s ? { date: s.date } : null} />
    </MobilePage>
  );
}
