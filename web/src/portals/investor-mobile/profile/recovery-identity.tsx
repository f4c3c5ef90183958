import { Form, Input, Selector } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaptchaSubmit } from '../../../ui/hooks/use-captcha-submit.ts';
import { MobileCaptchaField } from '../../../ui/mobile/captcha-input.tsx';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { ID_TYPES, type Verification } from '../../../domains/verification/api.ts';
import { submitRecoveryIdentity } from '../../../domains/recovery/api.ts';
import { MobileForm } from '../../../ui/mobile/mobile-form.tsx';

/** 输入用户信息页 of a real-name verified user recovering the password (manual 000 §二.3.1.2 (3), §二.3.1.3 (3), §二.5.1 (2)). */
export function MobileRecoveryIdentityStep({ flowToken, onVerification }: { flowToken: string; onVerification: (verification: Verification) => void }) {
  const { t } = useTranslation(['recovery', 'verification', 'investor']);
  const [form] = Form.useForm<{ name: string; idNumber: string; captchaAnswer: string }>();
  const [userType, setUserType] = useState<'person' | 'institution'>('person');
  const [idType, setIdType] = useState<string>('resident_id');
  const idTypes = ID_TYPES.filter((type) => (userType === 'institution') === (type === 'unified_social_credit_code'));
  const { captcha, submit, busy, error } = useCaptchaSubmit<{ name: string; idNumber: string; captchaAnswer: string }>(form, async (values, proof) =>
    onVerification(await submitRecoveryIdentity(flowToken, { userType, idType, name: values.name.trim(), idNumber: values.idNumber.trim(), ...proof })),
  );

  return (
    <div data-testid="recovery-identity">
      <ErrorNotice error={error} testId="recovery-identity-error" />
      <MobileForm form={form} name="mrecovery-identity" onFinish={submit} submitLabel={t('verification:methods.next')} submitTestId="recovery-identity-submit" busy={busy}>
        <Form.Header>{t('recovery:identityIntro')}</Form.Header>
        <Form.Item label={t('verification:bind.userType')}>
          <Selector
            columns={2}
            value={[userType]}
            onChange={(v) => {
              if (!v[0]) return;
              setUserType(v[0]);
              setIdType(v[0] === 'institution' ? 'unified_social_credit_code' : 'resident_id');
            }}
            options={[
              { value: 'person' as const, label: t('verification:bind.person') },
              { value: 'institution' as const, label: t('verification:bind.institution') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('verification:bind.name')} name="name" rules={[{ required: true, whitespace: true, message: t('verification:bind.nameRequired') }]}>
          <Input placeholder={t('verification:bind.name')} data-testid="recovery-name" />
        </Form.Item>
        <Form.Item label={t('verification:bind.idType')}>
          <Selector columns={1} value={[idType]} onChange={(v) => v[0] && setIdType(v[0])} options={idTypes.map((type) => ({ value: type, label: t(`verification:idTypes.${type}`) }))} />
        </Form.Item>
        <Form.Item label={t('verification:bind.idNumber')} name="idNumber" rules={[{ required: true, whitespace: true, message: t('verification:bind.idNumberRequired') }]}>
          <Input placeholder={t('verification:bind.idNumber')} data-testid="recovery-id-number" />
        </Form.Item>
        <MobileCaptchaField captcha={captcha} />
      </MobileForm>
    </div>
  );
}
