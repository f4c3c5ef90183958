import { Form, Input } from 'antd-mobile';
import { useNewPassword, type NewPasswordForm } from '../../../domains/auth/use-new-password.ts';

/** A new password under the policy the server states, and its confirmation. */
export function MobileNewPasswordFields({ form, withPlaceholders }: { form: NewPasswordForm; withPlaceholders?: boolean }) {
  const { field, testIds, hint, password, confirm } = useNewPassword(form, withPlaceholders);
  return (
    <>
      <Form.Item label={password.label} name={field} description={hint ? <span data-testid="password-policy">{hint}</span> : null} rules={password.rules}>
        <Input type="password" placeholder={password.placeholder} autoComplete="new-password" data-testid={testIds.password} />
      </Form.Item>
      <Form.Item label={confirm.label} name="confirm" dependencies={[field]} rules={confirm.rules}>
        <Input type="password" placeholder={confirm.placeholder} autoComplete="new-password" data-testid={testIds.confirm} />
      </Form.Item>
    </>
  );
}
