/** 二次认证: a code to the user's own mobile or e-mail, guarded by a graphic captcha. */
import { api } from '../../api/client.ts';
import type { CodeToOwn, NotificationChannel } from '../profile/api.ts';

export const sendStepUpCode = (input: { captchaId: string; captchaAnswer: string; channel: NotificationChannel }) => api.post<CodeToOwn>('/api/v1/step-up/code', input);
export const passStepUp = (channel: NotificationChannel, code: string) => api.post<{ validUntil: string }>('/api/v1/step-up', { channel, code });
