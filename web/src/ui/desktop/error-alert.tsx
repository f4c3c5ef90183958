import { Alert } from 'antd';
import type { ApiError } from '../../api/client.ts';

/** The server's message for a failed request, shown where the form is. */
export function ErrorAlert({ error, testId = 'form-error' }: { error: ApiError | null; testId?: string }) {
  if (!error) return null;
  return <Alert type="error" showIcon message={error.message} role="alert" data-testid={testId} data-code={error.code} style={{ marginBottom: 16 }} />;
}
