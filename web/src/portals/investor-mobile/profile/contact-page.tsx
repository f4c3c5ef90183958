import { useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Form, Input, Result } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { sessionQueryKey } from '../../../api/session.ts';
import { toApiError } from '../../../ui/errors.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobileSmsCodeInput } from '../../../ui/mobile/sms-code-input.tsx';
import { sendNewContactCode, startContactChange, supplementContact, type ContactKind } from '../../../domains/profile/api.ts';
import { codeFormField, isPopUpError } from '../../../domains/profile/contact-errors.ts';
import { EMAIL_PATTERN, MOBILE_PATTERN } from '../../../domains/auth/fields.ts';
import { useInvestor } from '../../../domains/session/use-investor.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileForm } from '../../../ui/mobile/mobile-form.tsx';

interface Values {
  value: string;
  code: string;
}

/** 个人基本信息 → 手机号 / 电子邮箱 (manual 000 §二.2.1.4): the new value and its code, 提交. */
export function MobileContactPage({ kind }: { kind: ContactKind }) {
  const { t } = useTranslation('profile');
  const { investor } = useInvestor();
  const current = kind === 'mobile' ? investor?.mobileMasked : investor?.emailMasked;
  const supplementing = current == null;
  const title = t(`contact.${kind}.${supplementing ? 'supplementTitle' : 'changeTitle'}`);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [popUp, setPopUp] = useState<string | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pattern = kind === 'mobile' ? MOBILE_PATTERN : EMAIL_PATTERN;

  const showError = (failure: unknown) => {
    const apiError = toApiError(failure);
    if (isPopUpError(apiError)) {
      setPopUp(apiError.message);
      return;
    }
    const field = codeFormField(apiError);
    if (field) form.setFields([{ name: field, errors: [apiError.message] }]);
    else setError(apiError);
  };

  const sendCode = async () => {
    setError(null);
    try {
      await form.validateFields(['value']);
    } catch {
      return null;
    }
    return sendNewContactCode(kind, (form.getFieldValue('value') as string).trim());
  };

  const submit = async ({ value, code }: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      if (supplementing) {
        setDone((await supplementContact(kind, value.trim(), code.trim())).masked);
        await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      } else {
        const { flowId } = await startContactChange(kind, value.trim(), code.trim());
        navigate(`/m/${kind}/change/${flowId}`);
      }
    } catch (failure) {
      showError(failure);
    } finally {
      setSubmitting(false);
    }
  };

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
            <Form.Item
              label={t(`contact.${kind}.${supplementing ? 'supplementLabel' : 'newLabel'}`)}
              name="value"
              rules={[
                { required: true, whitespace: true, message: t(`contact.${kind}.required`) },
                { pattern, message: t(`contact.${kind}.invalid`) },
              ]}
            >
              <Input placeholder={t(`contact.${kind}.placeholder`)} data-testid="contact-value" />
            </Form.Item>
            <Form.Item label={t(`contact.${kind}.codeLabel`)} name="code" rules={[{ required: true, whitespace: true, message: t('contact.codeRequired') }]}>
              <MobileSmsCodeInput send={sendCode} onError={showError} />
            </Form.Item>
          </MobileForm>
        </>
      )}
    </MobilePage>
  );
}
