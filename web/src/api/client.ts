/**
 * Typed fetch wrapper for the Clearhall JSON API (docs/api-draft.md).
 * - JSON in and out, cookies same-origin, `Accept-Language` = current UI language;
 * - unsafe methods carry `x-csrf-token` (cookie `ch_csrf`, else fetched from the session);
 * - a `CSRF_FAILED` answer refetches the session once and retries;
 * - any failure becomes an `ApiError` whose `message` is ready to show.
 */
import i18n from '../i18n/index.ts';

export type ErrorDetails = Record<string, unknown>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetails;

  constructor(status: number, code: string, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const CSRF_COOKIE = 'ch_csrf';
const SESSION_PATH = '/api/v1/session';

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

async function send(method: Method, path: string, body: unknown, csrf: string | null, signal?: AbortSignal, extra: Record<string, string> = {}): Promise<Response> {
  const headers: Record<string, string> = {
    ...extra,
    Accept: 'application/json',
    'Accept-Language': i18n.language || 'zh-CN',
  };
  const raw = body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = raw ? body.type || 'application/octet-stream' : 'application/json';
  if (csrf) headers['x-csrf-token'] = csrf;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw networkError();
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A failed answer (its status and body text) as the ApiError to show. */
export function apiErrorOf(status: number, text: string): ApiError {
  const data = parseJson(text);
  if (isErrorBody(data)) return new ApiError(status, data.code, data.message ?? i18n.t('common:errors.http', { status }), data.details ?? {});
  return new ApiError(status, 'HTTP_ERROR', i18n.t('common:errors.http', { status }));
}

/** The error of a request that never got an answer. */
export function networkError(): ApiError {
  return new ApiError(0, 'NETWORK_ERROR', i18n.t('common:errors.network'));
}

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (response.ok) return parseJson(text) as T;
  throw apiErrorOf(response.status, text);
}

function isErrorBody(data: unknown): data is { code: string; message?: string; details?: ErrorDetails } {
  return typeof data === 'object' && data !== null && typeof (data as { code?: unknown }).code === 'string';
}

let sessionToken: Promise<string> | null = null;

/**
 * The token to send: the cookie when the browser has it, else the session's (which sets the cookie).
 * `refresh` after a `CSRF_FAILED` answer. For requests that cannot go through `request` (an upload that reports progress).
 */
export async function csrfToken(refresh: boolean): Promise<string> {
  const cookie = refresh ? null : readCookie(CSRF_COOKIE);
  if (cookie) return cookie;
  // One session request for all the requests that need a token at the same moment.
  sessionToken ??= send('GET', SESSION_PATH, undefined, null)
    .then((response) => parse<{ csrfToken: string }>(response))
    .then((session) => session.csrfToken)
    .finally(() => {
      sessionToken = null;
    });
  return sessionToken;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** extra request headers (a recovery's flow token, before sign-in) */
  headers?: Record<string, string>;
}

/** `body` is sent as JSON, or as it is when it is a Blob or File (its own content type). */
export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  if (method === 'GET') return parse<T>(await send(method, path, undefined, null, options.signal, options.headers));
  const payload = body ?? {};
  try {
    return await parse<T>(await send(method, path, payload, await csrfToken(false), options.signal, options.headers));
  } catch (error) {
    if (!isApiError(error, 'CSRF_FAILED')) throw error;
    return parse<T>(await send(method, path, payload, await csrfToken(true), options.signal, options.headers));
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};
