import { Card, Form, Input, Modal, Radio, Select } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError, type ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { ID_TYPES, startDirectBinding, type DirectBindingInput } from '../../../domains/verification/api.ts';

/**
 * 绑定一码通 (manual 000 §一.2.1.1, 注册用户直接绑定一码通 (2)): user type and the
 * three elements; the securities account number is asked in a dialog when the
 * holder has several unified accounts. Then the verification methods.
 */
export function DirectBindingPage() {
  const { t } = useTranslation('verification');
  useDocumentTitle(t('bind.title'));
  const navigate = useNavigate();
  const [form] = Form.useForm<DirectBindingInput>();
  const [error, setError] = useState<ApiError | null>(null);
  const [askAccount, setAskAccount] = useState(false);
  const [accountError, setAccountError] = useState<ApiError | null>(null);
  const [account, setAccount] = useState('');
  const [busy, setBusy] = useState(false);
  const userType = Form.useWatch('userType', form) ?? 'person';

  const submit = async (securitiesAccountNumber?: string) => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    setAccountError(null);
    try {
      const verification = await startDirectBinding({
        ...values,
        name: values.name.trim(),
        idNumber: values.idNumber.trim(),
        ...(securitiesAccountNumber ? { securitiesAccountNumber: securitiesAccountNumber.trim() } : {}),
      });
      navigate(`/binding/verify/${verification.id}`);
    } catch (failure) {
      const apiError = toApiError(failure);
      if (isApiError(failure, 'BIND_ACCOUNT_NUMBER_REQUIRED')) setAskAccount(true);
      else if (askAccount) setAccountError(apiError);
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('bind.title')} data-testid="direct-binding-page" style={{ maxWidth: 720 }}>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ userType: 'person', idType: 'resident_id' }} onFinish={() => void submit()} name="direct-binding">
        <Form.Item label={t('bind.userType')} name="userType">
          <Radio.Group
            data-testid="bind-user-type"
            onChange={(e) => form.setFieldValue('idType', e.target.value === 'institution' ? 'unified_social_credit_code' : 'resident_id')}
            options={[
              { value: 'person', label: <span data-testid="bind-user-person">{t('bind.person')}</span> },
              { value: 'institution', label: <span data-testid="bind-user-institution">{t('bind.institution')}</span> },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('bind.name')} name="name" rules={[{ required: true, whitespace: true, message: t('bind.nameRequired') }]}>
          <Input data-testid="bind-name" maxLength={100} />
        </Form.Item>
        <Form.Item label={t('bind.idType')} name="idType">
          <Select data-testid="bind-id-type" options={ID_TYPES.filter((type) => (userType === 'institution') === (type === 'unified_social_credit_code')).map((type) => ({ value: type, label: t(`idTypes.${type}`) }))} />
        </Form.Item>
        <Form.Item label={t('bind.idNumber')} name="idNumber" rules={[{ required: true, whitespace: true, message: t('bind.idNumberRequired') }]}>
          <Input data-testid="bind-id-number" maxLength={40} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy && !askAccount} data-testid="bind-next">
          {t('methods.next')}
        </Button>
      </Form>
      <Modal
        open={askAccount}
        title={t('bind.securitiesAccount')}
        okText={t('methods.next')}
        onOk={() => (account.trim() ? void submit(account) : setAccountError(null))}
        okButtonProps={{ disabled: !account.trim(), loading: busy, 'data-testid': 'account-next' }}
        onCancel={() => setAskAccount(false)}
      >
        <p data-testid="account-prompt">{t('bind.securitiesAccountPrompt')}</p>
        <ErrorAlert error={accountError} testId="account-error" />
        <Input value={account} onChange={(e) => setAccount(e.target.value)} placeholder={t('bind.securitiesAccountRequired')} maxLength={20} data-testid="bind-securities-account" />
      </Modal>
    </Card>
  );
}
