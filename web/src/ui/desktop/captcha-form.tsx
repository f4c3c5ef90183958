import { Form, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import type { CaptchaState } from '../hooks/use-captcha.ts';
import { CaptchaField } from './captcha-input.tsx';
import { SubmitButton } from './submit-button.tsx';

interface Props<V> extends Omit<FormProps<V>, 'layout' | 'requiredMark'> {
  captcha: CaptchaState;
  submitLabel: ReactNode;
  submitTestId: string;
  busy?: boolean;
}

/** A desktop form that ends in a graphic captcha and one wide submit button: labels above, no required marks. */
export function CaptchaForm<V>({ captcha, submitLabel, submitTestId, busy, children, ...props }: Props<V>) {
  return (
    <Form layout="vertical" requiredMark={false} {...props}>
      {children as ReactNode}
      <CaptchaField captcha={captcha} />
      <SubmitButton busy={busy} testId={submitTestId}>
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
