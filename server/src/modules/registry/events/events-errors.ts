import { defineErrors } from '../../../platform/errors.ts';

/** Errors of corporate events: distributions and register exports. */
export const RegistryEventErrors = defineErrors({
  DIST_NOT_FOUND: { status: 404, zh: '权益分派不存在', en: 'No such distribution.' },
  DIST_NOTHING_TO_DISTRIBUTE: { status: 400, zh: '每10股派现、送股、转增至少填写一项', en: 'Give cash, bonus shares or capitalisation shares per 10 shares.' },
  DIST_RATE_INVALID: { status: 400, zh: '{field}须为不超过6位小数的非负数', en: '{field} must be a non-negative number with at most 6 decimal places.' },
  DIST_DATES_INVALID: { status: 400, zh: '派息日/红股上市日不得早于股权登记日', en: 'The payment date may not be before the record date.' },
  DIST_RECORD_DATE_FUTURE: { status: 409, zh: '股权登记日尚未结束，不能计算权益', en: 'The record date has not ended yet: entitlements cannot be computed.' },
  DIST_SECURITY_DELISTED: { status: 409, zh: '证券已退市，不能分派', en: 'The security is delisted.' },
  REGISTER_EXPORT_NOT_FOUND: { status: 404, zh: '名册导出不存在', en: 'No such register export.' },
  REGISTER_EXPORT_NOT_READY: { status: 409, zh: '名册文件尚未生成', en: 'The register file is not ready yet.' },
});
