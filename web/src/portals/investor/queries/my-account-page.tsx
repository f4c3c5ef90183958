import { App, Card, Form, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import type { ApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { getNotificationSettings, notificationSettingsKey } from '../../../domains/profile/api.ts';
import { StepUpModal } from '../shared/step-up-modal.tsx';
import { addTemporaryAccount, queryKeys, useMyUnifiedAccounts, type AccountBinding } from '../../../domains/queries/api.ts';

const bindingColour: Record<AccountBinding, string> = { bound: 'success', temporary: 'processing', unbound: 'default' };

/**
 * 我的一码通 (manual 000 §一.2.2.1): the securities accounts under the unified
 * accounts, numbers masked until 显示完整证券账户 (captcha + SMS step-up), and
 * 添加证券账户 for an account whose binding is 未绑定.
 */
export function MyAccountPage() {
  const { t } = useTranslation('queries');
  useDocumentTitle(t('myAccount.title'));
  const accounts = useMyUnifiedAccounts();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: notificationSettingsKey, queryFn: getNotificationSettings });
  const [stepUp, setStepUp] = useState(false);
  const [adding, setAdding] = useState(false);
  if (accounts.isPending) return <Spin />;
  if (!accounts.data) return <ErrorAlert error={toApiError(accounts.error)} />;
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.all });
  const hasUnbound = accounts.data.items.some((u) => u.securitiesAccounts.some((a) => a.binding === 'unbound'));
  return (
    <Card
      title={t('myAccount.title')}
      data-testid="my-account-page"
      extra={
        <Space>
          {accounts.data.fullNumbers ? (
            <Tag color="success" data-testid="full-numbers-shown">
              {t('myAccount.fullShown')}
            </Tag>
          ) : (
            <Button onClick={() => setStepUp(true)} disabled={!settings.data} data-testid="show-full-accounts">
              {t('actions.showFull')}
            </Button>
          )}
          {hasUnbound ? (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="add-account">
              {t('actions.addAccount')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {accounts.data.items.map((u) => (
        <div key={u.unifiedAccountNumber} style={{ marginBottom: 24 }}>
          <Typography.Title level={5}>
            {t('myAccount.unifiedAccount')}：<span data-testid="my-unified-account">{u.unifiedAccountNumber}</span> <Tag color={u.bound ? 'success' : 'default'}>{t(u.bound ? 'binding.bound' : 'binding.unbound')}</Tag>
          </Typography.Title>
          <Table
            size="small"
            rowKey="number"
            pagination={false}
            dataSource={u.securitiesAccounts}
            locale={{ emptyText: t('empty.accounts') }}
            columns={[
              { title: t('myAccount.securitiesAccount'), dataIndex: 'number', render: (n: string) => <span data-testid="securities-account-number">{n}</span> },
              { title: t('myAccount.market'), dataIndex: 'market', render: (m: string) => t(`markets.${m}`, { defaultValue: m }) },
              { title: t('myAccount.kind'), dataIndex: 'kind', render: (k: string) => t(`kinds.${k}`, { defaultValue: k }) },
              { title: t('myAccount.status'), dataIndex: 'status', render: (s: string) => t(`statuses.${s}`, { defaultValue: s }) },
              { title: t('myAccount.bindingStatus'), dataIndex: 'binding', render: (b: AccountBinding) => <Tag color={bindingColour[b]}>{t(`binding.${b}`)}</Tag> },
              { title: t('myAccount.agent'), dataIndex: 'openingAgent' },
              { title: t('myAccount.openedOn'), dataIndex: 'openedOn' },
            ]}
          />
        </div>
      ))}
      {settings.data ? (
        <StepUpModal
          open={stepUp}
          hasMobile={settings.data.hasMobile}
          hasEmail={settings.data.hasEmail}
          intro={t('myAccount.stepUpIntro')}
          onCancel={() => setStepUp(false)}
          onPassed={async () => {
            setStepUp(false);
            await refresh();
          }}
        />
      ) : null}
      <AddAccountModal open={adding} onClose={() => setAdding(false)} onAdded={refresh} />
    </Card>
  );
}

function AddAccountModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => Promise<unknown> }) {
  const { t } = useTranslation('queries');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ accountNumber: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async ({ accountNumber }: { accountNumber: string }) => {
    setBusy(true);
    setError(null);
    try {
      const added = await addTemporaryAccount(accountNumber.trim());
      void message.success(t('myAccount.added', { account: added.accountMasked }));
      await onAdded();
      form.resetFields();
      onClose();
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('myAccount.addTitle')} onCancel={onClose} footer={null} destroyOnClose>
      <Typography.Paragraph>{t('myAccount.addIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t('myAccount.addLabel')} name="accountNumber" rules={[{ required: true, whitespace: true, message: t('myAccount.addRequired') }]}>
          <Input maxLength={20} data-testid="add-account-number" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="add-account-submit">
          {t('actions.add')}
        </Button>
      </Form>
    </Modal>
  );
}
