import { App, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import type { ApiError } from '../../../api/client.ts';
import { decideCounterRequest, findCounterRequests, type CounterDecision, type CounterRequest, type CounterSearch } from '../../../domains/counter-verification/api.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { ID_TYPES } from '../../../domains/verification/api.ts';

/**
 * 临柜身份认证 at a broker counter (manual 000 §一.2.1.1 (4)): the clerk checks
 * the investor's ID in person, finds their pending request by name and ID
 * number, and confirms or refuses it.
 */
export function CounterVerificationPage() {
  const { t } = useTranslation('verification');
  const { message, modal } = App.useApp();
  const [items, setItems] = useState<CounterRequest[] | null>(null);
  const [search, setSearch] = useState<CounterSearch | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const find = useMutation({
    mutationFn: (values: CounterSearch) => findCounterRequests({ name: values.name.trim(), idType: values.idType, idNumber: values.idNumber.trim() }),
    onMutate: () => setError(null),
    onSuccess: (found, values) => {
      setItems(found);
      setSearch(values);
    },
    onError: (failure) => setError(toApiError(failure)),
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: CounterDecision }) => decideCounterRequest(id, decision),
    onMutate: () => setError(null),
    onSuccess: async (_answer, { decision }) => {
      void message.success(t(decision === 'confirm' ? 'broker.confirmed' : 'broker.refused'));
      if (search) await find.mutateAsync(search).catch(() => undefined);
    },
    onError: (failure) => setError(toApiError(failure)),
  });
  const busy = decide.isPending ? decide.variables.id : null;
  // A decision cannot be undone: the clerk confirms it once more, naming the person in front of them.
  const ask = (row: CounterRequest, decision: CounterDecision) =>
    void modal.confirm({
      title: t(decision === 'confirm' ? 'broker.confirmTitle' : 'broker.refuseTitle'),
      content: t(decision === 'confirm' ? 'broker.confirmText' : 'broker.refuseText', { name: row.name }),
      okText: t(decision === 'confirm' ? 'broker.confirm' : 'broker.refuse'),
      okButtonProps: decision === 'refuse' ? { danger: true } : undefined,
      cancelText: t('broker.cancel'),
      onOk: () => decide.mutate({ id: row.id, decision }),
    });

  return (
    <Card title={t('broker.title')} data-testid="counter-verification-page">
      <Typography.Paragraph type="secondary">{t('broker.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="warning">{t('methods.counterWarning')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form layout="inline" initialValues={{ idType: 'resident_id' }} onFinish={(values: CounterSearch) => find.mutate(values)} style={{ marginBottom: 16 }}>
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
                  <Button type="primary" size="small" loading={busy === row.id} onClick={() => ask(row, 'confirm')} data-testid="counter-confirm">
                    {t('broker.confirm')}
                  </Button>
                  <Button danger size="small" disabled={busy === row.id} onClick={() => ask(row, 'refuse')} data-testid="counter-refuse">
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
