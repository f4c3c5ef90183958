import { createContext, useContext } from 'react';
import type { StaffPrincipal } from '../../api/session.ts';

/** The signed-in staff user, provided once the console has checked the session. */
export const StaffPrincipalContext = createContext<StaffPrincipal | null>(null);

export function useStaffPrincipal(): StaffPrincipal {
  const principal = useContext(StaffPrincipalContext);
  if (!principal) throw new Error('useStaffPrincipal() outside a signed-in staff console');
  return principal;
}
