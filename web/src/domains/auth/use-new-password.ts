import { useTranslation } from 'react-i18next';
import { usePasswordPolicy } from './api.ts';
import { describePolicy, policyProblem } from './password-policy.ts';

/** The words of a new-password field and its confirmation, as the page's manual says them. */
export interface NewPasswordText {
  label: string;
  required: string;
  placeholder?: string;
  confirmLabel: string;
  confirmRequired: string;
  confirmPlaceholder?: string;
}

type FieldRule = { required: true; message: string } | { validator: (rule: unknown, value: string | undefined) => Promise<void> };
type ConfirmRule = FieldRule | ((form: { getFieldValue(name: string): unknown }) => FieldRule);

/**
 * A new password and its confirmation, desktop and mobile alike: the policy the server
 * states (shown under the field and checked as one types) and the confirmation that
 * must match. The rules fit the antd and the antd-mobile form.
 */
export function useNewPassword(field: string, text: NewPasswordText) {
  const { t } = useTranslation('investor');
  const policy = usePasswordPolicy();
  const passwordRules: FieldRule[] = [
    { required: true, message: text.required },
    {
      validator: async (_, value) => {
        const problem = policyProblem(policy.data, value ?? '', t);
        if (problem) throw new Error(problem);
      },
    },
  ];
  const confirmRules: ConfirmRule[] = [
    { required: true, message: text.confirmRequired },
    ({ getFieldValue }) => ({
      validator: async (_, value) => {
        if (value && value !== getFieldValue(field)) throw new Error(t('register.confirmMismatch'));
      },
    }),
  ];
  return { hint: policy.data ? describePolicy(policy.data, t) : null, passwordRules, confirmRules };
}
