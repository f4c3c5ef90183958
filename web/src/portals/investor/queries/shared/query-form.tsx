import { Form, Input, Radio, Select, Space } from 'antd';
import { Button } from '../../../../ui/button.tsx';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { beijingToday, type AccountFilter } from '../../../../domains/queries/api.ts';
import { useAccountFilter } from '../../../../domains/queries/use-account-filter.ts';

/**
 * The filter bar every account query shares (manual 000 §一.2.2.2–2.2.8): 证券类别
 * (A股/B股), 证券账户 and 交易市场 fed by the investor's accounts, the page's own
 * date fields (children) and 查询. `onSubmit` receives the form values.
 */
export function QueryForm<T extends AccountFilter>({
  initial,
  children,
  onSubmit,
  withClass = true,
  testId,
}: {
  initial?: Partial<T>;
  children?: ReactNode;
  onSubmit: (values: T) => void;
  withClass?: boolean;
  testId: string;
}) {
  const { t } = useTranslation('queries');
  const [form] = Form.useForm<AccountFilter>();
  const { accounts, markets, classOptions, accountOptions, marketOptions, accountRules, marketRules } = useAccountFilter(Form.useWatch('account', form));

  useEffect(() => {
    const first = accounts.data?.items[0];
    if (first && !form.getFieldValue('account')) form.setFieldsValue({ account: first.ref, market: first.market } as never);
  }, [accounts.data, form]);
  useEffect(() => {
    if (markets.length && !markets.includes(form.getFieldValue('market') as string)) form.setFieldsValue({ market: markets[0] } as never);
  }, [markets, form]);

  return (
    <Form form={form} layout="inline" initialValues={{ securityClass: 'A', ...initial }} onFinish={(values) => onSubmit(values as T)} style={{ rowGap: 12, marginBottom: 16 }} data-testid={testId}>
      {withClass ? (
        <Form.Item label={t('filter.securityClass')} name="securityClass">
          <Radio.Group optionType="button" options={classOptions} />
        </Form.Item>
      ) : null}
      {children}
      <Form.Item label={t('filter.account')} name="account" rules={accountRules}>
        <Select style={{ width: 180 }} loading={accounts.isPending} data-testid="filter-account" options={accountOptions} />
      </Form.Item>
      <Form.Item label={t('filter.market')} name="market" rules={marketRules}>
        <Select style={{ width: 140 }} data-testid="filter-market" options={marketOptions} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="query-submit">
            {t('actions.query')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}

/** A date field of the filter bar (日期, 起始日期, 结束日期): a calendar day, never after today. */
export function DateItem({ name, label, testId }: { name: string; label: string; testId: string }) {
  const { t } = useTranslation('queries');
  return (
    <Form.Item label={label} name={name} rules={[{ required: true, message: t('filter.dateRequired') }]}>
      <Input type="date" max={beijingToday()} style={{ width: 160 }} data-testid={testId} aria-label={label} />
    </Form.Item>
  );
}
