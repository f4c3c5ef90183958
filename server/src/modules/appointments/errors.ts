import { defineErrors } from '../../platform/errors.ts';

export const AppointmentErrors = defineErrors({
  APPOINTMENT_HALL_NOT_FOUND: { status: 404, zh: '该地区暂未开通业务预约', en: 'There is no business hall in this region.' },
  APPOINTMENT_RULES_NOT_ACCEPTED: { status: 400, zh: '请阅读并勾选《中国结算业务预约规则》', en: 'Please read and accept the CSDC business appointment rules.' },
  APPOINTMENT_ID_INVALID: { status: 400, zh: '证件号码格式不正确，请核对', en: 'The ID number is not valid for this document type. Please check it.' },
  APPOINTMENT_ID_TYPE_MISMATCH: { status: 400, zh: '证件类型与经办人类型不符', en: 'This kind of ID document does not go with the agent type.' },
  APPOINTMENT_PERIOD_UNAVAILABLE: { status: 409, zh: '所选预约日期或时段不可预约，请重新选择', en: 'The date or period chosen cannot be booked. Please choose another.' },
  APPOINTMENT_CATEGORY_UNKNOWN: { status: 400, zh: '业务类别不存在', en: 'There is no such business category in this hall.' },
  APPOINTMENT_PERIOD_FULL: { status: 409, zh: '该时段预约已满，请选择其他时段', en: 'This period is fully booked. Please choose another period.' },
  APPOINTMENT_ALREADY_BOOKED: { status: 409, zh: '您在该时段已有预约，同一时段不能重复预约', en: 'You already have an appointment in this period.' },
  APPOINTMENT_BARRED: {
    status: 403,
    zh: '您近{windowDays}天内有{count}次预约未到场办理，{until}前暂不能预约',
    en: 'You missed {count} appointments within {windowDays} days, so you cannot book before {until}.',
  },
  APPOINTMENT_NOT_FOUND: { status: 404, zh: '预约不存在', en: 'There is no such appointment.' },
  APPOINTMENT_NOT_CANCELLABLE: {
    status: 409,
    zh: '该预约已不能取消（须在预约时段开始前{cutoffMinutes}分钟取消）',
    en: 'This appointment can no longer be cancelled (at the latest {cutoffMinutes} minutes before its period).',
  },
  APPOINTMENT_CHECK_IN_REFUSED: { status: 409, zh: '预约码无效或不在今日，请核对后重试', en: 'This appointment code is not for today at this hall. Please check it.' },
  APPOINTMENT_SCHEDULE_INVALID: { status: 400, zh: '营业时段或业务类别设置有误：{field}', en: 'The hall schedule is not valid: {field}.' },
  APPOINTMENT_QUERY_RANGE: { status: 400, zh: '查询时间段不正确（起始日期不能晚于结束日期，且不超过一年）', en: 'The period is not valid (start before end, at most one year).' },
});
