/**
 * One application error type with a stable code. Each module declares its codes
 * with defineErrors(); the HTTP layer maps a code to its status and to the
 * zh-CN or English message, in one place.
 */
export interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

const catalogue = new Map<string, ErrorSpec>();

export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, spec] of Object.entries(specs)) {
    catalogue.set(code, spec);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export type Locale = 'zh-CN' | 'en' | 'zh-HK';

/** Fills {name} placeholders from the error's details. */
export function describeError(code: string, locale: Locale, details: Record<string, unknown> = {}): { status: number; message: string } {
  const spec = catalogue.get(code) ?? catalogue.get('INTERNAL_ERROR')!;
  const template = locale === 'en' ? spec.en : spec.zh;
  const message = template.replace(/\{(\w+)\}/g, (_, key: string) => String(details[key] ?? ''));
  return { status: spec.status, message };
}

export function isKnownError(code: string): boolean {
  return catalogue.has(code);
}

export const PlatformErrors = defineErrors({
  INTERNAL_ERROR: { status: 500, zh: '系统繁忙，请稍后再试', en: 'Something went wrong on our side. Please try again later.' },
  VALIDATION_FAILED: { status: 400, zh: '提交的信息格式不正确', en: 'Some of the information sent is not in the right form.' },
  BAD_REQUEST: { status: 400, zh: '请求无法处理', en: 'The request could not be understood.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的请求格式', en: 'Unsupported request format.' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request is too large.' },
  MALFORMED_JSON: { status: 400, zh: '提交的内容不是有效的 JSON', en: 'The request body is not valid JSON.' },
  REQUEST_HEADERS_TOO_LARGE: { status: 431, zh: '请求头过大', en: 'The request headers are too large.' },
  REQUEST_TIMEOUT: { status: 408, zh: '请求超时，请重试', en: 'The request took too long to arrive. Please try again.' },
  NOT_FOUND: { status: 404, zh: '请求的内容不存在', en: 'Not found.' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持的请求方式', en: 'Method not allowed.' },
  CSRF_FAILED: { status: 403, zh: '页面已过期，请刷新后重试', en: 'This page has expired. Please reload it and try again.' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in first.' },
  FORBIDDEN: { status: 403, zh: '您没有权限进行此操作', en: 'You are not allowed to do this.' },
  STEP_UP_REQUIRED: { status: 403, zh: '请先完成二次认证', en: 'Please confirm it is you first (second verification).' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请{retryAfterSeconds}秒后再试', en: 'Too many attempts. Please try again in {retryAfterSeconds} seconds.' },
  SERVICE_BUSY: { status: 503, zh: '系统繁忙，请{retryAfterSeconds}秒后再试', en: 'The service is busy. Please try again in {retryAfterSeconds} seconds.' },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用，请稍后再试', en: 'The service is not available right now. Please try again later.' },
});
