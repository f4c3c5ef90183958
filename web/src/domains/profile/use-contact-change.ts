import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { sessionQueryKey } from '../../api/session.ts';
import { toApiError } from '../../ui/errors.ts';
import type { Verification } from '../verification/api.ts';
import { confirmContactChange, contactChange, type ContactKind } from './api.ts';

/**
 * 变更手机号 / 变更电子邮箱 after 下一步, desktop and mobile alike: the flow the server
 * started, 用户身份认证 (`panel` feeds the hall's verification panel), then the
 * confirmation, which refreshes the session's masked contact.
 */
export function useContactChange(kind: ContactKind, flowId: string) {
  const flow = useQuery({ queryKey: ['investor', 'contact-change', kind, flowId], queryFn: () => contactChange(kind, flowId), retry: false, staleTime: Infinity });
  const [step, setStep] = useState<'verify' | 'confirm' | 'done'>('verify');
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const confirmation = useMutation({
    mutationFn: () => confirmContactChange(kind, flowId, (verificationId ?? flow.data?.verificationId)!),
    onSuccess: async () => {
      setStep('done');
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
  const panel = flow.data
    ? {
        verificationId: verificationId ?? flow.data.verificationId,
        onPassed: (passed: Verification) => {
          setVerificationId(passed.id);
          setStep('confirm');
        },
        onReselected: (fresh: Verification) => setVerificationId(fresh.id),
      }
    : null;
  return {
    flow,
    step,
    panel,
    confirm: () => confirmation.mutate(),
    confirming: confirmation.isPending,
    error: confirmation.error ? toApiError(confirmation.error) : null,
  };
}
