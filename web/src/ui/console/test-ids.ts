import type { HTMLAttributes } from 'react';

/** Row attributes for an antd Table's `onRow`, so browser tests can find a row. */
export function rowTestId(testId: string): HTMLAttributes<HTMLElement> {
  return { 'data-testid': testId } as HTMLAttributes<HTMLElement>;
}
