import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, List, Popup, Space, SpinLoading, Tag, Toast } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
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
  const canAdd = Boolean(data?.items.some((u) => u.securitiesAccounts.some((a) => a.binding === 'unbound')));
  return (
    <MobilePage title={t('myAccount.title')} back="/m/" right={canAdd ? <AddButton onClick={() => setAdding(true)} /> : null} testId="m-my-account">
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

/** The (+) at the top right of 我的一码通 (§二.2.2.1.2); its name for screen readers is 添加证券账户. */
function AddButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation('queries');
  return (
    <button type="button" className="ch-m-navbar-action" aria-label={t('actions.addAccount')} onClick={onClick} data-testid="add-account">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
        <path d="M12 5v14M5 12h14" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </button>
  );
}

function AddAccount({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation('queries');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async ({ accountNumber }: { accountNumber: string }) => {
    setError(null);
    try {
      const added = await addTemporaryAccount(accountNumber.trim());
      Toast.show({ content: t('myAccount.temporarilyBound', { account: added.accountMasked }) });
      await onAdded();
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  return (
    <>
      <h3 style={{ margin: '0 0 8px' }}>{t('myAccount.addPrompt')}</h3>
      <p className="ch-m-hint">{t('myAccount.addIntro')}</p>
      <ErrorNotice error={error} />
      <Form
        layout="vertical"
        onFinish={submit}
        footer={
          <Button block color="primary" type="submit" data-testid="add-account-submit">
            {t('actions.confirmBinding')}
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
