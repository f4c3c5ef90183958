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

/** 找回密码信息确认 (desktop §一.3.3 (5)): what a bound user confirms before the new password takes effect, masked by the server. */
export interface RecoveryConfirmation {
  account: string;
  name: string;
  unifiedAccounts: string[];
  method: string;
}

const recoveryPassword = async (body: { flowToken: string; verificationId: string; newPassword: string; withConfirmation?: boolean }) =>
  (await api.post<{ confirmation: RecoveryConfirmation | null }>('/api/v1/investor/recovery/password', body)).confirmation;
/** 完成 on the mobile hall: the new password is set at once (§二.3.1.3 (5)). */
export const completeRecovery = (flowToken: string, verificationId: string, newPassword: string) => recoveryPassword({ flowToken, verificationId, newPassword });
/** 完成 on the desktop hall: a bound user's new password waits for 找回密码信息确认 (the answer); anyone else's is set. */
export const completeRecoveryToConfirm = (flowToken: string, verificationId: string, newPassword: string) => recoveryPassword({ flowToken, verificationId, newPassword, withConfirmation: true });
/** 找回密码信息确认 → 确认: the password kept at 完成 takes effect. */
export const confirmRecovery = (flowToken: string, verificationId: string) => api.post<void>('/api/v1/investor/recovery/password/confirm', { flowToken, verificationId });

export type CompleteStep = (flowToken: string, verificationId: string, newPassword: string) => Promise<RecoveryConfirmation | null | void>;

/**
 * 设置新密码, the last step: a password the policy refuses is shown at its field
 * (`formError` is what is left for the whole form). `complete` is another flow's last step;
 * `onDone` is given the confirmation still to make, if any.
 */
export function useCompleteRecovery(
  form: { setFields(fields: { name: 'newPassword'; errors: string[] }[]): void },
  onDone: (confirmation: RecoveryConfirmation | null) => void,
  complete: CompleteStep = completeRecovery,
) {
  const mutation = useMutation({
    mutationFn: ({ flowToken, verificationId, newPassword }: { flowToken: string; verificationId: string; newPassword: string }) => complete(flowToken, verificationId, newPassword),
    onSuccess: (confirmation) => onDone(confirmation ?? null),
    onError: (failure) => {
      if (toApiError(failure).code === 'PASSWORD_POLICY') form.setFields([{ name: 'newPassword', errors: [toApiError(failure).message] }]);
    },
  });
  const error = mutation.error ? toApiError(mutation.error) : null;
  return { ...mutation, formError: error && error.code !== 'PASSWORD_POLICY' ? error : null };
}
