import { defineErrors } from '../../platform/errors.ts';

export const QueueErrors = defineErrors({
  QUEUE_LINE_NOT_FOUND: { status: 404, zh: '该地区暂未开通排号服务', en: 'There is no queue for this place.' },
  QUEUE_TICKET_NOT_FOUND: { status: 404, zh: '未查询到该排队码的排号信息，请核对办理地区和排队码', en: 'No queue ticket has this queue code here. Please check the region and the code.' },
  QUEUE_CATEGORY_UNKNOWN: { status: 400, zh: '业务类别不存在', en: 'There is no such business category.' },
  QUEUE_COUNTER_NOT_OPEN: { status: 409, zh: '窗口尚未开启，请先开启窗口', en: 'This counter is not open. Open it first.' },
  QUEUE_COUNTER_BUSY: { status: 409, zh: '当前号码尚未办结，请先标记已办理或未到', en: 'The number being served is not finished. Mark it served or absent first.' },
  QUEUE_NO_CURRENT_TICKET: { status: 409, zh: '当前窗口没有正在叫号的号码', en: 'This counter is not serving anyone.' },
  QUEUE_NOBODY_WAITING: { status: 409, zh: '当前没有等待的客户', en: 'Nobody is waiting.' },
});
