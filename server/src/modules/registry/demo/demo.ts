import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { withBulkTransaction, type BulkLoader } from '../../../platform/db/bulk.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { type BusinessTypeName, type Category, registerSecurity } from '../ledger/index.ts';
import { addMonths, termEnd } from '../../../kernel/dates.ts';
import { gb11643CheckChar, usccCheckChar, type IdType, type Market } from '../../../kernel/identifiers.ts';
import { seedIpoDemo, type IpoDemoSummary } from './ipo-demo.ts';

/**
 * The demo registry: plainly fictitious holders (every name starts with 演示),
 * their accounts, twenty securities and years of history (2021-01-04 to
 * 2026-11-20): opening balances and IPOs, trade settlements, lock-ups and their
 * release, bonus shares, an exit registration, judicial freezes with waiting
 * freezes, renewals, releases and expiries, pledges released in full or in part,
 * inheritances.
 *
 * Deterministic: a seeded generator, fixed dates, no clock; the same options
 * give the same rows (only the ciphertexts of ID numbers differ, by their IVs).
 *
 * The history is simulated in memory, block by block of a thousand holders
 * (every trade is between two holders of one block, so a block's journal is
 * complete on its own), with the same rules the ledger enforces: no balance
 * below zero, encumbrances never above the shares held, transfers balanced per
 * security and date, freezes and pledges matching the frozen and pledged
 * balances. Rows stream to the database through the bulk loader (COPY on
 * PostgreSQL) in one transaction: a million holders and over ten million
 * journal entries take minutes, the default two thousand a few seconds.
 *
 * Block 0 also holds the special holders (HKSCC and QFII nominees, a broker's
 * credit collateral account, the refinancing collateral account) with their
 * detail accounts; the HKSCC nominee's Shanghai account trades every day and
 * has the longest history.
 */

export const DEMO_REGISTRY_HOLDERS = 2000;
export const DEMO_HISTORY = { from: '2021-01-04', to: '2026-11-20' } as const;

export interface RegistryDemoOptions {
  /** Holders to generate, special ones included (default 2,000; at least 50). */
  holders?: number;
  /** Generator seed: the same seed gives the same data. */
  seed?: number;
  /** Called after each block of holders. */
  onProgress?: (holdersDone: number, holdersTotal: number) => void;
}

export interface RegistryDemoSummary {
  holders: number;
  unifiedAccounts: number;
  securitiesAccounts: number;
  securities: number;
  entries: number;
  positions: number;
  freezes: number;
  pledges: number;
  /** The account with the most journal entries (the HKSCC nominee's Shanghai account). */
  busiestAccount: string;
  /** IPOs, abandonments and risk-disclosure signings (ipo-demo.ts) */
  ipo?: IpoDemoSummary;
}

const BLOCK = 1000;
const FLUSH_HOLDERS = 10_000;

// ---------------------------------------------------------------------------------------------
// Random numbers: sfc32 (128-bit state, so that the streams of a thousand blocks never
// overlap and a million generated UUIDs do not collide), one stream per block

