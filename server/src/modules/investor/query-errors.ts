import { defineErrors } from '../../platform/errors.ts';

/** 查询服务 of 我的一码通 (manual 000 §一.2.2.1–2.2.4): codes start with QRY_. */
export const QueryErrors = defineErrors({
  QRY_ACCOUNT_NOT_YOURS: { status: 404, zh: '未查询到该证券账户，请输入您本人名下的证券账户号码', en: 'No such securities account among yours. Please enter a securities account number held in your name.' },
  QRY_ACCOUNT_ALREADY_BOUND: { status: 409, zh: '该证券账户已在您绑定的一码通下，无需添加', en: 'This securities account is already under a unified account you have bound.' },
  QRY_DATE_INVALID: { status: 400, zh: '日期格式不正确', en: 'The date is not valid.' },
  QRY_DATE_IN_FUTURE: { status: 400, zh: '查询日期不能晚于今天', en: 'The date cannot be later than today.' },
  QRY_RANGE_REVERSED: { status: 400, zh: '起始日期不能晚于结束日期', en: 'The start date cannot be later than the end date.' },
  QRY_RANGE_TOO_LONG: { status: 400, zh: '起始日期与结束日期的间隔不能超过一年', en: 'The period cannot be longer than one year.' },
  QRY_MARKET_MISMATCH: { status: 400, zh: '所选交易市场与证券账户不符', en: 'The market does not match the securities account.' },
});
