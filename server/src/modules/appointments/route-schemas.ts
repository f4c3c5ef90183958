import { Type } from '@sinclair/typebox';
import { Obj, Str } from '../../platform/http/schemas.ts';
import { IsoDay } from '../../kernel/wire.ts';

export const Region = Type.Union([Type.Literal('beijing'), Type.Literal('shanghai'), Type.Literal('shenzhen')], { description: '办理地区: 北京 | 上海 | 深圳' });
export const CategoryCode = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', maxLength: 40, description: '业务类别 code' });
const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', maxLength: 5, description: 'HH:MM, Beijing time' });

export const PeriodSchema = Obj({ starts: HHMM, ends: HHMM });

export const ScheduleSchema = Obj({
  openWeekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7, uniqueItems: true, description: 'ISO weekdays open: 1 Monday … 7 Sunday' }),
  periods: Type.Array(PeriodSchema, { minItems: 1, maxItems: 24 }),
  categories: Type.Array(
    Obj({
      code: CategoryCode,
      name: Str(40, { minLength: 1 }),
      nameEn: Str(80, { minLength: 1 }),
      prefix: Type.String({ pattern: '^[A-Z]$', description: 'the letter of its queue numbers' }),
      capacity: Type.Integer({ minimum: 0, maximum: 1000, description: 'places per period' }),
      capacities: Type.Optional(Type.Record(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), Type.Integer({ minimum: 0, maximum: 1000 }), { description: 'places in particular periods, by start' })),
    }),
    { minItems: 1, maxItems: 26 },
  ),
});

export const HallSchema = Obj({
  region: Type.String(),
  name: Type.String(),
  address: Type.String(),
  notes: Type.String({ description: '预约说明' }),
  openWeekdays: Type.Array(Type.Integer()),
  periods: Type.Array(PeriodSchema),
  categories: Type.Array(Obj({ code: Type.String(), name: Type.String(), nameEn: Type.String() })),
});

export const StaffHallSchema = Obj({ region: Type.String(), name: Type.String(), address: Type.String(), notes: Type.String(), schedule: ScheduleSchema, updatedAt: Type.String() });

export const AppointmentSchema = Obj({
  id: Type.String(),
  code: Type.String({ description: '预约码' }),
  region: Type.String(),
  hallName: Type.String(),
  agentType: Type.Union([Type.Literal('domestic'), Type.Literal('overseas')], { description: '经办人类型: 境内客户 | 境外客户' }),
  agentNameMasked: Type.String({ description: '经办人姓名, masked' }),
  employer: Type.String({ description: '经办人单位' }),
  idType: Type.String(),
  idNumberMasked: Type.String({ description: '证件号码, masked' }),
  category: Type.String(),
  categoryName: Type.String({ description: '业务类别' }),
  categoryNameEn: Type.String(),
  items: Type.Integer({ description: '业务笔数' }),
  day: Type.String({ description: '预约日期' }),
  periodStarts: Type.String(),
  periodEnds: Type.String(),
  status: Type.Union(['booked', 'checked_in', 'cancelled', 'hall_cancelled', 'no_show', 'served'].map((s) => Type.Literal(s))),
  createdAt: Type.String(),
  cancellableUntil: Type.String(),
  cancellable: Type.Boolean({ description: 'whether 取消预约 is still allowed' }),
});

export const TicketSchema = Obj({
  number: Type.String({ description: '排队号' }),
  code: Type.String({ description: '排队码' }),
  category: Type.String(),
  categoryName: Type.String(),
  categoryNameEn: Type.String(),
  waitingBefore: Type.Integer({ description: '目前等待人数' }),
});

export const BookingBody = Obj({
  region: Region,
  agentType: Type.Union([Type.Literal('domestic'), Type.Literal('overseas')], { description: '经办人类型: 境内客户 | 境外客户' }),
  agentName: Str(50, { minLength: 1, description: '经办人姓名' }),
  employer: Str(100, { minLength: 1, description: '经办人单位' }),
  idType: Type.Optional(
    Type.Union(
      ['resident_id', 'passport', 'travel_permit_hk_macao', 'travel_permit_taiwan', 'residence_permit_hmt', 'foreign_permanent_residence'].map((s) => Type.Literal(s)),
      {
        description: 'the agent’s document: 境内客户 resident_id (default); 境外客户 passport (default) or a permit',
      },
    ),
  ),
  idNumber: Str(40, { minLength: 1, description: '证件号码' }),
  category: CategoryCode,
  items: Type.Integer({ minimum: 1, maximum: 99, description: '业务笔数' }),
  day: IsoDay,
  period: HHMM,
  rulesAccepted: Type.Boolean({ description: '《中国结算业务预约规则》 read and accepted' }),
});
