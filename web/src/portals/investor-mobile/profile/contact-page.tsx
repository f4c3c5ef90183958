import { Dialog, Form, Input, Result } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobileSmsCodeInput } from '../../../ui/mobile/sms-code-input.tsx';
import type { ContactKind } from '../../../domains/profile/api.ts';
import { useContactForm, type ContactValues } from '../../../domains/profile/use-contact-form.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileForm } from '../../../ui/mobile/mobile-form.tsx';

/** 个人基本信息 → 手机号 / 电子邮箱 (manual 000 §二.2.1.4): the new value and its code, 提交. */
export function MobileContactPage({ kind }: { kind: ContactKind }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<ContactValues>();
  const [popUp, setPopUp] = useState<string | null>(null);
  const navigate = useNavigate();
  const { current, supplementing, valueLabel, valueRules, error, done, sendCode, showError, submit, submitting, codeRound } = useContactForm(kind, form, {
    changePath: (flowId) => `/m/${kind}/change/${flowId}`,
    onPopUp: setPopUp,
  });
  const title = t(`contact.${kind}.${supplementing ? 'supplementTitle' : 'changeTitle'}`);

  return (
    <MobilePage title={title} back="/m/profile" testId="m-contact">
      <Dialog visible={popUp !== null} content={popUp} closeOnAction onClose={() => setPopUp(null)} actions={[{ key: 'ok', text: t('contact.confirm') }]} />
      {done ? (
        <div className="ch-m-inset">
          <Result status="success" title={<span role="status">{t(`contact.${kind}.supplemented`)}</span>} description={done} />
          <Button block color="primary" size="large" onClick={() => navigate('/m/profile')} style={{ marginTop: 16 }}>
            {t('contact.backToProfile')}
          </Button>
        </div>
      ) : (
        <>
          <ErrorNotice error={error} />
          <MobileForm form={form} name={`mcontact-${kind}`} onFinish={submit} submitLabel={supplementing ? t(`contact.${kind}.supplementSubmit`) : t('contact.submit')} submitTestId="contact-submit" busy={submitting}>
            {current ? <Form.Header>{`${t(`contact.${kind}.current`)}：${current}`}</Form.Header> : null}
            <Form.Item label={valueLabel} name="value" rules={valueRules}>
              <Input placeholder={t(`contact.${kind}.placeholder`)} data-testid="contact-value" />
            </Form.Item>
            <Form.Item label={t(`contact.${kind}.codeLabel`)} name="code" rules={[{ required: true, whitespace: true, message: t('contact.codeRequired') }]}>
              <MobileSmsCodeInput key={codeRound} channel={kind === 'email' ? 'email' : 'sms'} send={sendCode} onError={showError} />
            </Form.Item>
          </MobileForm>
        </>
      )}
    </MobilePage>
  );
}
