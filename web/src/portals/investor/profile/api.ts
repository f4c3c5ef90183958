/** The profile API (用户资料, mobile and e-mail, 通知设置, 注销用户, 找回密码): desktop and mobile hall. */
import { api } from '../../../api/client.ts';
import type { CodeSent } from '../shared/api.ts';

export type ContactKind = 'mobile' | 'email';
export type VerificationMethod = 'own-mobile' | 'own-email';
export type NotificationChannel = 'sms' | 'email';

export interface MethodOption {
  method: VerificationMethod;
  destinationMasked: string;
}

export interface StartedFlow {
  flowId: string;
  methods: MethodOption[];
}

export interface CodeToOwn extends CodeSent {
  destinationMasked: string;
}

/** A verification step: sends the code for a method, then checks it. */
export interface VerificationPort {
  methods: MethodOption[];
  sendCode(method: VerificationMethod): Promise<CodeToOwn>;
  verify(method: VerificationMethod, code: string): Promise<unknown>;
}

const profile = '/api/v1/investor/profile';

export const sendNewContactCode = (kind: ContactKind, value: string) => api.post<CodeSent>(`${profile}/${kind}/code`, { value });
export const supplementContact = (kind: ContactKind, value: string, code: string) => api.post<{ masked: string }>(`${profile}/${kind}/supplement`, { value, code });
export const startContactChange = (kind: ContactKind, value: string, code: string) =>
  api.post<StartedFlow & { newValueMasked: string }>(`${profile}/${kind}/change`, { value, code });
export const contactChange = (kind: ContactKind, flowId: string) => api.get<{ newValueMasked: string; methods: MethodOption[] }>(`${profile}/${kind}/change/${flowId}`);
export const confirmContactChange = (kind: ContactKind, flowId: string) => api.post<{ masked: string }>(`${profile}/${kind}/change/${flowId}/confirm`, {});

/** The verification step of a signed-in flow (change of mobile or e-mail, deregistration). */
export function flowVerification(flowId: string, methods: MethodOption[]): VerificationPort {
  return {
    methods,
    sendCode: (method) => api.post<CodeToOwn>(`${profile}/flows/${flowId}/verification/code`, { method }),
    verify: (method, code) => api.post(`${profile}/flows/${flowId}/verification`, { method, code }),
  };
}

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
export const confirmDeregistration = (flowId: string) => api.post<void>(`/api/v1/investor/deregistration/${flowId}/confirm`, {});

export const startRecovery = (input: { account: string; captchaId: string; captchaAnswer: string }) => api.post<{ flowToken: string; methods: MethodOption[] }>('/api/v1/investor/recovery', input);
/** The verification step of a recovery: for a new password, or for 申请注销 (mobile §二.5). */
export function recoveryVerification(flowToken: string, methods: MethodOption[], intent: 'password' | 'deregistration' = 'password'): VerificationPort {
  return {
    methods,
    sendCode: (method) => api.post<CodeToOwn>('/api/v1/investor/recovery/code', { flowToken, method, intent }),
    verify: (method, code) => api.post('/api/v1/investor/recovery/verification', { flowToken, method, code, intent }),
  };
}
export const deregisterFromRecovery = (flowToken: string) => api.post<void>('/api/v1/investor/recovery/deregistration', { flowToken });
export const completeRecovery = (flowToken: string, newPassword: string) => api.post<void>('/api/v1/investor/recovery/password', { flowToken, newPassword });
