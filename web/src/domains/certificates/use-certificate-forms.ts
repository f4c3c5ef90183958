import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sessionQueryKey } from '../../api/session.ts';
import { EMAIL_PATTERN } from '../auth/fields.ts';
import { sendProofEmailCode } from './api.ts';
import { useInvestor } from '../session/use-investor.ts';

/** The rules of the address a certificate or proof is mailed to, in either hall. */
export function useCertificateEmailRules() {
  const { t } = useTranslation('certificates');
  return [
    { required: true, whitespace: true, message: t('emailRequired') },
    { pattern: EMAIL_PATTERN, message: t('emailInvalid') },
  ];
}

/**
 * 二次认证 for a certificate request that answered STEP_UP_REQUIRED: the channels the
 * investor has, the hint, and once passed the session refreshed and the request (given
 * at render, as `props(retry)`) sent again.
 */
export function useCertificateStepUp(close: () => void) {
  const { t } = useTranslation('certificates');
  const queryClient = useQueryClient();
  const { investor } = useInvestor();
  return (retry: () => Promise<unknown>) => ({
    hasMobile: Boolean(investor?.mobileMasked),
    hasEmail: Boolean(investor?.emailMasked),
    intro: t('stepUpHint'),
    onPassed: async () => {
      close();
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      await retry();
    },
  });
}

/** 获取验证码 for another address of a never-opened proof: the address checked first, then the code sent to it. */
export function sendProofCodeFor(form: { validateFields(names: ['email']): Promise<unknown>; getFieldValue(name: 'email'): unknown }) {
  return async () => {
    try {
      await form.validateFields(['email']);
    } catch {
      return null;
    }
    return sendProofEmailCode((form.getFieldValue('email') as string).trim());
  };
}
