import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import type { CodeService } from '../auth/codes.ts';
import type { Notifier } from '../notify/notifier.ts';
import type { PiiVault } from '../crypto/pii.ts';
import { AppError, defineErrors } from '../errors.ts';
import { normaliseIdentifier, validateBankCard, validateMobile, validateResidentId } from '../../kernel/identifiers.ts';
import { sandboxBankCards } from './sandbox-schema.ts';
import { mask } from '../../kernel/masking.ts';

export const UnionPayErrors = defineErrors({
  UNIONPAY_NAME_INVALID: { status: 400, zh: '请输入持卡人姓名', en: 'Please enter the cardholder name.' },
  UNIONPAY_ID_INVALID: { status: 400, zh: '请输入正确的身份证号码', en: 'Please enter a valid resident ID number.' },
  UNIONPAY_CARD_INVALID: { status: 400, zh: '请输入正确的银行卡号', en: 'Please enter a valid bank card number.' },
  UNIONPAY_MOBILE_INVALID: { status: 400, zh: '请输入正确的银行预留手机号', en: 'Please enter a valid mobile number (the one the bank holds).' },
  UNIONPAY_CARD_UNKNOWN: { status: 400, zh: '银联身份认证失败：银行卡号不存在或不支持该卡', en: 'UnionPay verification failed: no such card, or the card is not supported.' },
  UNIONPAY_MISMATCH: {
    status: 400,
    zh: '银联身份认证失败：持卡人姓名、身份证号码、银行卡号与银行预留手机号不一致',
    en: 'UnionPay verification failed: the name, ID number, card number and the mobile number the bank holds do not match.',
  },
  UNIONPAY_CARD_STATUS: { status: 400, zh: '银联身份认证失败：银行卡状态异常（已挂失或已销户）', en: 'UnionPay verification failed: the card is reported lost or closed.' },
  UNIONPAY_TIMEOUT: { status: 504, zh: '银联身份认证超时，请稍后再试或重新选择其他验证方式', en: 'UnionPay did not answer in time. Please try again later or choose another verification method.' },
  UNIONPAY_REQUEST_UNKNOWN: { status: 400, zh: '请先获取手机验证码', en: 'Please request the SMS code first.' },
});

/** The four elements of UnionPay bank-card verification (持卡人姓名、身份证号码、银行卡号、银行预留手机号). */
export interface CardElements {
  name: string;
  idNumber: string;
  cardNumber: string;
  mobile: string;
}

export interface VerifiedCardholder {
  name: string;
  idNumber: string;
  cardMasked: string;
}

/**
 * UnionPay four-element verification port. requestCode has the issuing bank
 * check the elements and text a code to the card's reserved phone; confirm
 * checks that code against the same elements.
 */
export interface UnionPayGateway {
  requestCode(ex: Executor, elements: CardElements): Promise<{ mobileMasked: string; expiresInSeconds: number; resendAfterSeconds: number }>;
  confirm(db: Db, elements: CardElements, code: string): Promise<VerifiedCardholder>;
}

/** Formats checked as the real gateway checks them, before anything is sent. */
export function normaliseCardElements(elements: CardElements, today: Date): CardElements {
  const name = elements.name.normalize('NFKC').trim();
  if (!name || name.length > 60) throw new AppError('UNIONPAY_NAME_INVALID');
  const id = validateResidentId(elements.idNumber, today);
  if (!id.ok) throw new AppError('UNIONPAY_ID_INVALID', { reason: id.reason });
  const card = validateBankCard(elements.cardNumber);
  if (!card.ok) throw new AppError('UNIONPAY_CARD_INVALID', { reason: card.reason });
  const mobile = validateMobile(elements.mobile);
  if (!mobile.ok) throw new AppError('UNIONPAY_MOBILE_INVALID', { reason: mobile.reason });
  return { name, idNumber: id.value, cardNumber: card.value, mobile: mobile.value };
}

/**
 * Sandbox UnionPay: a directory of demo bank cards. Answers as the banks do —
 * unknown card, elements that do not match, a lost or closed card, or no answer
 * at all for a card whose bank is marked as timing out — and sends its SMS code
 * through the SMS gateway, so it appears in the dev inbox.
 */
export class SandboxUnionPay implements UnionPayGateway {
  constructor(private readonly deps: { vault: PiiVault; codes: CodeService; notifier: Notifier; clock: Clock }) {}

  private async check(ex: Executor, raw: CardElements): Promise<CardElements> {
    const { vault, clock } = this.deps;
    const elements = normaliseCardElements(raw, clock.now());
    const [card] = await ex
      .select()
      .from(sandboxBankCards)
      .where(eq(sandboxBankCards.cardHash, vault.lookupHash('bank-card', elements.cardNumber)));
    if (!card) throw new AppError('UNIONPAY_CARD_UNKNOWN');
    if (card.status === 'timeout') throw new AppError('UNIONPAY_TIMEOUT');
    if (card.status !== 'normal') throw new AppError('UNIONPAY_CARD_STATUS');
    const matches = card.holderName === elements.name && card.idNumberHash === vault.lookupHash('id:resident_id', elements.idNumber) && vault.decrypt(card.reservedMobileEnc) === elements.mobile;
    if (!matches) throw new AppError('UNIONPAY_MISMATCH');
    return elements;
  }

  private purpose(elements: CardElements) {
    return `unionpay:${this.deps.vault.lookupHash('bank-card', elements.cardNumber)}`;
  }

  async requestCode(ex: Executor, raw: CardElements) {
    const elements = await this.check(ex, raw);
    const issued = await this.deps.codes.issue(ex, this.deps.clock.now(), this.purpose(elements), 'sms', elements.mobile);
    await this.deps.notifier.send(ex, {
      channel: 'sms',
      destination: elements.mobile,
      body: `【银联】您正在进行银行卡身份验证，尾号${elements.cardNumber.slice(-4)}的银行卡验证码为${issued.code}，${Math.round(issued.expiresInSeconds / 60)}分钟内有效，请勿泄露。`,
    });
    return { mobileMasked: mask('mobile', elements.mobile, 'list'), expiresInSeconds: issued.expiresInSeconds, resendAfterSeconds: issued.resendAfterSeconds };
  }

  async confirm(db: Db, raw: CardElements, code: string): Promise<VerifiedCardholder> {
    const elements = await this.check(db, raw);
    await this.deps.codes.verify(db, this.deps.clock.now(), this.purpose(elements), 'sms', elements.mobile, code);
    return { name: elements.name, idNumber: elements.idNumber, cardMasked: mask('bankCard', elements.cardNumber, 'list') };
  }
}

/** Adds a card to the sandbox directory (demo data, tests). */
export async function addSandboxBankCard(
  ex: Executor,
  vault: PiiVault,
  card: { cardNumber: string; bankName: string; holderName: string; idNumber: string; mobile: string; status?: 'normal' | 'lost' | 'cancelled' | 'timeout' },
): Promise<void> {
  const number = validateBankCard(card.cardNumber);
  if (!number.ok) throw new Error(`demo card ${card.cardNumber} fails ${number.reason}`);
  await ex.insert(sandboxBankCards).values({
    cardHash: vault.lookupHash('bank-card', number.value),
    cardEnc: vault.encrypt(number.value),
    bankName: card.bankName,
    holderName: card.holderName,
    idNumberHash: vault.lookupHash('id:resident_id', normaliseIdentifier(card.idNumber)),
    reservedMobileEnc: vault.encrypt(card.mobile),
    status: card.status ?? 'normal',
  });
}
