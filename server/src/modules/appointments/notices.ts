import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { noticeDestination } from '../identity/index.ts';

/** What an appointment's notices say of it; nothing personal (no name, no ID number). */
export interface NoticeFacts {
  investorUserId: string;
  hallName: string;
  categoryName: string;
  day: string;
  periodStarts: string;
  periodEnds: string;
  code: string;
}

const SIGNATURE = '【中国结算】';

const when = (f: NoticeFacts) => `${f.day} ${f.periodStarts}-${f.periodEnds}`;

export const noticeTexts = {
  confirmation: (f: NoticeFacts) => ({
    subject: '业务预约成功',
    body: `${SIGNATURE}您已成功预约${f.hallName}${when(f)}办理${f.categoryName}，预约码${f.code}。请凭预约码或二维码准时到营业大厅签到取号。`,
  }),
  reminder: (f: NoticeFacts) => ({
    subject: '业务预约提醒',
    body: `${SIGNATURE}温馨提示：您预约的${f.categoryName}将于明天（${when(f)}）在${f.hallName}办理，预约码${f.code}。如不能到场，请及时取消预约。`,
  }),
  hallChanged: (f: NoticeFacts, reason: string) => ({
    subject: '业务预约已取消',
    body: `${SIGNATURE}因${f.hallName}营业安排调整（${reason}），您${when(f)}的${f.categoryName}预约（预约码${f.code}）已取消，请重新预约，敬请谅解。`,
  }),
};

/** Sends a notice about an appointment by SMS or e-mail, as its holder chose (通知设置), in the caller's transaction. */
export async function noticeToHolder(ctx: AppContext, ex: Executor, investorUserId: string, text: { subject: string; body: string }): Promise<boolean> {
  const to = await noticeDestination(ctx, ex, investorUserId);
  if (!to) return false;
  await ctx.notifier.send(ex, { channel: to.channel, destination: to.destination, ...(to.channel === 'email' ? { subject: text.subject } : {}), body: text.body });
  return true;
}
