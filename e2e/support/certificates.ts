/** Helpers of the certificate specs: people arranged through the services, mails and PDFs read from the dev inbox. */
import type { AppContext } from '../../server/src/context.ts';
import { recordVerifiedIdentity } from '../../server/src/modules/identity/index.ts';
import { quickBind } from '../../server/src/modules/investor/index.ts';
import { beijingTime } from '../../server/src/kernel/time.ts';

const meta = { requestId: 'e2e-arrange' };

/** Proof hours around the present (Beijing time), so the spec does not depend on when it runs. */
export function proofHoursAroundNow(now = new Date()): { proofHoursStart: string; proofHoursEnd: string } {
  const minute = beijingTime(now).minuteOfDay;
  const at = (m: number) => {
    const wrapped = ((m % 1440) + 1440) % 1440;
    return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
  };
  return { proofHoursStart: at(minute - 120), proofHoursEnd: at(minute + 120) };
}

export async function verifiedAs(ctx: AppContext, userId: string, person: { name: string; idType: string; idNumber: string }, bind = false) {
  await ctx.db.transaction((tx) => recordVerifiedIdentity(ctx, tx, meta, userId, person, 'unionpay'));
  if (bind) await quickBind(ctx, meta, userId);
}

/** The newest mail to the address, from the dev inbox's JSON (delivered by the job, so polled). */
export async function waitForMail(baseUrl: string, email: string): Promise<{ body: string }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/dev/inbox/messages?limit=50`);
    const { items } = (await response.json()) as { items: { recipient: string; body: string }[] };
    const found = items.find((m) => m.recipient === email && m.body.includes('.pdf'));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail with a PDF reached ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The PDF attached to a mail, as the investor would save it. */
export async function attachedPdf(baseUrl: string, body: string): Promise<Buffer> {
  const link = /\/dev\/inbox\/files\/dev-inbox\/[0-9a-f-]{36}\.pdf/.exec(body)![0];
  return Buffer.from(await (await fetch(`${baseUrl}${link}`)).arrayBuffer());
}

/** Yesterday in Beijing time (a date the registry has closed). */
export function beijingYesterday(now = new Date()): string {
  return beijingTime(new Date(now.getTime() - 86_400_000)).date;
}