class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number, stream: number) {
    this.a = mix(seed, stream);
    this.b = mix(stream, seed ^ 0x5bd1e995);
    this.c = mix(seed + 0x3c6ef372, stream + 0x1b873593);
    this.d = 1;
    for (let i = 0; i < 16; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  next(): number {
    return this.u32() / 4294967296;
  }
  /** 0 ≤ n < max */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  /** min ≤ n ≤ max */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Exponentially distributed, with this mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
  /** A version 4 UUID made of generated bits. */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () => this.u32().toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Calendar: days since 1970-01-01; trading days are weekdays outside the exchanges' holidays

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const START = dayOf(DEMO_HISTORY.from);
const END = dayOf(DEMO_HISTORY.to);

/** Weekday closures of the Shanghai and Shenzhen exchanges, 2021-2026 (approximately, for a demo). */
const HOLIDAYS = new Set(
  [
    '2021-01-01', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16', '2021-02-17', '2021-04-05', '2021-05-03', '2021-05-04', '2021-05-05',
    '2021-06-14', '2021-09-20', '2021-09-21', '2021-10-01', '2021-10-04', '2021-10-05', '2021-10-06', '2021-10-07',
    '2022-01-03', '2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04', '2022-04-04', '2022-04-05', '2022-05-02', '2022-05-03',
    '2022-05-04', '2022-06-03', '2022-09-12', '2022-10-03', '2022-10-04', '2022-10-05', '2022-10-06', '2022-10-07',
    '2023-01-02', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', '2023-01-27', '2023-04-05', '2023-05-01', '2023-05-02', '2023-05-03',
    '2023-06-22', '2023-06-23', '2023-09-29', '2023-10-02', '2023-10-03', '2023-10-04', '2023-10-05', '2023-10-06',
    '2024-01-01', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16', '2024-04-04', '2024-04-05', '2024-05-01',
    '2024-05-02', '2024-05-03', '2024-06-10', '2024-09-16', '2024-09-17', '2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07',
    '2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04', '2025-04-04', '2025-05-01', '2025-05-02',
    '2025-05-05', '2025-06-02', '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08',
    '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23', '2026-04-06', '2026-05-01',
    '2026-05-04', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
  ].map(dayOf),
); // prettier-ignore

const isWeekday = (day: number) => ![0, 6].includes((day + 4) % 7);
const TRADING_DAYS: number[] = [];
for (let d = START; d <= END; d++) if (isWeekday(d) && !HOLIDAYS.has(d)) TRADING_DAYS.push(d);
const ISO: string[] = Array.from({ length: END - START + 1 }, (_, i) => isoOf(START + i));
const iso = (day: number) => (day >= START && day <= END ? ISO[day - START]! : isoOf(day));

/** Index of the first trading day on or after `day` (TRADING_DAYS.length when none). */
function tradingIndex(day: number): number {
  let lo = 0;
  let hi = TRADING_DAYS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (TRADING_DAYS[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const nextTradingDay = (day: number) => TRADING_DAYS[tradingIndex(day)] ?? day;
const addMonthsDay = (day: number, months: number) => dayOf(addMonths(iso(day), months));

// ---------------------------------------------------------------------------------------------
// Reference data: securities, courts, pledgees, agents, names

type Route = 'SH' | 'SZ' | 'BJ' | 'SHB' | 'SZB';

interface DemoSecurity {
  id: number;
  code: string;
  market: Market;
  name: string;
  route: Route;
  /** First day in the journal: the opening balance (listed before 2021) or the IPO. */
  listed: string;
  ipo: boolean;
  /** Held by the HKSCC nominee (Stock Connect) and QFII. */
  connect: boolean;
  delisted?: string;
  /** Ex-dates of bonus shares (送股/转增) and the ratio per share. */
  bonus?: [string, number][];
  /** Shares of one lot in an IPO allotment. */
  ipoLot?: number;
}

const SECURITIES: DemoSecurity[] = [
  { id: 9001, code: '600871', market: 'SH', name: '演示能源', route: 'SH', listed: '2021-01-04', ipo: false, connect: true, bonus: [['2022-07-08', 0.3]] },
  { id: 9002, code: '601238', market: 'SH', name: '演示汽车', route: 'SH', listed: '2021-01-04', ipo: false, connect: true },
  { id: 9003, code: '603899', market: 'SH', name: '演示文具', route: 'SH', listed: '2021-01-04', ipo: false, connect: true, bonus: [['2023-06-16', 0.4]] },
  { id: 9004, code: '605168', market: 'SH', name: '演示电商', route: 'SH', listed: '2021-01-04', ipo: false, connect: true },
  { id: 9005, code: '601555', market: 'SH', name: '演示银行', route: 'SH', listed: '2021-01-04', ipo: false, connect: true },
  { id: 9006, code: '688301', market: 'SH', name: '演示医疗', route: 'SH', listed: '2021-01-04', ipo: false, connect: true, bonus: [['2024-06-06', 0.48]] },
  { id: 9007, code: '688599', market: 'SH', name: '演示光伏', route: 'SH', listed: '2022-03-15', ipo: true, connect: true, ipoLot: 500 },
  { id: 9008, code: '689009', market: 'SH', name: '演示电器', route: 'SH', listed: '2021-01-04', ipo: false, connect: false },
  { id: 9009, code: '900925', market: 'SH', name: '演示机电B股', route: 'SHB', listed: '2021-01-04', ipo: false, connect: false, bonus: [['2023-07-14', 0.2]] },
  { id: 9010, code: '000417', market: 'SZ', name: '演示百货', route: 'SZ', listed: '2021-01-04', ipo: false, connect: true },
  { id: 9011, code: '001289', market: 'SZ', name: '演示电力', route: 'SZ', listed: '2021-01-04', ipo: false, connect: true },
  { id: 9012, code: '002797', market: 'SZ', name: '演示证券', route: 'SZ', listed: '2021-01-04', ipo: false, connect: true, bonus: [['2023-05-26', 0.5]] },
  { id: 9013, code: '003816', market: 'SZ', name: '演示核电', route: 'SZ', listed: '2021-01-04', ipo: false, connect: true },
  { id: 9014, code: '002450', market: 'SZ', name: '演示退市', route: 'SZ', listed: '2021-01-04', ipo: false, connect: false, delisted: '2024-07-08' },
  { id: 9015, code: '300418', market: 'SZ', name: '演示传媒', route: 'SZ', listed: '2021-01-04', ipo: false, connect: true, bonus: [['2021-06-18', 0.4]] },
  { id: 9016, code: '301269', market: 'SZ', name: '演示软件', route: 'SZ', listed: '2021-11-02', ipo: true, connect: true, ipoLot: 500 },
  { id: 9017, code: '200596', market: 'SZ', name: '演示酒业B', route: 'SZB', listed: '2021-01-04', ipo: false, connect: false },
  { id: 9018, code: '835185', market: 'BJ', name: '演示新材', route: 'BJ', listed: '2021-11-15', ipo: false, connect: false },
  { id: 9019, code: '920118', market: 'BJ', name: '演示精密', route: 'BJ', listed: '2024-12-10', ipo: true, connect: false, ipoLot: 100 },
  { id: 9020, code: '920445', market: 'BJ', name: '演示智能', route: 'BJ', listed: '2025-06-18', ipo: true, connect: false, ipoLot: 100 },
];

/** The ISIN check digit (ISO 6166): letters as numbers (A = 10), then Luhn. */
export function isinCheckDigit(body11: string): string {
  const digits = [...body11].map((c) => (/\d/.test(c) ? c : String(c.charCodeAt(0) - 55))).join('');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const isinOf = (s: DemoSecurity) => {
  const body = `CNE${s.route === 'SHB' || s.route === 'SZB' ? '0000' : '1000'}${s.code.slice(2)}`;
  return body + isinCheckDigit(body);
};

const COURTS = [
  ['演示市中级人民法院', '演01'],
  ['演示市朝阳区人民法院', '演0105'],
  ['演示市浦东新区人民法院', '演0115'],
  ['演示市福田区人民法院', '演0304'],
  ['演示省高级人民法院', '演'],
  ['演示市公安局经济犯罪侦查支队', '演公经'],
] as const;
const PLEDGEES = ['演示证券股份有限公司', '演示银行股份有限公司演示分行', '演示信托有限责任公司', '演示资产管理有限公司', '演示东方证券有限责任公司'];
const AGENTS = ['B01866', 'B02317', 'B03052', 'B04118', 'B05290', 'B06473', 'DEMO-CSD'];

const MALE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '斌', '宇', '浩', '凯', '健', '俊', '帆', '旭', '宁', '龙', '林', '阳', '建华', '建国', '志强', '海涛', '晓东', '永刚', '文博', '子轩', '浩然', '宇航', '俊杰', '志明', '国强', '振华', '立新', '德明']; // prettier-ignore
const FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '桂英', '玲', '燕', '丹', '萍', '红', '婷', '雪', '琳', '晶', '倩', '颖', '慧', '佳', '莉', '欣怡', '雨涵', '梓涵', '淑珍', '美玲', '晓燕', '海燕', '丽华', '春梅', '思琪', '雅静']; // prettier-ignore
const FOREIGN = ['约翰', '玛丽', '彼得', '安娜', '大卫', '露西', '托马斯', '艾玛', '保罗', '索菲亚'];
const FIRM_WORDS = ['长青', '远航', '恒信', '泰和', '嘉禾', '瑞丰', '华盛', '鼎盛', '天成', '宏达', '安泰', '汇通', '同创', '启明', '博远', '中和', '金石', '银杏', '星河', '云帆']; // prettier-ignore
const FIRM_CITIES = ['北京', '上海', '深圳', '杭州', '南京', '成都', '武汉', '西安', '苏州', '广州'];
const FIRM_TYPES = ['投资管理有限公司', '资产管理有限公司', '实业有限公司', '科技股份有限公司', '创业投资合伙企业（有限合伙）', '股权投资基金合伙企业（有限合伙）', '控股集团有限公司']; // prettier-ignore
const FUND_THEMES = ['成长', '价值', '优选', '红利', '科技', '消费', '医疗', '新能源', '均衡', '稳健'];
/** District codes (GB/T 2260) used in resident ID numbers and credit codes. */
const DISTRICTS = ['110105', '110108', '120101', '130102', '210202', '220102', '230103', '310104', '310115', '320102', '320583', '330106', '330212', '340104', '350203', '360102', '370202', '410105', '420106', '430104', '440106', '440305', '440306', '450103', '500103', '510107', '530102', '610113', '620102', '650102']; // prettier-ignore

// ---------------------------------------------------------------------------------------------
// Identifiers

function residentId(district: string, birth: string, seq: number): string {
  const body = `${district}${birth}${String(seq).padStart(3, '0')}`;
  return body + gb11643CheckChar(body);
}

function creditCode(district: string, serial: number): string {
  const org8 = String(serial % 100_000_000).padStart(8, '0');
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const c = 11 - ([...org8].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0) % 11);
  const body = `91${district}${org8}${c === 10 ? 'X' : c === 11 ? '0' : String(c)}`;
  return body + usccCheckChar(body);
}

// ---------------------------------------------------------------------------------------------
// The simulation

type Row = (string | null)[];

interface Holder {
  id: string;
  index: number;
  kind: 'person' | 'institution';
  category: string;
  name: string;
  idType: IdType;
  idNumber: string;
  opened: number;
  activity: number;
  dormant: boolean;
  accounts: Partial<Record<Route, Account>>;
}

interface Account {
  number: string;
  holder: Holder;
  opened: number;
  usable: boolean;
  positions: Map<number, Position>;
  entries: number;
}

interface Position {
  account: Account;
  security: DemoSecurity;
  balances: Record<Category, number>;
  last: number;
  lots: Lot[];
  freezes: Freeze[];
  pledges: Pledge[];
}

interface Lot {
  id: string;
  quantity: number;
  releaseDay: number;
  status: 'locked' | 'released';
  reason: string;
}

/** A freeze's course fixed in advance (the showcase cases), instead of drawn at random. */
interface FreezeFate {
  months: number;
  /** Released on this day; null: runs to its end. */
  releaseOn: number | null;
}

interface Freeze {
  fate?: FreezeFate;
  id: string;
  kind: 'judicial' | 'waiting';
  status: 'active' | 'waiting' | 'released' | 'expired';
  authority: string;
  caseNumber: string;
  quantity: number;
  frozen: number;
  queueNo: number;
  months: number;
  start: number | null;
  end: number | null;
  requested: number;
  released: number | null;
}

interface Pledge {
  id: string;
  pledgee: string;
  contract: string;
  quantity: number;
  status: 'active' | 'released';
  registered: number;
  released: number | null;
  replaces: string | null;
}

interface Event {
  priority: number;
  seq: number;
  run: (day: number) => void;
}

const held = (p: Position) => p.balances.tradable + p.balances.restricted;
const unencumbered = (p: Position) => held(p) - p.balances.frozen - p.balances.pledged;
const sellable = (p: Position) => Math.max(0, Math.min(p.balances.tradable, unencumbered(p)));
const lots100 = (n: number) => Math.max(100, Math.floor(n / 100) * 100);

/** Everything generated so far and not yet written. */
class Output {
  holders: Row[] = [];
  unified: Row[] = [];
  accounts: Row[] = [];
  details: Row[] = [];
  journal: Row[] = [];
  holdings: Row[] = [];
  freezes: Row[] = [];
  pledges: Row[] = [];
  lots: Row[] = [];
}

interface Totals {
  holders: number;
  unified: number;
  accounts: number;
  entries: number;
  positions: number;
  freezes: number;
  pledges: number;
  busiest: { account: string; entries: number };
  batchLines: Map<string, number>;
}

class Generator {
  constructor(
    private readonly ctx: AppContext,
    private readonly seed: number,
    private readonly totals: Totals,
  ) {}

  private out = new Output();

  /** The rows generated since the last call. */
  take(): Output {
    const out = this.out;
    this.out = new Output();
    return out;
  }

  pendingHolders(): number {
    return this.out.holders.length;
  }

  private rng!: Rng;
  private events: Event[][] = [];
  private seq = 0;
  private holders: Holder[] = [];
  private bySecurity = new Map<number, Position[]>();
  private idKeys = new Set<number>();
  /** Strings of the day being simulated, made once per day. */
  private today = { day: -1, iso: '', recorded: '' };

  /** Generates holders [from, to) and their whole history. */
  block(blockNo: number, from: number, to: number): void {
    this.rng = new Rng(this.seed, blockNo);
    this.events = Array.from({ length: END - START + 1 }, () => []);
    this.seq = 0;
    this.holders = [];
    this.bySecurity = new Map();
    const specials = blockNo === 0 ? this.specialHolders() : [];
    for (let i = from + specials.length; i < to; i++) this.holders.push(this.ordinaryHolder(i));
    this.holders.push(...specials);
    this.scheduleSecurities();
    for (const h of this.holders) this.scheduleHolder(h);
    if (specials.length) {
      this.scheduleSpecials(specials);
      this.scheduleShowcase();
    }
    for (let i = 0; i < this.events.length; i++) {
      const today = this.events[i]!;
      if (!today.length) continue;
      today.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      for (const e of today) e.run(START + i);
      this.events[i] = [];
    }
    this.finish();
  }

  private at(day: number, priority: number, run: (day: number) => void): void {
    if (day > END || day < START) return;
    this.events[day - START]!.push({ priority, seq: this.seq++, run });
  }

  // --- holders and accounts ----------------------------------------------------------------

  private uniqueKey(district: number, birthDay: number, seq: number): boolean {
    const key = (district * 60_000 + birthDay + 30_000) * 1000 + seq;
    if (this.idKeys.has(key)) return false;
    this.idKeys.add(key);
    return true;
  }

  private personIdentity(index: number, birthDay: number, male: boolean): { idType: IdType; idNumber: string } {
    const r = this.rng;
    const birth = iso(birthDay).replaceAll('-', '');
    const roll = r.next();
    if (roll < 0.97) {
      for (;;) {
        const d = r.int(DISTRICTS.length);
        const seq = r.int(500) * 2 + (male ? 1 : 0);
        if (this.uniqueKey(d, birthDay, seq)) return { idType: 'resident_id', idNumber: residentId(DISTRICTS[d]!, birth, seq) };
      }
    }
    if (roll < 0.98) {
      for (;;) {
        const d = r.int(3);
        const seq = r.int(500) * 2 + (male ? 1 : 0);
        if (this.uniqueKey(100 + d, birthDay, seq)) return { idType: 'residence_permit_hmt', idNumber: residentId(['810000', '820000', '830000'][d]!, birth, seq) };
      }
    }
    if (roll < 0.985) return { idType: 'travel_permit_hk_macao', idNumber: `${r.chance(0.8) ? 'H' : 'M'}${String(index % 100_000_000).padStart(8, '0')}` };
    if (roll < 0.99) return { idType: 'travel_permit_taiwan', idNumber: String(index % 100_000_000).padStart(8, '0') };
    if (roll < 0.995) return { idType: 'passport', idNumber: `DP${String(index).padStart(8, '0')}` };
    const body = `9110840${String(index).padStart(10, '0')}`;
    return { idType: 'foreign_permanent_residence', idNumber: body + gb11643CheckChar(body) };
  }

  private openedDay(): number {
    const r = this.rng;
    const roll = r.next();
    if (roll < 0.3) return dayOf('2001-01-02') + r.int(dayOf('2010-12-31') - dayOf('2001-01-02'));
    if (roll < 0.72) return dayOf('2011-01-04') + r.int(dayOf('2020-12-31') - dayOf('2011-01-04'));
    return START + r.int(END - START - 30);
  }

  private opening(day: number): [string, string, string] {
    const r = this.rng;
    const year = Number(iso(day).slice(0, 4));
    const method = year < 2013 ? 'counter' : year < 2016 ? r.pick(['counter', 'witness', 'witness', 'online']) : r.pick(['online', 'online', 'online', 'witness', 'counter']);
    return [r.chance(0.03) ? 'DEMO-CSD' : r.pick(AGENTS.slice(0, -1)), method, iso(day)];
  }

  private ordinaryHolder(index: number): Holder {
    const r = this.rng;
    // The rarer cases go by the holder's number, so that even a small registry has each of them.
    const fund = index % 100 === 3;
    const kind = fund || r.chance(0.05) ? 'institution' : 'person';
    let opened = this.openedDay();
    let name: string;
    let identity: { idType: IdType; idNumber: string };
    if (kind === 'person') {
      const male = r.chance(0.55);
      const birthDay = dayOf(`${r.between(1940, 2005)}-01-01`) + r.int(365);
      const adult = birthDay + 18 * 366;
      opened = Math.max(opened, adult + r.int(Math.min(2000, END - adult)));
      identity = this.personIdentity(index, birthDay, male);
      name = identity.idType === 'passport' || identity.idType === 'foreign_permanent_residence' ? `演示·${r.pick(FOREIGN)}` : `演示${r.pick(male ? MALE : FEMALE)}`;
    } else {
      identity = { idType: 'unified_social_credit_code', idNumber: creditCode(r.pick(DISTRICTS), 60_000_000 + index) };
      name = fund ? `演示${r.pick(FIRM_WORDS)}${r.pick(FUND_THEMES)}${r.pick(['混合型', '股票型', '灵活配置混合型'])}证券投资基金` : `演示${r.pick(FIRM_WORDS)}（${r.pick(FIRM_CITIES)}）${r.pick(FIRM_TYPES)}`;
    }
    const dormant = index % 50 === 7;
    const activity = dormant ? 0 : r.chance(0.03) ? r.between(30, 90) : Math.round(r.exp(kind === 'institution' ? 6 : 3.4));
    const h: Holder = { id: r.uuid(), index, kind, category: 'ordinary', name, ...identity, opened, activity, dormant, accounts: {} };
    this.emitHolder(h);

    // Unified account(s) and sub-accounts.
    const status = dormant ? 'dormant' : index % 250 === 11 ? 'reported_lost' : 'normal';
    const unified = `${kind === 'person' ? '1866' : '2866'}${String(index).padStart(8, '0')}`;
    this.emitUnified(h, unified, status, opened);
    const serial = String(index).padStart(8, '0');
    const usable = !dormant;
    if (fund) {
      this.emitAccount(h, unified, 'SH', `F8${serial}`, 'fund', false, status, opened, usable);
      this.emitAccount(h, unified, 'SZ', `001${String(index % 10_000_000).padStart(7, '0')}`, 'fund', false, status, opened, usable);
      return h;
    }
    const person = kind === 'person';
    if (!person || r.chance(0.93)) this.emitAccount(h, unified, 'SH', `${person ? 'A8' : 'B8'}${serial}`, 'a_share', false, status, opened, usable);
    if (!person || r.chance(0.9) || !h.accounts.SH) {
      const bj = r.chance(opened >= dayOf('2021-09-01') ? 0.35 : 0.15);
      this.emitAccount(h, unified, 'SZ', `${person ? '016' : '086'}${String(index % 10_000_000).padStart(7, '0')}`, 'a_share', bj, status, opened, usable);
    }
    if (person && index % 20 === 9) {
      const bOpened = Math.max(opened, dayOf('2001-02-19'));
      if (r.chance(0.7)) this.emitAccount(h, unified, 'SHB', `C9${serial}`, 'b_share', false, status, bOpened, usable);
      if (r.chance(0.7)) this.emitAccount(h, unified, 'SZB', `206${String(index % 10_000_000).padStart(7, '0')}`, 'b_share', false, status, bOpened, usable);
    }
    if (person && index % 33 === 5) {
      // A second unified account, opened later through another agent: mostly closed again or asleep.
      const second = `1867${String(index).padStart(8, '0')}`;
      const secondStatus = (['cancelled', 'dormant', 'cancelled', 'normal', 'dormant'] as const)[Math.floor(index / 33) % 5]!;
      const day = opened + 1 + r.int(Math.max(1, Math.min(3000, END - opened - 1)));
      this.emitUnified(h, second, secondStatus, day);
      this.out.accounts.push([`A7${serial}`, h.id, second, 'SH', 'a_share', 'false', secondStatus, ...this.opening(day)]);
      this.totals.accounts++;
    }
    return h;
  }

  private emitHolder(h: Holder): void {
    const vault = this.ctx.vault;
    this.out.holders.push([h.id, h.kind, h.category, h.name, h.idType, vault.encrypt(h.idNumber), vault.lookupHash(`id:${h.idType}`, h.idNumber), `${iso(h.opened)}T02:00:00.000Z`]);
    this.totals.holders++;
  }

  private emitUnified(h: Holder, number: string, status: string, opened: number): void {
    this.out.unified.push([number, h.id, status, ...this.opening(opened)]);
    this.totals.unified++;
  }

  private emitAccount(h: Holder, unified: string, route: Route, number: string, kind: string, bj: boolean, status: string, opened: number, usable: boolean, agent?: [string, string, string]): Account {
    const market = route === 'SHB' ? 'SH' : route === 'SZB' ? 'SZ' : route;
    this.out.accounts.push([number, h.id, unified, market, kind, String(bj), status, ...(agent ?? this.opening(opened))]);
    this.totals.accounts++;
    const account: Account = { number, holder: h, opened, usable, positions: new Map(), entries: 0 };
    h.accounts[route] = account;
    if (bj) h.accounts.BJ = account;
    return account;
  }

  private specialHolders(): Holder[] {
    const r = this.rng;
    const specs = [
      { category: 'nominee_hkscc', name: '演示香港中央结算有限公司', serial: 1, sh: '2014-11-17', sz: '2016-12-05', credit: false },
      { category: 'nominee_qfii', name: '演示环球投资银行有限公司（QFII）', serial: 2, sh: '2012-06-11', sz: '2012-06-11', credit: false },
      { category: 'credit_collateral', name: '演示证券股份有限公司客户信用交易担保证券账户', serial: 3, sh: '2010-03-31', sz: '2010-03-31', credit: true },
      { category: 'refinancing_collateral', name: '演示证券金融股份有限公司转融通担保证券账户', serial: 4, sh: '2012-08-30', sz: '2012-08-30', credit: true },
    ];
    return specs.map((s) => {
      const opened = dayOf(s.sh);
      const h: Holder = {
        id: r.uuid(),
        index: -s.serial,
        kind: 'institution',
        category: s.category,
        name: s.name,
        idType: 'unified_social_credit_code',
        idNumber: creditCode('440304', 90_000_000 + s.serial),
        opened,
        activity: 0,
        dormant: false,
        accounts: {},
      };
      this.emitHolder(h);
      const unified = `2800000000${String(s.serial).padStart(2, '0')}`;
      const agent: [string, string, string] = ['DEMO-CSD', 'counter', s.sh];
      this.out.unified.push([unified, h.id, 'normal', ...agent]);
      this.totals.unified++;
      this.emitAccount(h, unified, 'SH', `B88800000${s.serial}`, s.credit ? 'credit' : 'a_share', false, 'normal', opened, true, agent);
      this.emitAccount(h, unified, 'SZ', `088800000${s.serial}`, s.credit ? 'credit' : 'a_share', false, 'normal', dayOf(s.sz), true, ['DEMO-CSD', 'counter', s.sz]);
      return h;
    });
  }

  /** Detail accounts of the special holders, naming fictitious real holders behind them. */
  private emitDetails(specials: Holder[]): void {
    const r = this.rng;
    const vault = this.ctx.vault;
    const detail = (h: Holder, account: string, no: number, name: string, idType: IdType, idNumber: string) => {
      this.out.details.push([r.uuid(), h.id, account, String(no).padStart(6, '0'), name, idType, vault.encrypt(idNumber), vault.lookupHash(`id:${idType}`, idNumber)]);
    };
    const [hkscc, qfii, credit, refinancing] = specials as [Holder, Holder, Holder, Holder];
    for (let i = 1; i <= 40; i++) {
      const hk = r.chance(0.6);
      detail(
        hkscc,
        hkscc.accounts.SH!.number,
        i,
        hk ? `演示陈${r.pick(MALE)}` : `演示·${r.pick(FOREIGN)}`,
        hk ? 'travel_permit_hk_macao' : 'passport',
        hk ? `H${String(70_000_000 + i)}` : `DHK${String(i).padStart(7, '0')}`,
      );
    }
    for (let i = 1; i <= 12; i++) detail(qfii, qfii.accounts.SH!.number, i, `演示·${r.pick(FOREIGN)}`, 'passport', `DQF${String(i).padStart(7, '0')}`);
    const clients = this.holders.filter((h) => h.category === 'ordinary' && h.kind === 'person' && h.idType === 'resident_id' && !h.dormant).slice(0, 30);
    clients.forEach((c, i) => {
      detail(credit, credit.accounts.SH!.number, i + 1, c.name, c.idType, c.idNumber);
      detail(credit, credit.accounts.SZ!.number, i + 1, c.name, c.idType, c.idNumber);
    });
    const brokers = ['演示证券股份有限公司', '演示东方证券有限责任公司', '演示南方证券股份有限公司', '演示北方证券股份有限公司'];
    brokers.forEach((name, i) => detail(refinancing, refinancing.accounts.SH!.number, i + 1, name, 'unified_social_credit_code', creditCode('110102', 91_000_000 + i)));
  }

  // --- the journal -------------------------------------------------------------------------

  private position(account: Account, security: DemoSecurity): Position {
    let p = account.positions.get(security.id);
    if (!p) {
      p = { account, security, balances: { tradable: 0, restricted: 0, frozen: 0, pledged: 0 }, last: 0, lots: [], freezes: [], pledges: [] };
      account.positions.set(security.id, p);
      let list = this.bySecurity.get(security.id);
      if (!list) this.bySecurity.set(security.id, (list = []));
      list.push(p);
    }
    return p;
  }

  private entry(p: Position, type: BusinessTypeName, category: Category, quantity: number, day: number, batch: string, reference: string | null = null): void {
    if (quantity === 0) return;
    const balance = (p.balances[category] += quantity);
    if (balance < 0 || p.balances.frozen + p.balances.pledged > held(p)) throw new Error(`demo generator broke an invariant at ${p.account.number} ${p.security.code} ${iso(day)}`);
    p.last = day;
    if (this.today.day !== day) this.today = { day, iso: iso(day), recorded: `${iso(day)}T10:00:00.000Z` };
    const batchId = `demo-${batch}-${this.today.iso}`;
    const line = (this.totals.batchLines.get(batchId) ?? 0) + 1;
    this.totals.batchLines.set(batchId, line);
    this.out.journal.push([p.account.holder.id, p.account.number, String(p.security.id), type, category, String(quantity), String(balance), this.today.iso, batchId, String(line), reference, this.today.recorded]);
    p.account.entries++;
    this.totals.entries++;
  }

  private tradeable(s: DemoSecurity, day: number): boolean {
    return day >= dayOf(s.listed) && (!s.delisted || day < dayOf(s.delisted));
  }

  private accountFor(h: Holder, s: DemoSecurity, day: number): Account | undefined {
    const a = h.accounts[s.route];
    return a && a.usable && a.opened <= day ? a : undefined;
  }

  private randomHolderWith(s: DemoSecurity, day: number, not: Holder): Account | undefined {
    for (let tries = 0; tries < 12; tries++) {
      const h = this.rng.pick(this.holders);
      if (h === not || h.category !== 'ordinary') continue;
      const a = this.accountFor(h, s, day);
      if (a) return a;
    }
    return undefined;
  }

  private randomSeller(s: DemoSecurity, not: Holder): Position | undefined {
    const list = this.bySecurity.get(s.id);
    if (!list?.length) return undefined;
    for (let tries = 0; tries < 12; tries++) {
      const p = this.rng.pick(list);
      if (p.account.holder !== not && sellable(p) > 0) return p;
    }
    return undefined;
  }

  private scheduleSecurities(): void {
    for (const s of SECURITIES) {
      this.at(dayOf(s.listed), 0, (day) => this.list(s, day));
      for (const [exDate, ratio] of s.bonus ?? []) this.at(nextTradingDay(dayOf(exDate)), 0, (day) => this.bonus(s, ratio, day));
      if (s.delisted) this.at(dayOf(s.delisted), 0, (day) => this.exit(s, day));
    }
  }

  /** Opening balances on the first day of the history, or an IPO: allotments and pre-IPO restricted shares. */
  private list(s: DemoSecurity, day: number): void {
    const r = this.rng;
    const reference = s.ipo ? '首次公开发行' : '期初余额';
    for (const h of this.holders) {
      const a = this.accountFor(h, s, day);
      if (!a) continue;
      const big = h.kind === 'institution' ? 40 : 1;
      if (h.category !== 'ordinary') {
        if (!s.connect || s.ipo || (h.category === 'refinancing_collateral' && r.chance(0.5))) continue;
        this.entry(this.position(a, s), 'initial_registration', 'tradable', lots100(r.between(2_000_000, 30_000_000)), day, 'corporate', reference);
      } else if (s.ipo) {
        if (r.chance(0.012 * big)) this.restrictedLot(this.position(a, s), lots100(r.exp(2_000_000)), day, addMonthsDay(day, r.pick([12, 36])), 'initial_registration', '首发前限售股');
        else if (r.chance(0.07)) this.entry(this.position(a, s), 'initial_registration', 'tradable', s.ipoLot! * r.between(1, 3), day, 'corporate', reference);
      } else if (r.chance(s.route === 'SHB' || s.route === 'SZB' ? 0.3 : 0.11)) {
        const p = this.position(a, s);
        this.entry(p, 'initial_registration', 'tradable', lots100(Math.exp(r.next() * 2.5 + r.next() * 2.5 + 4) * big), day, 'corporate', reference);
        if (h.kind === 'institution' && !s.delisted && r.chance(0.08)) this.restrictedLot(p, lots100(r.exp(500_000)), day, nextTradingDay(day + r.between(60, 600)), 'initial_registration', '非公开发行限售股');
      }
    }
  }

  private restrictedLot(p: Position, quantity: number, day: number, releaseDay: number, type: BusinessTypeName, reason: string): void {
    const lot: Lot = { id: this.rng.uuid(), quantity, releaseDay: nextTradingDay(releaseDay), status: 'locked', reason };
    p.lots.push(lot);
    // Shares held never dip between the two lines of a move, so encumbrances stay covered line by line.
    this.entry(p, type, 'restricted', quantity, day, 'corporate', reason);
    if (type === 'lockup_registration') this.entry(p, type, 'tradable', -quantity, day, 'corporate', reason);
    this.at(lot.releaseDay, 0, (d) => {
      this.entry(p, 'lockup_release', 'tradable', lot.quantity, d, 'corporate', reason);
      this.entry(p, 'lockup_release', 'restricted', -lot.quantity, d, 'corporate', reason);
      lot.status = 'released';
    });
  }

  private bonus(s: DemoSecurity, ratio: number, day: number): void {
    const reference = `${s.name}权益分派：每10股转增${Math.round(ratio * 100) / 10}股`;
    for (const p of this.bySecurity.get(s.id) ?? []) {
      this.entry(p, 'bonus_shares', 'tradable', Math.floor(p.balances.tradable * ratio), day, 'corporate', reference);
      let restricted = 0;
      for (const lot of p.lots) {
        if (lot.status !== 'locked') continue;
        const extra = Math.floor(lot.quantity * ratio);
        lot.quantity += extra;
        restricted += extra;
      }
      this.entry(p, 'bonus_shares', 'restricted', restricted, day, 'corporate', reference);
    }
  }

  private exit(s: DemoSecurity, day: number): void {
    for (const p of this.bySecurity.get(s.id) ?? []) {
      this.entry(p, 'exit_registration', 'tradable', -p.balances.tradable, day, 'corporate', '终止上市，退出登记');
      this.entry(p, 'exit_registration', 'restricted', -p.balances.restricted, day, 'corporate', '终止上市，退出登记');
    }
  }

  private scheduleHolder(h: Holder): void {
    if (h.dormant || h.category !== 'ordinary') return;
    const r = this.rng;
    const first = tradingIndex(Math.max(h.opened, START));
    if (first >= TRADING_DAYS.length) return;
    const randomDay = () => TRADING_DAYS[first + r.int(TRADING_DAYS.length - first)]!;
    for (let i = 0; i < h.activity; i++) this.at(randomDay(), 2, (day) => this.trade(h, day));
    if (r.chance(h.kind === 'person' ? 0.012 : 0.04)) this.at(randomDay(), 1, (day) => this.freeze(h, day));
    if (r.chance(h.kind === 'person' ? 0.015 : 0.15)) this.at(randomDay(), 1, (day) => this.pledge(h, day));
    if (h.kind === 'person' && r.chance(0.004)) this.at(randomDay(), 1, (day) => this.lockup(h, day));
    if (h.kind === 'person' && r.chance(0.003)) this.at(randomDay(), 2, (day) => this.inherit(h, day));
  }

  private positionsOf(h: Holder, day: number, ok: (p: Position) => boolean): Position[] {
    const found: Position[] = [];
    for (const a of Object.values(h.accounts)) {
      if (!a || a.opened > day || !a.usable) continue;
      for (const p of a.positions.values()) if (this.tradeable(p.security, day) && ok(p) && !found.includes(p)) found.push(p);
    }
    return found;
  }

  private trade(h: Holder, day: number): void {
    const r = this.rng;
    const mine = this.positionsOf(h, day, (p) => sellable(p) > 0);
    if (mine.length && r.chance(0.55)) {
      const p = r.pick(mine);
      const buyer = this.randomHolderWith(p.security, day, h);
      if (!buyer) return;
      const available = sellable(p);
      const quantity = r.chance(0.35) ? available : Math.min(available, lots100(available * r.next()));
      this.settle(p, this.position(buyer, p.security), quantity, day);
      return;
    }
    const candidates = SECURITIES.filter((s) => this.tradeable(s, day) && this.accountFor(h, s, day));
    if (!candidates.length) return;
    const s = r.pick(candidates);
    const seller = this.randomSeller(s, h);
    if (!seller) return;
    const quantity = Math.min(sellable(seller), 100 * Math.ceil(r.exp(h.kind === 'institution' ? 200 : 15)));
    this.settle(seller, this.position(this.accountFor(h, s, day)!, s), quantity, day);
  }

  private settle(from: Position, to: Position, quantity: number, day: number): void {
    if (quantity <= 0 || from === to) return;
    this.entry(from, 'trade_settlement', 'tradable', -quantity, day, 'settlement');
    this.entry(to, 'trade_settlement', 'tradable', quantity, day, 'settlement');
  }

  private inherit(h: Holder, day: number): void {
    const r = this.rng;
    const [p] = this.positionsOf(h, day, (q) => sellable(q) > 0 && q.balances.frozen === 0 && q.balances.pledged === 0);
    if (!p) return;
    const heir = this.randomHolderWith(p.security, day, h);
    if (!heir) return;
    const reference = r.chance(0.7) ? '继承' : '赠与';
    const quantity = sellable(p);
    this.entry(p, 'non_trade_transfer', 'tradable', -quantity, day, 'transfer', reference);
    this.entry(this.position(heir, p.security), 'non_trade_transfer', 'tradable', quantity, day, 'transfer', reference);
  }

  private lockup(h: Holder, day: number): void {
    const [p] = this.positionsOf(h, day, (q) => sellable(q) >= 1000 && !q.security.delisted);
    if (!p) return;
    this.restrictedLot(p, lots100(sellable(p) * 0.75), day, addMonthsDay(day, this.rng.pick([6, 12, 18])), 'lockup_registration', '高管锁定股');
  }

  private largest(h: Holder, day: number): Position | undefined {
    const candidates = this.positionsOf(h, day, (p) => unencumbered(p) >= 100 && !p.security.delisted);
    return candidates.sort((a, b) => unencumbered(b) - unencumbered(a))[0];
  }

  private freeze(h: Holder, day: number): void {
    const r = this.rng;
    const p = this.largest(h, day);
    if (!p) return;
    const quantity = r.chance(0.6) ? unencumbered(p) : lots100(unencumbered(p) * r.next());
    this.courtOrder(p, Math.min(quantity, unencumbered(p)), day);
    // Another court queues behind the first one, for the same shares.
    if (r.chance(0.3)) this.at(nextTradingDay(day + r.between(10, 200)), 1, (d) => this.courtOrder(p, Math.max(100, quantity), d));
  }

  /** A court's order: it freezes what is unencumbered at once and the rest waits in the queue (DOMAIN.md, "Judicial freeze"). */
  private courtOrder(p: Position, quantity: number, day: number, fate?: FreezeFate): Freeze {
    const r = this.rng;
    const [authority, code] = r.pick(COURTS);
    const year = iso(day).slice(0, 4);
    const f: Freeze = {
      id: r.uuid(),
      kind: 'judicial',
      status: 'active',
      authority,
      caseNumber: `（${year}）${code}执${r.between(100, 9999)}号`,
      quantity,
      frozen: 0,
      queueNo: p.freezes.length + 1,
      months: fate?.months ?? r.pick([6, 12, 24, 24]),
      start: null,
      end: null,
      requested: day,
      released: null,
      fate,
    };
    p.freezes.push(f);
    if (unencumbered(p) > 0) {
      this.startFreeze(p, f, day, 'judicial_freeze');
    } else {
      f.kind = 'waiting';
      f.status = 'waiting';
      if (!fate && r.chance(0.1)) {
        this.at(nextTradingDay(day + r.between(20, 300)), 1, (d) => {
          if (f.status !== 'waiting') return;
          f.status = 'released';
          f.released = d;
        });
      }
    }
    return f;
  }

  private startFreeze(p: Position, f: Freeze, day: number, type: 'judicial_freeze' | 'waiting_freeze_effective'): void {
    const r = this.rng;
    f.status = 'active';
    f.frozen = Math.min(f.quantity, unencumbered(p));
    f.start = day;
    f.end = dayOf(termEnd(iso(day), f.months));
    // Renewed (续冻) shortly before it ran out: the new term runs from the day after the previous end.
    if (!f.fate && r.chance(0.2)) f.end = dayOf(termEnd(iso(f.end + 1), 24));
    this.entry(p, type, 'frozen', f.frozen, day, 'encumbrance', f.caseNumber);
    const end = f.end;
    const releaseOn = f.fate ? f.fate.releaseOn : r.chance(0.55) ? nextTradingDay(day + r.between(15, Math.max(16, end - day))) : null;
    if (releaseOn !== null) this.at(releaseOn, 1, (d) => this.endFreeze(p, f, d, 'released'));
    this.at(end + 1, 1, (d) => this.endFreeze(p, f, d, 'expired'));
  }

  private endFreeze(p: Position, f: Freeze, day: number, how: 'released' | 'expired'): void {
    if (f.status !== 'active') return;
    f.status = how;
    f.released = day;
    this.entry(p, how === 'released' ? 'judicial_release' : 'freeze_expiry', 'frozen', -f.frozen, day, 'encumbrance', f.caseNumber);
    // The waiting parts take effect in queue order as far as the freed shares go; the rest keeps waiting.
    for (const w of p.freezes) {
      if ((w.status !== 'waiting' && w.status !== 'active') || w.frozen >= w.quantity) continue;
      if (unencumbered(p) <= 0) break;
      if (w.status === 'waiting') this.startFreeze(p, w, day, 'waiting_freeze_effective');
      else this.freezeMoreOf(p, w, day);
    }
  }

  /** More of an order in force takes effect; it joins the order's running term. */
  private freezeMoreOf(p: Position, f: Freeze, day: number): void {
    const take = Math.min(f.quantity - f.frozen, unencumbered(p));
    f.frozen += take;
    this.entry(p, 'waiting_freeze_effective', 'frozen', take, day, 'encumbrance', f.caseNumber);
  }

  private pledge(h: Holder, day: number): void {
    const r = this.rng;
    const p = this.largest(h, day);
    if (!p || unencumbered(p) < 1000) return;
    const quantity = lots100(unencumbered(p) * (0.3 + 0.5 * r.next()));
    this.registerPledge(p, quantity, day, r.pick(PLEDGEES), `ZY${iso(day).slice(0, 4)}${String(r.int(1_000_000)).padStart(6, '0')}`, null);
  }

  /** A pledge; `partialOn` (the showcase) releases half on that day and keeps the rest pledged to the end. */
  private registerPledge(p: Position, quantity: number, day: number, pledgee: string, contract: string, replaces: string | null, partialOn?: number | 'kept'): void {
    const r = this.rng;
    const pledge: Pledge = { id: r.uuid(), pledgee, contract, quantity, status: 'active', registered: day, released: null, replaces };
    p.pledges.push(pledge);
    this.entry(p, 'pledge', 'pledged', quantity, day, 'encumbrance', contract);
    if (partialOn === 'kept') return;
    const roll = partialOn === undefined ? r.next() : 0.3;
    if (roll < 0.2) return; // still in force
    this.at(partialOn ?? nextTradingDay(day + r.between(60, 900)), 1, (d) => {
      if (pledge.status !== 'active') return;
      pledge.status = 'released';
      pledge.released = d;
      // As the registry does: the whole pledge is released, and a remainder is pledged again.
      this.entry(p, 'pledge_release', 'pledged', -pledge.quantity, d, 'encumbrance', contract);
      if (roll < 0.4 && pledge.quantity >= 200) this.registerPledge(p, lots100(pledge.quantity / 2), d, pledgee, contract, pledge.id, partialOn === undefined ? undefined : 'kept');
    });
  }

  /**
   * Block 0, whatever its size, shows every kind of case at least once: a freeze with a
   * waiting freeze that takes effect when it is released, a freeze in force at the end,
   * a pledge released in part, an executive's lock-up, an inheritance.
   */
  private scheduleShowcase(): void {
    const chosen = new Set<Holder>();
    const person = (day: number, ok: (p: Position) => boolean) => {
      let best: Position | undefined;
      for (const h of this.holders) {
        if (h.kind !== 'person' || h.category !== 'ordinary' || chosen.has(h)) continue;
        for (const p of this.positionsOf(h, day, (q) => ok(q) && !q.security.delisted)) if (!best || unencumbered(p) > unencumbered(best)) best = p;
      }
      if (best) chosen.add(best.account.holder);
      return best;
    };
    const on = (date: string) => nextTradingDay(dayOf(date));
    this.at(on('2022-03-01'), 1, (day) => {
      const p = person(day, (q) => unencumbered(q) >= 1000);
      if (!p) return;
      const first = this.courtOrder(p, unencumbered(p), day, { months: 12, releaseOn: on('2023-02-15') });
      // Asks for more than is free: it takes what is free and the rest waits in the queue.
      this.at(on('2022-05-10'), 1, (d) => this.courtOrder(p, first.quantity + unencumbered(p) + 100, d, { months: 24, releaseOn: null }));
    });
    this.at(on('2025-09-01'), 1, (day) => {
      const p = person(day, (q) => unencumbered(q) >= 1000);
      if (p) this.courtOrder(p, lots100(unencumbered(p) / 2), day, { months: 24, releaseOn: null });
    });
    this.at(on('2021-06-01'), 1, (day) => {
      const p = person(day, (q) => unencumbered(q) >= 2000);
      if (p) this.registerPledge(p, lots100(unencumbered(p) * 0.6), day, PLEDGEES[0]!, 'ZY2021000001', null, on('2022-06-01'));
    });
    this.at(on('2023-03-01'), 1, (day) => {
      const p = person(day, (q) => sellable(q) >= 1000);
      if (p) this.restrictedLot(p, lots100(sellable(p) * 0.75), day, addMonthsDay(day, 12), 'lockup_registration', '高管锁定股');
    });
    this.at(on('2024-04-01'), 2, (day) => {
      const p = person(day, (q) => sellable(q) > 0 && q.balances.frozen === 0 && q.balances.pledged === 0);
      if (p) this.inherit(p.account.holder, day);
    });
  }

  private scheduleSpecials(specials: Holder[]): void {
    const [hkscc, qfii, credit, refinancing] = specials as [Holder, Holder, Holder, Holder];
    const r = this.rng;
    TRADING_DAYS.forEach((day, i) => {
      for (let k = 0; k < 2; k++) this.at(day, 2, (d) => this.specialTrade(hkscc.accounts.SH!, d, 'SH'));
      this.at(day, 2, (d) => this.specialTrade(hkscc.accounts.SZ!, d, 'SZ'));
      this.at(day, 2, (d) => this.specialTrade(credit.accounts[i % 2 ? 'SH' : 'SZ']!, d, i % 2 ? 'SH' : 'SZ'));
      const route = r.chance(0.5) ? 'SH' : 'SZ';
      if (i % 5 === 0) this.at(day, 2, (d) => this.specialTrade(qfii.accounts[route]!, d, route));
      if (i % 10 === 0) this.at(day, 2, (d) => this.specialTrade(refinancing.accounts.SH!, d, 'SH'));
    });
  }

  private specialTrade(account: Account, day: number, route: 'SH' | 'SZ'): void {
    const r = this.rng;
    if (account.opened > day) return;
    const candidates = SECURITIES.filter((s) => s.route === route && s.connect && this.tradeable(s, day));
    if (!candidates.length) return;
    const s = r.pick(candidates);
    const mine = this.position(account, s);
    if (sellable(mine) > 0 && r.chance(0.5)) {
      const buyer = this.randomHolderWith(s, day, account.holder);
      if (buyer) this.settle(mine, this.position(buyer, s), Math.min(sellable(mine), 100 * r.between(1, 200)), day);
    } else {
      const seller = this.randomSeller(s, account.holder);
      if (seller) this.settle(seller, mine, Math.min(sellable(seller), 100 * r.between(1, 100)), day);
    }
  }

  // --- end of the block: balances and encumbrances as they stand -------------------------------

  private finish(): void {
    const specials = this.holders.filter((h) => h.category !== 'ordinary');
    if (specials.length === 4) this.emitDetails(specials);
    for (const h of this.holders) {
      const seen = new Set<Account>();
      for (const a of Object.values(h.accounts)) {
        if (!a || seen.has(a)) continue;
        seen.add(a);
        for (const p of a.positions.values()) {
          if (!p.last) continue;
          const at = (day: number | null) => (day === null ? null : iso(day));
          const b = p.balances;
          this.out.holdings.push([a.number, String(p.security.id), h.id, String(b.tradable), String(b.restricted), String(b.frozen), String(b.pledged), iso(p.last)]);
          this.totals.positions++;
          for (const f of p.freezes) {
            this.out.freezes.push([
              f.id,
              h.id,
              a.number,
              String(p.security.id),
              f.kind,
              f.status,
              f.authority,
              f.caseNumber,
              String(f.quantity),
              String(f.frozen),
              String(f.queueNo),
              String(f.months),
              at(f.start),
              at(f.end),
              iso(f.requested),
              at(f.released),
              `${iso(f.requested)}T02:00:00.000Z`,
            ]);
            this.totals.freezes++;
          }
          for (const g of p.pledges) {
            this.out.pledges.push([g.id, h.id, a.number, String(p.security.id), g.pledgee, g.contract, String(g.quantity), g.status, iso(g.registered), at(g.released), g.replaces, `${iso(g.registered)}T02:00:00.000Z`]);
            this.totals.pledges++;
          }
          for (const lot of p.lots) this.out.lots.push([lot.id, h.id, a.number, String(p.security.id), String(lot.quantity), iso(lot.releaseDay), lot.status, lot.reason]);
        }
        if (a.entries > this.totals.busiest.entries) this.totals.busiest = { account: a.number, entries: a.entries };
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

const tables: [keyof Output, string, string[]][] = [
  ['holders', 'holders', ['id', 'kind', 'category', 'name', 'id_type', 'id_number_enc', 'id_number_hash', 'created_at']],
  ['unified', 'unified_accounts', ['number', 'holder_id', 'status', 'opening_agent', 'opening_method', 'opened_on']],
  ['accounts', 'securities_accounts', ['number', 'holder_id', 'unified_account_number', 'market', 'kind', 'beijing_enabled', 'status', 'opening_agent', 'opening_method', 'opened_on']],
  ['details', 'detail_accounts', ['id', 'holder_id', 'securities_account_number', 'detail_no', 'beneficiary_name', 'beneficiary_id_type', 'beneficiary_id_enc', 'beneficiary_id_hash']],
  ['journal', 'holding_changes', ['holder_id', 'account_number', 'security_id', 'business_type', 'category', 'quantity', 'balance_after', 'effective_on', 'batch_id', 'line_no', 'reference', 'recorded_at']],
  ['holdings', 'holdings', ['account_number', 'security_id', 'holder_id', 'tradable', 'restricted', 'frozen', 'pledged', 'last_effective_on']],
  [
    'freezes',
    'freezes',
    [
      'id',
      'holder_id',
      'account_number',
      'security_id',
      'kind',
      'status',
      'authority',
      'case_number',
      'quantity',
      'frozen_quantity',
      'queue_no',
      'period_months',
      'start_on',
      'end_on',
      'requested_on',
      'released_on',
      'created_at',
    ],
  ],
  ['pledges', 'pledges', ['id', 'holder_id', 'account_number', 'security_id', 'pledgee', 'contract_number', 'quantity', 'status', 'registered_on', 'released_on', 'replaces_pledge_id', 'created_at']],
  ['lots', 'restricted_lots', ['id', 'holder_id', 'account_number', 'security_id', 'quantity', 'release_on', 'status', 'reason']],
];

async function* each(list: Row[]): AsyncIterable<Row> {
  yield* list;
}

async function flush(load: BulkLoader, out: Output): Promise<void> {
  for (const [key, table, columns] of tables) {
    const list = out[key];
    if (list.length) await load(table, columns, each(list));
    out[key] = [];
  }
}

/**
 * Drops the secondary indexes of tables about to be bulk-loaded (not primary keys or
 * other constraints) and returns their definitions, to build them again once loaded:
 * a sorted build is several times cheaper than millions of insertions.
 */
async function dropSecondaryIndexes(ex: Executor, tableNames: string[]): Promise<string[]> {
  // Only the tables' owner may drop indexes: the application's own role (platform/db/roles.ts)
  // loads with them in place, slower but the same; `clearhall seed` runs as the owner.
  const [owner] = await rows<{ owns: boolean }>(
    ex,
    sql`select coalesce(bool_and(pg_has_role(current_user, tableowner, 'USAGE')), false) as owns from pg_tables where schemaname = current_schema() and tablename in ${tableNames}`,
  );
  if (!owner?.owns) return [];
  const found = await rows<{ name: string; definition: string }>(
    ex,
    sql`select indexname as name, indexdef as definition from pg_indexes
        where schemaname = current_schema() and tablename in ${tableNames}
          and indexname not in (select conname from pg_constraint where connamespace = current_schema()::regnamespace)
        order by tablename, indexname`,
  );
  for (const index of found) await ex.execute(sql.raw(`drop index "${index.name}"`));
  return found.map((index) => index.definition);
}

async function isEmpty(ex: Executor): Promise<boolean> {
  const [row] = await rows<{ used: boolean }>(ex, sql`select exists (select 1 from holders) or exists (select 1 from securities) or exists (select 1 from holding_changes) as used`);
  return !row?.used;
}

/**
 * Fills an empty registry with the demo data, in one transaction; returns null
 * (and changes nothing) when the registry already holds holders, securities or
 * journal entries.
 */
export async function seedRegistryDemo(ctx: AppContext, options: RegistryDemoOptions = {}): Promise<RegistryDemoSummary | null> {
  const total = options.holders ?? DEMO_REGISTRY_HOLDERS;
  if (!Number.isInteger(total) || total < 50) throw new RangeError('the demo registry needs at least 50 holders');
  if (!(await isEmpty(ctx.db))) return null;
  const seed = options.seed ?? 20210104;
  const totals: Totals = { holders: 0, unified: 0, accounts: 0, entries: 0, positions: 0, freezes: 0, pledges: 0, busiest: { account: '', entries: 0 }, batchLines: new Map() };
  const summary = await withBulkTransaction(ctx.database, async (ex, load): Promise<RegistryDemoSummary | null> => {
    if (!(await isEmpty(ex))) return null;
    for (const s of SECURITIES) {
      await registerSecurity(ex, { id: s.id, code: s.code, market: s.market, name: s.name, isin: isinOf(s), parValue: '1.0000' });
    }
    await ex.execute(sql`update securities set status = 'delisted' where id in ${SECURITIES.filter((s) => s.delisted).map((s) => s.id)}`);

    const indexes = await dropSecondaryIndexes(
      ex,
      tables.map(([, table]) => table),
    );
    const generator = new Generator(ctx, seed, totals);
    // One chunk is written while the next is generated: the event loop is let go between blocks.
    let writing: Promise<void> = Promise.resolve();
    for (let from = 0, blockNo = 0; from < total; from += BLOCK, blockNo++) {
      generator.block(blockNo, from, Math.min(total, from + BLOCK));
      if (generator.pendingHolders() >= FLUSH_HOLDERS || from + BLOCK >= total) {
        await writing;
        writing = flush(load, generator.take());
        writing.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
      }
      options.onProgress?.(Math.min(total, from + BLOCK), total);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writing;
    for (const definition of indexes) await ex.execute(sql.raw(definition));

    const appliedAt = new Date(`${DEMO_HISTORY.to}T12:00:00.000Z`);
    const batches = [...totals.batchLines].sort(([a], [b]) => a.localeCompare(b));
    await load(
      'change_batches',
      ['id', 'source', 'content_hash', 'row_count', 'status', 'applied_at', 'applied_by'],
      each(batches.map(([id, n]) => [id, 'seed', createHash('sha256').update(`demo:${seed}:${id}:${n}`).digest('hex'), String(n), 'applied', `${id.slice(-10)}T10:00:00.000Z`, 'demo-seed'])),
    );
    await audit(ex, appliedAt, { requestId: 'seed' }, { actor: { kind: 'system' }, action: 'registry.demo_seeded', objectType: 'registry', details: { holders: totals.holders, entries: totals.entries, seed } });
    await ex.execute(sql`analyze holders, unified_accounts, securities_accounts, detail_accounts, securities, holding_changes, holdings, freezes, pledges, restricted_lots, change_batches`);
    return {
      holders: totals.holders,
      unifiedAccounts: totals.unified,
      securitiesAccounts: totals.accounts,
      securities: SECURITIES.length,
      entries: totals.entries,
      positions: totals.positions,
      freezes: totals.freezes,
      pledges: totals.pledges,
      busiestAccount: totals.busiest.account,
    };
  });
  if (summary) summary.ipo = await seedIpoDemo(ctx);
  return summary;
}
