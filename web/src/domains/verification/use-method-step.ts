import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { toApiError } from '../../ui/errors.ts';
import {
  confirmOwnCode,
  confirmReservedPhone,
  confirmUnionPay,
  requestCounter,
  requestUnionPayCode,
  reselect,
  sendOwnCode,
  sendReservedPhoneCode,
  startTrading,
  useVerification,
  verificationKeys,
  type CardElements,
  type Verification,
  type VerificationMethod,
} from './api.ts';

const ENDED: Verification['status'][] = ['failed', 'abandoned', 'expired', 'consumed'];

/** What a method's form does with the verification its request answers, or with a failure. */
export interface MethodHandlers {
  update: (next: Verification) => void;
  fail: (failure: unknown) => void;
  clear: () => void;
}

/**
 * 用户身份认证 behind the desktop and mobile method panels: the attempt, the method in
 * use (chosen, or the only one), the last failure, and 重新选择其他验证方式.
 */
export function useVerificationPanel(verificationId: string, onPassed: (verification: Verification) => void, onReselected: (verification: Verification) => void) {
  const query = useVerification(verificationId);
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<VerificationMethod | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const verification = query.data;

  // Once per passed verification: a page that passes a fresh callback on each render would
  // otherwise spend the verification again on every render.
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (verification?.status !== 'passed' || reported.current === verification.id) return;
    reported.current = verification.id;
    onPassed(verification);
  }, [verification, onPassed]);

  const handlers: MethodHandlers = {
    update: (next) => queryClient.setQueryData(verificationKeys.one(next.id), next),
    fail: (failure) => {
      setError(toApiError(failure));
      void query.refetch();
    },
    clear: () => setError(null),
  };
  const reselection = useMutation({
    mutationFn: reselect,
    onMutate: handlers.clear,
    onSuccess: (fresh) => {
      handlers.update(fresh);
      setChosen(null);
      onReselected(fresh);
    },
    onError: handlers.fail,
  });

  const method = verification ? (verification.method ?? chosen ?? (verification.methods.length === 1 ? verification.methods[0]! : null)) : null;
  return {
    query,
    verification,
    method,
    choosing: verification ? verification.methods.length > 1 && !verification.method : false,
    chosen,
    setChosen,
    error,
    ended: verification ? ENDED.includes(verification.status) : false,
    handlers,
    reselect: () => verification && reselection.mutate(verification.id),
  };
}

/**
 * A verification method's request (confirm a code, start a marked order, ask the
 * counter): busy while it runs, the verification it answers handed on, a failure
 * reported. Shared by the desktop and mobile method panels.
 */
export function useMethodStep(onDone: (next: Verification) => void, onError: (failure: unknown) => void, clearError?: () => void) {
  const step = useMutation({ mutationFn: (request: () => Promise<Verification>) => request(), onMutate: () => clearError?.(), onSuccess: onDone, onError });
  return { busy: step.isPending, run: (request: () => Promise<Verification>) => step.mutate(request) };
}

/** 通过手机号认证 / 通过电子邮箱认证: send a code to the user's own phone or mailbox, then confirm it. */
export function useOwnCodeStep(verification: Verification, method: 'user_mobile' | 'user_email', { update, fail, clear }: MethodHandlers) {
  const { busy, run } = useMethodStep(update, fail, clear);
  const d = verification.details;
  const send = async () => {
    clear();
    const result = await sendOwnCode(verification.id, method);
    update(result.view);
    return result;
  };
  return {
    busy,
    send,
    submit: ({ code }: { code: string }) => run(() => confirmOwnCode(verification.id, method, code.trim())),
    sentTo: method === 'user_mobile' ? d.mobileMasked : d.emailMasked,
    destination: method === 'user_mobile' ? d.ownMobileMasked : d.ownEmailMasked,
  };
}

/** 通过银行预留手机号认证: a code to the phone the bank holds, then confirm it. */
export function useReservedPhoneStep(verification: Verification, { update, fail, clear }: MethodHandlers) {
  const { busy, run } = useMethodStep(update, fail, clear);
  const send = async () => {
    clear();
    const sent = await sendReservedPhoneCode(verification.id);
    update(sent.view);
    return sent;
  };
  return { busy, send, submit: ({ code }: { code: string }) => run(() => confirmReservedPhone(verification.id, code.trim())) };
}

const cardElements = (values: CardElements): CardElements => ({ name: values.name.trim(), idNumber: values.idNumber.trim(), cardNumber: values.cardNumber.trim(), mobile: values.mobile.trim() });

/** 银联四要素认证: the card's elements, checked by the form, earn a code; the code confirms them. */
export function useUnionPayStep(verification: Verification, validateCard: () => Promise<CardElements | null>, { update, fail, clear }: MethodHandlers) {
  const { busy, run } = useMethodStep(update, fail, clear);
  const send = async () => {
    clear();
    const values = await validateCard();
    if (!values) return null;
    const sent = await requestUnionPayCode(verification.id, cardElements(values));
    update(sent.view);
    return sent;
  };
  return { busy, send, submit: (values: CardElements & { code: string }) => run(() => confirmUnionPay(verification.id, cardElements(values), values.code.trim())) };
}

/** 交易验证 and 临柜认证: one request starts the marked order or asks the counter. */
export function useWaitingStep(verification: Verification, method: 'trading' | 'counter', { update, fail }: MethodHandlers) {
  const { busy, run } = useMethodStep(update, fail);
  return { busy, start: () => run(() => (method === 'trading' ? startTrading(verification.id) : requestCounter(verification.id))) };
}
