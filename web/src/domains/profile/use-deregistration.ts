import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { sessionQueryKey, type Session } from '../../api/session.ts';
import { toApiError } from '../../ui/errors.ts';
import type { Verification } from '../verification/api.ts';
import { confirmDeregistration, startDeregistration, type StartedFlow } from './api.ts';

/**
 * 注销用户, desktop and mobile alike: on the mobile hall the notice is ticked first
 * (§二.2.1.5 (3) 勾选协议, else the manual's message; `tickAgreement`), while the desktop
 * hall goes from 提交注销申请 straight to 账户注销提示 (§一.2.1.6 (2)); the dialog asks once more, 同意并继续 starts the flow, 用户身份认证 passes
 * (`panel` feeds the hall's verification panel), the deregistration is confirmed,
 * and the signed-out user leaves for `loginPath`.
 */
export function useDeregistration(loginPath: string, { tickAgreement }: { tickAgreement: boolean }) {
  const [agreed, setAgreed] = useState(false);
  const [agreeError, setAgreeError] = useState(false);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [flow, setFlow] = useState<StartedFlow | null>(null);
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [step, setStep] = useState<'notice' | 'verify' | 'confirm' | 'done'>('notice');
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const start = useMutation({
    mutationFn: startDeregistration,
    onSuccess: (started) => {
      setFlow(started);
      setVerificationId(started.verification.id);
      setDialogOpen(false);
      setStep('verify');
    },
  });
  const confirmation = useMutation({
    mutationFn: (started: StartedFlow) => confirmDeregistration(started.flowId, verificationId ?? started.verification.id),
    onSuccess: () => setStep('done'),
  });
  const failure = start.error ?? confirmation.error;
  const passed = (verification: Verification) => {
    setVerificationId(verification.id);
    setStep('confirm');
  };

  return {
    step,
    agreed,
    agreeError,
    agree: (checked: boolean) => {
      setAgreed(checked);
      setAgreeError(false);
    },
    /** 提交注销申请: the dialog (on the mobile hall once the notice is ticked). */
    submit: () => (agreed || !tickAgreement ? setDialogOpen(true) : setAgreeError(true)),
    dialogOpen,
    closeDialog: () => setDialogOpen(false),
    agreeAndContinue: () => start.mutate(),
    panel: flow && verificationId ? { verificationId, onPassed: passed, onReselected: (fresh: Verification) => setVerificationId(fresh.id) } : null,
    confirm: () => {
      if (flow) confirmation.mutate(flow);
    },
    busy: start.isPending || confirmation.isPending,
    error: failure ? toApiError(failure) : null,
    leave: () => {
      queryClient.setQueryData<Session>(sessionQueryKey, (old) => ({ csrfToken: old?.csrfToken ?? '', principal: null }));
      navigate(loginPath, { replace: true });
    },
  };
}
