import { Form, type FormProps } from 'antd-mobile';
import { Button } from './button.tsx';
import type { ReactNode } from 'react';

interface Props<V> extends Omit<FormProps, 'footer' | 'layout' | 'mode' | 'onFinish'> {
  onFinish?: (values: V) => void;
  submitLabel: ReactNode;
  submitTestId: string;
  busy?: boolean;
  /** Shown under the submit button (e.g. 上一步). */
  below?: ReactNode;
}

/** A mobile form as the halls show it: fields in a card, labels above, no required marks, one wide submit button. */
export function MobileForm<V>({ submitLabel, submitTestId, busy, below, children, ...props }: Props<V>) {
  return (
    <Form
      layout="vertical"
      mode="card"
      requiredMarkStyle="none"
      {...props}
      footer={
        <>
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid={submitTestId}>
            {submitLabel}
          </Button>
          {below}
        </>
      }
    >
      {children}
    </Form>
  );
}
