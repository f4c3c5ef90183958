import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, List, Popup, Space, SpinLoading, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobileCaptchaInput } from '../../../ui/mobile/captcha-input.tsx';
import { MobileSmsCodeInput } from '../../../ui/mobile/sms-code-input.tsx';
import { useCaptcha } from '../../../ui/hooks/use-captcha.ts';
import { toApiError } from '../../../ui/errors.ts';
import { getNotificationSettings, notificationSettingsKey, passStepUp, sendStepUpCode, type NotificationChannel } from '../../investor/profile/api.ts';
import { addTemporaryAccount, queryKeys, useMyUnifiedAccounts, type AccountBinding } from '../../investor/queries/shared/api.ts';
import { MobilePage } from '../layout/mobile-page.tsx';

const bindingColour: Record<AccountBinding, 'success' | 'primary' | 'default'> = { bound: 'success', temporary: 'primary', unbound: 'default' };

/** 我的一码通 (manual 000 §二.2.2.1): accounts masked until 显示完整证券账户; 添加证券账户 for unbound ones. */
export function MobileMyAccountPage() {
  const { t } = useTranslation('queries');
  const accounts = useMyUnifiedAccounts();
  const queryClient = useQueryClient();
  const [stepUp, setStepUp] = useState(false);
  const [adding, setAdding] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.all });
  const data = accounts.data;
  return (
    <MobilePage title={t('myAccount.title')} back="/m/" testId="m-my-account">
      {!data ? (
        accounts.isError ? <ErrorNotice error={toApiError(accounts.error)} /> : <SpinLoading />
      ) : (
        <>
          <Space block justify="end" style={{ padding: '8px 12px' }}>
            {data.fullNumbers ? (
              <Tag color="success" data-testid="full-numbers-shown">{t('myAccount.fullShown')}</Tag>
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
                  extra={<Tag color={bindingColour[a.binding]} fill="outline">{t(`binding.${a.binding}`)}</Tag>}
                >
                  <span data-testid="securities-account-number">{a.number}</span>
                </List.Item>
              ))}
            </List>
          ))}
        </>
      )}
      <Popup visible={stepUp} onMaskClick={() => setStepUp(false)} destroyOnClose bodyStyle={{ padding: 16 }}>
        <MobileStepUp
          onPassed={async () => {
            setStepUp(false);
            await refresh();
          }}
        />
      </Popup>
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

/** 二次认证 on the phone: graphic captcha, then a code to the user's own phone or e-mail. */
function MobileStepUp({ onPassed }: { onPassed: () => Promise<void> }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ captchaAnswer: string; code: string }>();
  const captcha = useCaptcha();
  const settings = useQuery({ queryKey: notificationSettingsKey, queryFn: getNotificationSettings });
  const channel: NotificationChannel = settings.data?.hasMobile === false ? 'email' : 'sms';
  const [error, setError] = useState<ApiError | null>(null);

  const send = async () => {
    setError(null);
    const answer = ((form.getFieldValue('captchaAnswer') as string | undefined) ?? '').trim();
    if (!answer || !captcha.captchaId) {
      form.setFields([{ name: 'captchaAnswer', errors: [t('notify.stepUpCaptchaFirst')] }]);
      return null;
    }
    try {
      return await sendStepUpCode({ captchaId: captcha.captchaId, captchaAnswer: answer, channel });
    } finally {
      form.setFieldsValue({ captchaAnswer: '' });
      captcha.refresh();
    }
  };
  const submit = async ({ code }: { code: string }) => {
    setError(null);
    try {
      await passStepUp(channel, code.trim());
      await onPassed();
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  return (
    <>
      <h3 style={{ margin: '0 0 8px' }}>{t('notify.stepUpTitle')}</h3>
      <p className="ch-m-hint">{t('queries:myAccount.stepUpIntro')}</p>
      <ErrorNotice error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        footer={
          <Button block color="primary" type="submit" data-testid="step-up-submit">
            {t('notify.stepUpSubmit')}
          </Button>
        }
      >
        <Form.Item label={t('investor:captchaLabel')} name="captchaAnswer">
          <MobileCaptchaInput captcha={captcha} />
        </Form.Item>
        <Form.Item label={t(`verify.codeLabel.${channel === 'sms' ? 'own-mobile' : 'own-email'}`)} name="code" rules={[{ required: true, whitespace: true, message: t('verify.codeRequired') }]}>
          <MobileSmsCodeInput send={send} onError={(failure) => setError(toApiError(failure))} />
        </Form.Item>
      </Form>
    </>
  );
}

function AddAccount({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation('queries');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async ({ accountNumber }: { accountNumber: string }) => {
    setError(null);
    try {
      const added = await addTemporaryAccount(accountNumber.trim());
      Toast.show({ content: t('myAccount.added', { account: added.accountNumber }) });
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
