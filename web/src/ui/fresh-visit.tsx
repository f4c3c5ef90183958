import { Fragment, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * Starts a page afresh each time it is chosen, even from itself: choosing 电子邮箱 again after
 * 补充 must show the form, not the last success. (Every navigation has a new location key.)
 */
export function FreshVisit({ children }: { children: ReactNode }) {
  const { key } = useLocation();
  return <Fragment key={key}>{children}</Fragment>;
}
