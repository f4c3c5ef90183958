import type { Executor } from '../db/client.ts';
import { devInbox } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { validateMobile } from '../../kernel/identifiers.ts';

/** The SMS gateway port: one text to one mainland mobile number. */
export interface SmsGateway {
  send(mobile: string, text: string): Promise<{ messageId: string }>;
}

export class SmsRejected extends Error {}

const MAX_TEXT = 500; // a long SMS is split by carriers; gateways refuse far longer texts

/**
 * Sandbox gateway: refuses what a real gateway refuses (numbers outside the
 * mainland plan, empty or over-long texts) and delivers into the dev inbox,
 * where a person or a browser test reads it.
 */
export class SandboxSmsGateway implements SmsGateway {
  private counter = 0;
  constructor(
    private readonly ex: Executor,
    private readonly clock: Clock,
  ) {}

  async send(mobile: string, text: string): Promise<{ messageId: string }> {
    const number = validateMobile(mobile);
    if (!number.ok) throw new SmsRejected(`not a mainland mobile number`);
    if (!text || text.length > MAX_TEXT) throw new SmsRejected('text empty or too long');
    await this.ex.insert(devInbox).values({ at: this.clock.now(), kind: 'sms', recipient: number.value, body: text });
    return { messageId: `sandbox-${Date.now()}-${++this.counter}` };
  }
}
