import { useTranslation } from 'react-i18next';
import { usePasswordPolicy } from './api.ts';
import { describePolicy, policyProblem } from './password-policy.ts';

/** The forms that set a new password: 账户注册, 修改登录密码 and 找回密码's last step. */
export type NewPasswordForm = 'register' | 'password' | 'recovery';

const FORMS = {
  register: {
    field: 'password',
    keys: {
      label: 'register.password',
      required: 'register.passwordRequired',
      placeholder: 'register.passwordPlaceholder',
      confirmLabel: 'register.confirm',
      confirmRequired: 'register.confirmRequired',
      confirmPlaceholder: 'register.confirmPlaceholder',
    },
    testIds: { password: 'register-password', confirm: 'register-confirm' },
  },
  password: {
    field: 'newPassword',
    keys: {
      label: 'password.new',
      required: 'password.newRequired',
      placeholder: 'password.newPlaceholder',
      confirmLabel: 'password.confirm',
      confirmRequired: 'password.confirmRequired',
      confirmPlaceholder: 'password.confirmPlaceholder',
    },
    testIds: { password: 'password-new', confirm: 'password-confirm' },
  },
  recovery: {
    field: 'newPassword',
    keys: {
      label: 'profile:recover.newPassword',
      required: 'password.newRequired',
      placeholder: null,
      confirmLabel: 'profile:recover.confirmPassword',
      confirmRequired: 'password.confirmRequired',
      confirmPlaceholder: null,
    },
    testIds: { password: 'recovery-password', confirm: 'recovery-confirm' },
  },
} as const;

type FieldRule = { required: true; message: string } | { validator: (rule: unknown, value: string | undefined) => Promise<void> };
type ConfirmRule = FieldRule | ((form: { getFieldValue(name: string): unknown }) => FieldRule);

/**
 * A new password and its confirmation (field `confirm`), desktop and mobile alike: the
 * words of the form, the policy the server states (shown under the field and checked as
 * one types) and the confirmation that must match. The rules fit antd and antd-mobile.
 */
export function useNewPassword(form: NewPasswordForm, withPlaceholders = false) {
  const { t } = useTranslation('investor');
  const policy = usePasswordPolicy();
  const { field, keys, testIds } = FORMS[form];
  const placeholder = (key: string | null) => (withPlaceholders && key ? t(key) : undefined);
  const passwordRules: FieldRule[] = [
    { required: true, message: t(keys.required) },
    {
      validator: async (_, value) => {
        const problem = policyProblem(policy.data, value ?? '', t);
        if (problem) throw new Error(problem);
      },
    },
  ];
  const confirmRules: ConfirmRule[] = [
    { required: true, message: t(keys.confirmRequired) },
    ({ getFieldValue }) => ({
      validator: async (_, value) => {
        if (value && value !== getFieldValue(field)) throw new Error(t('register.confirmMismatch'));
      },
    }),
  ];
  return {
    field,
    testIds,
    hint: policy.data ? describePolicy(policy.data, t) : null,
    password: { label: t(keys.label), placeholder: placeholder(keys.placeholder), rules: passwordRules },
    confirm: { label: t(keys.confirmLabel), placeholder: placeholder(keys.confirmPlaceholder), rules: confirmRules },
  };
}
