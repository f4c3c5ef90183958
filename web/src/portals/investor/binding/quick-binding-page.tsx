import { Card, Descriptions, Modal, Radio, Result, Space, Spin, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { useQuickBinding } from '../../../domains/verification/use-quick-binding.ts';

/** 快捷绑定一码通 (manual 000 §一.2.1.1 (2)): details shown back; a choice when there are several unified accounts. */
export function QuickBindingPage() {
  const { t } = useTranslation('verification');
  useDocumentTitle(t('bind.quickTitle'));
  const navigate = useNavigate();
  const { options, choosing, setChoosing, choice, setChoice, error, busy, bound, next, bindChoice } = useQuickBinding();

  if (options.isPending) return <Spin />;
  if (!options.data) {
    const failure = toApiError(options.error);
    return (
      <Card title={t('bind.quickTitle')} data-testid="quick-binding-page">
        <ErrorAlert error={failure} />
        {failure.code === 'BIND_NEEDS_REAL_NAME' ? (
          <Button type="primary" onClick={() => navigate('/real-name')}>
            {t('status.goRealName')}
          </Button>
        ) : null}
      </Card>
    );
  }
  const data = options.data;
  const open = data.unifiedAccounts.filter((a) => !a.bound);

  if (bound) return <BindingSuccess account={bound} />;
  return (
    <Card title={t('bind.quickTitle')} data-testid="quick-binding-page" style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">{t('bind.quickIntro')}</Typography.Paragraph>
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }} data-testid="quick-binding-details">
        <Descriptions.Item label={t('bind.name')}>{data.name}</Descriptions.Item>
        <Descriptions.Item label={t('bind.idType')}>{t(`idTypes.${data.idType}`)}</Descriptions.Item>
        <Descriptions.Item label={t('bind.idNumber')}>{data.idNumberMasked}</Descriptions.Item>
      </Descriptions>
      <ErrorAlert error={choosing ? null : error} />
      <Button type="primary" loading={busy && !choosing} onClick={next} data-testid="quick-binding-next">
        {t('methods.next')}
      </Button>
      <Modal
        open={choosing}
        title={t('bind.chooseTitle')}
        okText={t('methods.next')}
        onOk={bindChoice}
        okButtonProps={{ disabled: !choice, loading: busy, 'data-testid': 'choose-next' }}
        onCancel={() => setChoosing(false)}
        data-testid="choose-dialog"
      >
        <ErrorAlert error={error} />
        <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as string)}>
          <Space direction="vertical">
            {data.unifiedAccounts.map((a) => (
              <Radio key={a.number} value={a.number} disabled={a.bound} data-testid={`choose-${a.number}`}>
                {a.number}（{t('bind.openedOn')} {a.openedOn}）{a.bound ? ` ${t('bind.alreadyBound')}` : ''}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        {open.length === 0 ? <Typography.Paragraph type="secondary">{t('bind.alreadyBound')}</Typography.Paragraph> : null}
      </Modal>
    </Card>
  );
}

export function BindingSuccess({ account }: { account: string }) {
  const { t } = useTranslation('verification');
  const navigate = useNavigate();
  return (
    <Card data-testid="binding-done">
      <Result
        status="success"
        title={t('bind.success')}
        subTitle={t('bind.successHint', { account })}
        extra={
          <Button type="primary" onClick={() => navigate('/query/my-account')} data-testid="go-my-account">
            {t('home.myAccount')}
          </Button>
        }
      />
    </Card>
  );
}
