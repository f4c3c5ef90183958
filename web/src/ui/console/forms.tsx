/** The consoles' forms: the buttons at their foot, and the shell of a form in a dialog or drawer. */
import { PlusOutlined } from '@ant-design/icons';
import { Form, Input, Space, type FormProps } from 'antd';
import { Button } from '../button.tsx';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../desktop/error-alert.tsx';
import { normaliseIdentifier } from '../../../../server/src/kernel/identifiers.ts';

/** 查询 (and 重置 unless `noReset`) of a filter or lookup form. */
export function SearchButtons({ testId, noReset = false }: { testId: string; noReset?: boolean }) {
  const { t } = useTranslation('staff');
  return (
    <Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" data-testid={testId}>
          {t('common.search')}
        </Button>
        {!noReset && <Button htmlType="reset">{t('common.reset')}</Button>}
      </Space>
    </Form.Item>
  );
}

interface SaveProps {
  onCancel: () => void;
  busy: boolean;
  testId: string;
  /** The label of the submit button; 保存 by default. */
  submitLabel?: ReactNode;
  /** Submit first (a drawer) or cancel first, aligned right (a dialog). */
  layout?: 'drawer' | 'dialog';
}

/** Cancel and submit of a form in a dialog or drawer; cancel stays usable while the form is disabled. */
function SaveButtons({ onCancel, busy, testId, submitLabel, layout = 'dialog' }: SaveProps) {
  const { t } = useTranslation('staff');
  const cancel = (
    <Button key="cancel" onClick={onCancel} disabled={false}>
      {t('common.cancel')}
    </Button>
  );
  const submit = (
    <Button key="submit" type="primary" htmlType="submit" loading={busy} data-testid={testId}>
      {submitLabel ?? t('common.save')}
    </Button>
  );
  return (
    <Form.Item style={layout === 'dialog' ? { marginBottom: 0, textAlign: 'right' } : { marginBottom: 0 }}>
      <Space>{layout === 'dialog' ? [cancel, submit] : [submit, cancel]}</Space>
    </Form.Item>
  );
}

type DialogFormProps<Values> = Omit<FormProps<Values>, 'layout' | 'disabled'> &
  Omit<SaveProps, 'onCancel'> & {
    /** What to show above the form (the failure of the request it sends), if anything. */
    error: ApiError | null;
    errorTestId: string;
    onCancel: () => void;
    children: ReactNode;
  };

/** A form in a dialog or drawer: the error above, the fields, cancel and submit; disabled while it is being sent. */
export function DialogForm<Values>({ error, errorTestId, busy, testId, submitLabel, layout, onCancel, children, ...form }: DialogFormProps<Values>) {
  return (
    <>
      <ErrorAlert error={error} testId={errorTestId} />
      <Form<Values> layout="vertical" disabled={busy} {...form}>
        {children}
        <SaveButtons onCancel={onCancel} busy={busy} testId={testId} submitLabel={submitLabel} layout={layout} />
      </Form>
    </>
  );
}

/** The button on a list's card that opens the form to add one. */
export function AddButton({ onClick, testId, children }: { onClick: () => void; testId: string; children: ReactNode }) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}

interface CodeFieldProps {
  label: string;
  name: string;
  /** Required, of this form (an account number, a security code). */
  pattern: RegExp;
  requiredMessage: string;
  patternMessage: string;
  /** Cleans what is typed: by default the shared kernel's rule for typed identifiers (half-width, no spaces, upper case). */
  normalize?: (value: string) => string;
  maxLength: number;
  width: number;
  placeholder: string;
  testId: string;
}

/** A required code of a fixed form, checked as it is typed. */
export function CodeField({ label, name, pattern, requiredMessage, patternMessage, normalize = normaliseIdentifier, maxLength, width, placeholder, testId }: CodeFieldProps) {
  return (
    <Form.Item
      label={label}
      name={name}
      normalize={normalize}
      rules={[
        { required: true, message: requiredMessage },
        { pattern, message: patternMessage },
      ]}
    >
      <Input maxLength={maxLength} style={{ width }} autoComplete="off" placeholder={placeholder} data-testid={testId} />
    </Form.Item>
  );
}
