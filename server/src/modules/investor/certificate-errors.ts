import { defineErrors } from '../../platform/errors.ts';

/** Error codes of e-certificates and the "never opened" proof (manual 000 §一.2.2.9–10, §二.2.2.9–10). */
export const CertificateErrors = defineErrors({
  PROOF_OUTSIDE_HOURS: { status: 403, zh: '该时间段（{closedFrom}-{closedUntil}）不支持开具证明，请稍后再试', en: 'Proofs cannot be issued between {closedFrom} and {closedUntil}. Please try again later.' },
  PROOF_NOT_VERIFIED: { status: 403, zh: '您尚无权限，请先进行实名认证。', en: 'You do not have access yet. Please complete real-name verification first.' },
  PROOF_HAS_ACCOUNTS: { status: 409, zh: '您名下已开立证券账户，不符合开具《未曾开立证券账户证明》的条件', en: 'Securities accounts are registered in your name, so a proof of never having opened one cannot be issued.' },
  PROOF_BOUND: { status: 403, zh: '您已绑定一码通账户，不符合开具《未曾开立证券账户证明》的条件', en: 'You have bound a unified account, so you cannot obtain a proof of never having opened a securities account.' },
  CERT_ACCOUNT_NOT_HOLDERS: { status: 403, zh: '该证券账户不属于您，无法开具电子凭证', en: 'This securities account is not yours; no certificate can be issued for it.' },
  CERT_RANGE_INVALID: { status: 400, zh: '查询日期范围不正确：起始日期不得晚于截止日期，且不得晚于今天', en: 'The date range is not valid: the start may not be after the end, nor either after today.' },
  PROOF_EMAIL_CODE_REQUIRED: { status: 400, zh: '请输入发送至该邮箱的验证码', en: 'Enter the code sent to this e-mail address.' },
  CERT_NOT_FOUND: { status: 404, zh: '未找到该验证码对应的电子凭证，请核对后重新输入', en: 'No certificate has this verification code. Please check it and try again.' },
});
