import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { normaliseIdentifier, securitiesAccountMarket, validateShanghaiAccount, validateShenzhenAccount } from '../../kernel/identifiers.ts';
import { exchangeOrderReports } from './sandbox-schema.ts';

/** One order report (委托申报) as an exchange passes it on. */
export interface OrderReport {
  securitiesAccountNumber: string;
  securityCode: string;
  side: 'buy' | 'sell';
  /** whole shares, as a decimal string */
  quantity: string;
  /** price, as a decimal string */
  price: string;
  brokerCode: string;
}

export interface RecordedOrderReport extends OrderReport {
  id: string;
  market: 'SH' | 'SZ';
  receivedAt: Date;
}

/**
 * The exchanges' order-report feed port. In production an adapter subscribes to
 * the exchanges' report stream; the sandbox takes reports one by one through
 * the integration API and `clearhall sandbox order-report`, checks them as the
 * exchange would (account format, security code, quantity, price) and keeps them.
 */
export interface OrderReportFeed {
  record(ex: Executor, report: OrderReport): Promise<RecordedOrderReport>;
}

export class SandboxOrderReportFeed implements OrderReportFeed {
  constructor(private readonly clock: Clock) {}

  async record(ex: Executor, report: OrderReport): Promise<RecordedOrderReport> {
    const account = normaliseIdentifier(report.securitiesAccountNumber);
    const market = securitiesAccountMarket(account);
    const format = market === 'SH' ? validateShanghaiAccount(account) : market === 'SZ' ? validateShenzhenAccount(account) : null;
    if (!market || !format?.ok) throw new AppError('VALIDATION_FAILED', { field: 'securitiesAccountNumber' });
    if (!/^\d{6}$/.test(report.securityCode)) throw new AppError('VALIDATION_FAILED', { field: 'securityCode' });
    if (!/^[1-9]\d{0,11}$/.test(report.quantity)) throw new AppError('VALIDATION_FAILED', { field: 'quantity' });
    if (!/^\d{1,12}(\.\d{1,3})?$/.test(report.price)) throw new AppError('VALIDATION_FAILED', { field: 'price' });
    if (!/^[A-Z0-9-]{2,20}$/.test(report.brokerCode)) throw new AppError('VALIDATION_FAILED', { field: 'brokerCode' });
    const recorded: RecordedOrderReport = { ...report, securitiesAccountNumber: account, id: randomUUID(), market, receivedAt: this.clock.now() };
    await ex.insert(exchangeOrderReports).values({
      id: recorded.id,
      market,
      securitiesAccountNumber: account,
      securityCode: report.securityCode,
      side: report.side,
      quantity: BigInt(report.quantity),
      price: report.price,
      brokerCode: report.brokerCode,
      receivedAt: recorded.receivedAt,
    });
    return recorded;
  }
}
