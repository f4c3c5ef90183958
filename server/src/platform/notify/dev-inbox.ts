import { desc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db, Executor } from '../db/client.ts';
import { devInbox } from '../db/schema.ts';
import type { FileStore } from '../storage/files.ts';
import { DEV_INBOX_FILES } from './demo-smtp.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function recordCaptchaAnswer(ex: Executor, captchaId: string, answer: string, at: Date): Promise<void> {
  await ex.insert(devInbox).values({ at, kind: 'captcha', recipient: captchaId, body: answer });
}

/**
 * /dev/inbox: every SMS, e-mail and captcha answer the demo platform produced,
 * newest first. Registered only in demo mode; it does not exist in production.
 */
export interface AuthenticatorCode {
  username: string;
  code: string;
}

const ATTACHMENT_LINK = /\/dev\/inbox\/files\/dev-inbox\/[0-9a-f-]{36}\.[a-z]{1,5}/g;
const contentTypes: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', txt: 'text/plain; charset=utf-8' };

export function registerDevInbox(app: FastifyInstance, db: Db, authenticatorCodes: () => Promise<AuthenticatorCode[]>, files: FileStore): void {
  const load = (limit: number) => db.select().from(devInbox).orderBy(desc(devInbox.id)).limit(limit);
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get(
    '/dev/inbox/messages',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const { limit } = request.query;
      const items = await load(Math.min(Number(limit ?? 100), 1000));
      return { items: items.map((m) => ({ id: String(m.id), at: m.at.toISOString(), kind: m.kind, recipient: m.recipient, subject: m.subject, body: m.body })) };
    },
  );

  typed.get(
    `${DEV_INBOX_FILES}dev-inbox/:name`,
    { schema: { hide: true, params: Type.Object({ name: Type.String({ pattern: '^[0-9a-f-]{36}\\.[a-z]{1,5}$' }) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const { name } = request.params;
      const key = `dev-inbox/${name}`;
      const size = await files.size(key).catch(() => null);
      if (size === null) return reply.code(404).send({ code: 'NOT_FOUND', message: 'Not found.', details: {} });
      reply.type(contentTypes[name.split('.').pop()!] ?? 'application/octet-stream').header('content-disposition', `attachment; filename="${name}"`);
      return reply.send(files.read(key));
    },
  );

  app.get('/dev/inbox', { schema: { hide: true } }, async (_request, reply) => {
    const [items, codes] = await Promise.all([load(200), authenticatorCodes()]);
    const codesHtml = codes.map((c) => `<tr class="totp" data-username="${escape(c.username)}"><td>${escape(c.username)}</td><td class="code">${escape(c.code)}</td></tr>`).join('');
    const kindLabel: Record<string, string> = { sms: '短信 SMS', email: '邮件 E-mail', captcha: '图形验证码 Captcha' };
    const rowsHtml = items
      .map(
        (m) => `<tr class="msg msg-${escape(m.kind)}" data-kind="${escape(m.kind)}" data-recipient="${escape(m.recipient)}">
  <td>${escape(m.at.toISOString())}</td><td>${escape(kindLabel[m.kind] ?? m.kind)}</td>
  <td class="recipient">${escape(m.recipient)}</td><td class="subject">${escape(m.subject ?? '')}</td>
  <td class="body"><pre>${escape(m.body).replace(ATTACHMENT_LINK, (link) => `<a class="attachment" href="${link}">下载 download</a>`)}</pre></td></tr>`,
      )
      .join('\n');
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>开发收件箱 Dev inbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1f2937}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e5e7eb;padding:.4rem .6rem;text-align:left;vertical-align:top;font-size:14px}
pre{margin:0;white-space:pre-wrap;font-family:inherit}.note{color:#b45309}</style></head><body>
<h1>开发收件箱 Dev inbox</h1>
<p class="note">演示模式：这里显示平台发出的全部短信、邮件和图形验证码答案。生产环境中不存在此页面。<br>
Demo mode: every SMS, e-mail and captcha answer the platform produced. This page does not exist in production.</p>
<p><a href="/dev/inbox">刷新 Refresh</a></p>
<h2>工作人员动态口令 Staff authenticator codes (now)</h2>
<table class="totp-codes"><thead><tr><th>用户名 User</th><th>动态口令 Code</th></tr></thead><tbody>${codesHtml}</tbody></table>
<h2>消息 Messages</h2>
<table><thead><tr><th>时间 Time (UTC)</th><th>类型 Kind</th><th>收件人 To</th><th>主题 Subject</th><th>内容 Content</th></tr></thead>
<tbody>${rowsHtml || '<tr><td colspan="5">暂无消息 No messages yet</td></tr>'}</tbody></table></body></html>`;
  });
}
