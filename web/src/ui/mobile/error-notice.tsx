import type { ApiError } from '../../api/client.ts';

/** The server's message for a failed request, shown where the form is. */
export function ErrorNotice({ error, testId = 'form-error' }: { error: ApiError | null; testId?: string }) {
  if (!error) return null;
  return (
    <div
      role="alert"
      className="ch-m-inset"
      data-testid={testId}
      data-code={error.code}
      style={{ background: '#fff1f0', border: '1px solid #ffccc7', color: '#cf1322', borderRadius: 6, padding: '8px 12px', fontSize: 14 }}
    >
      {error.message}
    </div>
  );
}
