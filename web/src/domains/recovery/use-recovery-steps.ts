import { useState } from 'react';
import type { Verification } from '../verification/api.ts';
import type { RecoveryStarted } from './api.ts';

export type RecoveryStep = 'account' | 'identity' | 'verify' | 'password' | 'done';

/**
 * The path through 找回密码, desktop and mobile alike (manual 000 §一.3, §二.3.1): the
 * account and captcha start a flow; a real-name verified user first gives the identity
 * details; the verification passes (or is started again with another method); then the
 * new password. `Extra` names a page's own further steps.
 */
export function useRecoverySteps<Extra extends string = never>() {
  const [step, setStep] = useState<RecoveryStep | Extra>('account');
  const [flowToken, setFlowToken] = useState<string | null>(null);
  const [verificationId, setVerificationId] = useState<string | null>(null);
  return {
    step,
    setStep,
    flowToken,
    verificationId,
    started: (started: RecoveryStarted) => {
      setFlowToken(started.flowToken);
      setVerificationId(started.verification?.id ?? null);
      setStep(started.identityRequired ? 'identity' : 'verify');
    },
    identified: (verification: Verification) => {
      setVerificationId(verification.id);
      setStep('verify');
    },
    passed: (verification: Verification) => {
      setVerificationId(verification.id);
      setStep('password');
    },
    reselected: (verification: Verification) => setVerificationId(verification.id),
  };
}
