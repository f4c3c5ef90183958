import type { QueryClient } from '@tanstack/react-query';
import { sessionQueryKey, signedIn, type InvestorPrincipal } from '../../api/session.ts';

/**
 * After registration the server has signed the user in. Show that in the session
 * before entering the hall: from the principal the register call returned when we
 * have it, else by reading the session again (e.g. the success page was reloaded).
 */
export async function enterHall(queryClient: QueryClient, registered: unknown): Promise<void> {
  const principal = (registered as { principal?: InvestorPrincipal } | null)?.principal;
  if (principal?.kind === 'investor') {
    void signedIn(queryClient, principal);
    return;
  }
  await queryClient.refetchQueries({ queryKey: sessionQueryKey });
}
