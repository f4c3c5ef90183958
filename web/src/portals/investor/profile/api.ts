/** The profile API (用户资料, mobile and e-mail, 通知设置, 注销用户, 找回密码): desktop and mobile hall. */
import { api } from '../../../api/client.ts';
import type { CodeSent } from '../shared/api.ts';
import { registerFlowToken, type Verification } from '../verification/api.ts';

export type ContactKind = 'mobile' | 'email';
export type NotificationChannel = 'sms' | 'email';

/** A flow started with its verification (用户身份认证方式选择), shown by VerificationPanel. */
export interface StartedFlow {
  flowId: string;
  verification: Verification;
}

export interface CodeToOwn extends CodeSent {
  destinationMasked: string;
}

const profile = '/api/v1/investor/profile';

export const sendNewContactCode = (kind: ContactKind, value: string) => api.post<CodeSent>(`${profile}/${kind}/code`, { value });
export const supplementContact = (kind: ContactKind, value: string, code: string) => api.post<{ masked: string }>(`${profile}/${kind}/supplement`, { value, code });
export const startContactChange = (kind: ContactKind, value: string, code: string) =>
  api.post<StartedFlow & { newValueMasked: string }>(`${profile}/${kind}/change`, { value, code });
export const contactChange = (kind: ContactKind, flowId: string) => api.get<{ newValueMasked: string; verificationId: string }>(`${profile}/${kind}/change/${flowId}`);
export const confirmContactChange = (kind: ContactKind, flowId: string, verificationId: string) => api.post<{ masked: string }>(`${profile}/${kind}/change/${flowId}/confirm`, { verificationId });

export interface NotificationSettings {
  channel: NotificationChannel;
  hasMobile: boolean;
  hasEmail: boolean;
}

export const notificationSettingsKey = ['investor', 'notification-settings'] as const;
export const getNotificationSettings = () => api.get<NotificationSettings>(`${profile}/notification-settings`);
export const setNotificationChannel = (channel: NotificationChannel) => api.put<NotificationSettings>(`${profile}/notification-settings`, { channel });

export const sendStepUpCode = (input: { captchaId: string; captchaAnswer: string; channel: NotificationChannel }) => api.post<CodeToOwn>('/api/v1/step-up/code', input);
export const passStepUp = (channel: NotificationChannel, code: string) => api.post<{ validUntil: string }>('/api/v1/step-up', { channel, code });

export const startDeregistration = () => api.post<StartedFlow>('/api/v1/investor/deregistration', { agreed: true });
export const confirmDeregistration = (flowId: string, verificationId: string) => api.post<void>(`/api/v1/investor/deregistration/${flowId}/confirm`, { verificationId });

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
