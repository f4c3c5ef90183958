import { useSession, type InvestorPrincipal } from '../../api/session.ts';

/** The signed-in investor, if any. */
export function useInvestor() {
  const session = useSession();
  const principal = session.data?.principal ?? null;
  const investor: InvestorPrincipal | null = principal?.kind === 'investor' ? principal : null;
  return { loading: session.isPending, error: session.isError && !session.data ? session.error : null, investor, retry: () => void session.refetch() };
}

export function displayName(investor: InvestorPrincipal): string {
  return investor.mobileMasked ?? investor.username ?? investor.emailMasked ?? '';
}
