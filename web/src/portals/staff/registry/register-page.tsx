/** 股东名册: the holders of a security at the end of a date, largest first. */
import { Card, DatePicker, Form, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeField, SearchButtons } from '../../../ui/console/forms.tsx';
import { LookupOutcome } from '../../../ui/console/lookup.tsx';
import { ConsoleTable } from '../../../ui/console/table.tsx';
import { MARKETS, SECURITY_CODE_PATTERN, useRegister, type Market, type RegisterLine, type RegisterQuery } from '../../../domains/registry-staff/api.ts';
import { isoDayOf, todayInShanghai, type PickedDay } from './format.ts';
import { useRegistryLabels } from './labels.ts';
import { Shares, sharesColumn } from './shares.tsx';
import { RegisterExportButtons } from './register-export.tsx';

interface RegisterForm {
  market: Market;
  code: string;
  date?: PickedDay | null;
  limit: number;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 9999;

export function RegisterPage() {
  const { t } = useTranslation('staff');
  const labels = useRegistryLabels();
  const [query, setQuery] = useState<RegisterQuery | null>(null);
  const register = useRegister(query);
  const today = todayInShanghai();

  return (
    <Card title={t('registry.register.title')}>
      <Form<RegisterForm>
        name="registerLookup"
        layout="inline"
        initialValues={{ market: 'SH', limit: DEFAULT_LIMIT }}
        style={{ marginBottom: 8, rowGap: 8 }}
        onFinish={(values) => setQuery({ market: values.market, code: values.code, date: isoDayOf(values.date, todayInShanghai()), limit: values.limit })}
      >
        <Form.Item label={t('registry.register.market')} name="market" rules={[{ required: true }]}>
          <Select<Market> style={{ width: 110 }} data-testid="register-market" options={MARKETS.map((market) => ({ value: market, label: labels.market(market) }))} />
        </Form.Item>
        <CodeField
          label={t('registry.register.code')}
          name="code"
          pattern={SECURITY_CODE_PATTERN}
          requiredMessage={t('registry.register.codeRequired')}
          patternMessage={t('registry.register.codeFormat')}
          maxLength={6}
          width={110}
          placeholder="600000"
          testId="register-code"
        />
        <Form.Item label={t('registry.register.date')} name="date">
          <DatePicker placeholder={today} allowClear data-testid="register-date" />
        </Form.Item>
        <Form.Item label={t('registry.register.limit')} name="limit" rules={[{ required: true, message: t('registry.register.limitRequired') }]}>
          <InputNumber min={1} max={MAX_LIMIT} precision={0} style={{ width: 100 }} data-testid="register-limit" />
        </Form.Item>
        <SearchButtons testId="register-submit" noReset />
      </Form>
      <LookupOutcome
        lookup={query}
        help={t('registry.register.help')}
        prompt={t('registry.register.prompt')}
        testId="register"
        summary={(shown) => (
          <>
            {t('registry.register.lookup', { market: labels.market(shown.market), code: shown.code, date: shown.date, limit: shown.limit })}
            {register.data && register.data.length > 0 && <> {t('registry.register.count', { count: register.data.length })}</>}
          </>
        )}
      >
        {(shown) => (
          <>
            {register.data && register.data.length > 0 && <RegisterExportButtons query={shown} />}
            <ConsoleTable<RegisterLine>
              error={register.error}
              errorTestId="register-error"
              failedText={t('registry.register.failed')}
              rowKey="accountNumber"
              loading={register.isFetching}
              dataSource={register.data ?? []}
              pagination={(register.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              locale={{ emptyText: t('registry.register.empty', { code: shown.code, date: shown.date }) }}
              testIdOf={(line) => `register-row-${line.accountNumber}`}
              columns={[
                { title: t('registry.register.rank'), dataIndex: 'rank', width: 64, align: 'right' },
                { title: t('registry.register.account'), dataIndex: 'accountNumber', width: 120 },
                {
                  title: t('registry.register.holder'),
                  key: 'holder',
                  render: (_, line) => (
                    <Space size={4} wrap>
                      <span>{line.holderName}</span>
                      <Tag bordered={false}>{labels.holderKind(line.holderKind)}</Tag>
                      {line.holderCategory !== 'ordinary' && <Tag color="purple">{labels.holderCategory(line.holderCategory)}</Tag>}
                    </Space>
                  ),
                },
                {
                  title: t('registry.register.total'),
                  dataIndex: 'total',
                  align: 'right',
                  render: (value: string) => (
                    <Typography.Text strong>
                      <Shares value={value} />
                    </Typography.Text>
                  ),
                },
                sharesColumn<RegisterLine>(t('registry.categories.tradable'), 'tradable'),
                sharesColumn<RegisterLine>(t('registry.categories.restricted'), 'restricted'),
                sharesColumn<RegisterLine>(t('registry.categories.frozen'), 'frozen'),
                sharesColumn<RegisterLine>(t('registry.categories.pledged'), 'pledged'),
              ]}
            />
          </>
        )}
      </LookupOutcome>
    </Card>
  );
}
