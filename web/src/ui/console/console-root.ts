import { createContext, useContext } from 'react';
import { useLocation, useParams } from 'react-router-dom';

/**
 * Where the console is mounted (`/staff`, `/broker`, `/futures/desk`), without a
 * trailing slash. Read from the shell's splat route rather than resolved with
 * `useResolvedPath('.')`, which in a splat route includes the splat itself.
 */
export function useMountPath(): string {
  const { pathname } = useLocation();
  const rest = useParams()['*'] ?? '';
  const encodedRest = rest
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  const base = pathname.endsWith(encodedRest) ? pathname.slice(0, pathname.length - encodedRest.length) : pathname;
  return base.replace(/\/+$/, '');
}

export const ConsoleRootContext = createContext('');

/** The console's root path, e.g. `/staff`; links are `${root}/users`. */
export function useConsoleRoot(): string {
  return useContext(ConsoleRootContext);
}
