import { Outlet, useLocation } from 'react-router-dom';

/**
 * A layout route whose pages start afresh each time one is chosen, even from itself: choosing
 * 电子邮箱 again after 补充 must show the form, not the last success. (Every navigation has a new
 * location key.)
 */
export function FreshVisits() {
  const { key } = useLocation();
  return <Outlet key={key} />;
}
