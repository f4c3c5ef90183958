import { defineErrors } from '../../platform/errors.ts';

export const InvestorErrors = defineErrors({
  BIND_HOLDER_NOT_FOUND: { status: 404, zh: '未查询到您的一码通账户，请核对用户类型、姓名/名称、证件类型和证件号码', en: 'No unified account was found. Please check the user type, name, ID type and ID number.' },
  BIND_ACCOUNT_NUMBER_REQUIRED: { status: 409, zh: '请输入要绑定一码通对应的证券账户号码', en: 'Please enter a securities account number of the unified account to bind.' },
  BIND_ACCOUNT_MISMATCH: {
    status: 400,
    zh: '证券账户号码有误或与所填身份信息不符，请核对后重新输入',
    en: 'The securities account number is wrong or does not match the details entered. Please check them and try again.',
  },
  BIND_CHOICE_REQUIRED: { status: 409, zh: '您名下有多个一码通账户，请选择需要绑定的一码通', en: 'You hold several unified accounts. Please choose the one to bind.' },
  BIND_ALREADY_BOUND: { status: 409, zh: '该一码通账户已被其他用户绑定，如有疑问请联系客服', en: 'This unified account is bound to another user. Please contact customer service if this is unexpected.' },
  BIND_ALREADY_YOURS: { status: 409, zh: '您已绑定该一码通账户', en: 'You have already bound this unified account.' },
  BIND_OTHER_HOLDER: { status: 409, zh: '您已绑定其他持有人的一码通账户，一个用户只能绑定本人的一码通账户', en: 'You have bound the accounts of another holder; a user may bind only their own.' },
  BIND_IDENTITY_MISMATCH: { status: 400, zh: '填写的信息与您的实名认证信息不一致', en: 'These details differ from your verified identity.' },
  BIND_NEEDS_REAL_NAME: { status: 403, zh: '您尚未实名认证，请先实名认证', en: 'Please verify your real name first.' },
  INVESTOR_NOT_BOUND: { status: 403, zh: '您尚未绑定一码通账户，请先绑定一码通', en: 'You have not bound a unified account yet. Please bind one first.' },
});
