import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, List, Popup, Space, SpinLoading, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { addTemporaryAccount, queryKeys, useMyUnifiedAccounts, type AccountBinding } from '../../../domains/queries/api.ts';
import { useInvestor } from '../../../domains/session/use-investor.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileStepUpPopup } from '../shared/step-up-popup.tsx';

const bindingColour: Record<AccountBinding, 'success' | 'primary' | 'default'> = { bound: 'success', temporary: 'primary', unbound: 'default' };

/** 我的一码通 (manual 000 §二.2.2.1): accounts masked until 显示完整证券账户; 添加证券账户 for unbound ones. */
export function MobileMyAccountPage() {
  const { t } = useTranslation('queries');
  const accounts = useMyUnifiedAccounts();
  const queryClient = useQueryClient();
  const { investor } = useInvestor();
  const [stepUp, setStepUp] = useState(false);
  const [adding, setAdding] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.all });
  const data = accounts.data;
  return (
    <MobilePage title={t('myAccount.title')} back="/m/" testId="m-my-account">
      {!data ? (
        accounts.isError ? (
          <ErrorNotice error={toApiError(accounts.error)} />
        ) : (
          <SpinLoading />
        )
      ) : (
        <>
          <Space block justify="end" style={{ padding: '8px 12px' }}>
            {data.fullNumbers ? (
              <Tag color="success" data-testid="full-numbers-shown">
                {t('myAccount.fullShown')}
              </Tag>
            ) : (
              <Button size="small" color="primary" fill="outline" onClick={() => setStepUp(true)} data-testid="show-full-accounts">
                {t('actions.showFull')}
              </Button>
            )}
            {data.items.some((u) => u.securitiesAccounts.some((a) => a.binding === 'unbound')) ? (
              <Button size="small" color="primary" onClick={() => setAdding(true)} data-testid="add-account">
                {t('actions.addAccount')}
              </Button>
            ) : null}
          </Space>
          {data.items.map((u) => (
            <List key={u.unifiedAccountNumber} header={<span data-testid="my-unified-account">{`${t('myAccount.unifiedAccount')}：${u.unifiedAccountNumber}`}</span>}>
              {u.securitiesAccounts.map((a) => (
                <List.Item
                  key={a.number}
                  description={`${t(`markets.${a.market}`, { defaultValue: a.market })} · ${t(`kinds.${a.kind}`, { defaultValue: a.kind })} · ${t(`statuses.${a.status}`, { defaultValue: a.status })}`}
                  extra={
                    <Tag color={bindingColour[a.binding]} fill="outline">
                      {t(`binding.${a.binding}`)}
                    </Tag>
                  }
                >
                  <span data-testid="securities-account-number">{a.number}</span>
                </List.Item>
              ))}
            </List>
          ))}
        </>
      )}
      <MobileStepUpPopup
        visible={stepUp}
        hasMobile={Boolean(investor?.mobileMasked)}
        hasEmail={Boolean(investor?.emailMasked)}
        intro={t('myAccount.stepUpIntro')}
        onClose={() => setStepUp(false)}
        onPassed={async () => {
          setStepUp(false);
          await refresh();
        }}
      />
      <Popup visible={adding} onMaskClick={() => setAdding(false)} destroyOnClose bodyStyle={{ padding: 16 }}>
        <AddAccount
          onAdded={async () => {
            setAdding(false);
            await refresh();
          }}
        />
      </Popup>
    </MobilePage>
  );
}

function AddAccount({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation('queries');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async ({ accountNumber }: { accountNumber: string }) => {
    setError(null);
    try {
      const added = await addTemporaryAccount(accountNumber.trim());
      Toast.show({ content: t('myAccount.added', { account: added.accountMasked }) });
      await onAdded();
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  return (
    <>
      <h3 style={{ margin: '0 0 8px' }}>{t('myAccount.addTitle')}</h3>
      <p className="ch-m-hint">{t('myAccount.addIntro')}</p>
      <ErrorNotice error={error} />
      <Form
        layout="vertical"
        onFinish={submit}
        footer={
          <Button block color="primary" type="submit" data-testid="add-account-submit">
            {t('actions.add')}
          </Button>
        }
      >
        <Form.Item label={t('myAccount.addLabel')} name="accountNumber" rules={[{ required: true, whitespace: true, message: t('myAccount.addRequired') }]}>
          <Input maxLength={20} data-testid="add-account-number" />
        </Form.Item>
      </Form>
    </>
  );
}
