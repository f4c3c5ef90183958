import { useQueryClient } from '@tanstack/react-query';
import { Card, Dialog, Form, Grid, Input, List, Radio, Result, Selector, SpinLoading, Space } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError, type ApiError } from '../../../api/client.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { toApiError } from '../../../ui/errors.ts';
import {
  ID_TYPES,
  completeRealName,
  confirmBinding,
  refreshStanding,
  startDirectBinding,
  startRealName,
  useBindingPreview,
  useStanding,
  type DirectBindingInput,
  type Verification,
} from '../../../domains/verification/api.ts';
import { useQuickBinding } from '../../../domains/verification/use-quick-binding.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MOBILE_QUERY_ENTRIES } from '../queries/routes.tsx';
import { MobileVerificationPanel } from './verification-panel.tsx';
import { MobileForm } from '../../../ui/mobile/mobile-form.tsx';

/** 实名认证页 (manual 000 §二.2.1.2): from 个人基本信息 → 我的认证; then 快捷绑定一码通. */
export function MobileRealNamePage() {
  const { t } = useTranslation('verification');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [id, setId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startRealName().then(
      (v) => setId(v.id),
      (failure: unknown) => setError(toApiError(failure)),
    );
  }, []);
  const onPassed = useCallback(
    async (v: Verification) => {
      try {
        await completeRealName(v.id);
        await refreshStanding(queryClient);
        setDone(true);
      } catch (failure) {
        setError(toApiError(failure));
      }
    },
    [queryClient],
  );
  if (done || error?.code === 'REAL_NAME_ALREADY') {
    return (
      <MobilePage title={t('profile.realName')} back="/m/profile" testId="m-real-name-done">
        <Result status="success" title={t('realName.success')} description={t('realName.successHint')} />
        <div className="ch-m-inset">
          <Button block color="primary" size="large" onClick={() => navigate('/m/binding/quick')} data-testid="quick-bind">
            {t('home.quickBind')}
          </Button>
        </div>
      </MobilePage>
    );
  }
  return (
    <MobilePage title={t('profile.realName')} back="/m/profile" testId="m-real-name">
      <p className="ch-m-inset ch-m-hint">{t('realName.intro')}</p>
      <ErrorNotice error={error} />
      {id ? <MobileVerificationPanel verificationId={id} onPassed={(v) => void onPassed(v)} onReselected={(v) => setId(v.id)} /> : error ? null : <SpinLoading />}
    </MobilePage>
  );
}

function BoundResult({ account }: { account: string }) {
  const { t } = useTranslation('verification');
  const navigate = useNavigate();
  return (
    <>
      <Result status="success" title={t('bind.success')} description={t('bind.successHint', { account })} />
      <div className="ch-m-inset">
        <Button block color="primary" size="large" onClick={() => navigate('/m/my-account')} data-testid="go-my-account">
          {t('home.myAccount')}
        </Button>
      </div>
    </>
  );
}

