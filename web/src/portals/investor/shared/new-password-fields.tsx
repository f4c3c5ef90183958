import { Form, Input } from 'antd';
import { useNewPassword, type NewPasswordText } from '../../../domains/auth/use-new-password.ts';

/** A new password under the policy the server states, and its confirmation (field `confirm`). */
export function NewPasswordFields({ name, text, testIds }: { name: string; text: NewPasswordText; testIds: { password: string; confirm: string } }) {
  const { hint, passwordRules, confirmRules } = useNewPassword(name, text);
  return (
    <>
      <Form.Item label={text.label} name={name} extra={hint ? <span data-testid="password-policy">{hint}</span> : null} rules={passwordRules}>
        <Input.Password placeholder={text.placeholder} autoComplete="new-password" data-testid={testIds.password} />
      </Form.Item>
      <Form.Item label={text.confirmLabel} name="confirm" dependencies={[name]} rules={confirmRules}>
        <Input.Password placeholder={text.confirmPlaceholder} autoComplete="new-password" data-testid={testIds.confirm} />
      </Form.Item>
    </>
  );
}
