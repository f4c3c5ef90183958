import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../api/client.ts';
import { sessionQueryKey } from '../../api/session.ts';
import { toApiError } from '../../ui/errors.ts';
import { EMAIL_PATTERN, mobileRule } from '../auth/fields.ts';
import { useInvestor } from '../session/use-investor.ts';
import { sendNewContactCode, startContactChange, supplementContact, type ContactKind } from './api.ts';
import { codeFormField, isPopUpError } from './contact-errors.ts';

export interface ContactValues {
  value: string;
  code: string;
}

/** What the hook needs of the hall's form (antd and antd-mobile forms both have it). */
interface ContactFormControls {
  validateFields(names: 'value'[]): Promise<unknown>;
  getFieldValue(name: 'value'): unknown;
  setFields(fields: { name: 'value' | 'code'; errors: string[] }[]): void;
}

interface HallRoutes {
  /** where 下一步 of a change goes: the hall's page for the flow the server started */
  changePath: (flowId: string) => string;
  /** the manual's pop-up errors (“手机号已被绑定，请确认”), shown as the hall shows a dialog */
  onPopUp: (message: string) => void;
}

/**
 * 手机号 / 电子邮箱, desktop and mobile alike: 补充 when the user has none (the code is
 * enough, and the session's masked contact is refreshed), else 变更 (下一步 starts the
 * flow and goes to its page). Code errors land on their field, bound-elsewhere errors pop up.
 */
export function useContactForm(kind: ContactKind, form: ContactFormControls, { changePath, onPopUp }: HallRoutes) {
  const { t } = useTranslation('profile');
  const { investor } = useInvestor();
  const current = kind === 'mobile' ? investor?.mobileMasked : investor?.emailMasked;
  const supplementing = current == null;
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // 手机号已被绑定 comes after the number's code (the server tells only who holds it):
  // the code input then starts afresh, so another number can get its code at once.
  const [codeRound, setCodeRound] = useState(0);

  const showError = (failure: unknown) => {
    const apiError = toApiError(failure);
    if (isPopUpError(apiError)) {
      setCodeRound((round) => round + 1);
      return onPopUp(apiError.message);
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

  const submission = useMutation({
    mutationFn: async ({ value, code }: ContactValues) =>
      supplementing ? { masked: (await supplementContact(kind, value.trim(), code.trim())).masked } : { flowId: (await startContactChange(kind, value.trim(), code.trim())).flowId },
    onMutate: () => setError(null),
    onSuccess: async (result) => {
      if (result.flowId !== undefined) return navigate(changePath(result.flowId));
      setDone(result.masked);
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
    onError: showError,
  });

  return {
    current,
    supplementing,
    /** the new value's label and rules (antd and antd-mobile alike) */
    valueLabel: t(`contact.${kind}.${supplementing ? 'supplementLabel' : 'newLabel'}`),
    valueRules: [
      { required: true, whitespace: true, message: t(`contact.${kind}.required`) },
      kind === 'mobile' ? mobileRule(t(`contact.${kind}.invalid`)) : { pattern: EMAIL_PATTERN, message: t(`contact.${kind}.invalid`) },
    ],
    error,
    done,
    sendCode,
    showError,
    submit: (values: ContactValues) => submission.mutate(values),
    submitting: submission.isPending,
    /** a key for the code input: it changes when the code form starts afresh */
    codeRound,
  };
}
