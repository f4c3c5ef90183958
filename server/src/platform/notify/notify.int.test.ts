import { expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import pino from 'pino';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { testConfig } from '../../../../test/context.ts';
import { createContext } from '../../context.ts';
import { devInbox, notifications } from '../db/schema.ts';
import { FixedClock } from '../clock.ts';
import { startDemoSmtpServer } from './demo-smtp.ts';
import { SmtpMailer } from './mailer.ts';

describeEachDatabase('notifications', (getDb) => {
  it('delivers e-mail over SMTP to the demo server and SMS through the sandbox gateway; bodies are cleared once sent', async () => {
    const database = getDb();
    const clock = new FixedClock(new Date('2026-11-21T02:00:00Z'));
    const log = pino({ level: 'silent' });
    const smtp = await startDemoSmtpServer(database.db, clock, log);
    const mailer = new SmtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'Clearhall <no-reply@clearhall.example>', allowPlaintext: true });
    try {
      const ctx = createContext(testConfig(), database, { clock, log, mailer, jobs: () => [] });
      const mailId = await ctx.notifier.send(ctx.db, { channel: 'email', destination: 'zhang.san@example.com', subject: '二次认证验证码', body: '您的验证码为 123456。' });
      const smsId = await ctx.notifier.send(ctx.db, { channel: 'sms', destination: '13900000009', body: '【网上营业厅】您的验证码为654321。' });
      expect(await ctx.jobs.drain()).toBe(2);

      const [mail] = await ctx.db.select().from(devInbox).where(eq(devInbox.recipient, 'zhang.san@example.com')).orderBy(desc(devInbox.id));
      expect(mail).toMatchObject({ kind: 'email', subject: '二次认证验证码' });
      expect(mail?.body).toContain('您的验证码为 123456。');
      const [sms] = await ctx.db.select().from(devInbox).where(eq(devInbox.recipient, '13900000009'));
      expect(sms).toMatchObject({ kind: 'sms', body: '【网上营业厅】您的验证码为654321。' });

      for (const id of [mailId, smsId]) {
        const [row] = await ctx.db.select().from(notifications).where(eq(notifications.id, id));
        expect(row).toMatchObject({ status: 'sent', body: '' });
        expect(row?.destinationEnc).not.toContain('example.com');
      }
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it('a gateway refusal is retried and then recorded as failed', async () => {
    const database = getDb();
    const clock = new FixedClock(new Date('2026-11-21T02:00:00Z'));
    const mailer = new SmtpMailer({ host: '127.0.0.1', port: 1, secure: false, from: 'x@example.com', allowPlaintext: true });
    const ctx = createContext(testConfig(), database, { clock, log: pino({ level: 'silent' }), mailer, jobs: () => [] });
    const id = await ctx.notifier.send(ctx.db, { channel: 'sms', destination: '10086', body: 'not a mobile number' });
    for (let attempt = 0; attempt < 6; attempt++) {
      await ctx.jobs.drain();
      clock.advance(11 * 60_000);
    }
    const [row] = await ctx.db.select().from(notifications).where(eq(notifications.id, id));
    expect(row?.status).toBe('failed');
    expect(row?.error).toMatch(/mainland mobile/);
    mailer.close();
  });
});
