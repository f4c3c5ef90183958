import { Form, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaptchaForm } from '../../../ui/desktop/captcha-form.tsx';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { useCaptchaSubmit } from '../../../ui/hooks/use-captcha-submit.ts';
import { ID_TYPES, type Verification } from '../../../domains/verification/api.ts';
import { submitRecoveryIdentity } from '../../../domains/recovery/api.ts';

interface IdentityValues {
  userType: 'person' | 'institution';
  name: string;
  idType: string;
  idNumber: string;
  captchaAnswer: string;
}

/**
 * 用户身份认证信息 of a real-name verified user recovering the password (manual 000
 * §一.3.2 (3), §一.3.3 (2)): 用户类型, 姓名/名称, 证件类型, 证件号码 and the captcha, then 提交.
 */
export function RecoveryIdentityStep({ flowToken, onVerification }: { flowToken: string; onVerification: (verification: Verification) => void }) {
  const { t } = useTranslation(['recovery', 'verification', 'investor']);
  const [form] = Form.useForm<IdentityValues>();
  const userType = Form.useWatch('userType', form) ?? 'person';
  const { captcha, submit, busy, error } = useCaptchaSubmit<IdentityValues>(form, async (values, proof) =>
    onVerification(await submitRecoveryIdentity(flowToken, { userType: values.userType, name: values.name.trim(), idType: values.idType, idNumber: values.idNumber.trim(), ...proof })),
  );

  return (
    <div data-testid="recovery-identity">
      <Typography.Title level={5}>{t('recovery:identityTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('recovery:identityIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} testId="recovery-identity-error" />
      <CaptchaForm
        form={form}
        name="recovery-identity"
        initialValues={{ userType: 'person', idType: 'resident_id' }}
        onFinish={submit}
        captcha={captcha}
        submitLabel={t('recovery:submit')}
        submitTestId="recovery-identity-submit"
        busy={busy}
      >
        <Form.Item label={t('verification:bind.userType')} name="userType">
          <Radio.Group
            onChange={(e) => form.setFieldValue('idType', e.target.value === 'institution' ? 'unified_social_credit_code' : 'resident_id')}
            options={[
              { value: 'person', label: t('verification:bind.person') },
              { value: 'institution', label: t('verification:bind.institution') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('verification:bind.name')} name="name" rules={[{ required: true, whitespace: true, message: t('verification:bind.nameRequired') }]}>
          <Input maxLength={100} data-testid="recovery-name" />
        </Form.Item>
        <Form.Item label={t('verification:bind.idType')} name="idType">
          <Select options={ID_TYPES.filter((type) => (userType === 'institution') === (type === 'unified_social_credit_code')).map((type) => ({ value: type, label: t(`verification:idTypes.${type}`) }))} />
        </Form.Item>
        <Form.Item label={t('verification:bind.idNumber')} name="idNumber" rules={[{ required: true, whitespace: true, message: t('verification:bind.idNumberRequired') }]}>
          <Input maxLength={40} data-testid="recovery-id-number" />
        </Form.Item>
      </CaptchaForm>
    </div>
  );
}
