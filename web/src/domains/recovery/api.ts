/** 找回密码 (manual 000 §一.3, §二.3): no session yet, so its verifications are reached with the flow token. */
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { toApiError } from '../../ui/errors.ts';
import { registerFlowToken, type Verification } from '../verification/api.ts';

export interface RecoveryStarted {
  flowToken: string;
  identityRequired: boolean;
  verification: Verification | null;
}

export interface RecoveryIdentity {
  userType: 'person' | 'institution';
  name: string;
  idType: string;
  idNumber: string;
  captchaId: string;
  captchaAnswer: string;
}

/** The recovery's verifications are reached with its flow token (no session yet). */
const withToken = (flowToken: string, verification: Verification) => {
  registerFlowToken(verification.id, flowToken);
  return verification;
};

export async function startRecovery(input: { account: string; captchaId: string; captchaAnswer: string }): Promise<RecoveryStarted> {
  const started = await api.post<RecoveryStarted>('/api/v1/investor/recovery', input);
  if (started.verification) withToken(started.flowToken, started.verification);
  return started;
}
export const submitRecoveryIdentity = async (flowToken: string, input: RecoveryIdentity) => withToken(flowToken, await api.post<Verification>('/api/v1/investor/recovery/identity', { flowToken, ...input }));
/** 申请注销 from inside the recovery (mobile §二.5): its own verification. */
export const startRecoveryDeregistration = async (flowToken: string) => withToken(flowToken, await api.post<Verification>('/api/v1/investor/recovery/deregistration/verification', { flowToken }));
export const deregisterFromRecovery = (flowToken: string, verificationId: string) => api.post<void>('/api/v1/investor/recovery/deregistration', { flowToken, verificationId });
export const completeRecovery = (flowToken: string, verificationId: string, newPassword: string) => api.post<void>('/api/v1/investor/recovery/password', { flowToken, verificationId, newPassword });

/**
 * 设置新密码, the last step: a password the policy refuses is shown at its field
 * (`formError` is what is left for the whole form). `complete` is another flow's last step.
 */
export function useCompleteRecovery(form: { setFields(fields: { name: 'newPassword'; errors: string[] }[]): void }, onDone: () => void, complete: typeof completeRecovery = completeRecovery) {
  const mutation = useMutation({
    mutationFn: ({ flowToken, verificationId, newPassword }: { flowToken: string; verificationId: string; newPassword: string }) => complete(flowToken, verificationId, newPassword),
    onSuccess: onDone,
    onError: (failure) => {
      if (toApiError(failure).code === 'PASSWORD_POLICY') form.setFields([{ name: 'newPassword', errors: [toApiError(failure).message] }]);
    },
  });
  const error = mutation.error ? toApiError(mutation.error) : null;
  return { ...mutation, formError: error && error.code !== 'PASSWORD_POLICY' ? error : null };
}
