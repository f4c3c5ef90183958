import { api } from '../../api/client.ts';
import { registerFlowToken, type Verification } from '../verification/api.ts';

/** 通过身份信息找回 (mobile §二.3.2, §二.5.2) and 忘记用户名 (desktop §一.5.1): flows reached by their token. */
export interface PersonFlowStarted {
  flowToken: string;
  verification: Verification;
}
export interface RecoverableAccount {
  id: string;
  account: string;
  registeredAt: string;
  securitiesAccounts: string[];
}

const started = (flow: PersonFlowStarted) => {
  registerFlowToken(flow.verification.id, flow.flowToken);
  return flow;
};
const base = '/api/v1/investor/identity-recovery';

export const startIdentityRecovery = async (input: { name: string; idType: string; idNumber: string; captchaId: string; captchaAnswer: string }) => started(await api.post<PersonFlowStarted>(base, input));
export const identityRecoveryAccounts = async (flowToken: string, verificationId: string) => (await api.post<{ items: RecoverableAccount[] }>(`${base}/accounts`, { flowToken, verificationId })).items;
export async function chooseRecoveryAccount(flowToken: string, investorUserId: string): Promise<Verification> {
  const verification = await api.post<Verification>(`${base}/choice`, { flowToken, investorUserId });
  registerFlowToken(verification.id, flowToken);
  return verification;
}
export const completeIdentityRecovery = (flowToken: string, verificationId: string, newPassword: string) => api.post<void>(`${base}/password`, { flowToken, verificationId, newPassword });
export const deregisterFromIdentityRecovery = (flowToken: string, investorUserId: string) => api.post<void>(`${base}/deregistration`, { flowToken, investorUserId });

export const startUsernameRecovery = async (input: { name: string; idNumber: string; captchaId: string; captchaAnswer: string }) => started(await api.post<PersonFlowStarted>('/api/v1/investor/username-recovery', input));
export const recoverUsernames = async (flowToken: string, verificationId: string) => (await api.post<{ usernames: string[] }>('/api/v1/investor/username-recovery/result', { flowToken, verificationId })).usernames;
