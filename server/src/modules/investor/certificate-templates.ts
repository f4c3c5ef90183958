import type { Column } from '../../platform/pdf/document.ts';
import { businessTypes, type FreezeAtDate, isBusinessType, type JournalEntry, type PositionAtDate } from '../registry/index.ts';

/**
 * What each kind of certificate says: its title, the fields above the table,
 * the table, the closing statement, and a short summary kept with the record
 * for /verify/. Pure functions of the registry's answers, no I/O.
 */

export const certificateKinds = ['holding_balance', 'holding_changes', 'freezes', 'never_opened'] as const;
export type CertificateKind = (typeof certificateKinds)[number];

export const certificateTitles: Record<CertificateKind, string> = {
  holding_balance: '证券持有余额电子凭证',
  holding_changes: '证券持有变更电子凭证',
  freezes: '证券冻结情况电子凭证',
  never_opened: '未曾开立证券账户证明',
};

export interface AccountSubject {
  holderName: string;
  /** masked as printed: 110105********123X */
  idNumberMasked: string;
  accountNumber: string;
  market: string;
}

export interface CertificateContent {
  title: string;
  fields: { label: string; value: string }[];
  table?: { columns: Column[]; rows: string[][]; empty: string };
  paragraphs: string[];
  summary: Record<string, string | number>;
}

const marketNames: Record<string, string> = { SH: '上海', SZ: '深圳', BJ: '北京' };
const categoryNames: Record<string, string> = { tradable: '无限售流通股', restricted: '限售股', frozen: '冻结', pledged: '质押' };
const freezeKindNames: Record<string, string> = { judicial: '司法冻结', waiting: '轮候冻结' };
const freezeStateNames: Record<string, string> = { active: '冻结中', waiting: '轮候中' };

/** 1234567 → "1,234,567"; exact for any bigint. */
export function formatShares(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${digits}` : digits;
}

const signed = (value: bigint) => (value > 0n ? `+${formatShares(value)}` : formatShares(value));

/** The fields of an account certificate: whose account, what was asked (a date or a period), and the scope when narrowed. */
function accountFields(subject: AccountSubject, asked: { label: string; value: string }, filter: string | null): { label: string; value: string }[] {
  return [
    { label: '持有人名称', value: subject.holderName },
    { label: '证件号码', value: subject.idNumberMasked },
    { label: '证券账户', value: `${subject.accountNumber}（${marketNames[subject.market] ?? subject.market}）` },
    asked,
    ...(filter ? [{ label: '查询范围', value: filter }] : []),
  ];
}

export function holdingBalanceContent(subject: AccountSubject, date: string, positions: PositionAtDate[], filter: string | null): CertificateContent {
  const totalHeld = positions.reduce((sum, p) => sum + p.tradable + p.restricted, 0n);
  return {
    title: certificateTitles.holding_balance,
    fields: accountFields(subject, { label: '查询日期', value: date }, filter),
    table: {
      columns: [
        { header: '证券代码', width: 1.1 },
        { header: '证券简称', width: 1.8 },
        { header: '无限售流通股', width: 1.4, align: 'right' },
        { header: '限售股', width: 1.2, align: 'right' },
        { header: '冻结', width: 1.1, align: 'right' },
        { header: '质押', width: 1.1, align: 'right' },
        { header: '持有合计', width: 1.4, align: 'right' },
      ],
      rows: positions.map((p) => [p.code, p.name, formatShares(p.tradable), formatShares(p.restricted), formatShares(p.frozen), formatShares(p.pledged), formatShares(p.tradable + p.restricted)]),
      empty: '查询日期日终该证券账户无证券持有余额',
    },
    paragraphs: [`兹证明：截至 ${date} 日终，上述持有人在上述证券账户中持有的证券余额如上表所列，共 ${positions.length} 只证券。`, '冻结、质押数量包含在无限售流通股与限售股之中，不另计入持有合计。'],
    summary: { date, account: subject.accountNumber, securities: positions.length, totalHeld: totalHeld.toString() },
  };
}

export function holdingChangesContent(subject: AccountSubject, from: string, to: string, entries: JournalEntry[], filter: string | null): CertificateContent {
  return {
    title: certificateTitles.holding_changes,
    fields: accountFields(subject, { label: '查询期间', value: `${from} 至 ${to}` }, filter),
    table: {
      columns: [
        { header: '变更日期', width: 1.3 },
        { header: '证券代码', width: 1.1 },
        { header: '证券简称', width: 1.6 },
        { header: '业务类型', width: 1.4 },
        { header: '股份性质', width: 1.3 },
        { header: '变更数量', width: 1.3, align: 'right' },
        { header: '变更后余额', width: 1.4, align: 'right' },
      ],
      rows: entries.map((e) => [
        e.effectiveOn,
        e.code,
        e.name,
        isBusinessType(e.businessType) ? businessTypes[e.businessType].zh : e.businessType,
        categoryNames[e.category] ?? e.category,
        signed(e.quantity),
        formatShares(e.balanceAfter),
      ]),
      empty: '查询期间该证券账户无证券持有变更',
    },
    paragraphs: [`兹证明：${from} 至 ${to} 期间，上述持有人在上述证券账户中的证券持有变更如上表所列，共 ${entries.length} 笔。`],
    summary: { from, to, account: subject.accountNumber, entries: entries.length },
  };
}

export function freezesContent(subject: AccountSubject, date: string, freezes: FreezeAtDate[], filter: string | null): CertificateContent {
  const frozen = freezes.reduce((sum, f) => sum + f.frozenQuantity, 0n);
  return {
    title: certificateTitles.freezes,
    fields: accountFields(subject, { label: '查询日期', value: date }, filter),
    table: {
      columns: [
        { header: '证券代码', width: 1 },
        { header: '证券简称', width: 1.4 },
        { header: '冻结类型', width: 1.1 },
        { header: '状态', width: 0.9 },
        { header: '冻结机关', width: 2 },
        { header: '申请数量', width: 1.2, align: 'right' },
        { header: '已冻结数量', width: 1.2, align: 'right' },
        { header: '冻结期限', width: 1.9 },
      ],
      rows: freezes.map((f) => [
        f.code,
        f.name,
        freezeKindNames[f.kind] ?? f.kind,
        freezeStateNames[f.status] ?? f.status,
        f.authority,
        formatShares(f.quantity),
        formatShares(f.frozenQuantity),
        f.startOn ? `${f.startOn} 至 ${f.endOn ?? ''}` : `轮候序号 ${f.queueNo ?? ''}`,
      ]),
      empty: '查询日期日终该证券账户无冻结',
    },
    paragraphs: [`兹证明：截至 ${date} 日终，上述持有人在上述证券账户中的证券冻结情况如上表所列，共 ${freezes.length} 笔。`],
    summary: { date, account: subject.accountNumber, freezes: freezes.length, frozen: frozen.toString() },
  };
}

export function neverOpenedContent(person: { name: string; idTypeName: string; idNumberMasked: string }, asOf: string): CertificateContent {
  return {
    title: certificateTitles.never_opened,
    fields: [
      { label: '姓名', value: person.name },
      { label: '证件类型', value: person.idTypeName },
      { label: '证件号码', value: person.idNumberMasked },
      { label: '查询时间', value: asOf },
    ],
    paragraphs: [`兹证明：经查询本登记结算系统，截至 ${asOf}，${person.name}（证件号码 ${person.idNumberMasked}）名下未曾开立证券账户。`, '本证明仅证明上述查询时点的情况，不对查询时点之后的情况作出证明。'],
    summary: { asOf, accounts: 0 },
  };
}
