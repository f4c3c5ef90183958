/** Public verification of e-certificates (`/verify/`): by verification code and by the file itself. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ApiResponse } from '../../api/typed.ts';

const certificatePath = (code: string) => `/api/v1/verify/certificates/${encodeURIComponent(code.trim())}`;

export type VerifiedCertificate = ApiResponse<'/api/v1/verify/certificates/{code}', 'get'>;
export type FileCheck = ApiResponse<'/api/v1/verify/certificates/{code}/file', 'post'>;

export const verifyKeys = {
  certificate: (code: string) => ['verify', code] as const,
};

/** The certificate issued under a code; no lookup while the code is empty, no retry of a code that is not found. */
export function useVerifiedCertificate(code: string) {
  return useQuery({
    queryKey: verifyKeys.certificate(code),
    queryFn: () => api.get<VerifiedCertificate>(certificatePath(code)),
    enabled: code !== '',
    retry: false,
    staleTime: Infinity,
  });
}

/** Sends the file itself (application/pdf), not JSON, so it is checked byte for byte. */
export function useCertificateFileCheck(code: string) {
  return useMutation({
    mutationFn: (file: File) => api.post<FileCheck>(`${certificatePath(code)}/file`, new Blob([file], { type: 'application/pdf' })),
  });
}
