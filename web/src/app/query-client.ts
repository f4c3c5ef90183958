import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { forgetDataOnPrincipalChange, sessionQueryKey } from '../api/session.ts';

/** Requests answered UNAUTHENTICATED mean the session ended elsewhere: re-read it. */
function onError(error: unknown): void {
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
    void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});

forgetDataOnPrincipalChange(queryClient);
