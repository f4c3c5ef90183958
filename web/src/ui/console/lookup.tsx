import { Empty, Typography } from 'antd';
import type { ReactNode } from 'react';

interface Props<Lookup> {
  /** What was looked up; null until the form is sent. */
  lookup: Lookup | null;
  /** The note under the form. */
  help: string;
  /** What to do, until something is looked up. */
  prompt: string;
  /** Prefix of `-prompt` and `-lookup`. */
  testId: string;
  /** The line that says what is shown. */
  summary: (lookup: Lookup) => ReactNode;
  children: (lookup: Lookup) => ReactNode;
}

/** Under a lookup form: its note, then a prompt until something is looked up, then what was looked up and the results. */
export function LookupOutcome<Lookup>({ lookup, help, prompt, testId, summary, children }: Props<Lookup>) {
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {help}
      </Typography.Paragraph>
      {lookup === null ? (
        <Empty description={prompt} data-testid={`${testId}-prompt`} />
      ) : (
        <>
          <Typography.Paragraph data-testid={`${testId}-lookup`}>{summary(lookup)}</Typography.Paragraph>
          {children(lookup)}
        </>
      )}
    </>
  );
}
