import { api, ApiError } from '../../api/client.ts';
import i18n from '../../i18n/index.ts';

export interface VerifiedCertificate {
  code: string;
  kind: 'holding_balance' | 'holding_changes' | 'freezes' | 'never_opened';
  title: string;
  holderNameMasked: string;
  accountMasked: string | null;
  date: string | null;
  from: string | null;
  to: string | null;
  summary: Record<string, string | number>;
  issuedAt: string;
  sha256: string;
}

export interface FileCheck {
  code: string;
  genuine: boolean;
  reason?: 'signature_invalid' | 'not_this_certificate';
}

export const lookupCertificate = (code: string) => api.get<VerifiedCertificate>(`/api/v1/verify/certificates/${encodeURIComponent(code.trim())}`);

function csrfCookie(): string | null {
  return document.cookie.split(';').map((p) => p.trim().split('=')).find(([k]) => k === 'ch_csrf')?.[1] ?? null;
}

/** Sends the file itself (application/pdf), not JSON, so it is checked byte for byte. */
export async function checkCertificateFile(code: string, file: File): Promise<FileCheck> {
  const token = csrfCookie() ?? (await api.get<{ csrfToken: string }>('/api/v1/session')).csrfToken;
  const response = await fetch(`/api/v1/verify/certificates/${encodeURIComponent(code.trim())}/file`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/pdf', 'x-csrf-token': token, 'Accept-Language': i18n.language || 'zh-CN' },
    body: await file.arrayBuffer(),
  });
  const data = (await response.json().catch(() => ({}))) as FileCheck & { code?: string; message?: string; details?: Record<string, unknown> };
  if (!response.ok) throw new ApiError(response.status, String(data.code ?? 'HTTP_ERROR'), data.message ?? i18n.t('common:errors.http', { status: response.status }), data.details ?? {});
  return data;
}
