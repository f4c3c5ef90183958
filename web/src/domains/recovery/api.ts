/** 找回密码 (manual 000 §一.3, §二.3): no session yet, so its verifications are reached with the flow token. */
import { api } from '../../api/client.ts';
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
export const submitRecoveryIdentity = async (flowToken: string, input: RecoveryIdentity) =>
  withToken(flowToken, await api.post<Verification>('/api/v1/investor/recovery/identity', { flowToken, ...input }));
/** 申请注销 from inside the recovery (mobile §二.5): its own verification. */
export const startRecoveryDeregistration = async (flowToken: string) => withToken(flowToken, await api.post<Verification>('/api/v1/investor/recovery/deregistration/verification', { flowToken }));
export const deregisterFromRecovery = (flowToken: string, verificationId: string) => api.post<void>('/api/v1/investor/recovery/deregistration', { flowToken, verificationId });
export const completeRecovery = (flowToken: string, verificationId: string, newPassword: string) => api.post<void>('/api/v1/investor/recovery/password', { flowToken, verificationId, newPassword });
