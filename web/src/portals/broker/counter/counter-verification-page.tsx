import { App, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { ID_TYPES } from '../../../domains/verification/api.ts';

interface CounterRequest {
  id: string;
  name: string;
  idType: string;
  purpose: string;
  requestedAt: string;
  expiresAt: string;
}

interface Search {
  name: string;
  idType: string;
  idNumber: string;
}

/**
 * 临柜身份认证 at a broker counter (manual 000 §一.2.1.1 (4)): the clerk checks
 * the investor's ID in person, finds their pending request by name and ID
 * number, and confirms or refuses it.
 */
export function CounterVerificationPage() {
  const { t } = useTranslation('verification');
  const { message } = App.useApp();
  const [items, setItems] = useState<CounterRequest[] | null>(null);
  const [search, setSearch] = useState<Search | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const find = async (values: Search) => {
    setError(null);
    try {
      const query = new URLSearchParams({ name: values.name.trim(), idType: values.idType, idNumber: values.idNumber.trim() });
      setItems((await api.get<{ items: CounterRequest[] }>(`/api/v1/broker/counter-verifications?${query.toString()}`)).items);
      setSearch(values);
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  const decide = async (id: string, decision: 'confirm' | 'refuse') => {
    setBusy(id);
    setError(null);
    try {
      await api.post(`/api/v1/broker/counter-verifications/${id}/decision`, { decision });
      void message.success(t(decision === 'confirm' ? 'broker.confirmed' : 'broker.refused'));
      if (search) await find(search);
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('broker.title')} data-testid="counter-verification-page">
      <Typography.Paragraph type="secondary">{t('broker.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="warning">{t('methods.counterWarning')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form layout="inline" initialValues={{ idType: 'resident_id' }} onFinish={(v: Search) => void find(v)} style={{ marginBottom: 16 }}>
        <Form.Item label={t('broker.name')} name="name" rules={[{ required: true, whitespace: true, message: t('bind.nameRequired') }]}>
          <Input data-testid="counter-name" />
        </Form.Item>
        <Form.Item label={t('broker.idType')} name="idType">
          <Select style={{ width: 220 }} options={ID_TYPES.map((type) => ({ value: type, label: t(`idTypes.${type}`) }))} data-testid="counter-id-type" />
        </Form.Item>
        <Form.Item label={t('broker.idNumber')} name="idNumber" rules={[{ required: true, whitespace: true, message: t('bind.idNumberRequired') }]}>
          <Input data-testid="counter-id-number" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="counter-search">
          {t('broker.search')}
        </Button>
      </Form>
      {items ? (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          locale={{ emptyText: <span data-testid="counter-empty">{t('broker.empty')}</span> }}
          columns={[
            { title: t('broker.name'), dataIndex: 'name' },
            { title: t('broker.idType'), dataIndex: 'idType', render: (v: string) => t(`idTypes.${v}`, { defaultValue: v }) },
            { title: t('broker.purpose'), dataIndex: 'purpose', render: (v: string) => t(`broker.purposes.${v}`, { defaultValue: v }) },
            { title: t('broker.requestedAt'), dataIndex: 'requestedAt', render: (v: string) => new Date(v).toLocaleString() },
            { title: t('broker.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => new Date(v).toLocaleString() },
            {
              title: '',
              key: 'actions',
              render: (_: unknown, row: CounterRequest) => (
                <Space>
                  <Button type="primary" size="small" loading={busy === row.id} onClick={() => void decide(row.id, 'confirm')} data-testid="counter-confirm">
                    {t('broker.confirm')}
                  </Button>
                  <Button danger size="small" disabled={busy === row.id} onClick={() => void decide(row.id, 'refuse')} data-testid="counter-refuse">
                    {t('broker.refuse')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
