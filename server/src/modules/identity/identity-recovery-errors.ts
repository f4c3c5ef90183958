import { defineErrors } from '../../platform/errors.ts';

/** Recovery by identity details (mobile §二.3.2, §二.5.2) and user-name recovery (desktop §一.5.1). */
export const IdentityRecoveryErrors = defineErrors({
  IDREC_DETAILS_MISMATCH: { status: 400, zh: '您输入的信息有误，请核对后再试', en: 'The details you entered are not correct. Please check them and try again.' },
  IDREC_NOT_REGISTERED: { status: 404, zh: '根据您输入的身份信息，未查询到相关账号信息。', en: 'No hall account was found for the identity details you entered.' },
  IDREC_RESIDENT_ID_ONLY: { status: 400, zh: '银联身份认证仅支持居民身份证', en: 'UnionPay verification supports mainland resident ID cards only.' },
  IDREC_ACCOUNT_NOT_LISTED: { status: 403, zh: '请从查询到的账号中选择', en: 'Please choose one of the accounts found for you.' },
  IDREC_VERIFICATION_REQUIRED: { status: 403, zh: '请先完成银联身份认证', en: 'Please complete UnionPay verification first.' },
});
