import { useState } from 'react';
import type { Verification } from './api.ts';

/**
 * A verification method's request (confirm a code, start a marked order, ask the
 * counter): busy while it runs, the verification it answers handed on, a failure
 * reported. Shared by the desktop and mobile method panels.
 */
export function useMethodStep(onDone: (next: Verification) => void, onError: (failure: unknown) => void, clearError?: () => void) {
  const [busy, setBusy] = useState(false);
  const run = async (request: () => Promise<Verification>) => {
    setBusy(true);
    clearError?.();
    try {
      onDone(await request());
    } catch (failure) {
      onError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
