import { defineErrors } from '../../platform/errors.ts';

export const IdentityErrors = defineErrors({
  MOBILE_INVALID: { status: 400, zh: '请输入正确的手机号码', en: 'Please enter a valid mainland mobile number.' },
  MOBILE_TAKEN: { status: 409, zh: '该手机号已注册，请直接登录', en: 'This mobile number is already registered. Please log in.' },
  AGREEMENTS_REQUIRED: {
    status: 400,
    zh: '请阅读并勾选《网上注册须知》和《在线用户服务协议及隐私政策》',
    en: 'Please read and accept the Online Registration Notice and the Online User Service Agreement and Privacy Policy.',
  },
  LOGIN_FAILED: { status: 401, zh: '账户或密码错误', en: 'Wrong account or password.' },
  LOGIN_THROTTLED: { status: 429, zh: '登录尝试过于频繁，请{minutes}分钟后再试，或通过“找回密码”重设密码', en: 'Too many sign-in attempts. Please try again in {minutes} minutes, or reset your password.' },
  ACCOUNT_DISABLED: { status: 403, zh: '该账户已停用，请联系系统管理员', en: 'This account is disabled. Please contact your administrator.' },
  OLD_PASSWORD_WRONG: { status: 400, zh: '原密码错误', en: 'The current password is wrong.' },
  PASSWORD_SAME: { status: 400, zh: '新密码不能与原密码相同', en: 'The new password must differ from the current one.' },
  CHANNEL_UNAVAILABLE: { status: 400, zh: '您尚未设置该联系方式，请选择其他方式', en: 'You have no contact details for this channel. Please choose another.' },
  USERNAME_INVALID: { status: 400, zh: '用户名须为3-32位字母、数字或 . _ -', en: 'User names are 3-32 letters, digits or . _ -' },
  USERNAME_TAKEN: { status: 409, zh: '该用户名已被使用', en: 'This user name is already taken.' },
  ROLE_NOT_FOR_ORGANISATION: { status: 400, zh: '角色“{role}”不适用于该机构类型', en: 'The role "{role}" does not belong to this kind of organisation.' },
  ORGANISATION_CODE_TAKEN: { status: 409, zh: '机构代码已存在', en: 'An organisation with this code already exists.' },
  ORGANISATION_NOT_FOUND: { status: 404, zh: '机构不存在', en: 'No such organisation.' },
  STAFF_USER_NOT_FOUND: { status: 404, zh: '用户不存在', en: 'No such user.' },
  CANNOT_DISABLE_SELF: { status: 400, zh: '不能停用或降低自己的管理权限', en: 'You cannot disable yourself or remove your own administrator role.' },
});
