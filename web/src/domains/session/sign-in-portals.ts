/**
 * 用户登录 → 我是投资者 / …  (manual 000 §一.1.1 (1)-(2)): who is signing in, and where
 * that portal's sign-in is. Only portals that have a sign-in are listed: the issuer
 * platform (/issuer/, manual 001) and the CCASS internet system (/ccass/, manual 002)
 * join this list when theirs is built.
 */
export interface SignInPortal {
  /** the translation key of the choice under `investor:portals` */
  key: 'investor' | 'broker' | 'futuresDesk' | 'depository';
  /** where the portal asks for the sign-in */
  path: string;
}

export const SIGN_IN_PORTALS: readonly SignInPortal[] = [
  { key: 'investor', path: '/login' },
  { key: 'broker', path: '/broker/' },
  { key: 'futuresDesk', path: '/futures/desk/' },
  { key: 'depository', path: '/staff/' },
];
