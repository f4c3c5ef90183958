import { defineErrors } from '../../platform/errors.ts';

/** Profile changes, password recovery, deregistration, notification settings. */
export const ProfileErrors = defineErrors({
  PROFILE_MOBILE_BOUND: { status: 409, zh: '手机号已被绑定，请确认', en: 'This mobile number is already bound to a user. Please check it.' },
  PROFILE_EMAIL_BOUND: { status: 409, zh: '电子邮箱已被绑定，请确认', en: 'This e-mail address is already bound to a user. Please check it.' },
  PROFILE_EMAIL_INVALID: { status: 400, zh: '请输入正确的电子邮箱', en: 'Please enter a valid e-mail address.' },
  PROFILE_MOBILE_PRESENT: { status: 409, zh: '您已设置手机号码，请通过变更手机号修改', en: 'You already have a mobile number; change it instead.' },
  PROFILE_MOBILE_ABSENT: { status: 409, zh: '您尚未设置手机号码，请先补充手机号码', en: 'You have no mobile number yet; please add one first.' },
  PROFILE_EMAIL_PRESENT: { status: 409, zh: '您已设置电子邮箱，请通过变更电子邮箱修改', en: 'You already have an e-mail address; change it instead.' },
  PROFILE_EMAIL_ABSENT: { status: 409, zh: '您尚未设置电子邮箱，请先补充电子邮箱', en: 'You have no e-mail address yet; please add one first.' },
  PROFILE_FLOW_INVALID: { status: 409, zh: '操作已失效，请重新开始', en: 'This request has expired or was already completed. Please start again.' },
  PROFILE_RECOVERY_IDENTITY_MISMATCH: { status: 400, zh: '您输入的信息有误，请核对后再试', en: 'The details you entered are not correct. Please check them and try again.' },
  PROFILE_VERIFICATION_REQUIRED: { status: 403, zh: '请先完成用户身份认证', en: 'Please verify your identity first.' },
  PROFILE_RECOVERY_ACCOUNT_INVALID: { status: 400, zh: '请输入正确的手机号或电子邮箱', en: 'Please enter a valid mobile number or e-mail address.' },
  PROFILE_RECOVERY_NOT_REGISTERED: { status: 404, zh: '该手机号或电子邮箱未注册营业厅用户，请确认', en: 'No hall user is registered with this mobile number or e-mail address. Please check it.' },
  PROFILE_DEREGISTRATION_NOT_AGREED: { status: 400, zh: '请阅读并同意《用户注销须知》', en: 'Please read and accept the deregistration notice.' },
  PROFILE_NOTIFY_MOBILE_MISSING: { status: 409, zh: '您尚未关联手机号，请先补充手机号码', en: 'You have no mobile number: please add one first.' },
  PROFILE_NOTIFY_EMAIL_MISSING: { status: 409, zh: '您尚未关联电子邮箱，请先补充电子邮箱', en: 'You have no e-mail address: please add one first.' },
});
