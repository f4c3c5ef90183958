import type { ReactNode } from 'react';

/** One page of a staff console: where it lives, its menu entry and the permission it needs. */
export interface StaffPage {
  /** Relative to the console's root, e.g. `users`. */
  path: string;
  /** Key in the `staff` namespace for the menu entry. */
  labelKey: string;
  icon: ReactNode;
  permission: string;
  element: ReactNode;
}

export function allowedPages(pages: readonly StaffPage[], permissions: readonly string[]): StaffPage[] {
  return pages.filter((page) => permissions.includes(page.permission));
}
