import { defineErrors } from '../../platform/errors.ts';

export const VerificationErrors = defineErrors({
  VERIFY_NOT_FOUND: { status: 404, zh: '认证信息不存在或已失效，请重新认证', en: 'This verification does not exist or has ended. Please start again.' },
  VERIFY_METHOD_NOT_ALLOWED: { status: 400, zh: '该认证方式不适用于此证券账户持有人类别，请选择其他验证方式', en: 'This method is not available for this kind of holder. Please choose another verification method.' },
  VERIFY_METHOD_NOT_CHOSEN: { status: 409, zh: '请先选择身份认证方式', en: 'Please choose a verification method first.' },
  VERIFY_CLOSED: { status: 409, zh: '本次身份认证已结束，请重新选择其他验证方式', en: 'This verification has ended. Please choose another verification method.' },
  VERIFY_EXPIRED: { status: 409, zh: '身份认证已超时，请重新认证', en: 'The verification has expired. Please start again.' },
  VERIFY_NOT_PASSED: { status: 403, zh: '请先完成身份认证', en: 'Please complete the identity verification first.' },
  VERIFY_TOO_MANY_FAILURES: { status: 429, zh: '认证失败次数过多，请重新选择其他验证方式', en: 'Too many failed attempts. Please choose another verification method.' },
  VERIFY_NOT_HOLDER: { status: 400, zh: '银行卡持卡人信息与证券账户持有人信息不一致', en: 'The cardholder is not the holder of the securities account.' },
  VERIFY_NO_RESERVED_PHONE: { status: 400, zh: '未查询到开户预留手机号，请重新选择其他验证方式', en: 'No mobile number was left at account opening. Please choose another verification method.' },
  VERIFY_COUNTER_REFUSED: { status: 409, zh: '临柜身份认证未通过：证券公司柜台核验身份不符', en: 'Counter verification failed: the broker counter could not confirm your identity.' },
  VERIFY_NOT_PENDING: { status: 409, zh: '该临柜认证申请已处理或已失效', en: 'This counter verification request was already handled or has expired.' },
});

export const RealNameErrors = defineErrors({
  REAL_NAME_ALREADY: { status: 409, zh: '您已完成实名认证', en: 'You have already verified your real name.' },
});
