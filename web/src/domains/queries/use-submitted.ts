import { useState } from 'react';

/** The parameters of the last 查询, and the page shown; null before the first 查询. */
export function useSubmitted<T extends object>() {
  const [submitted, setSubmitted] = useState<T | null>(null);
  const [page, setPage] = useState(1);
  const params = submitted ? ({ ...submitted, page } as T & { page: number }) : null;
  return {
    submitted,
    params: params as unknown as Record<string, string | number> | null,
    submit: (values: T) => {
      setSubmitted(values);
      setPage(1);
    },
    setPage,
  };
}
