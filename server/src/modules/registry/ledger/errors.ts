import { defineErrors } from '../../../platform/errors.ts';

export const RegistryErrors = defineErrors({
  BATCH_REJECTED: { status: 422, zh: '批次校验未通过，未做任何变更：请按行号修正后重新提交', en: 'The batch was rejected and nothing was applied: fix the lines listed and submit it again.' },
  BATCH_ID_REUSED: { status: 409, zh: '批次号已被另一份内容使用', en: 'This batch id was already used for different content.' },
  BATCH_FILE_INVALID: { status: 400, zh: '文件格式不正确：{reason}', en: 'The file is not in the expected format: {reason}' },
  LINE_TOO_LONG: { status: 422, zh: '第 {line} 行超过长度上限（{maxBytes} 字节），未做任何变更', en: 'Line {line} is longer than the limit ({maxBytes} bytes); nothing was applied.' },
  BATCH_NOT_FOUND: { status: 404, zh: '批次不存在', en: 'No such batch.' },
  BATCH_NOT_REVERSIBLE: { status: 409, zh: '冲正批次不能再冲正', en: 'A reversal cannot itself be reversed.' },
  HOLDER_NOT_FOUND: { status: 404, zh: '持有人不存在', en: 'No such holder.' },
  ACCOUNT_NOT_FOUND: { status: 404, zh: '证券账户不存在', en: 'No such securities account.' },
  SECURITY_NOT_FOUND: { status: 404, zh: '证券不存在', en: 'No such security.' },
  FREEZE_NOT_FOUND: { status: 404, zh: '冻结记录不存在或已解除', en: 'No such freeze in force.' },
  PLEDGE_NOT_FOUND: { status: 404, zh: '质押记录不存在或已解除', en: 'No such pledge in force.' },
  FREEZE_INSUFFICIENT: { status: 409, zh: '可冻结数量不足', en: 'Not enough unencumbered shares to freeze.' },
  PLEDGE_INSUFFICIENT: { status: 409, zh: '可质押数量不足', en: 'Not enough unencumbered shares to pledge.' },
  PLEDGE_RELEASE_TOO_LARGE: { status: 400, zh: '解除数量超过质押数量', en: 'The release is larger than the pledge.' },
  FREEZE_PERIOD_TOO_LONG: { status: 400, zh: '冻结期限须为 1 至 {maxMonths} 个月', en: 'A freeze term must be 1 to {maxMonths} months.' },
  FREEZE_RENEWAL_OUT_OF_TERM: { status: 409, zh: '续冻须在冻结期限届满前申请（本次冻结至 {endOn}）', en: 'A renewal must be requested before the freeze term ends ({endOn}).' },
});
