import { Readable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import type { Executor } from '../db/client.ts';
import { devInbox } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { FileStore } from '../storage/files.ts';

export const DEV_INBOX_FILES = '/dev/inbox/files/';
const ATTACHMENT_LIMIT = 20 * 1024 * 1024;

/**
 * The demo mode's own SMTP server on loopback: whatever the platform mails lands
 * in the dev inbox, so nobody needs a real mailbox to read a code.
 */
export async function startDemoSmtpServer(ex: Executor, clock: Clock, log: Logger, port = 0, files?: FileStore): Promise<{ port: number; close(): Promise<void> }> {
  // Attachments are kept in the file store so the dev inbox can offer them for download.
  const keep = async (content: Buffer, filename: string | undefined) => {
    if (!files) return '';
    const extension = /\.([a-z]{1,5})$/i.exec(filename ?? '')?.[1]?.toLowerCase() ?? 'bin';
    const { key } = await files.save('dev-inbox', extension, Readable.from([content]), ATTACHMENT_LIMIT);
    return ` ${DEV_INBOX_FILES}${key}`;
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: 20 * 1024 * 1024,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          const attachments = await Promise.all(mail.attachments.map(async (a) => `[附件 attachment: ${a.filename ?? 'file'} (${a.size} bytes)]${await keep(a.content, a.filename)}`));
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
