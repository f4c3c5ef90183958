import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import type { Executor } from '../db/client.ts';
import { devInbox } from '../db/schema.ts';
import type { Clock } from '../clock.ts';

/**
 * The demo mode's own SMTP server on loopback: whatever the platform mails lands
 * in the dev inbox, so nobody needs a real mailbox to read a code.
 */
export async function startDemoSmtpServer(ex: Executor, clock: Clock, log: Logger, port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: 20 * 1024 * 1024,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          const attachments = mail.attachments.map((a) => `[附件 attachment: ${a.filename ?? 'file'} (${a.size} bytes)]`);
          const body = [mail.text ?? '', ...attachments].join('\n').trim();
          for (const recipient of recipients) {
            await ex.insert(devInbox).values({ at: clock.now(), kind: 'email', recipient, subject: mail.subject ?? '', body });
          }
          callback();
        })
        .catch((error: Error) => {
          log.error({ err: error }, 'demo smtp could not store a message');
          callback(error);
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { port: bound, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