/** 快捷绑定一码通 (manual 000 §二.2.1.1 (2)). */
export function MobileQuickBindingPage() {
  const { t } = useTranslation('verification');
  const { options, choosing, setChoosing, choice, setChoice, error, bound, next, bindChoice } = useQuickBinding();
  const data = options.data;
  return (
    <MobilePage title={t('bind.quickTitle')} back="/m/" testId="m-quick-binding">
      {bound ? (
        <BoundResult account={bound} />
      ) : options.isPending ? (
        <SpinLoading />
      ) : !data ? (
        <ErrorNotice error={toApiError(options.error)} />
      ) : (
        <>
          <p className="ch-m-inset ch-m-hint">{t('bind.quickIntro')}</p>
          <List data-testid="quick-binding-details">
            <List.Item extra={data.name}>{t('bind.name')}</List.Item>
            <List.Item extra={t(`idTypes.${data.idType}`)}>{t('bind.idType')}</List.Item>
            <List.Item extra={data.idNumberMasked}>{t('bind.idNumber')}</List.Item>
          </List>
          {choosing ? null : <ErrorNotice error={error} />}
          <div className="ch-m-inset">
            <Button block color="primary" size="large" onClick={next} data-testid="quick-binding-next">
              {t('methods.next')}
            </Button>
          </div>
          <Dialog
            visible={choosing}
            title={t('bind.chooseTitle')}
            content={
              <>
                <ErrorNotice error={error} />
                <Radio.Group value={choice} onChange={(v) => setChoice(v as string)}>
                  <Space direction="vertical">
                    {data.unifiedAccounts.map((a) => (
                      <Radio key={a.number} value={a.number} disabled={a.bound} data-testid={`choose-${a.number}`}>
                        {a.number}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              </>
            }
            closeOnAction={false}
            onClose={() => setChoosing(false)}
            actions={[{ key: 'next', text: t('methods.next'), disabled: !choice, onClick: bindChoice }]}
          />
        </>
      )}
    </MobilePage>
  );
}

/** 绑定一码通页 (manual 000 §二.2.1.1, 注册用户直接绑定一码通). */
export function MobileDirectBindingPage() {
  const { t } = useTranslation('verification');
  const navigate = useNavigate();
  const [form] = Form.useForm<DirectBindingInput>();
  const [error, setError] = useState<ApiError | null>(null);
  const [askAccount, setAskAccount] = useState(false);
  const [account, setAccount] = useState('');
  const [accountError, setAccountError] = useState<ApiError | null>(null);
  const [userType, setUserType] = useState<'person' | 'institution'>('person');
  const [idType, setIdType] = useState<string>('resident_id');
  const submit = async (securitiesAccountNumber?: string) => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setError(null);
    setAccountError(null);
    try {
      const v = await startDirectBinding({ userType, idType, name: values.name.trim(), idNumber: values.idNumber.trim(), ...(securitiesAccountNumber ? { securitiesAccountNumber: securitiesAccountNumber.trim() } : {}) });
      navigate(`/m/binding/verify/${v.id}`);
    } catch (failure) {
      if (isApiError(failure, 'BIND_ACCOUNT_NUMBER_REQUIRED')) setAskAccount(true);
      else if (askAccount) setAccountError(toApiError(failure));
      else setError(toApiError(failure));
    }
  };
  const idTypes = ID_TYPES.filter((type) => (userType === 'institution') === (type === 'unified_social_credit_code'));
  return (
    <MobilePage title={t('bind.title')} back="/m/" testId="m-direct-binding">
      <ErrorNotice error={error} />
      <MobileForm form={form} onFinish={() => void submit()} submitLabel={t('methods.next')} submitTestId="bind-next">
        <Form.Item label={t('bind.userType')}>
          <Selector
            columns={2}
            value={[userType]}
            onChange={(v) => {
              if (!v[0]) return;
              setUserType(v[0]);
              setIdType(v[0] === 'institution' ? 'unified_social_credit_code' : 'resident_id');
            }}
            options={[
              { value: 'person' as const, label: t('bind.person') },
              { value: 'institution' as const, label: t('bind.institution') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('bind.name')} name="name" rules={[{ required: true, whitespace: true, message: t('bind.nameRequired') }]}>
          <Input placeholder={t('bind.name')} data-testid="bind-name" />
        </Form.Item>
        <Form.Item label={t('bind.idType')}>
          <Selector columns={1} value={[idType]} onChange={(v) => v[0] && setIdType(v[0])} options={idTypes.map((type) => ({ value: type, label: t(`idTypes.${type}`) }))} />
        </Form.Item>
        <Form.Item label={t('bind.idNumber')} name="idNumber" rules={[{ required: true, whitespace: true, message: t('bind.idNumberRequired') }]}>
          <Input placeholder={t('bind.idNumber')} data-testid="bind-id-number" />
        </Form.Item>
      </MobileForm>
      <Dialog
        visible={askAccount}
        title={t('bind.securitiesAccount')}
        content={
          <>
            <p data-testid="account-prompt">{t('bind.securitiesAccountPrompt')}</p>
            <ErrorNotice error={accountError} testId="account-error" />
            <Input value={account} onChange={setAccount} placeholder={t('bind.securitiesAccountRequired')} data-testid="bind-securities-account" />
          </>
        }
        closeOnAction={false}
        onClose={() => setAskAccount(false)}
        actions={[{ key: 'next', text: t('methods.next'), disabled: !account.trim(), onClick: () => void submit(account) }]}
      />
    </MobilePage>
  );
}

export function MobileBindingVerifyPage() {
  const { t } = useTranslation('verification');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const onPassed = useCallback((v: Verification) => navigate(`/m/binding/confirm/${v.id}`, { replace: true }), [navigate]);
  return (
    <MobilePage title={t('methods.title')} back="/m/binding" testId="m-binding-verify">
      <MobileVerificationPanel key={id} verificationId={id} onPassed={onPassed} onReselected={(v) => navigate(`/m/binding/verify/${v.id}`, { replace: true })} />
    </MobilePage>
  );
}

/** 绑定信息确认页 (manual 000 §二.2.1.1 (4)). */
export function MobileBindingConfirmPage() {
  const { t } = useTranslation('verification');
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const preview = useBindingPreview(id);
  const [error, setError] = useState<ApiError | null>(null);
  const [bound, setBound] = useState<string | null>(null);
  const p = preview.data;
  const confirm = async () => {
    setError(null);
    try {
      const r = await confirmBinding(id);
      await refreshStanding(queryClient);
      setBound(r.unifiedAccountNumber);
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  return (
    <MobilePage title={t('bind.confirmTitle')} back="/m/" testId="m-binding-confirm">
      {bound ? (
        <BoundResult account={bound} />
      ) : !p ? (
        preview.isPending ? (
          <SpinLoading />
        ) : (
          <ErrorNotice error={toApiError(preview.error)} />
        )
      ) : (
        <>
          <List>
            <List.Item extra={t(`bind.${p.userType}`)}>{t('bind.userType')}</List.Item>
            <List.Item extra={p.name}>{t('bind.name')}</List.Item>
            <List.Item extra={t(`idTypes.${p.idType}`)}>{t('bind.idType')}</List.Item>
            <List.Item extra={p.idNumberMasked}>{t('bind.idNumber')}</List.Item>
            <List.Item extra={<span data-testid="confirm-account">{p.unifiedAccountNumber}</span>}>{t('bind.unifiedAccount')}</List.Item>
            <List.Item extra={t(`methods.${p.method}`)}>{t('bind.method')}</List.Item>
          </List>
          <ErrorNotice error={error} />
          <div className="ch-m-inset">
            <Button block color="primary" size="large" onClick={() => void confirm()} data-testid="binding-confirm">
              {t('bind.confirm')}
            </Button>
          </div>
        </>
      )}
    </MobilePage>
  );
}

/** The mobile home's entries: the 查询服务 entries (九宫格) and 登录并完善客户资料 while not bound. */
export function MobileHomeEntries() {
  const { t } = useTranslation(['verification', 'certificates']);
  const navigate = useNavigate();
  const standing = useStanding();
  const s = standing.data;
  return (
    <Card className="ch-m-inset" title={t('home.common')}>
      <Space direction="vertical" block>
        <Grid columns={2} gap={8}>
          {MOBILE_QUERY_ENTRIES.map((e) => (
            <Grid.Item key={e.path}>
              <Button block onClick={() => navigate(e.path)} data-testid={`entry-${e.testId}`}>
                {t(`queries:nav.${e.key}`)}
              </Button>
            </Grid.Item>
          ))}
        </Grid>
        <Button block onClick={() => navigate('/m/never-opened-proof')} data-testid="entry-never-opened-proof">
          {t('certificates:proof.title')}
        </Button>
        {s && !s.bound ? (
          <Button block color="primary" fill="outline" onClick={() => navigate(s.verified ? '/m/binding/quick' : '/m/real-name')} data-testid="home-complete">
            {s.verified ? t('home.quickBind') : t('home.completeProfile')}
          </Button>
        ) : null}
      </Space>
    </Card>
  );
}
