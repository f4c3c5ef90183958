import { defineErrors } from '../../platform/errors.ts';

/** Error codes of the corporate-event queries (manual 000 §一.2.2.5–8) and of 授权管理 (§一.6). */
export const EventQueryErrors = defineErrors({
  EVQ_ACCOUNT_NOT_YOURS: { status: 403, zh: '该证券账户不属于您已绑定的一码通账户，无法查询', en: 'This securities account is not under a unified account you have bound; it cannot be queried.' },
  EVQ_RANGE_INVALID: { status: 400, zh: '查询日期范围不正确：起始日期不得晚于截止日期', en: 'The date range is not valid: the start may not be after the end.' },
  AUTHZ_NUMBER_EXISTS: { status: 409, zh: '业务权单号{authorisationNumber}已存在', en: 'Authorisation number {authorisationNumber} already exists.' },
  AUTHZ_ACCOUNT_UNKNOWN: { status: 404, zh: '证券账户不存在或已注销', en: 'The securities account does not exist or is cancelled.' },
  AUTHZ_BUSINESS_UNKNOWN: { status: 400, zh: '授权业务类型不正确', en: 'Unknown authorised business.' },
  AUTHZ_VALIDITY_INVALID: { status: 400, zh: '授权有效期不正确：起始日期不得晚于截止日期', en: 'The validity is not valid: it may not end before it starts.' },
  AUTHZ_NOT_FOUND: { status: 404, zh: '未找到该业务权单号对应的授权', en: 'No authorisation has this number.' },
  AUTHZ_ALREADY_REVOKED: { status: 409, zh: '该授权已撤销', en: 'This authorisation is already revoked.' },
});
