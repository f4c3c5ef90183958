import { Form, Selector } from 'antd-mobile';
import { Button } from '../../../../ui/mobile/button.tsx';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { beijingToday, type AccountFilter } from '../../../../domains/queries/api.ts';
import { useAccountFilter } from '../../../../domains/queries/use-account-filter.ts';

/** Selector gives arrays; the API takes one value. */
const one = (value: unknown) => (Array.isArray(value) ? (value[0] as string | undefined) : (value as string | undefined));

/**
 * The mobile filter of every account query (manual 000 §二.2.2.2–2.2.8): 证券类别,
 * the page's date fields (children), 证券账户 and 交易市场 fed by the investor's accounts, 查询.
 */
export function MobileQueryForm<T extends AccountFilter>({ initial, children, onSubmit, testId }: { initial: Record<string, string>; children?: ReactNode; onSubmit: (values: T) => void; testId: string }) {
  const { t } = useTranslation('queries');
  const [form] = Form.useForm();
  const { accounts, markets, classOptions, accountOptions, marketOptions, accountRules, marketRules } = useAccountFilter(one(Form.useWatch('account', form)));

  useEffect(() => {
    const first = accounts.data?.items[0];
    if (first && !one(form.getFieldValue('account'))) form.setFieldsValue({ account: [first.ref], market: [first.market] });
  }, [accounts.data, form]);
  useEffect(() => {
    if (markets.length && !markets.includes(one(form.getFieldValue('market')) ?? '')) form.setFieldsValue({ market: [markets[0]] });
  }, [markets, form]);

  const finish = (values: Record<string, unknown>) => {
    const flat = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, one(v)]));
    onSubmit(flat as unknown as T);
  };

  return (
    <Form
      form={form}
      layout="horizontal"
      initialValues={{ securityClass: ['A'], ...initial }}
      onFinish={finish}
      data-testid={testId}
      footer={
        <Button block color="primary" type="submit" data-testid="query-submit">
          {t('actions.query')}
        </Button>
      }
    >
      <Form.Item label={t('filter.securityClass')} name="securityClass">
        <Selector columns={2} options={classOptions} />
      </Form.Item>
      {children}
      <Form.Item label={t('filter.account')} name="account" layout="vertical" rules={accountRules}>
        <Selector columns={2} options={accountOptions} />
      </Form.Item>
      <Form.Item label={t('filter.market')} name="market" rules={marketRules}>
        <Selector columns={3} options={marketOptions} />
      </Form.Item>
    </Form>
  );
}

/** A date field (日期, 起始日期, 结束日期), never after today. */
export function MobileDateItem({ name, label, testId }: { name: string; label: string; testId: string }) {
  const { t } = useTranslation('queries');
  return (
    <Form.Item label={label} name={name} rules={[{ required: true, message: t('filter.dateRequired') }]}>
      <input type="date" max={beijingToday()} data-testid={testId} aria-label={label} className="ch-m-date" style={{ width: '100%', border: 'none', font: 'inherit', background: 'transparent' }} />
    </Form.Item>
  );
}
