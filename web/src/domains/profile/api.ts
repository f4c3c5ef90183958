/** The profile API (用户资料, mobile and e-mail, 通知设置, 注销用户): desktop and mobile hall. */
import { api } from '../../api/client.ts';
import type { CodeSent } from '../auth/api.ts';
import type { Verification } from '../verification/api.ts';

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
export const startContactChange = (kind: ContactKind, value: string, code: string) => api.post<StartedFlow & { newValueMasked: string }>(`${profile}/${kind}/change`, { value, code });
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

export const startDeregistration = () => api.post<StartedFlow>('/api/v1/investor/deregistration', { agreed: true });
export const confirmDeregistration = (flowId: string, verificationId: string) => api.post<void>(`/api/v1/investor/deregistration/${flowId}/confirm`, { verificationId });
