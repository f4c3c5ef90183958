import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toApiError } from '../../ui/errors.ts';
import { quickBind, refreshStanding, useQuickBindingOptions } from './api.ts';

/**
 * 快捷绑定一码通 behind both halls: the details shown back, 下一步 (straight to binding, or a
 * choice when there are several unified accounts), and the account bound.
 */
export function useQuickBinding() {
  const queryClient = useQueryClient();
  const options = useQuickBindingOptions();
  const [choosing, setChoosing] = useState(false);
  const [choice, setChoice] = useState<string | null>(null);
  const binding = useMutation({
    mutationFn: async (unifiedAccountNumber?: string) => {
      const result = await quickBind(unifiedAccountNumber);
      await refreshStanding(queryClient);
      return result.unifiedAccountNumber;
    },
    onSuccess: () => setChoosing(false),
  });
  const bind = (unifiedAccountNumber?: string) => binding.mutate(unifiedAccountNumber);
  return {
    options,
    choosing,
    setChoosing,
    choice,
    setChoice,
    error: binding.error ? toApiError(binding.error) : null,
    busy: binding.isPending,
    bound: binding.data ?? null,
    next: () => (options.data && options.data.unifiedAccounts.length > 1 ? setChoosing(true) : bind()),
    bindChoice: () => bind(choice ?? undefined),
  };
}
