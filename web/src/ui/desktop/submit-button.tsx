import { Button } from '../button.tsx';
import type { ReactNode } from 'react';

/** The wide primary button that submits a hall form. */
export function SubmitButton({ busy, testId, children }: { busy?: boolean; testId: string; children: ReactNode }) {
  return (
    <Button type="primary" htmlType="submit" block loading={busy} data-testid={testId}>
      {children}
    </Button>
  );
}
