/** 授权管理 (staff): find a holder's authorisations, record one signed at the counter, revoke one from today. */
import { useMutation } from '@tanstack/react-query';
import { App, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client.ts';
import {
  AUTHORISATION_BUSINESSES,
  recordAuthorisation,
  revokeAuthorisation,
  searchAuthorisations,
  type AuthorisationBusiness,
  type AuthorisationSearch,
  type StaffAuthorisation,
} from '../../../domains/authorisations-staff/api.ts';
import { Button } from '../../../ui/button.tsx';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';

const statusColour: Record<string, string> = { active: 'green', expired: 'default', revoked: 'orange' };

interface RecordValues {
  authorisationNumber: string;
  accountNumber: string;
  business: AuthorisationBusiness;
  authorisedParty: string;
  validFrom: Dayjs;
  validTo: Dayjs;
}

export function AuthorisationsPage() {
  const { t } = useTranslation(['staff', 'event-queries']);
  const { message, modal } = App.useApp();
  const [search, setSearch] = useState<AuthorisationSearch | null>(null);
  const [recording, setRecording] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const find = useMutation({
    mutationFn: searchAuthorisations,
    onMutate: (values) => {
      setError(null);
      setSearch(values);
    },
    onError: (failure) => setError(toApiError(failure)),
  });
  const refresh = async () => {
    if (search) await find.mutateAsync(search).catch(() => undefined);
  };
  const revoke = useMutation({
    mutationFn: revokeAuthorisation,
    onSuccess: async () => {
      void message.success(t('authorisations.revoked'));
      await refresh();
    },
    onError: (failure) => setError(toApiError(failure)),
  });
  const askRevoke = (row: StaffAuthorisation) =>
    void modal.confirm({
      title: t('authorisations.revokeTitle'),
      content: t('authorisations.revokeText', { number: row.authorisationNumber }),
      okText: t('authorisations.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('authorisations.cancel'),
      onOk: () => revoke.mutate(row.authorisationNumber),
    });

  const label = (key: string) => t(`event-queries:authorisations.${key}`);
  return (
    <Card
      title={t('authorisations.title')}
      extra={
        <Button type="primary" onClick={() => setRecording(true)} data-testid="authorisation-record">
          {t('authorisations.record')}
        </Button>
      }
      data-testid="staff-authorisations-page"
    >
      <ErrorAlert error={error} />
      <Form<{ accountNumber?: string; authorisationNumber?: string }>
        name="authorisationSearch"
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(values) => find.mutate({ accountNumber: values.accountNumber?.trim() || undefined, authorisationNumber: values.authorisationNumber?.trim() || undefined })}
      >
        <Form.Item label={t('authorisations.account')} name="accountNumber">
          <Input allowClear data-testid="authorisation-search-account" />
        </Form.Item>
        <Form.Item label={label('number')} name="authorisationNumber">
          <Input allowClear data-testid="authorisation-search-number" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={find.isPending} data-testid="authorisation-search">
          {t('authorisations.search')}
        </Button>
      </Form>
      {search && find.data ? (
        <Table<StaffAuthorisation>
          rowKey="authorisationNumber"
          size="small"
          dataSource={find.data.items}
          pagination={false}
          locale={{ emptyText: label('empty') }}
          columns={[
            { title: label('number'), dataIndex: 'authorisationNumber' },
            { title: t('authorisations.account'), dataIndex: 'accountNumber' },
            { title: label('business'), dataIndex: 'business', render: (v: string) => t(`event-queries:authorisations.businesses.${v}`, { defaultValue: v }) },
            { title: label('party'), dataIndex: 'authorisedParty' },
            { title: label('validity'), key: 'validity', render: (_: unknown, row) => `${row.validFrom} ~ ${row.validTo}` },
            {
              title: label('status'),
              dataIndex: 'status',
              render: (v: string, row) => (
                <Space>
                  <Tag color={statusColour[v]}>{t(`event-queries:authorisations.statuses.${v}`, { defaultValue: v })}</Tag>
                  {row.revokedOn ? t('authorisations.revokedOn', { date: row.revokedOn }) : null}
                </Space>
              ),
            },
            {
              title: '',
              key: 'actions',
              render: (_: unknown, row) =>
                row.status === 'active' ? (
                  <Button danger size="small" loading={revoke.isPending && revoke.variables === row.authorisationNumber} onClick={() => askRevoke(row)} data-testid="authorisation-revoke">
                    {t('authorisations.revoke')}
                  </Button>
                ) : null,
            },
          ]}
        />
      ) : null}
      <RecordModal
        open={recording}
        onClose={() => setRecording(false)}
        onRecorded={async (created) => {
          setRecording(false);
          void message.success(t('authorisations.recorded', { number: created.authorisationNumber }));
          find.mutate({ accountNumber: created.accountNumber });
        }}
      />
    </Card>
  );
}

function RecordModal({ open, onClose, onRecorded }: { open: boolean; onClose: () => void; onRecorded: (created: StaffAuthorisation) => Promise<void> }) {
  const { t } = useTranslation(['staff', 'event-queries']);
  const [form] = Form.useForm<RecordValues>();
  const [error, setError] = useState<ApiError | null>(null);
  const record = useMutation({
    mutationFn: (values: RecordValues) =>
      recordAuthorisation({
        authorisationNumber: values.authorisationNumber.trim(),
        accountNumber: values.accountNumber.trim(),
        business: values.business,
        authorisedParty: values.authorisedParty.trim(),
        validFrom: values.validFrom.format('YYYY-MM-DD'),
        validTo: values.validTo.format('YYYY-MM-DD'),
      }),
    onMutate: () => setError(null),
    onSuccess: async (created) => {
      form.resetFields();
      await onRecorded(created);
    },
    onError: (failure) => setError(toApiError(failure)),
  });
  const label = (key: string) => t(`event-queries:authorisations.${key}`);
  const required = (field: string) => [{ required: true, whitespace: true, message: t('authorisations.required', { field }) }];
  return (
    <Modal open={open} title={t('authorisations.record')} onCancel={onClose} footer={null} destroyOnClose>
      <ErrorAlert error={error} testId="authorisation-record-error" />
      <Form<RecordValues> form={form} layout="vertical" requiredMark={false} name="authorisationRecord" onFinish={(values) => record.mutate(values)}>
        <Form.Item label={label('number')} name="authorisationNumber" rules={required(label('number'))}>
          <Input data-testid="authorisation-number" />
        </Form.Item>
        <Form.Item label={t('authorisations.account')} name="accountNumber" rules={required(t('authorisations.account'))}>
          <Input data-testid="authorisation-account" />
        </Form.Item>
        <Form.Item label={label('business')} name="business" rules={[{ required: true, message: t('authorisations.required', { field: label('business') }) }]}>
          <Select data-testid="authorisation-business" options={AUTHORISATION_BUSINESSES.map((b) => ({ value: b, label: t(`event-queries:authorisations.businesses.${b}`) }))} />
        </Form.Item>
        <Form.Item label={label('party')} name="authorisedParty" rules={required(label('party'))}>
          <Input maxLength={100} data-testid="authorisation-party" />
        </Form.Item>
        <Space>
          <Form.Item label={t('authorisations.validFrom')} name="validFrom" rules={[{ required: true, message: t('authorisations.required', { field: t('authorisations.validFrom') }) }]}>
            <DatePicker data-testid="authorisation-valid-from" />
          </Form.Item>
          <Form.Item label={t('authorisations.validTo')} name="validTo" rules={[{ required: true, message: t('authorisations.required', { field: t('authorisations.validTo') }) }]}>
            <DatePicker data-testid="authorisation-valid-to" />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" block loading={record.isPending} data-testid="authorisation-record-submit">
          {t('authorisations.recordSubmit')}
        </Button>
      </Form>
    </Modal>
  );
}
