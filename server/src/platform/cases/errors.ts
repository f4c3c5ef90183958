import { defineErrors } from '../errors.ts';

export const CaseErrors = defineErrors({
  CASE_NOT_FOUND: { status: 404, zh: '案件不存在', en: 'No such case.' },
  CASE_TYPE_UNKNOWN: { status: 404, zh: '未知的案件类型', en: 'Unknown type of case.' },
  CASE_ACTION_NOT_ALLOWED: { status: 409, zh: '案件当前状态下不能进行此操作', en: 'This action is not possible in the current state of the case.' },
  CASE_ROLE_NOT_ALLOWED: { status: 403, zh: '您的岗位不能进行此操作', en: 'Your role may not take this action on the case.' },
  CASE_FOUR_EYES: { status: 403, zh: '经办与复核不能为同一人，请由其他人员复核', en: 'The person who made this step cannot also check it (four-eyes). Another person must do it.' },
  CASE_CHANGED: { status: 409, zh: '案件已被他人处理，请刷新后重试', en: 'Someone else has just changed this case. Reload it and try again.' },
  CASE_CLAIMED_BY_OTHER: { status: 409, zh: '该案件已由其他人员认领', en: 'Another staff member has claimed this case.' },
  CASE_NOT_CLAIMED: { status: 409, zh: '该案件未由您认领', en: 'You have not claimed this case.' },
  CASE_FIELDS_REQUIRED: { status: 400, zh: '退回补正时请指明需要补正的内容', en: 'Name the fields the applicant has to correct.' },
  CASE_UNKNOWN_FIELD: { status: 400, zh: '申请中没有此项内容：{field}', en: 'The application has no field {field}.' },
  CASE_FIELD_NOT_REOPENED: { status: 400, zh: '只能修改退回补正的内容，{field}不可修改', en: 'Only the fields sent back may be changed; {field} may not.' },
  CASE_REASON_REQUIRED: { status: 400, zh: '请填写驳回理由', en: 'Give the reason for the rejection.' },
  CASE_COMMENT_REQUIRED: { status: 400, zh: '请填写意见', en: 'Write the comment.' },
  CASE_DATA_INVALID: { status: 400, zh: '申请内容不完整或格式不正确', en: 'The application is incomplete or not in the right form.' },
});
