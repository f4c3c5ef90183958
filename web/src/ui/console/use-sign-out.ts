import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { logout } from '../../api/session.ts';
import { useConsoleRoot } from './console-root.ts';

/** Ends the session and goes back to the console's root, where the sign-in form appears. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const root = useConsoleRoot();
  return useMutation({
    mutationFn: () => logout(queryClient),
    onSettled: () => navigate(`${root}/`, { replace: true }),
  });
}
